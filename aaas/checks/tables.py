"""The report's tables: their identifiers, and one shape for the command line and the book.

A table is a DataFrame indexed by the report's French row labels with columns ``rapport``
(printed), ``recalcule`` (recomputed), ``ecart`` (recomputed − printed), plus ``unite``,
``precision``, ``comparaison``, ``origine`` (tableau or texte), ``statut``, ``errata`` and
``variable``.  The rows come from ``data/published.csv``, the values from the model, via
:class:`aaas.checks.evaluation.Evaluation` (``aaas.evaluate().table("synthese")``).
"""

from __future__ import annotations

import difflib

import pandas as pd

from .. import datastore
from ..errors import ChoiceError, cite

#: What a table's gap is measured against: the printed figure, or the convention's
#: default recomputed (to see a scenario's own effect).
BASELINES = ("rapport", "defaut")
COLONNES = [
    "rapport",
    "defaut",
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
    """Table ids in the report's order.

    >>> ids()[:2]
    ['mediateur', 'interpretariat']
    """
    return list(datastore.tableaux()["tableau"])


def info(table_id: str) -> dict:
    """Section, title and mission of a table."""
    t = datastore.tableaux().set_index("tableau")
    return {"tableau": table_id, **t.loc[check_table(table_id)].to_dict()}


def check_table(table_id: str) -> str:
    """``table_id`` if the report has that table, else a :class:`~aaas.errors.ChoiceError`."""
    if table_id not in ids():
        near = difflib.get_close_matches(table_id, ids(), n=1)
        hint = f" ; vouliez-vous dire '{near[0]}' ?" if near else ""
        raise ChoiceError(f"tableau inconnu '{cite(table_id)}'{hint} ; tableaux disponibles : {', '.join(ids())}")
    return table_id


def shape(rows: pd.DataFrame, baseline: str = "rapport", affiches=None, affiches_defaut=None) -> pd.DataFrame:
    """Rows of the reconciliation (:func:`aaas.checks.reconcile.reconcile`) as a table: the
    report's labels as index, the columns of :data:`COLONNES`; ``ecart`` is the recomputed
    value minus the ``baseline`` (``rapport``: the printed figure; ``defaut``: the
    convention's default recomputed), recorded in ``df.attrs["baseline"]``; ``affiches``: the
    amounts displayed for lines, missions and the total (:mod:`.affichage`), in
    ``df.attrs["affiches"]`` (those of the convention's default: ``affiches_defaut``)."""
    if baseline not in BASELINES:
        raise ChoiceError(f"--baseline inconnue '{cite(baseline)}' ; valeurs acceptées : {', '.join(BASELINES)}")
    df = rows.rename(columns={"value": "rapport", "unit": "unite", "label": "libelle"}).set_index("libelle")
    if baseline == "defaut":
        df["ecart"] = (df["recalcule"] - df["defaut"]).where(df["comparaison"] != "-")
    df = df[COLONNES]
    df.attrs["baseline"] = baseline
    df.attrs["affiches"] = dict(affiches or {})
    df.attrs["affiches_defaut"] = dict(affiches_defaut or {})
    return df


def listing() -> list:
    """The report's tables (identifier, section, title), in its order."""
    return list(datastore.tableaux().itertuples(index=False))
