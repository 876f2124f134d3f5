"""From cost components to lines, missions, the grand total and the report's shares.

Everything here is driven by data: ``data/composantes.csv`` (which quantity makes which
line, and its cost category for section 3.3), ``data/lignes.csv`` (which mission each line
belongs to and its unit, column ``echelle``: ``habitants``, ``file_active``,
``departements``, ``structures``), ``data/missions.csv`` (démarche structurante for 3.2.6,
key post), ``data/mutualisation.csv`` (which lines each category of carrier already funds,
for the 3.2.5 chart).

Scaling, one mechanism for every line: each component is multiplied by the count of units
of its line's unit, ``comptes[echelle]``, which the model decides and passes
(:data:`aaas.models.surcouts.COMPTES`: one unit for ``habitants`` and ``file_active``,
whose formulas already take the catchment's population and the file active; the
départements and structures counted for the others).  Nothing here reads a size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import datastore
from ..formulas import echelle, synthese
from ..formulas.communs import ratio, somme

missions = datastore.missions
lignes = datastore.lignes
composantes = datastore.composantes
mutualisation = datastore.mutualisation
categories = datastore.categories
porteurs = datastore.porteurs
demarches = datastore.demarches


def aggregate(v: Mapping[str, Any], comptes: Mapping[str, Any]) -> dict[str, Any]:
    """Lines, missions, total and shares, named ``ligne_*``, ``mission_*``, ``total``,
    ``total_par_*``, ``montant_*``, ``part_*``, ``plage_*``, ``demarche_*``, from the components ``v`` and
    the count of units of each unit of ``data/lignes.csv`` (``comptes``)."""
    montants = montants_comptes(v, comptes)
    out = lignes_et_missions(montants)
    out.update(totaux_par_unite(v, out["total"]))
    out.update(structure_des_couts(montants, out["total"]))
    out.update(postes_cles(out))
    out.update(parts_porteurs(out))
    out.update(demarches_structurantes(out))
    return out


@datastore.cached
def _structure() -> tuple:
    """(component, unit of its line) pairs; (line, its components); (mission, its lines),
    in the files' order — read once."""
    comp, lig = composantes(), lignes()
    unite = lig.set_index("ligne")["echelle"].to_dict()
    parts = tuple((r.composante, unite[r.ligne]) for r in comp.itertuples(index=False))
    par_ligne = tuple((x, tuple(comp.loc[comp["ligne"] == x, "composante"])) for x in lig["ligne"])
    par_mission = tuple((m, tuple(lig.loc[lig["mission"] == m, "ligne"])) for m in missions()["mission"])
    return parts, par_ligne, par_mission


def montants_comptes(v: Mapping[str, Any], comptes: Mapping[str, Any]) -> dict[str, Any]:
    """Each component of ``data/composantes.csv`` for the units its line counts."""
    parts = _structure()[0]
    inconnues = {u for _, u in parts} - set(comptes)
    if inconnues:
        raise ValueError(f"lignes.csv : échelle sans compte d'unités : {', '.join(sorted(inconnues))}")
    return {c: echelle.pour_unites(v[c], comptes[u]) for c, u in parts}


def lignes_et_missions(montants: Mapping[str, Any]) -> dict[str, Any]:
    """3.1: each line the sum of its components, each mission of its lines, the total of
    the missions."""
    _, par_ligne, par_mission = _structure()
    out = {f"ligne_{x}": somme(montants[n] for n in noms) for x, noms in par_ligne}
    for mission, ids in par_mission:
        out[f"mission_{mission}"] = somme(out[f"ligne_{i}"] for i in ids)
    out["total"] = somme(out[f"mission_{m}"] for m, _ in par_mission)
    return out


#: The total per unit of each unit of ``data/lignes.csv`` (column ``echelle``): the
#: quantity, and the size it divides by — the catchment's population, the file active, and
#: the départements and structures counted as their scaling readings say
#: (``nb_departements_couts``, ``nb_structures_couts``: the units the total pays for).
PAR_UNITE = {
    "habitants": ("total_par_habitant", "population_bassin"),
    "file_active": ("total_par_personne", "file_active"),
    "departements": ("total_par_departement", "nb_departements_couts"),
    "structures": ("total_par_structure", "nb_structures_couts"),
}


def totaux_par_unite(v: Mapping[str, Any], total) -> dict[str, Any]:
    """The total of the four missions per inhabitant of the catchment, per person followed,
    per département and per structure counted (:data:`PAR_UNITE`; 0 for a size of 0).

    >>> v = {"population_bassin": 20000.0, "file_active": 100.0, "nb_departements_couts": 1.0,
    ...      "nb_structures_couts": 2.0}
    >>> totaux_par_unite(v, 400000.0)["total_par_habitant"], totaux_par_unite(v, 400000.0)["total_par_structure"]
    (20.0, 200000.0)
    """
    return {nom: ratio(total, v[taille]) for nom, taille in PAR_UNITE.values()}


