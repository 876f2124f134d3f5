"""The dictionary of quantities for the terminal, Markdown, CSV and JSON (``aaas quantites``):
each parameter and each quantity computed, its French label, unit, section and function,
and its value in the scenario given, with the provenance."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..errors import cite
from ..models import conventions, quantites
from . import exports

#: The formats of :func:`render_quantites`.
FORMATS = ("text", "csv", "csv-fr", "json", "markdown")
#: French headers of the Markdown table, by column.
ENTETES = {
    "nom": "nom",
    "nature": "nature",
    "libelle": "libellé",
    "valeur": "valeur",
    "unite": "unité",
    "section": "section",
    "fonction": "fonction",
}


def quantites_frame(scenario, mots: str | None = None) -> pd.DataFrame:
    """The dictionary (or the entries matching ``mots``, :func:`aaas.models.quantites.search`)
    with each entry's value in ``scenario`` (a number, or a reading's text)."""
    df = quantites.search(mots) if mots is not None else quantites.dictionary()
    results = conventions.compute_scenario(scenario)
    df.insert(3, "valeur", [_value(results[n]) for n in df["nom"]])
    return df


def _value(v):
    return v if isinstance(v, str) else float(v)


def aucune(mots: str) -> str:
    """The line of a search that found nothing, with the nearest names.

    >>> aucune("populaton").split(" ; ")[1][:33]
    'noms proches : population_bassin,'

    """
    near = quantites.nearest(mots)
    hint = f" ; noms proches : {', '.join(near)}" if near else " ; `aaas quantites` les liste tous"
    return f"aucune quantité ni aucun paramètre ne contient « {cite(mots)} »{hint}"


def render_quantites(scenario, form: str, mots: str | None = None) -> str:
    """The dictionary with the scenario's values in format ``form`` (:data:`FORMATS`); a
    search that finds nothing gives an empty table (CSV, JSON) or :func:`aucune` (text,
    Markdown)."""
    df = quantites_frame(scenario, mots)
    prov = exports.provenance_of(scenario, scenario.convention)
    if mots is not None:
        prov["recherche"] = mots
    if form == "json":
        return exports.to_json({"provenance": prov, "quantites": exports.records(df, None)})
    if form in {"csv", "csv-fr"}:
        return exports.to_csv(df, form, prov)
    if df.empty:
        return aucune(mots or "")
    header = exports.header_lines(prov)
    if form == "markdown":
        columns = list(ENTETES)
        lines = ["| " + " | ".join(ENTETES.values()) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_cell(r, c) for c in columns) + " |" for _, r in df.iterrows()]
        return "\n".join([*header, "", *lines])
    return "\n".join([*header, "", *(_bloc(r) for _, r in df.iterrows()), "", _compte(df)])


def _cell(r, column: str) -> str:
    if column == "valeur":
        return fmt.brut(r["valeur"])
    text = str(r[column]).replace("|", "\\|")
    return f"`{text}`" if column in {"nom", "fonction"} and text else text


def _bloc(r) -> str:
    """One entry for the terminal: name = value unit, label, section and function."""
    origine = f" ; {r['fonction']}" if r["fonction"] else " ; hypothèse (data/parameters.csv)"
    return f"{r['nom']} = {fmt.brut(r['valeur'])} {r['unite']}\n    {r['libelle']}\n    section {r['section']}{origine}"


def _compte(df: pd.DataFrame) -> str:
    n_p = int((df["nature"] == quantites.PARAMETRE).sum())
    return f"{len(df)} entrée(s) : {n_p} paramètre(s), {len(df) - n_p} quantité(s) calculée(s)"
