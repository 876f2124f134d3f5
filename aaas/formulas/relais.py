"""Mission relais-accessibilité (report section 2.2), costed for a catchment of inhabitants;
the price of the inclusion consultations (2.2.2.6) is in :mod:`aaas.formulas.inclusion`.

Every function is pure and accepts scalars or NumPy arrays (the readings are strings).
"""

from __future__ import annotations

from .communs import MOIS_PAR_AN

#: Minutes per hour (a unit conversion, not a hypothesis).
MINUTES_PAR_HEURE = 60


# --- 2.2.2.3 interprétariat -------------------------------------------------------------


def cout_consultation_interpretariat(tarif_horaire, duree_minutes):
    """Interpreting cost of one consultation.

    Parameters
    ----------
    tarif_horaire : float or ndarray [€/h]
    duree_minutes : float or ndarray [min]
        Length of a consultation with an interpreter.

    Returns
    -------
    float or ndarray [€/consultation]

    Source: report 2.2.2.3 (40 €/h × 30 min = 20 €), after IGAS report 2018-128R.

    >>> cout_consultation_interpretariat(40, 30)
    20.0
    """
    return tarif_horaire * duree_minutes / MINUTES_PAR_HEURE


def population_immigree_concernee(population, part_immigree, part_difficultes_langue):
    """Immigrants needing interpreting.

    Parameters
    ----------
    population : float or ndarray [hab.]
    part_immigree : float or ndarray [–]
        Share of immigrants in the population.
    part_difficultes_langue : float or ndarray [–]
        Share of them with difficulties understanding spoken French.

    Returns
    -------
    float or ndarray [pers.]

    Source: report 2.2.2.3 (20 000 × 7,7 % × 30 % = 462, « un peu plus de 460 personnes »).

    >>> round(population_immigree_concernee(20000, 0.077, 0.3), 6)
    462.0
    """
    return population * part_immigree * part_difficultes_langue


def population_concernee_interpretariat(demandeurs_asile, immigres_concernes):
    """People who may need an interpreter: asylum seekers and immigrants concerned.

    Parameters
    ----------
    demandeurs_asile : float or ndarray [pers.]
    immigres_concernes : float or ndarray [pers.]
        :func:`population_immigree_concernee`.

    Returns
    -------
    float or ndarray [pers.]

    Source: report 2.2.2.3 (« Total population concernée » : 40 + 462 = 502).

    >>> population_concernee_interpretariat(40, 462)
    502
    """
    return demandeurs_asile + immigres_concernes


def nb_consultations(personnes, taux_recours):
    """Consultations a year of a group of people.

    Parameters
    ----------
    personnes : float or ndarray [pers.]
    taux_recours : float or ndarray [consultations/pers./an]
        GP consultations per person and year (3,5 in the general population).

    Returns
    -------
    float or ndarray [consultations/an]

    Source: report 2.2.2.3 (502 × 3,5 = 1 757 consultations with an interpreter), 2.2.2.6
    (2 600 × 3,5 = 9 100, « potentiel de recours MG »).

    >>> nb_consultations(502, 3.5), nb_consultations(2600, 3.5)
    (1757.0, 9100.0)
    """
    return personnes * taux_recours


def cout_consultations(nb_patients, consultations_par_patient, cout_unitaire):
    """Cost of ``consultations_par_patient`` consultations for each of ``nb_patients``.

    Parameters
    ----------
    nb_patients : float or ndarray [pers.]
    consultations_par_patient : float or ndarray [consultations/pers./an]
    cout_unitaire : float or ndarray [€/consultation]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.3 (502 × 3,5 × 20 € = 35 140 €), 2.2.2.6 (390 patients × 2 long
    consultations × 14 € of extra cost = 10 920 €; × 39 € = 30 420 €).

    >>> cout_consultations(502, 3.5, 20), cout_consultations(390, 2, 14)
    (35140.0, 10920)
    """
    return nb_patients * consultations_par_patient * cout_unitaire


# --- 2.2.2.4 itinérance ------------------------------------------------------------------


def km_hebdomadaires(deplacements_par_semaine, km_par_deplacement):
    """Kilometres driven a week.

    Parameters
    ----------
    deplacements_par_semaine : float or ndarray [déplacements/semaine]
    km_par_deplacement : float or ndarray [km]

    Returns
    -------
    float or ndarray [km/semaine]

    Source: report 2.2.2.4 (6 trips of 20 km = 120 km).

    >>> km_hebdomadaires(6, 20)
    120
    """
    return deplacements_par_semaine * km_par_deplacement


