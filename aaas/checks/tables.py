"""One function per table of the report, each returning a DataFrame indexed by the
report's French row labels with columns ``rapport`` (printed), ``recalcule``
(recomputed), ``ecart`` (recomputed − printed), plus ``unite``, ``precision``,
``comparaison``, ``origine`` (tableau or texte), ``statut``, ``errata`` and ``variable``.

The rows come from ``data/published.csv``; the values from the model.  Use
:func:`table` with a table id (see :func:`ids`) or the named functions below.
"""

from __future__ import annotations

import difflib

import pandas as pd

from ..errors import ChoiceError
from ..models import scenario as scenarios
from . import reconcile

COLONNES = [
    "rapport",
    "recalcule",
    "ecart",
    "unite",
    "precision",
    "comparaison",
    "origine",
    "statut",
    "errata",
    "variable",
]


def ids() -> list[str]:
    """Table ids in the report's order."""
    return list(reconcile.tableaux()["tableau"])


def info(table_id: str) -> dict:
    """Section, title and mission of a table."""
    t = reconcile.tableaux().set_index("tableau")
    return {"tableau": table_id, **t.loc[table_id].to_dict()}


def check_table(table_id: str) -> str:
    if table_id not in ids():
        near = difflib.get_close_matches(table_id, ids(), n=1)
        hint = f" ; vouliez-vous dire '{near[0]}' ?" if near else ""
        raise ChoiceError(f"tableau inconnu '{table_id}'{hint} ; tableaux disponibles : {', '.join(ids())}")
    return table_id


def all_tables(scenario: scenarios.Scenario | None = None, convention: str = "rapport") -> dict[str, pd.DataFrame]:
    """Every table, computed in one evaluation."""
    rec = reconcile.reconcile(scenario, convention)
    return {t: _shape(rec[rec["tableau"] == t]) for t in ids()}


def table(table_id: str, scenario: scenarios.Scenario | None = None, convention: str = "rapport") -> pd.DataFrame:
    """One table of the report, recomputed."""
    check_table(table_id)
    rec = reconcile.reconcile(scenario, convention)
    return _shape(rec[rec["tableau"] == table_id])


def _shape(rows: pd.DataFrame) -> pd.DataFrame:
    df = rows.rename(columns={"value": "rapport", "unit": "unite", "label": "libelle"})
    return df.set_index("libelle")[COLONNES]


def _named(table_id: str):
    def f(scenario: scenarios.Scenario | None = None, convention: str = "rapport") -> pd.DataFrame:
        return table(table_id, scenario, convention)

    f.__name__ = f"tableau_{table_id}"
    f.__doc__ = f"Table « {table_id} » of the report (see data/tableaux.csv)."
    return f


tableau_mediateur = _named("mediateur")
tableau_interpretariat = _named("interpretariat")
tableau_deplacements_relais = _named("deplacements_relais")
tableau_lieu_alternatif = _named("lieu_alternatif")
tableau_consultations_inclusion = _named("consultations_inclusion")
tableau_synthese_relais = _named("synthese_relais")
tableau_referent_parcours = _named("referent_parcours")
tableau_medecin_coordinateur = _named("medecin_coordinateur")
tableau_visites_domicile = _named("visites_domicile")
tableau_ateliers = _named("ateliers")
tableau_reunions_pluripro = _named("reunions_pluripro")
tableau_synthese_pair_aidance = _named("synthese_pair_aidance")
tableau_coordinateur_territorial = _named("coordinateur_territorial")
tableau_communication = _named("communication")
tableau_formation = _named("formation")
tableau_concertation = _named("concertation")
tableau_synthese_coordination = _named("synthese_coordination")
tableau_echanges_pratiques = _named("echanges_pratiques")
tableau_synthese_participation = _named("synthese_participation")
tableau_synthese = _named("synthese")
tableau_porteurs = _named("porteurs")
tableau_demarches = _named("demarches")
tableau_structure_couts = _named("structure_couts")
