"""A parameter set for the terminal, Markdown, CSV and JSON (``aaas params``): each
hypothesis with the value a scenario gives it, its unit, bounds, section and source, and,
where the convention changes the report's value, the report's value and the erratum."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..errors import cite
from ..models import conventions, parameters, quantites
from . import exports


def parameters_frame(scenario) -> pd.DataFrame:
    """The parameter table with the scenario's values (numbers as numbers, choices as
    text), and the report's value and the erratum (or, for an updated value, the source)
    where the convention differs."""
    table = parameters.parameters()
    df = parameters.table()
    diff = conventions.differences(scenario.convention).set_index("parametre")
    df["value"] = [scenario.values[n] for n in df["name"]]
    df.insert(2, "valeur_rapport", [diff.loc[n, "rapport"] if n in diff.index else None for n in df["name"]])
    df.insert(3, "erratum", [diff.loc[n, "erratum"] if n in diff.index else "" for n in df["name"]])
    df.insert(4, "source_convention", [diff.loc[n, "source"] if n in diff.index else "" for n in df["name"]])
    df["min"] = [table[n].min for n in df["name"]]
    df["max"] = [table[n].max for n in df["name"]]
    return df


def cherche(df: pd.DataFrame, mots: str | None) -> pd.DataFrame:
    """The rows of ``df`` (a column ``name``) whose parameter's name, short or long label
    contains every word of ``mots`` (:func:`aaas.models.quantites.search`); all if None.

    >>> sorted(cherche(parameters.table(), "coordinateur ETP")["name"])[:3]
    ['base_etp_coordinateur', 'base_etp_medecin', 'etp_coordinateur']
    """
    if mots is None:
        return df
    found = quantites.search(mots)
    names = set(found.loc[found["nature"] == quantites.PARAMETRE, "nom"])
    return df[df["name"].isin(names)].reset_index(drop=True)


def aucun(mots: str) -> str:
    """The line of a search of parameters that found nothing, with the nearest names."""
    near = [n for n in quantites.nearest(mots, 10) if n in parameters.parameters()][:3]
    hint = f" ; noms proches : {', '.join(near)}" if near else " ; `aaas params` les liste tous"
    return f"aucun paramètre ne contient « {cite(mots)} »{hint}"


def render_parameters(scenario, form: str, mots: str | None = None) -> str:
    """A scenario's parameter set in format ``form`` (text, csv, csv-fr, json, markdown);
    ``mots``: only the parameters whose name or label contains each of these words."""
    df = cherche(parameters_frame(scenario), mots)
    prov = exports.provenance_of(scenario, scenario.convention)
    if mots is not None:
        prov["recherche"] = mots
    if form in {"csv", "csv-fr"}:
        return exports.to_csv(df, form, prov)
    if form == "json":
        return exports.to_json({"provenance": prov, "parametres": exports.records(df, None)})
    table = parameters.parameters()
    if df.empty:
        return aucun(mots or "")
    if form == "markdown":
        entete = "| paramètre | valeur | unité | bornes | section | libellé | source |"
        lines = [*exports.header_lines(prov), "", entete, "|---|---|---|---|---|---|---|"]
        lines += [
            f"| `{r.name}` | {fmt.saisie(r.value)} | {r.unit} | {table[r.name].bounds()} | {r.section} | {r.label} "
            f"| {r.source} |"
            for r in df.itertuples(index=False)
        ]
        return "\n".join(lines)
    out = [f"Convention : {conventions.LIBELLES[scenario.convention]}", *exports.header_lines(prov)[1:]]
    for r in df.itertuples(index=False):
        motif = f"erratum {r.erratum}" if r.erratum else f"source : {r.source_convention}"
        extra = f" (rapport : {fmt.saisie(r.valeur_rapport)}, {motif})" if r.erratum or r.source_convention else ""
        out.append(
            f"{r.name} = {fmt.saisie(r.value)} {r.unit}{extra}\n    {r.label}\n    bornes : {table[r.name].bounds()} ; "
            f"section {r.section} ; source : {r.source}"
        )
    return "\n".join(out)
