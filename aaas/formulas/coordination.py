"""Mission coordination territoriale (report section 2.4), costed per département.

Every function is pure and accepts scalars or NumPy arrays (the readings are strings).
"""

from __future__ import annotations

from .communs import somme
from .lectures import choisir

#: Impressions per CPM (cost per mille: the price of 1 000 impressions).
IMPRESSIONS_PAR_CPM = 1000


# --- 2.4.2.1 coordinateur territorial ------------------------------------------------------


def etp_coordinateur(etp_enonce, population_departement, habitants_par_etp, lecture: str):
    """ETP of territorial coordinator per département, as the reading
    ``base_etp_coordinateur`` says.

    Parameters
    ----------
    etp_enonce : float or ndarray [ETP]
        The table's 1 ETP per département.
    population_departement : float or ndarray [hab.]
    habitants_par_etp : float or ndarray [hab./ETP]
        Inhabitants one full-time coordinator animates (« entre 150 000 et 300 000 »).
    lecture : {"etp_enonce", "habitants"}
        The table's ETP, or the population over the inhabitants per ETP (671 000 / 225 000
        = 2,98 ETP; erratum E32).

    Returns
    -------
    float or ndarray [ETP]

    Source: report 2.4.2.1 (« Nb ETP 1 »).

    >>> etp_coordinateur(1, 671000, 225000, "etp_enonce")
    1
    """
    return choisir(
        "base_etp_coordinateur", lecture, etp_enonce=etp_enonce, habitants=population_departement / habitants_par_etp
    )


# --- 2.4.2.2 communication ---------------------------------------------------------------


def jours_plaidoyer(jours_par_campagne, nb_campagnes):
    """Days a year of advocacy work.

    Parameters
    ----------
    jours_par_campagne : float or ndarray [jours/campagne]
    nb_campagnes : float or ndarray [campagnes/an]

    Returns
    -------
    float or ndarray [jours/an]

    Source: report 2.4.2.2 (« 30 jours » par campagne, « soit 60 jours par an »).

    >>> jours_plaidoyer(30, 2)
    60
    """
    return jours_par_campagne * nb_campagnes


def etp_pour_jours(jours_par_campagne, nb_campagnes, jours_travailles_an):
    """ETP for a campaign workload.

    Parameters
    ----------
    jours_par_campagne : float or ndarray [jours/campagne]
    nb_campagnes : float or ndarray [campagnes/an]
    jours_travailles_an : float or ndarray [jours/an]
        Days worked a year by one full-time equivalent.

    Returns
    -------
    float or ndarray [ETP]

    Source: report 2.4.2.2 (« correspondant à un besoin de 0,2 ETP » : 60 / 302 days).

    >>> round(etp_pour_jours(30, 2, 302), 2)
    0.2
    """
    return jours_plaidoyer(jours_par_campagne, nb_campagnes) / jours_travailles_an


def budget_publicitaire(impressions_par_reseau, cpms, nb_campagnes):
    """Advertising budget on social networks: Σ over networks of impressions / 1 000 ×
    CPM, times campaigns.

    Parameters
    ----------
    impressions_par_reseau : float or ndarray [impressions/campagne]
    cpms : sequence of float or ndarray [€/1 000 impressions]
        Cost per mille of each network.
    nb_campagnes : float or ndarray [campagnes/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.2 (« Le budget publicitaire total par campagne s'élève à 2020€ » :
    100 000 × (5,52 + 6,67 + 8,01) / 1 000; « soit 4 040€ annuel »).

    >>> cpms = [5.52, 6.67, 8.01]
    >>> round(budget_publicitaire(100000, cpms, 1), 6), round(budget_publicitaire(100000, cpms, 2), 6)
    (2020.0, 4040.0)
    """
    par_campagne = somme(impressions_par_reseau / IMPRESSIONS_PAR_CPM * cpm for cpm in cpms)
    return par_campagne * nb_campagnes


