"""A parameter set for the terminal, Markdown, CSV and JSON (``aaas params``): each
hypothesis with the value a scenario gives it, its unit, bounds, section and source, and,
where the convention changes the report's value, the report's value and the erratum."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..models import conventions, parameters
from . import exports

COLONNES_NUMERIQUES = ("value", "valeur_rapport", "min", "max")


def parametres_frame(scenario) -> pd.DataFrame:
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


def render_parametres(scenario, form: str) -> str:
    """A scenario's parameter set in format ``form`` (text, csv, csv-fr, json, markdown)."""
    df = parametres_frame(scenario)
    prov = exports.provenance_of(scenario, scenario.convention)
    if form in {"csv", "csv-fr"}:
        return exports.to_csv(df, form, prov)
    if form == "json":
        return exports.to_json({"provenance": prov, "parametres": exports.records(df, None)})
    table = parameters.parameters()
    if form == "markdown":
        entete = "| paramètre | valeur | unité | bornes | section | libellé | source |"
        lines = [*exports.header_lines(prov), "", entete, "|---|---|---|---|---|---|---|"]
        lines += [
            f"| `{r.name}` | {fmt.saisie(r.value)} | {r.unit} | {table[r.name].bornes()} | {r.section} | {r.label} "
            f"| {r.source} |"
            for r in df.itertuples(index=False)
        ]
        return "\n".join(lines)
    out = [f"Convention : {conventions.LIBELLES[scenario.convention]}", *exports.header_lines(prov)[1:]]
    for r in df.itertuples(index=False):
        motif = f"erratum {r.erratum}" if r.erratum else f"source : {r.source_convention}"
        extra = f" (rapport : {fmt.saisie(r.valeur_rapport)}, {motif})" if r.erratum or r.source_convention else ""
        out.append(
            f"{r.name} = {fmt.saisie(r.value)} {r.unit}{extra}\n    {r.label}\n    bornes : {table[r.name].bornes()} ; "
            f"section {r.section} ; source : {r.source}"
        )
    return "\n".join(out)
