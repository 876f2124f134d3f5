"""Mission appui à la participation au pilotage (report section 2.5), per structure.

Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations


def participants_qualite(effectif, part):
    """Staff taking part in the quality groups (2.5.2.3: 50 × 60 % = 30)."""
    return effectif * part


def effectif_par_groupe(participants, nb_groupes):
    """Attendance of each group (2.5.2.3: 30 / 2 = 15)."""
    return participants / nb_groupes


def cout_echanges_pratiques(participants, nb_reunions, duree_h, cout_horaire, nb_groupes, double_compte):
    """Cost of practice-exchange meetings (€/year).

    Each participant attends ``nb_reunions`` meetings of ``duree_h`` hours paid
    ``cout_horaire`` €/h: 30 × 3 × 4 × 30 € = 10 800 €.  The report (2.5.2.3) prints
    21 600 €, i.e. multiplies again by the number of groups although the 30 participants
    are already both groups together; ``double_compte=1`` reproduces it.
    """
    facteur = 1 + double_compte * (nb_groupes - 1)
    return participants * nb_reunions * duree_h * cout_horaire * facteur
