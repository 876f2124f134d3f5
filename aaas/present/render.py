"""The report's tables for the terminal (text), Markdown, CSV (``csv``, ``csv-fr``) and
JSON: one display of each row (:func:`formatted`), shared with the book.

Displayed figures are consistent with each other: the gap shown is the difference of the
figures shown (a gap between two shares is in points, « pt »).
"""

from __future__ import annotations

import math
import textwrap
import unicodedata

import pandas as pd

from .. import fmt
from ..checks import tables
from . import exports

ENTETES = ["Libellé", "Rapport", "Recalculé", "Écart", "Statut", "Errata"]
ENTETES_DEFAUT = ["Libellé", "Rapport", "Défaut", "Recalculé", "Écart", "Statut", "Errata"]
#: Widest label column in text mode (longer labels wrap onto several lines).
LARGEUR_LIBELLE = 70


def formatted(df: pd.DataFrame) -> pd.DataFrame:
    """Display strings of a report table (French numbers, gap against the table's baseline);
    with the baseline ``defaut``, a « Défaut » column too."""
    defaut = df.attrs.get("baseline") == "defaut"
    rows = [_cells(label, r, defaut) for label, r in df.iterrows()]
    return pd.DataFrame(rows, columns=ENTETES_DEFAUT if defaut else ENTETES)


def _cells(label, r, defaut: bool) -> list[str]:
    p = _display_precision(r, r["recalcule"])
    if defaut:
        p = p_ref = min(p, _display_precision(r, r["defaut"]))
        reference = r["defaut"]
    else:
        p_ref, reference = _printed_precision(r), r["rapport"]
    gap = "" if _nan(r["ecart"]) else fmt.ecart(*_shown_gap(r, reference, p, p_ref))
    printed = "" if _nan(r["rapport"]) else _printed(r["rapport"], r)
    cells = [label, printed, fmt.valeur(r["recalcule"], r["unite"], p), gap, r["statut"], r["errata"]]
    if defaut:
        cells.insert(2, fmt.valeur(r["defaut"], r["unite"], p))
    return cells


def _rounded(x: float, unit: str, precision: float) -> float:
    """``x`` as shown at ``precision`` (a share is shown in percent)."""
    d = fmt.decimales(precision)
    return round(100 * x, max(0, d - 2)) / 100 if unit == "%" else round(x, d)


def _shown_gap(r, reference: float, precision: float, reference_precision: float) -> tuple[float, str, float]:
    """The gap as the difference of the two figures as shown (each at its own precision),
    its unit and the precision it needs."""
    unit = r["unite"]
    gap = _rounded(r["recalcule"], unit, precision) - _rounded(reference, unit, reference_precision)
    finest = min(precision, reference_precision)
    if _compte(unit) and gap:
        finest = max(finest, fmt.precision_exacte(gap))
    return gap, unit, finest


def _printed_precision(r) -> float:
    """The printed figure is shown at the report's precision, with the decimals it has
    when it has more (« une heure et demie » is 1,5 h even where the table rounds)."""
    if _compte(r["unite"]) and not _nan(r["rapport"]):
        return min(r["precision"], fmt.precision_exacte(r["rapport"]))
    return r["precision"]


def _display_precision(r, value: float) -> float:
    """Inequalities (« plus de 5 € ») show the recomputed value one digit finer only when
    the report's precision would not show on which side of the bound it falls (« 462 »
    beside « plus de 460 », not « 462,0 »).  Counts, hours, ETP and distances show the
    decimals they have (up to 3), so that what the table prints is what is costed (2,5
    vehicles, 0,125 ETP); amounts and shares keep the report's precision."""
    if r["comparaison"] in {"<", ">"}:
        finer = r["precision"] / 10 if r["unite"] != "%" else 0.001
        shown, bound = (_rounded(x, r["unite"], r["precision"]) for x in (value, r["rapport"]))
        tranche = _nan(value) or _nan(r["rapport"]) or shown != bound
        return r["precision"] if tranche else finer
    if _compte(r["unite"]) and not _nan(value):
        return min(r["precision"], fmt.precision_exacte(value))
    return r["precision"]


