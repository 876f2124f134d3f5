"""The sensitivity analyses for the terminal, Markdown, CSV and JSON (``aaas sensitivity``):
tidy tables with their provenance (French numbers in text and Markdown)."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from . import exports
from .render import text_frame

#: How each column is shown in text and Markdown: a formatter per column name.
AFFICHAGE = {
    "variation": lambda x: fmt.variation(x, 0),
    "ecart_relatif": fmt.variation,
    "elasticite": lambda x: fmt.nombre(x, 3),
    "s1": lambda x: fmt.nombre(x, 3),
    "s1_ic": lambda x: fmt.nombre(x, 3),
    "st": lambda x: fmt.nombre(x, 3),
    "st_ic": lambda x: fmt.nombre(x, 3),
    "ecart_p5": fmt.variation,
    "ecart_p95": fmt.variation,
    "p_depasse": lambda x: fmt.pourcent(x, 1),
}
EUROS = {"resultat", "ecart", "p5", "p50", "p95", "moyenne", "bas", "haut", "amplitude", "total"}
EUROS |= {"precision_p5", "precision_p50", "precision_p95"}


def render_frame(df: pd.DataFrame, form: str, prov: dict, title: str) -> str:
    """``df`` in format ``form``, with the provenance."""
    if form == "json":
        return exports.to_json({"provenance": prov, "resultats": exports.records(df)})
    if form in {"csv", "csv-fr"}:
        return exports.to_csv(df, form, prov)
    shown = pd.DataFrame({c: [_cell(c, v) for v in df[c]] for c in df.columns})
    header = "\n".join(exports.header_lines(prov))
    if form == "markdown":
        lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
        lines += ["| " + " | ".join(row) + " |" for row in shown.values.tolist()]
        return f"{header}\n\n### {title}\n\n" + "\n".join(lines)
    text_columns = {i for i, c in enumerate(df.columns) if not pd.api.types.is_numeric_dtype(df[c])}
    return header + "\n\n" + text_frame(shown, title, left=text_columns)


def _cell(column, value) -> str:
    """A cell for readers (a negative number with the minus sign « − »)."""
    if isinstance(value, str):
        return value
    column = str(column)
    if column in AFFICHAGE:
        text = AFFICHAGE[column](value)
    elif column in EUROS or column.startswith(("mission_", "cout_", "ligne_")):
        text = fmt.euros(value)
    else:
        text = fmt.brut(value)
    return "\u2212" + text[1:] if text.startswith("-") else text