def cout_communication(plaidoyer, site, publicite):
    """Communication budget before rounding: advocacy officer, website, advertising.

    Parameters
    ----------
    plaidoyer, site, publicite : float or ndarray [€/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.2 (9 679 + 1 100 + 4 040 = 14 819 €, « Ce budget est évalué à
    15 000 € »).

    >>> cout_communication(9679, 1100, 4040)
    14819
    """
    return plaidoyer + site + publicite


# --- 2.4.2.3 formation -------------------------------------------------------------------


def cout_formation(effectif, cout_individuel):
    """Training budget of the professionals.

    Parameters
    ----------
    effectif : float or ndarray [pers./an]
        Professionals trained a year.
    cout_individuel : float or ndarray [€/pers.]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.3 (« Total budget annuel de formation » 50 × 500 € = 25 000 €).

    >>> cout_formation(50, 500)
    25000
    """
    return effectif * cout_individuel


# --- 2.4.2.4 concertation territoriale -----------------------------------------------------


def nb_reunions_concertation(infra_territoires, groupes, reunions_par_groupe):
    """Consultation meetings a year.

    Parameters
    ----------
    infra_territoires : float or ndarray [territoires]
    groupes : float or ndarray [groupes/territoire]
    reunions_par_groupe : float or ndarray [réunions/groupe/an]

    Returns
    -------
    float or ndarray [réunions/an]

    Source: report 2.4.2.4 (« Nb annuel de réunions de concertation » 4 × 3 × 3 = 36).

    >>> nb_reunions_concertation(4, 3, 3)
    36
    """
    return infra_territoires * groupes * reunions_par_groupe


def indemnisation_concertation(nb_reunions, montant, nb_indemnises, base: str):
    """Compensation of the health professionals attending, as the reading
    ``base_indemnisation_concertation`` says.

    Parameters
    ----------
    nb_reunions : float or ndarray [réunions/an]
    montant : float or ndarray [€]
        Compensation per meeting (``base="reunion"``) or per participant and meeting.
    nb_indemnises : float or ndarray [pers./réunion]
    base : {"reunion", "participant"}
        The report's table: ``montant`` per meeting, 36 × 90 € = 3 240 €; the text (« 5
        professionnels … indemnisés à hauteur de 90 € par réunion »): 36 × 5 × 90 €.

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.4 (« Indemnisations des professionnels 3 240 € »).

    >>> indemnisation_concertation(36, 90, 5, "reunion"), indemnisation_concertation(36, 90, 5, "participant")
    (3240, 16200)
    """
    return choisir(
        "base_indemnisation_concertation",
        base,
        reunion=nb_reunions * montant,
        participant=nb_reunions * nb_indemnises * montant,
    )


def location_salles(nb_reunions, location_par_reunion):
    """Room hire for the meetings.

    Parameters
    ----------
    nb_reunions : float or ndarray [réunions/an]
    location_par_reunion : float or ndarray [€/réunion]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.4 (« Location de salles 0 € »: rooms lent free of charge).

    >>> location_salles(36, 0)
    0
    """
    return nb_reunions * location_par_reunion


def cout_logistique_reunions(nb_reunions, location_par_reunion, heures_par_reunion, taux_horaire):
    """Logistics of the meetings: room hire and secretarial hours.

    Parameters
    ----------
    nb_reunions : float or ndarray [réunions/an]
    location_par_reunion : float or ndarray [€/réunion]
    heures_par_reunion : float or ndarray [h/réunion]
    taux_horaire : float or ndarray [€/h]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.4 (« Coût organisation logistique » 36 × (0 + 1 h × 17 €) = 612 €).

    >>> cout_logistique_reunions(36, 0, 1, 17)
    612
    """
    return nb_reunions * (location_par_reunion + heures_par_reunion * taux_horaire)


def cout_concertation(indemnisation, logistique):
    """Budget of the territorial consultation: compensation and logistics.

    Parameters
    ----------
    indemnisation, logistique : float or ndarray [€/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.4.2.4 (3 240 + 612 = 3 852 €; the table prints 2 232 €, erratum E14).

    >>> cout_concertation(3240, 612)
    3852
    """
    return indemnisation + logistique