def _compte(unite: str) -> bool:
    """Counts, hours, days, ETP, distances: not amounts (€, €/h…) nor shares (%)."""
    return unite != "%" and not str(unite).startswith("€")


def _printed(value, r) -> str:
    prefix = {"<": "moins de ", ">": "plus de "}.get(r["comparaison"], "")
    return prefix + fmt.valeur(value, r["unite"], _printed_precision(r))


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in s)


def text_table(df: pd.DataFrame, title: str) -> str:
    """A report table for the terminal."""
    f = formatted(df)
    return text_frame(f, title, left={0, len(f.columns) - 2, len(f.columns) - 1})


def text_frame(f: pd.DataFrame, title: str, left: set[int]) -> str:
    """A frame of display strings for the terminal: columns in ``left`` aligned left, the
    others right; long labels (first column) wrap onto several lines, never cut."""
    headers = list(f.columns)
    rows = [[_wrap(str(c)) if i == 0 else [str(c)] for i, c in enumerate(row)] for row in f.values.tolist()]
    widths = [max([_width(headers[i])] + [_width(x) for row in rows for x in row[i]]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        parts = [c + " " * (w - _width(c)) if i in left else " " * (w - _width(c)) + c
                 for i, (c, w) in enumerate(zip(cells, widths, strict=True))]  # fmt: skip
        return "  ".join(parts).rstrip()

    out = [title, "=" * min(_width(title), 100), line(headers), "  ".join("-" * w for w in widths)]
    for row in rows:
        for k in range(max(len(c) for c in row)):
            out.append(line([c[k] if k < len(c) else "" for c in row]))
    return "\n".join(out)


def _wrap(label: str) -> list[str]:
    """A label on lines of at most :data:`LARGEUR_LIBELLE` characters, continuation lines
    indented under it."""
    indent = label[: len(label) - len(label.lstrip())] + "  "
    return textwrap.wrap(label, LARGEUR_LIBELLE, subsequent_indent=indent) or [""]


def markdown_table(df: pd.DataFrame, title: str) -> str:
    """A table as Markdown (a pipe table under a heading)."""
    f = formatted(df)
    out = [f"### {title}", "", "| " + " | ".join(f.columns) + " |", "|" + "---|" * len(f.columns)]
    for row in f.astype(str).values.tolist():
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    return "\n".join(out)


def render_tables(ev, ids: list[str], form: str, baseline: str = "rapport") -> str:
    """The tables ``ids`` of an evaluation in format ``form``, with their provenance."""
    prov = exports.provenance_of(ev.scenario, ev.convention, baseline)
    shaped = {t: ev.table(t, baseline) for t in ids}
    if form == "json":
        payload = {t: {**tables.info(t), "lignes": _json_rows(df)} for t, df in shaped.items()}
        return exports.to_json({"provenance": prov, "tableaux": payload})
    if form in {"csv", "csv-fr"}:
        frames = [exports.shares_as_parts(df.reset_index()).assign(tableau=t) for t, df in shaped.items()]
        frame = pd.concat(frames)
        return exports.to_csv(frame[["tableau", *frame.columns[:-1]]], form, prov)
    mesure = "au chiffre imprimé" if baseline == "rapport" else "au recalcul par défaut de la convention"
    header = [*exports.header_lines(prov), f"Écart mesuré par rapport {mesure} (--baseline {baseline})"]
    blocks = ["\n".join(header)]
    for t, df in shaped.items():
        info = tables.info(t)
        title = f"{info['section']} {info['titre']}"
        blocks.append(markdown_table(df, title) if form == "markdown" else text_table(df, title))
    return "\n\n".join(blocks)


def _json_rows(df: pd.DataFrame) -> list[dict]:
    df = exports.shares_as_parts(df)
    return [{"libelle": label, **{k: exports.jsonable(v) for k, v in r.items()}} for label, r in df.iterrows()]
