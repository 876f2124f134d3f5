"""Cross-checks of the report's prose: quantities that no cost line needs, computed only to
test a ratio, a frequency or a « soit … » the text states (rows of ``data/published.csv``
with ``origine = texte``).

Each function is one formula, with its inputs and units; all accept scalars or NumPy
arrays.  The report's section is given in each docstring.
"""

from __future__ import annotations

import numpy as np

MOIS_PAR_AN = 12
JOURS_PAR_AN = 365
JOURS_DE_WEEK_END = 2 * 52


def ratio(numerateur, denominateur):
    """A ratio of two quantities of the same unit (dimensionless), NaN where the
    denominator is 0.

    >>> ratio(2049, 1678.95) < 1.6   # 2.2.2.2 : le médiateur sous 1,6 Smic
    True
    """
    d = np.asarray(denominateur, dtype=float)
    out = np.asarray(numerateur, dtype=float) / np.where(d == 0, np.nan, d)
    return float(out) if out.ndim == 0 else out


def rayon_deplacement(km_aller_retour):
    """Radius (km) of a round trip of ``km_aller_retour`` km (2.3.2.3: 25 km « équivaut à
    un déplacement sur un rayon de 12 km »).

    >>> rayon_deplacement(25)
    12.5
    """
    return km_aller_retour / 2


def intervalle_mois(nb_evenements_an):
    """Months between two events spread evenly over a year (2.3.2.4: 7 sessions, « une
    séance tous les mois et demi »).

    >>> round(intervalle_mois(7), 2)
    1.71
    """
    return ratio(MOIS_PAR_AN, nb_evenements_an)


def intervalle_jours(nb_mois, nb_evenements):
    """Days between two events spread evenly over ``nb_mois`` months (2.3.2.5: 20 meetings
    over 10 months, « tous les quinze jours »).

    >>> round(intervalle_jours(10, 20), 1)
    15.2
    """
    return ratio(nb_mois * JOURS_PAR_AN / MOIS_PAR_AN, nb_evenements)


def heures_par_personne(etp, heures_annuelles_etp, personnes):
    """Hours a year per person (h) that ``etp`` full-time equivalents pay for (2.3.2.2:
    0,1 ETP × 1 820 h / 100 personnes = 1,82 h, against « une heure et demie »).

    >>> round(heures_par_personne(0.1, 1820, 100), 2)
    1.82
    """
    return ratio(etp * heures_annuelles_etp, personnes)


def cout_horaire_employeur(cout_mensuel, heures_annuelles_etp):
    """Employer cost per hour (€/h) of a post costing ``cout_mensuel`` €/month to its
    employer, on ``heures_annuelles_etp`` hours a year (2.3.2.5: « le coût total employeur
    d'un ETP salarié rapporté à l'heure » ; 4 200 € × 12 / 1 820 h = 27,69 €).

    >>> round(cout_horaire_employeur(4200, 1820), 2)
    27.69
    """
    return ratio(cout_mensuel * MOIS_PAR_AN, heures_annuelles_etp)


def salaire_net_equivalent(cout_horaire, heures_annuelles_etp, taux_patronal, taux_salarial_net):
    """Monthly net salary (€/month) of an employee whose employer cost per hour is
    ``cout_horaire`` (€/h), on ``heures_annuelles_etp`` hours a year, with an employer rate
    on the gross and an employee rate on the net (2.3.2.4: 40 €/h « soit une rémunération
    nette en équivalent salarié de 3 000 € mensuel »).

    >>> round(salaire_net_equivalent(40, 1820, 0.4, 0.25), 2)
    3466.67
    """
    return cout_horaire * heures_annuelles_etp / MOIS_PAR_AN / (1 + taux_patronal) / (1 + taux_salarial_net)


def jours_ouvres(jours_feries_en_semaine):
    """Working days (Monday to Friday) in a year: 365 − 104 weekend days − public holidays
    falling on a weekday (2.4.2.2 calls 302 days « jours ouvrés »).

    >>> jours_ouvres(10)
    251
    """
    return JOURS_PAR_AN - JOURS_DE_WEEK_END - jours_feries_en_semaine


def nb_positifs(*valeurs):
    """How many of ``valeurs`` are above zero (2.4.2.2: « 3 réseaux majeurs »).

    >>> int(nb_positifs(5.52, 6.67, 0.0))
    2
    """
    return sum((np.asarray(v) > 0).astype(int) for v in valeurs)


def repartition_fonctions(cout_poste, part_poste, budget_propre, part_restante=1.0):
    """Resources of one function of a mission (€/year): its share of a shared post plus its
    own budget (2.4.2.5: the coordinator's time « pour moitié à la concertation …, et pour
    moitié à la communication et formation »).

    >>> repartition_fonctions(58800, 0.5, 3852)
    33252.0
    """
    return cout_poste * part_poste * part_restante + budget_propre
