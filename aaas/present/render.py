"""Rendering for the terminal (text), Markdown, CSV and JSON: the report's tables
(:func:`render`) and the parameter sets (:func:`render_parametres`)."""

from __future__ import annotations

import io
import json
import math
import unicodedata

import pandas as pd

from .. import fmt
from ..models import conventions, parameters

FORMATS = ("text", "csv", "json", "markdown")
ENTETES = ["Libellé", "Rapport", "Recalculé", "Écart", "Statut", "Errata"]


def formatted(df: pd.DataFrame) -> pd.DataFrame:
    """Display strings of a report table (French number format, gap flagged)."""
    rows = []
    for label, r in df.iterrows():
        rows.append(
            [
                label,
                "" if _nan(r["rapport"]) else _printed(r["rapport"], r),
                fmt.valeur(r["recalcule"], r["unite"], _display_precision(r)),
                fmt.ecart(r["ecart"], r["unite"], _gap_precision(r)),
                r["statut"],
                r["errata"],
            ]
        )
    return pd.DataFrame(rows, columns=ENTETES)


def _display_precision(r) -> float:
    """Inequalities (« plus de 5 € ») show the recomputed value one digit finer.  Counts,
    hours, ETP and distances show the decimals they have (up to 3), so that what the table
    prints is what is costed (2,5 vehicles, 0,125 ETP); amounts and shares keep the
    report's precision."""
    if r["comparaison"] in {"<", ">"}:
        return r["precision"] / 10 if r["unite"] != "%" else 0.001
    precision = r["precision"]
    if _compte(r["unite"]) and not _nan(r["recalcule"]):
        return min(precision, fmt.precision_exacte(r["recalcule"]))
    return precision


def _compte(unite: str) -> bool:
    """Counts, hours, days, ETP, distances: not amounts (€, €/h…) nor shares (%)."""
    return unite != "%" and not str(unite).startswith("€")


def _gap_precision(r) -> float:
    """A gap in counts, hours or ETP shows the decimals it has (+45,5 h, not +46 h)."""
    if _compte(r["unite"]) and not _nan(r["ecart"]):
        return min(r["precision"], fmt.precision_exacte(r["ecart"]))
    return r["precision"]


def _printed(value, r) -> str:
    prefix = {"<": "moins de ", ">": "plus de "}.get(r["comparaison"], "")
    return prefix + fmt.valeur(value, r["unite"], r["precision"])


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in s)


def text_table(df: pd.DataFrame, title: str) -> str:
    f = formatted(df)
    cells = [ENTETES] + f.astype(str).values.tolist()
    cells = [[c[:90] for c in row] for row in cells]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(ENTETES))]
    lines = [title, "=" * min(len(title), 100)]
    for k, row in enumerate(cells):
        parts = []
        for i, c in enumerate(row):
            pad = " " * (widths[i] - _width(c))
            parts.append(c + pad if i in (0, 4, 5) else pad + c)
        lines.append("  ".join(parts).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(df: pd.DataFrame, title: str) -> str:
    f = formatted(df)
    out = [f"### {title}", "", "| " + " | ".join(ENTETES) + " |", "|" + "---|" * len(ENTETES)]
    for row in f.astype(str).values.tolist():
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    return "\n".join(out)


def render(tables: dict[str, pd.DataFrame], infos: dict[str, dict], form: str, header: str = "") -> str:
    """All ``tables`` in format ``form`` as one string."""
    if form == "json":
        payload = {}
        for tid, df in tables.items():
            payload[tid] = {
                **{k: v for k, v in infos[tid].items()},
                "lignes": [{"libelle": label, **{k: _jsonable(v) for k, v in r.items()}} for label, r in df.iterrows()],
            }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if form == "csv":
        frames = []
        for tid, df in tables.items():
            d = df.reset_index()
            d.insert(0, "tableau", tid)
            frames.append(d)
        buf = io.StringIO()
        pd.concat(frames).to_csv(buf, index=False, float_format="%.6f", lineterminator="\n")
        return buf.getvalue().rstrip("\n")
    blocks = [header] if header else []
    for tid, df in tables.items():
        title = f"{infos[tid]['section']} {infos[tid]['titre']}"
        blocks.append(markdown_table(df, title) if form == "markdown" else text_table(df, title))
    return "\n\n".join(blocks)


def _jsonable(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float):
        return round(v, 6)
    return v


def parametres_frame(convention: str) -> pd.DataFrame:
    """The parameter table with a convention's values (typed back losslessly), and for
    each value that differs from the report's, the report's value and the erratum."""
    values = conventions.defaults(convention)
    df = parameters.table()
    df["value"] = [fmt.saisie(values[n]) for n in df["name"]]
    diff = conventions.differences(convention).set_index("parametre")
    df.insert(2, "valeur_rapport", [fmt.saisie(diff.loc[n, "rapport"]) if n in diff.index else "" for n in df["name"]])
    df.insert(3, "erratum", [diff.loc[n, "erratum"] if n in diff.index else "" for n in df["name"]])
    return df


def render_parametres(convention: str, form: str) -> str:
    """A convention's parameter set in format ``form`` (text, csv, json, markdown)."""
    df = parametres_frame(convention)
    if form == "csv":
        return df.to_csv(index=False, lineterminator="\n").rstrip("\n")
    if form == "json":
        return df.to_json(orient="records", force_ascii=False, indent=2)
    table = parameters.parameters()
    if form == "markdown":
        lines = [
            "| paramètre | valeur | unité | bornes | section | libellé | source |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| `{r.name}` | {r.value} | {r.unit} | {table[r.name].bornes()} | {r.section} | {r.label} | {r.source} |"
            for r in df.itertuples(index=False)
        ]
        return "\n".join(lines)
    out = [f"Convention : {conventions.LIBELLES[convention]}"]
    for r in df.itertuples(index=False):
        extra = f" (rapport : {r.valeur_rapport}, erratum {r.erratum})" if r.valeur_rapport else ""
        out.append(
            f"{r.name} = {r.value} {r.unit}{extra}\n    {r.label}\n    bornes : {table[r.name].bornes()} ; "
            f"section {r.section} ; source : {r.source}"
        )
    return "\n".join(out)
