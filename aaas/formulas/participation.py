"""Mission appui à la participation au pilotage (report section 2.5), per structure.

The number of staff in the quality groups is :func:`aaas.formulas.communs.nb_personnes`
(50 × 60 % = 30).  Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations


def effectif_par_groupe(participants, nb_groupes):
    """Attendance of each quality group.

    Parameters
    ----------
    participants : float or ndarray [pers.]
    nb_groupes : float or ndarray [groupes]

    Returns
    -------
    float or ndarray [pers./groupe]

    Source: report 2.5.2.3 (« Effectif des réunions » 30 / 2 = 15).

    >>> effectif_par_groupe(30, 2)
    15.0
    """
    return participants / nb_groupes


def cout_echanges_pratiques(participants, nb_reunions, duree_h, cout_horaire, nb_groupes, double_compte):
    """Cost of the practice-exchange meetings.

    Each participant attends ``nb_reunions`` meetings of ``duree_h`` hours paid
    ``cout_horaire``: 30 × 3 × 4 × 30 € = 10 800 €.  The report prints 21 600 €, i.e.
    multiplies again by the number of groups although the 30 participants are already both
    groups together; ``double_compte=1`` reproduces it (erratum E16).

    Parameters
    ----------
    participants : float or ndarray [pers.]
        Staff in the quality groups, all groups together.
    nb_reunions : float or ndarray [réunions/an]
    duree_h : float or ndarray [h/réunion]
    cout_horaire : float or ndarray [€/h]
    nb_groupes : float or ndarray [groupes]
    double_compte : float or ndarray [0 or 1]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.5.2.3 (« Coût échanges pratiques 21 600 € »).

    >>> cout_echanges_pratiques(30, 3, 4, 30, 2, 1), cout_echanges_pratiques(30, 3, 4, 30, 2, 0)
    (21600, 10800)
    """
    facteur = 1 + double_compte * (nb_groupes - 1)
    return participants * nb_reunions * duree_h * cout_horaire * facteur
