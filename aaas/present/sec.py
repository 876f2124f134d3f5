"""The SEC participatives dotations (``aaas sec``) as text, Markdown, CSV and JSON: each
dotation, its rule, its section of the cahier des charges, the total, and what the text
leaves undefined, with the provenance (commit, version, data)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import fmt, provenance
from . import exports
from .render import text_frame

#: The formats of :func:`render_sec`.
FORMATS = ("text", "json", "csv", "csv-fr", "markdown")
TITRE = "Dotations d'une SEC participative (cahier des charges de décembre 2023)"


def provenance_sec(result: dict[str, Any]) -> dict[str, Any]:
    """Where the result comes from: the inputs, then commit, version, data date and digest."""
    entrees = {k: exports.jsonable(v, None) for k, v in result["entrees"].items()}
    modifies = {k: exports.jsonable(v, None) for k, v in result.get("parametres_modifies", {}).items()}
    return {
        "modele": "sec_participatives",
        "entrees": entrees,
        "parametres_modifies": modifies,
        "fichier_scenario": result.get("fichier_scenario") or "",
        **provenance.stamp(),
    }


def frame_sec(result: dict[str, Any]) -> pd.DataFrame:
    """One row per dotation, then the total (amount NaN where the text gives no base)."""
    rows = [
        {
            "dotation": key,
            "libelle": d["libelle"],
            "montant": float("nan") if d["montant"] is None else float(d["montant"]),
            "regle": d["regle"],
            "section": d["section"],
        }
        for key, d in result["dotations"].items()
    ]
    sans_b = "" if result["total_inclut_b"] else " (hors dotation b, base non définie)"
    rows.append(
        {
            "dotation": "total",
            "libelle": "Total des dotations" + sans_b,
            "montant": float(result["total"]),
            "regle": "somme des dotations calculées ; formation plafonnée à "
            f"{fmt.euros(result['plafond_formation'])} (2 % de la dotation totale)",
            "section": "Financement 1)",
        }
    )
    return pd.DataFrame(rows)


def render_sec(result: dict[str, Any], form: str) -> str:
    """``result`` of :func:`aaas.models.sec.dotations` in format ``form`` (:data:`FORMATS`)."""
    prov = provenance_sec(result)
    df = frame_sec(result)
    if form == "json":
        return exports.to_json(_payload(result, prov))
    if form in {"csv", "csv-fr"}:
        return exports.to_csv(df, form, prov)
    header = _header(prov)
    notes = ["Ce que le texte ne définit pas :"] + [f"- {line}" for line in result["non_defini"]]
    shown = df.assign(montant=[_montant(x) for x in df["montant"]])
    if form == "markdown":
        lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in shown.values.tolist()]
        return "\n\n".join([header, f"### {TITRE}", "\n".join(lines), "\n".join(notes)])
    table = text_frame(shown, TITRE, left={0, 1, 3, 4})
    return "\n\n".join([header, table, "\n".join(notes)])


def _montant(x: float) -> str:
    return "non défini" if pd.isna(x) else fmt.euros(x)


def _header(prov: dict[str, Any]) -> str:
    e = prov["entrees"]
    base = "non fournie" if e["base_pauvrete"] is None else fmt.euros(e["base_pauvrete"])
    first = (
        f"File active MG : {fmt.brut(e['file_active_mg'])} ; "
        f"taux de pauvreté : {fmt.pourcent(e['taux_pauvrete'], 1)} ; "
        f"psychologue : {fmt.brut(e['psychologue_etp'])} ETP ; base de la dotation b : {base}"
        + (" ; montée en charge" if e["montee_en_charge"] else "")
    )
    changes = ", ".join(f"{k} = {fmt.brut(v)}" for k, v in prov["parametres_modifies"].items())
    fichier = f" ; fichier de scénario : {prov['fichier_scenario']}" if prov["fichier_scenario"] else ""
    return "\n".join(
        [
            first,
            f"Paramètres SEC modifiés : {changes or 'aucun (data/sec_parametres.csv)'}{fichier}",
            f"aaas {prov['version']} ; commit {prov['commit']} ; données du {prov['date_donnees']} "
            f"(empreinte {prov['empreinte_donnees']})",
            *exports.donnees_modifiees(prov),
        ]
    )


def _payload(result: dict[str, Any], prov: dict[str, Any]) -> dict[str, Any]:
    """JSON: every dotation as a number (null only for dotation b without its base)."""
    d = result["dotations"]
    return {
        "provenance": prov,
        "dotations": {k: exports.jsonable(v["montant"]) for k, v in d.items()},
        "total": exports.jsonable(result["total"]),
        "total_inclut_b": result["total_inclut_b"],
        "etp_non_professionnels_sante": exports.jsonable(d["a_non_professionnels_sante"]["etp"]),
        "majoration_pauvrete": exports.jsonable(d["b_professionnels_sante"]["majoration"]),
        "plafond_formation": exports.jsonable(result["plafond_formation"]),
        "regles": {k: {"regle": v["regle"], "section": v["section"]} for k, v in d.items()},
        "non_defini": result["non_defini"],
    }
