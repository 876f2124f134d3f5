"""The funding programmes of section 4 (``aaas financements``) as text, Markdown, CSV, JSON."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import provenance
from ..atlas.financements import PUBLICS, missions
from ..errors import ChoiceError
from . import exports

#: Accepted output formats.
FORMATS = ("text", "json", "csv", "csv-fr", "markdown")
#: How a cell reads in text and Markdown.
CASE = {"oui": "oui", "non": "·", "nd": "?"}


def _liste(row: pd.Series, columns: tuple[str, ...]) -> str:
    marks = [c for c in columns if row[c] == "oui"]
    unknown = [c for c in columns if row[c] == "nd"]
    shown = ", ".join(marks) if marks else "aucun"
    return shown + (f" (non déterminables : {', '.join(unknown)})" if unknown else "")


def _text(df: pd.DataFrame, filtres: dict[str, Any]) -> str:
    criteres = ", ".join(f"{k} = {v}" for k, v in filtres.items() if v) or "aucun filtre"
    lines = [f"Programmes de financement (rapport, section 4) : {len(df)} ({criteres})", ""]
    for _, row in df.iterrows():
        lines.append(f"- {row['programme']} [{row['partie']}] — financeurs : {row['financeurs'] or 'non précisés'}")
        lines.append(f"    publics : {_liste(row, PUBLICS)}")
        lines.append(f"    missions : {_liste(row, missions())}")
        if row["notes"]:
            lines.append(f"    note : {row['notes']}")
    lines.append("")
    lines.append(
        "« ? » ou non déterminable : le rapport imprime un « Oui » dont la colonne est perdue dans l'extraction."
    )
    return "\n".join(lines)


def _markdown(df: pd.DataFrame) -> str:
    columns = ["programme", "partie", "financeurs", *PUBLICS, *missions()]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for _, row in df.iterrows():
        cells = [str(row[c]).replace("|", "/") for c in columns[:3]] + [CASE[row[c]] for c in columns[3:]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_programmes(df: pd.DataFrame, form: str, filtres: dict[str, Any] | None = None) -> str:
    """The programmes ``df`` (from :func:`aaas.atlas.financements.programmes`) in format ``form``;
    ``filtres``: the mission and public asked for, stated in the output."""
    if form not in FORMATS:
        raise ChoiceError(f"format inconnu : {form!r} ; valeurs acceptées : {', '.join(FORMATS)}")
    filtres = filtres or {}
    prov = {**{f"filtre_{k}": v or "" for k, v in filtres.items()}, **provenance.stamp()}
    if form in {"csv", "csv-fr"}:
        return exports.to_csv(df, form, prov)
    if form == "json":
        return exports.to_json({"provenance": prov, "programmes": exports.records(df, None)})
    if form == "markdown":
        return _markdown(df)
    return _text(df, filtres)
