"""The report's tables for the terminal (text), Markdown, CSV (``csv``, ``csv-fr``) and
JSON: one display of each row (:func:`formatted`), shared with the book.

Figures are displayed by the one rule of :mod:`aaas.fmt` (:func:`aaas.fmt.chiffre`): each
rounds its true value at the precision shown, the gap to the printed figure is the difference
of the figures shown (a gap between two shares is in points, « pt »), and the lines, missions
and total show the amounts that add up (:mod:`aaas.checks.affichage`).
"""

from __future__ import annotations

import math
import textwrap
import unicodedata

import pandas as pd

from .. import datastore, fmt
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
    affiches = (df.attrs.get("affiches", {}), df.attrs.get("affiches_defaut", {}))
    rows = [_cells(label, r, defaut, affiches) for label, r in df.iterrows()]
    return pd.DataFrame(rows, columns=ENTETES_DEFAUT if defaut else ENTETES)


def _cells(label, r, defaut: bool, affiches) -> list[str]:
    unit, precision, comparaison = r["unite"], r["precision"], r["comparaison"]
    x, d = (
        a.get(r["variable"], r[k]) if unit == "€" else r[k]
        for a, k in zip(affiches, ("recalcule", "defaut"), strict=True)
    )
    printed = "" if _nan(r["rapport"]) else _printed(r["rapport"], r)
    ref = math.nan if _nan(r["rapport"]) else r["rapport"]
    if defaut:
        px, pd_ = (fmt.precision_chiffre(v, unit, precision, ref, comparaison) for v in (x, d))
        gap = "" if _nan(r["ecart"]) else _gap_defaut(x - d, min(px, pd_), unit, x)
        cells = [label, printed, fmt.valeur(d, unit, pd_), fmt.valeur(x, unit, px), gap]
    else:
        shown = fmt.chiffre(x, unit, precision, ref, comparaison)
        gap = "" if _nan(r["ecart"]) else fmt.ecart_affiche(x, unit, precision, ref, comparaison)
        cells = [label, printed, shown, gap]
    return [*cells, r["statut"], r["errata"]]


def _gap_defaut(gap: float, p: float, unit: str, x: float) -> str:
    """The gap to the convention's default recomputed, rounded at ``p`` (the finer of the two
    figures' precisions; each figure and the gap round their own true value, so the gap may
    differ by one unit from the difference of the figures shown), finer when that would show
    a true gap as zero."""
    for _ in range(fmt.DECIMALES_MAX):
        if round(gap / p) != 0 or abs(gap) <= 1e-9 * max(1.0, abs(x)):
            break
        p = 10.0 ** -(fmt.decimales(p) + 1)
    return fmt.ecart(round(gap / p) * p, unit, p)


def _printed(value, r) -> str:
    return fmt.imprime(value, r["unite"], r["precision"], r["comparaison"])


def chiffre_ligne(r, convention_affiches: dict) -> tuple[str, str]:
    """The recomputed figure and its gap to the printed one for a row of the reconciliation
    (columns ``value``, ``recalcule``, ``unit``, ``precision``, ``comparaison``,
    ``variable``), as every table shows them (``convention_affiches``: the amounts displayed
    for lines, missions and total, :mod:`aaas.checks.affichage`)."""
    unit = r["unit"]
    x = convention_affiches.get(r["variable"], r["recalcule"]) if unit == "€" else r["recalcule"]
    ref = math.nan if _nan(r["value"]) or r["comparaison"] == "-" else r["value"]
    shown = fmt.chiffre(x, unit, r["precision"], ref, r["comparaison"])
    return shown, fmt.ecart_affiche(x, unit, r["precision"], ref, r["comparaison"])


def errata_affiches() -> dict[str, tuple[str, str]]:
    """Each erratum's printed figure and its recomputed one (convention ``corrige``) as every
    table shows them (:func:`chiffre_ligne`), by erratum id: the errata page, the
    verification chapter and the chapters' tables agree."""
    from ..checks import affichage
    from ..models import conventions

    results = conventions.compute("corrige")
    affiches = affichage.montants_affiches(results)
    pub = datastore.published().set_index(["tableau", "label"])
    out = {}
    for e in datastore.errata().itertuples(index=False):
        r = pub.loc[(e.tableau, e.label)].to_dict()
        r["recalcule"] = results.scalar(r["variable"])
        printed = fmt.imprime(r["value"], r["unit"], r["precision"], r["comparaison"])
        out[e.id] = (printed, chiffre_ligne(r, affiches)[0])
    return out


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