def km_annuels_itinerance(deplacements_par_semaine, km_par_deplacement, semaines):
    """Kilometres driven a year on the outreach rounds.

    Parameters
    ----------
    deplacements_par_semaine : float or ndarray [déplacements/semaine]
    km_par_deplacement : float or ndarray [km]
    semaines : float or ndarray [semaines/an]
        Weeks of outreach in the year.

    Returns
    -------
    float or ndarray [km/an]

    Source: report 2.2.2.4 (120 km × 47 weeks = 5 640 km).

    >>> km_annuels_itinerance(6, 20, 47)
    5640
    """
    return km_hebdomadaires(deplacements_par_semaine, km_par_deplacement) * semaines


# --- 2.2.2.5 lieux alternatifs -----------------------------------------------------------


def cout_surface(surface_m2, prix_m2, nb_lieux):
    """An amount priced by the square metre, for ``nb_lieux`` places of the same surface.

    Parameters
    ----------
    surface_m2 : float or ndarray [m²]
        Surface of one place.
    prix_m2 : float or ndarray [€/m² or €/m²/mois]
        Monthly rent or fitting-out cost per square metre.
    nb_lieux : float or ndarray [lieux]

    Returns
    -------
    float or ndarray [€ or €/mois]

    Source: report 2.2.2.5 (« Location mensuelle » 40 m² × 16 € = 640 €; « Coût
    aménagement » 40 m² × 400 € = 16 000 €).

    >>> cout_surface(40, 16, 1), cout_surface(40, 400, 1)
    (640, 16000)
    """
    return surface_m2 * prix_m2 * nb_lieux


def loyer_annuel(surface_m2, loyer_m2_mensuel):
    """Annual rent of one place.

    Parameters
    ----------
    surface_m2 : float or ndarray [m²]
    loyer_m2_mensuel : float or ndarray [€/m²/mois]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.5 (« Location annuelle » 40 m² × 16 € × 12 = 7 680 €).

    >>> loyer_annuel(40, 16)
    7680
    """
    return surface_m2 * loyer_m2_mensuel * MOIS_PAR_AN


def loyer_annuel_lieux(surface_m2, loyer_m2_mensuel, nb_lieux):
    """Annual rent of ``nb_lieux`` places (:func:`loyer_annuel` of one, times the places).

    Parameters
    ----------
    surface_m2 : float or ndarray [m²]
    loyer_m2_mensuel : float or ndarray [€/m²/mois]
    nb_lieux : float or ndarray [lieux]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.5 (« Location annuelle » of one place: 7 680 €).

    >>> loyer_annuel_lieux(40, 16, 1)
    7680
    """
    return loyer_annuel(surface_m2, loyer_m2_mensuel) * nb_lieux


def dotation_amortissement(cout_investissement, duree_ans):
    """Straight-line depreciation of an investment.

    Parameters
    ----------
    cout_investissement : float or ndarray [€]
    duree_ans : float or ndarray [ans]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.5 (16 000 € of fitting-out over 5 years = 3 200 €).

    >>> dotation_amortissement(16000, 5)
    3200.0
    """
    return cout_investissement / duree_ans


def cout_lieux_alternatifs(loyer, amortissement):
    """Annual cost of the alternative places: rent and depreciation of the fitting-out.

    Parameters
    ----------
    loyer : float or ndarray [€/an]
    amortissement : float or ndarray [€/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.5 (« Total annuel local alternatif » 7 680 + 3 200 = 10 880 €).

    >>> cout_lieux_alternatifs(7680, 3200)
    10880
    """
    return loyer + amortissement


# --- 2.2.2.7 horaires décalés ------------------------------------------------------------


def majoration_masse_salariale(masse_salariale, taux):
    """Staggered-hours premium as a share of the payroll concerned.

    Parameters
    ----------
    masse_salariale : float or ndarray [€/an]
    taux : float or ndarray [–]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.7 (« Travail en horaires décalés » : no amount, 0 % of 44 100 €).

    >>> majoration_masse_salariale(44100, 0.0)
    0.0
    """
    return masse_salariale * taux
