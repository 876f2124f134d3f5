"""Mission coordination territoriale (report section 2.4), costed per département.

Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations

from .lectures import choisir

IMPRESSIONS_PAR_CPM = 1000


def etp_pour_jours(jours_par_campagne, nb_campagnes, jours_travailles_an):
    """ETP for a campaign workload (2.4.2.2: 2 × 30 days / 302 days = 0,2 ETP)."""
    return jours_par_campagne * nb_campagnes / jours_travailles_an


def budget_publicitaire(impressions_par_reseau, cpms, nb_campagnes):
    """Advertising budget (€/year) = Σ over networks of impressions / 1 000 × CPM (€),
    times campaigns (2.4.2.2: 100 000 × (5,52 + 6,67 + 8,01) / 1 000 = 2 020 € per campaign)."""
    par_campagne = sum(impressions_par_reseau / IMPRESSIONS_PAR_CPM * cpm for cpm in cpms)
    return par_campagne * nb_campagnes


def cout_formation(effectif, cout_individuel):
    """Training budget (€/year) = people trained × cost per person (2.4.2.3: 50 × 500 €)."""
    return effectif * cout_individuel


def nb_reunions_concertation(infra_territoires, groupes, reunions_par_groupe):
    """Consultation meetings a year (2.4.2.4: 4 × 3 × 3 = 36)."""
    return infra_territoires * groupes * reunions_par_groupe


def indemnisation_concertation(nb_reunions, montant, nb_indemnises, base: str):
    """Compensation of health professionals (€/year).

    ``base="reunion"`` (the report's table, 2.4.2.4): ``montant`` per meeting, 36 × 90 € =
    3 240 €.  ``base="participant"`` (the text: « 5 professionnels … indemnisés à hauteur
    de 90 € par réunion »): per compensated participant and meeting, 36 × 5 × 90 €.
    """
    if base == "reunion":
        return nb_reunions * montant
    if base == "participant":
        return nb_reunions * nb_indemnises * montant
    raise ValueError(f"base_indemnisation_concertation inconnue : {base!r}")


def cout_logistique_reunions(nb_reunions, location_par_reunion, heures_par_reunion, taux_horaire):
    """Logistics (€/year) = meetings × (room hire + secretarial hours × hourly rate)."""
    return nb_reunions * (location_par_reunion + heures_par_reunion * taux_horaire)


def etp_coordinateur(etp_enonce, population_departement, habitants_par_etp, lecture: str):
    """ETP of territorial coordinator per département, report 2.4.2.1.

    ``lecture="etp_enonce"``: the table's 1 ETP per département; ``lecture="habitants"``:
    the département's population over the inhabitants one full-time coordinator animates
    (« entre 150 000 et 300 000 habitants »; 671 000 / 225 000 = 2,98 ETP; erratum E32).

    >>> etp_coordinateur(1, 671000, 225000, "etp_enonce")
    1
    """
    return choisir(
        "base_etp_coordinateur", lecture, etp_enonce=etp_enonce, habitants=population_departement / habitants_par_etp
    )
