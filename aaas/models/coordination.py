"""Mission coordination territoriale (report section 2.4): the model's steps, one per
section, for one département.

Scaling: every quantity here is the report's, for one département; the mission's lines
count ``nb_departements_couts`` units in the aggregation (see :mod:`aaas.models.surcouts`).
"""

from __future__ import annotations

from ..formulas import coordination as co
from ..formulas import salaires as sal
from .communs import chaine_salariale
from .sheet import Sheet


def coordinateur(s: Sheet) -> None:
    """2.4.2.1 territorial coordinator: salary chain, ETP as ``base_etp_coordinateur`` says,
    annual cost."""
    chaine_salariale(s, "coordinateur")
    etp = "etp_coordinateur", "population_departement", "habitants_par_etp_coordinateur", "base_etp_coordinateur"
    s.calc("etp_coordinateur_departement", co.etp_coordinateur, *etp)
    s.calc("cout_coordinateur", sal.cout_annuel_poste, "cout_mensuel_coordinateur", "etp_coordinateur_departement")


def plaidoyer(s: Sheet) -> None:
    """2.4.2.2 communication: the advocacy officer's days, ETP and annual cost."""
    campagnes = "jours_campagne_plaidoyer", "nb_campagnes_an"
    s.calc("jours_plaidoyer_an", co.jours_plaidoyer, *campagnes)
    s.calc("etp_plaidoyer", co.etp_pour_jours, *campagnes, "jours_ouvres_an")
    s.calc("salaire_brut_annuel_plaidoyer", sal.salaire_annuel, "salaire_brut_plaidoyer")
    chaine_salariale(s, "plaidoyer")
    s.calc("communication_plaidoyer", sal.cout_annuel_poste, "cout_mensuel_plaidoyer", "etp_plaidoyer")


def communication(s: Sheet) -> None:
    """2.4.2.2 communication: website, advertising, the budget rounded as the report does."""
    cpms = [s["cpm_twitter"], s["cpm_linkedin"], s["cpm_instagram"]]
    s.calc("budget_publicitaire_campagne", co.budget_publicitaire, "impressions_par_reseau", cpms, 1)
    s.calc("communication_publicite", co.budget_publicitaire, "impressions_par_reseau", cpms, "nb_campagnes_an")
    s.copy("communication_site", "cout_site_internet")
    budget = "communication_plaidoyer", "communication_site", "communication_publicite"
    s.calc("cout_communication_brut", co.cout_communication, *budget)
    s.calc("cout_communication", sal.arrondi_au_pas, "cout_communication_brut", "pas_arrondi_communication")
    s.calc("communication_arrondi", sal.ecart_arrondi, "cout_communication", "cout_communication_brut")


def formation(s: Sheet) -> None:
    """2.4.2.3 training of the professionals."""
    s.calc("cout_formation_aaas", co.cout_formation, "nb_professionnels_formes", "cout_formation_individuel")


def concertation(s: Sheet) -> None:
    """2.4.2.4 territorial consultation: meetings, compensation as
    ``base_indemnisation_concertation`` says, logistics."""
    groupes = "nb_infra_territoires", "nb_groupes_thematiques", "nb_reunions_par_groupe"
    s.calc("nb_reunions_concertation", co.nb_reunions_concertation, *groupes)
    montant = "indemnisation_concertation", "nb_participants_indemnises", "base_indemnisation_concertation"
    s.calc("concertation_indemnisation", co.indemnisation_concertation, "nb_reunions_concertation", *montant)
    salle = "nb_reunions_concertation", "cout_location_salle_concertation"
    s.calc("location_salles_concertation", co.location_salles, *salle)
    secretariat = "heures_organisation_reunion_concertation", "taux_horaire_secretariat_concertation"
    s.calc("concertation_logistique", co.cout_logistique_reunions, *salle, *secretariat)
    s.calc("cout_concertation", co.cout_concertation, "concertation_indemnisation", "concertation_logistique")


#: The mission's steps, in the report's order.
STEPS = (coordinateur, plaidoyer, communication, formation, concertation)
