"""From cost components to lines, missions, the grand total and the report's shares.

Everything here is driven by data: ``data/composantes.csv`` (which quantity makes which
line, and its cost category for section 3.3), ``data/lignes.csv`` (which mission each line
belongs to and what it scales with: ``habitants``, ``file_active``, ``departements``,
``structures``), ``data/missions.csv`` (démarche structurante for 3.2.6, key post), ``data/mutualisation.csv`` (which
lines each category of carrier already funds, for the 3.2.5 chart).

Coordination lines are stated per département and participation lines per structure:
they are multiplied by the number of départements and structures, read as whole units
started or in proportion (``echelle_departements``, ``echelle_structures``).  Relais and
pair-aidance lines already depend on ``population_bassin`` and ``file_active`` through
their formulas.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import datastore
from ..formulas import echelle

#: What each mission's lines are multiplied by: (parameter giving the count of units,
#: parameter giving its scaling reading), or None when the formulas already scale.
MULTIPLICATEURS = {
    "habitants": None,
    "file_active": None,
    "departements": ("nb_departements", "echelle_departements"),
    "structures": ("nb_structures", "echelle_structures"),
}


missions = datastore.missions
lignes = datastore.lignes
composantes = datastore.composantes
mutualisation = datastore.mutualisation
categories = datastore.categories
porteurs = datastore.porteurs
demarches = datastore.demarches


def multiplicateur(echelle_: str, v: Mapping[str, Any]):
    """Count of units a per-unit line is multiplied by (1 if its formula already scales)."""
    spec = MULTIPLICATEURS[echelle_]
    if spec is None:
        return 1.0
    nombre, lecture = spec
    return echelle.nombre_unites(v[nombre], v[lecture])


def aggregate(v: Mapping[str, Any]) -> dict[str, Any]:
    """Lines, missions, total and shares, named ``ligne_*``, ``mission_*``, ``total``,
    ``part_*``, ``demarche_*``."""
    out: dict[str, Any] = {}
    echelle_of = lignes().set_index("ligne")["echelle"].to_dict()

    comp_scaled = {}
    for row in composantes().itertuples(index=False):
        comp_scaled[row.composante] = v[row.composante] * multiplicateur(echelle_of[row.ligne], v)
    for ligne in lignes()["ligne"]:
        names = composantes().loc[composantes()["ligne"] == ligne, "composante"]
        out[f"ligne_{ligne}"] = _sum(comp_scaled[n] for n in names)
    for mission in missions()["mission"]:
        ids = lignes().loc[lignes()["mission"] == mission, "ligne"]
        out[f"mission_{mission}"] = _sum(out[f"ligne_{i}"] for i in ids)
    total = out["total"] = _sum(out[f"mission_{m}"] for m in missions()["mission"])

    # 3.3 cost structure
    for cat in categories()["categorie"]:
        names = composantes().loc[composantes()["categorie"] == cat, "composante"]
        out[f"montant_{cat}"] = _sum(comp_scaled[n] for n in names)
        out[f"part_{cat}"] = out[f"montant_{cat}"] / total
    out["part_travail_collectif_et_tiers"] = out["part_travail_collectif"] + out["part_prestations_tiers"]
    # The report does not publish its classification (3.3): the range of each share over
    # the plausible classifications of ``composantes.csv`` (``categories_plausibles``).
    groupes = {f"part_{cat}": {cat} for cat in categories()["categorie"]}
    groupes["part_travail_collectif_et_tiers"] = {"travail_collectif", "prestations_tiers"}
    plausibles = {r.composante: set(r.categories_plausibles.split("|")) for r in composantes().itertuples(index=False)}
    for share, cats in groupes.items():
        certain = [n for n, pl in plausibles.items() if pl <= cats]
        possible = [n for n, pl in plausibles.items() if pl & cats]
        out[f"plage_min_{share}"] = _sum(comp_scaled[n] for n in certain) / total
        out[f"plage_max_{share}"] = _sum(comp_scaled[n] for n in possible) / total
    cles = []
    for row in missions().itertuples(index=False):
        if row.poste_cle:
            share = out[f"part_poste_cle_{row.mission}"] = out[f"ligne_{row.poste_cle}"] / out[f"mission_{row.mission}"]
            cles.append(share)
    out["part_poste_cle_min"] = np.minimum.reduce(np.broadcast_arrays(*cles))
    out["part_poste_cle_max"] = np.maximum.reduce(np.broadcast_arrays(*cles))

    # 3.2.5 carriers: share of the extra cost they already fund (« mutualisé »)
    mut = mutualisation()
    for porteur in porteurs()["porteur"]:
        rows = mut[mut["porteur"] == porteur]
        montant = _sum(out[f"ligne_{r.ligne}"] * r.part_mutualisee for r in rows.itertuples(index=False))
        out[f"part_mutualisee_{porteur}"] = montant / total
        out[f"part_surcout_{porteur}"] = 1 - out[f"part_mutualisee_{porteur}"]

    # 3.2.6 démarches structurantes
    for dem in demarches()["demarche"]:
        ms = missions().loc[missions()["demarche"] == dem, "mission"]
        out[f"demarche_{dem}"] = _sum(out[f"mission_{m}"] for m in ms)

    out["part_formation_coordination"] = out["ligne_formation"] / out["mission_coordination"]

    # per-unit ratios quoted in the prose
    out["cout_relais_par_habitant"] = out["mission_relais"] / v["population_bassin"]
    out["cout_pair_aidance_par_personne"] = out["mission_pair_aidance"] / v["file_active"]
    out["nb_departements_couts"] = multiplicateur("departements", v)
    out["nb_structures_couts"] = multiplicateur("structures", v)
    out["mission_coordination_par_departement"] = out["mission_coordination"] / _nonzero(out["nb_departements_couts"])
    out["mission_participation_par_structure"] = out["mission_participation"] / _nonzero(out["nb_structures_couts"])
    return out


def controles_porteurs(v: Mapping[str, Any]) -> dict[str, Any]:
    """Checks of 3.2.5 on the carriers' table this edition reconstructed
    (``data/mutualisation.csv``): how far the support structures for coordination stand
    below the next carrier in extra cost, and the relais mission's share of what they still
    lack."""
    autres = [v[f"part_surcout_{p}"] for p in porteurs()["porteur"] if p != "appui_coordination"]
    marge = np.minimum.reduce(np.broadcast_arrays(*autres)) - v["part_surcout_appui_coordination"]
    mut = mutualisation()
    appui = dict(
        zip(
            mut.loc[mut["porteur"] == "appui_coordination", "ligne"],
            mut.loc[mut["porteur"] == "appui_coordination", "part_mutualisee"],
            strict=False,
        )
    )
    manque = {r.ligne: v[f"ligne_{r.ligne}"] * (1 - appui.get(r.ligne, 0.0)) for r in lignes().itertuples(index=False)}
    relais = _sum(manque[r.ligne] for r in lignes().itertuples(index=False) if r.mission == "relais")
    return {
        "marge_surcout_appui_coordination": marge,
        "part_relais_surcout_appui_coordination": relais / _sum(manque.values()),
    }


def _sum(terms):
    total = 0.0
    for t in terms:
        total = total + t
    return total


def _nonzero(x):
    x = np.asarray(x, dtype=float)
    out = np.where(x == 0, np.nan, x)
    return float(out) if out.ndim == 0 else out
