"""Cross-checks of the report's prose: quantities that no cost line needs, computed only to
test a ratio, a frequency or a « soit … » the text states (rows of ``data/published.csv``
with ``origine = texte``).

Each function is one formula, with its inputs and units; all accept scalars or NumPy
arrays.  The report's section is given in each docstring.  Plain ratios of two
quantities are :func:`aaas.formulas.communs.ratio` (also reachable here as ``ratio``).
"""

from __future__ import annotations

import numpy as np

from .communs import MOIS_PAR_AN, ratio
from .inclusion import proportion_temps_supplementaire, surcout_consultation

__all__ = [
    "ratio",
    "allers_retours",
    "km_aller_retour",
    "surcout_consultation_prorata",
    "rayon_deplacement",
    "intervalle_mois",
    "intervalle_jours",
    "heures_par_personne",
    "salaire_net_equivalent",
    "places",
    "jours_ouvres",
    "nb_positifs",
    "indemnisation_par_participant",
    "part_partagee",
    "repartition_fonctions",
    "rapport_max_min",
    "part_hors",
]

JOURS_PAR_AN = 365
JOURS_DE_WEEK_END = 2 * 52


# --- 2.2 relais --------------------------------------------------------------------------


def allers_retours(deplacements):
    """Round trips made of ``deplacements`` one-way trips.

    Parameters
    ----------
    deplacements : float or ndarray [déplacements]

    Returns
    -------
    float or ndarray [allers-retours]

    Source: report 2.2.2.4 (« il y aura 6 déplacements de 20 km, soit 3 allers-retours »).

    >>> allers_retours(6)
    3.0
    """
    return deplacements / 2


def km_aller_retour(km_par_deplacement):
    """Length of a round trip of two one-way trips.

    Parameters
    ----------
    km_par_deplacement : float or ndarray [km]

    Returns
    -------
    float or ndarray [km]

    Source: report 2.2.2.4 (« soit 3 allers-retours de 40 km » : 2 × 20 km).

    >>> km_aller_retour(20)
    40
    """
    return 2 * km_par_deplacement


def surcout_consultation_prorata(tarif, duree_courante, duree_supplementaire):
    """Extra cost of an inclusion consultation with the extra minutes priced pro rata of
    an ordinary consultation (the reading the text suggests).

    Parameters
    ----------
    tarif : float or ndarray [€]
    duree_courante : float or ndarray [min]
    duree_supplementaire : float or ndarray [min]

    Returns
    -------
    float or ndarray [€]

    Source: report 2.2.2.6 (« soit 25 minutes de plus … cela représente 14 € de surcoût » :
    25 min at the price of 20 min, 25 € × 25 / 20 = 31,25 €).

    >>> surcout_consultation_prorata(25, 20, 25)
    31.25
    """
    proportion = proportion_temps_supplementaire(duree_courante, duree_supplementaire, "duree_courante")
    return surcout_consultation(tarif, proportion)


# --- 2.3 pair-aidance --------------------------------------------------------------------


def rayon_deplacement(km_aller_retour):
    """Radius of a round trip.

    Parameters
    ----------
    km_aller_retour : float or ndarray [km]

    Returns
    -------
    float or ndarray [km]

    Source: report 2.3.2.3 (25 km « équivaut à un déplacement sur un rayon de 12 km »).

    >>> rayon_deplacement(25)
    12.5
    """
    return km_aller_retour / 2


def intervalle_mois(nb_evenements_an):
    """Months between two events spread evenly over a year.

    Parameters
    ----------
    nb_evenements_an : float or ndarray [événements/an]

    Returns
    -------
    float or ndarray [mois]

    Source: report 2.3.2.4 (7 sessions, « une séance tous les mois et demi »).

    >>> round(intervalle_mois(7), 2)
    1.71
    """
    return ratio(MOIS_PAR_AN, nb_evenements_an)


def intervalle_jours(nb_mois, nb_evenements):
    """Days between two events spread evenly over ``nb_mois`` months.

    Parameters
    ----------
    nb_mois : float or ndarray [mois]
    nb_evenements : float or ndarray [événements]

    Returns
    -------
    float or ndarray [jours]

    Source: report 2.3.2.5 (20 meetings over 10 months, « tous les quinze jours »).

    >>> round(intervalle_jours(10, 20), 1)
    15.2
    """
    return ratio(nb_mois * JOURS_PAR_AN / MOIS_PAR_AN, nb_evenements)


def heures_par_personne(etp, heures_annuelles_etp, personnes):
    """Hours a year per person that ``etp`` full-time equivalents pay for.

    Parameters
    ----------
    etp : float or ndarray [ETP]
    heures_annuelles_etp : float or ndarray [h/an]
    personnes : float or ndarray [pers.]

    Returns
    -------
    float or ndarray [h/pers./an]

    Source: report 2.3.2.2 (0,1 ETP × 1 820 h / 100 personnes = 1,82 h, against « une heure
    et demie »).

    >>> round(heures_par_personne(0.1, 1820, 100), 2)
    1.82
    """
    return ratio(etp * heures_annuelles_etp, personnes)


