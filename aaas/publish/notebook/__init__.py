"""Helpers that keep the book's notebooks thin: :func:`setup` evaluates a scenario once,
then the context glues every figure of the prose (:mod:`.glue`), shows each report table
with its links (:mod:`.html_tables`, rendered by the book's one table renderer
:mod:`.tables`) and draws the charts (:mod:`.charts`).

Notebooks call these; they never compute a formula themselves.  A notebook's parameters
cell is generated (:mod:`.parameters_cell`), its set-up reads what papermill passed
(:mod:`.namespace`), and :func:`results` collects the figures of an executed notebook as
numbers.
"""

from . import tables
from .charts import graphique_missions, graphique_porteurs, graphique_structure
from .collect import results
from .context import Context, setup, setup_from
from .glue import GluedText
from .html_tables import (
    show_errata,
    show_figures,
    show_mutualisation,
    show_status_table,
    status_table_html,
    tableau_chiffres,
    tableau_errata,
    tableau_mutualisation,
    tableau_vocabulaire,
)
from .resume import glue_mission, mission_de_section

__all__ = [
    "Context",
    "GluedText",
    "glue_mission",
    "graphique_missions",
    "graphique_porteurs",
    "graphique_structure",
    "mission_de_section",
    "results",
    "setup",
    "setup_from",
    "show_errata",
    "show_figures",
    "show_mutualisation",
    "show_status_table",
    "status_table_html",
    "tableau_chiffres",
    "tableau_errata",
    "tableau_mutualisation",
    "tableau_vocabulaire",
    "tables",
]
