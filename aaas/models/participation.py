"""Mission appui à la participation au pilotage (report section 2.5): the model's steps,
one per section, for one structure.

Scaling: every quantity here is the report's, for one structure; the mission's lines count
``nb_structures_couts`` units in the aggregation (see :mod:`aaas.models.surcouts`).
"""

from __future__ import annotations

from ..formulas import communs
from ..formulas import participation as pp
from .sheet import Sheet


def evaluation(s: Sheet) -> None:
    """2.5.2.1 evaluation of the scheme: the report's budget."""
    s.copy("cout_evaluation_dispositif", "cout_evaluation")


def formation_gouvernance(s: Sheet) -> None:
    """2.5.2.2 training in taking part in the governance: the report's budget."""
    s.copy("cout_formation_participation", "cout_formation_gouvernance")


def echanges_pratiques(s: Sheet) -> None:
    """2.5.2.3 practice-exchange meetings: participants, groups, cost (the report's double
    count as ``double_compte_groupes_qualite`` says)."""
    s.calc("participants_qualite", communs.nb_personnes, "effectif_structure", "part_effectif_qualite")
    s.calc("effectif_reunion_qualite", pp.effectif_par_groupe, "participants_qualite", "nb_groupes_qualite")
    reunions = "nb_reunions_qualite", "duree_reunion_qualite", "cout_horaire_salarie"
    groupes = "nb_groupes_qualite", "double_compte_groupes_qualite"
    s.calc("cout_echanges_pratiques", pp.cout_echanges_pratiques, "participants_qualite", *reunions, *groupes)


#: The mission's steps, in the report's order.
STEPS = (evaluation, formation_gouvernance, echanges_pratiques)