def salaire_net_equivalent(cout_horaire, heures_annuelles_etp, taux_patronal, taux_salarial_net):
    """Monthly net salary of an employee whose employer cost per hour is ``cout_horaire``.

    Parameters
    ----------
    cout_horaire : float or ndarray [€/h]
    heures_annuelles_etp : float or ndarray [h/an]
    taux_patronal : float or ndarray [–]
        Employer contributions on the gross.
    taux_salarial_net : float or ndarray [–]
        Employee contributions on the net.

    Returns
    -------
    float or ndarray [€/mois]

    Source: report 2.3.2.4 (40 €/h « soit une rémunération nette en équivalent salarié de
    3 000 € mensuel »).

    >>> round(salaire_net_equivalent(40, 1820, 0.4, 0.25), 2)
    3466.67
    """
    return cout_horaire * heures_annuelles_etp / MOIS_PAR_AN / (1 + taux_patronal) / (1 + taux_salarial_net)


def places(nb_groupes, taille_groupe):
    """Places offered by ``nb_groupes`` groups of ``taille_groupe`` people.

    Parameters
    ----------
    nb_groupes : float or ndarray [groupes]
    taille_groupe : float or ndarray [pers./groupe]

    Returns
    -------
    float or ndarray [places]

    Source: report 2.3.2.4 (« 13 ateliers collectifs … permettant à 100 personnes de
    participer » : 13 × 8 = 104 places).

    >>> places(13, 8)
    104
    """
    return nb_groupes * taille_groupe


# --- 2.4 coordination --------------------------------------------------------------------


def jours_ouvres(jours_feries_en_semaine):
    """Working days (Monday to Friday) in a year: 365 − 104 weekend days − public holidays
    falling on a weekday.

    Parameters
    ----------
    jours_feries_en_semaine : float or ndarray [jours]

    Returns
    -------
    float or ndarray [jours]

    Source: report 2.4.2.2 (calls 302 days « jours ouvrés »).

    >>> jours_ouvres(10)
    251
    """
    return JOURS_PAR_AN - JOURS_DE_WEEK_END - jours_feries_en_semaine


def nb_positifs(*valeurs):
    """How many of ``valeurs`` are above zero.

    Parameters
    ----------
    *valeurs : float or ndarray

    Returns
    -------
    int or ndarray [nb]

    Source: report 2.4.2.2 (« 3 réseaux majeurs », the networks with a CPM).

    >>> int(nb_positifs(5.52, 6.67, 0.0))
    2
    """
    return sum((np.asarray(v) > 0).astype(int) for v in valeurs)


def indemnisation_par_participant(indemnisation, nb_reunions, nb_indemnises):
    """Compensation per compensated professional and meeting.

    Parameters
    ----------
    indemnisation : float or ndarray [€/an]
    nb_reunions : float or ndarray [réunions/an]
    nb_indemnises : float or ndarray [pers./réunion]

    Returns
    -------
    float or ndarray [€/pers./réunion]

    Source: report 2.4.2.4 (« 5 professionnels … à hauteur d'une moyenne de 90 € par
    réunion » : 3 240 € / (36 × 5) = 18 €).

    >>> indemnisation_par_participant(3240, 36, 5)
    18.0
    """
    return ratio(indemnisation, nb_reunions * nb_indemnises)


def part_partagee(part_autre, nb_fonctions):
    """Share of a post each of ``nb_fonctions`` functions gets of what another leaves.

    Parameters
    ----------
    part_autre : float or ndarray [–]
        Share of the post given to the other function.
    nb_fonctions : float or ndarray [nb]

    Returns
    -------
    float or ndarray [–]

    Source: report 2.4.2.5 (the coordinator « pour moitié à la concertation …, et pour
    moitié à la communication et formation » : a quarter each).

    >>> part_partagee(0.5, 2)
    0.25
    """
    return (1 - part_autre) / nb_fonctions


def repartition_fonctions(cout_poste, part_poste, budget_propre):
    """Resources of one function of a mission: its share of a shared post plus its own
    budget.

    Parameters
    ----------
    cout_poste : float or ndarray [€/an]
    part_poste : float or ndarray [–]
    budget_propre : float or ndarray [€/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.5 (concertation: 58 800 € × 50 % + 3 852 € = 33 252 €).

    >>> repartition_fonctions(58800, 0.5, 3852)
    33252.0
    """
    return cout_poste * part_poste + budget_propre


def rapport_max_min(*valeurs):
    """Largest of ``valeurs`` over the smallest.

    Parameters
    ----------
    *valeurs : float or ndarray [u]

    Returns
    -------
    float or ndarray [–]

    Source: report 2.4.2.5 (« les trois fonctions clefs sont proches du point de vue des
    montants de ressources qu'elles mobilisent » : 39 700 / 29 700 = 1,34).

    >>> round(rapport_max_min(33252, 29700, 39700), 2)
    1.34
    """
    return ratio(np.maximum.reduce(valeurs), np.minimum.reduce(valeurs))


# --- 2.5 participation -------------------------------------------------------------------


def part_hors(total, partie):
    """Share of a total outside one of its parts.

    Parameters
    ----------
    total : float or ndarray [€]
    partie : float or ndarray [€]

    Returns
    -------
    float or ndarray [–]

    Source: report 2.5.2.4 (the mission without the evaluation: (37 800 − 15 000) / 37 800
    = 60 %).

    >>> round(part_hors(37800, 15000), 2)
    0.6
    """
    return ratio(total - partie, total)
