"""Helpers that keep the book's notebooks thin: :func:`setup` evaluates a scenario once,
then the context glues every figure of the prose (:mod:`.glue`), shows each report table
with its links (:mod:`.html_tables`) and draws the charts (:mod:`.charts`).

Notebooks call these; they never compute a formula themselves.
"""

from .charts import graphique_missions, graphique_porteurs, graphique_structure
from .context import Contexte, setup
from .glue import Texte
from .html_tables import (
    html_frame,
    montre_df,
    montre_frame,
    tableau_chiffres,
    tableau_errata,
    tableau_mutualisation,
    tableau_vocabulaire,
)

__all__ = [
    "Contexte",
    "Texte",
    "graphique_missions",
    "graphique_porteurs",
    "graphique_structure",
    "html_frame",
    "montre_df",
    "montre_frame",
    "setup",
    "tableau_chiffres",
    "tableau_errata",
    "tableau_mutualisation",
    "tableau_vocabulaire",
]