def par_unite_du_parametre(parametre: str) -> str | None:
    """The total per unit whose size is the parameter ``parametre`` itself (the catchment's
    population, the file active), or None (the départements and structures are divided
    as counted, which their scaling readings may round).

    >>> par_unite_du_parametre("population_bassin"), par_unite_du_parametre("nb_departements")
    ('total_par_habitant', None)
    """
    return next((nom for nom, taille in PAR_UNITE.values() if taille == parametre), None)


def structure_des_couts(montants: Mapping[str, Any], total) -> dict[str, Any]:
    """3.3: amount and share of each cost category, and the range of each share over the
    plausible classifications."""
    comp = composantes()
    out = {}
    for cat in categories()["categorie"]:
        out[f"montant_{cat}"] = somme(montants[n] for n in comp.loc[comp["categorie"] == cat, "composante"])
        out[f"part_{cat}"] = ratio(out[f"montant_{cat}"], total)
    out["part_travail_collectif_et_tiers"] = somme([out["part_travail_collectif"], out["part_prestations_tiers"]])
    out.update(plages(montants, total))
    return out


def plages(montants: Mapping[str, Any], total) -> dict[str, Any]:
    """3.3: the report does not publish its classification; the range of each share over
    the plausible classifications of ``composantes.csv`` (``categories_plausibles``)."""
    groupes = {f"part_{cat}": {cat} for cat in categories()["categorie"]}
    groupes["part_travail_collectif_et_tiers"] = {"travail_collectif", "prestations_tiers"}
    plausibles = {r.composante: set(r.categories_plausibles.split("|")) for r in composantes().itertuples(index=False)}
    out = {}
    for share, cats in groupes.items():
        certain = [n for n, pl in plausibles.items() if pl <= cats]
        possible = [n for n, pl in plausibles.items() if pl & cats]
        out[f"plage_min_{share}"] = ratio(somme(montants[n] for n in certain), total)
        out[f"plage_max_{share}"] = ratio(somme(montants[n] for n in possible), total)
    return out


def postes_cles(out: Mapping[str, Any]) -> dict[str, Any]:
    """3.3: each mission's key post as a share of the mission, and the range of these shares."""
    parts = {}
    for row in missions().itertuples(index=False):
        if row.poste_cle:
            parts[f"part_poste_cle_{row.mission}"] = ratio(out[f"ligne_{row.poste_cle}"], out[f"mission_{row.mission}"])
    cles = list(parts.values())
    parts["part_poste_cle_min"] = synthese.minimum(cles)
    parts["part_poste_cle_max"] = synthese.maximum(cles)
    return parts


def parts_porteurs(out: Mapping[str, Any]) -> dict[str, Any]:
    """3.2.5 carriers: share of the extra cost each already funds (« mutualisé ») and share
    it does not."""
    mut = mutualisation()
    parts = {}
    for porteur in porteurs()["porteur"]:
        rows = mut[mut["porteur"] == porteur].itertuples(index=False)
        montant = somme(synthese.montant_mutualise(out[f"ligne_{r.ligne}"], r.part_mutualisee) for r in rows)
        mutualisee = parts[f"part_mutualisee_{porteur}"] = ratio(montant, out["total"])
        parts[f"part_surcout_{porteur}"] = synthese.part_complementaire(mutualisee)
    return parts


def demarches_structurantes(out: Mapping[str, Any]) -> dict[str, Any]:
    """3.2.6: each démarche structurante the sum of its missions."""
    m = missions()
    return {
        f"demarche_{dem}": somme(out[f"mission_{i}"] for i in m.loc[m["demarche"] == dem, "mission"])
        for dem in demarches()["demarche"]
    }


def controles_porteurs(v: Mapping[str, Any]) -> dict[str, Any]:
    """Checks of 3.2.5 on the carriers' table this edition reconstructed
    (``data/mutualisation.csv``): how far the support structures for coordination stand
    below the next carrier in extra cost, and the relais mission's share of what they still
    lack."""
    autres = [v[f"part_surcout_{p}"] for p in porteurs()["porteur"] if p != "appui_coordination"]
    mut = mutualisation()
    appui = mut[mut["porteur"] == "appui_coordination"]
    part = dict(zip(appui["ligne"], appui["part_mutualisee"], strict=True))
    lig = lignes()
    manque = {
        r.ligne: synthese.reste_a_financer(v[f"ligne_{r.ligne}"], part.get(r.ligne, 0.0)) for r in lig.itertuples()
    }
    relais = somme(manque[ligne] for ligne in lig.loc[lig["mission"] == "relais", "ligne"])
    return {
        "marge_surcout_appui_coordination": synthese.marge_sous(autres, v["part_surcout_appui_coordination"]),
        "part_relais_surcout_appui_coordination": ratio(relais, somme(manque.values())),
    }
