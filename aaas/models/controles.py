"""Checks of the report's prose: the model's last steps, quantities no cost line needs,
computed to test a ratio, a frequency or a « soit … » the text states (rows of
``data/published.csv`` with ``origine = texte``), one step per section.  They run after the
aggregation: some read lines and missions.
"""

from __future__ import annotations

from ..formulas import communs
from ..formulas import controles as ct
from ..formulas import inclusion as inc
from ..formulas import relais as rl
from . import aggregate
from .sheet import Sheet


def controles_relais(s: Sheet) -> None:
    """2.2.2.2 to 2.2.2.6: Smic ratio, interpreting, round trips, inclusion consultations."""
    s.calc("ratio_smic_mediateur", ct.ratio, "salaire_brut_mediateur", "smic_brut_mensuel")
    interpretariat = "duree_consultation_interpretariat", "duree_consultation_courante"
    s.calc("rapport_duree_interpretariat_courante", ct.ratio, *interpretariat)
    immigres = "population_immigree_concernee", "taux_recours_mg"
    s.calc("consultations_immigres_concernes", rl.nb_consultations, *immigres)
    s.calc("allers_retours_semaine_relais", ct.allers_retours, "deplacements_semaine_relais")
    s.calc("km_par_aller_retour_relais", ct.km_aller_retour, "km_par_deplacement_relais")
    durees = "duree_consultation_courante", "duree_supplementaire_inclusion"
    s.calc("duree_consultation_inclusion", inc.duree_consultation_longue, *durees)
    s.calc("surcout_consultation_prorata", ct.surcout_consultation_prorata, "tarif_consultation_mg", *durees)


def controles_pair_aidance(s: Sheet) -> None:
    """2.3.2.2 to 2.3.2.5: the doctor's hours, visits, workshops, meetings."""
    medecin = "etp_medecin_coordinateur", "heures_annuelles_etp", "file_active"
    s.calc("heures_medecin_par_patient_implicites", ct.heures_par_personne, *medecin)
    s.calc("rayon_visite_vad", ct.rayon_deplacement, "km_par_visite")
    s.calc("intervalle_seances_atelier_mois", ct.intervalle_mois, "nb_seances_atelier")
    taux = "taux_charges_patronales_referent", "taux_charges_salariales_referent"
    intervenant = "cout_horaire_intervenant", "heures_annuelles_etp", *taux
    s.calc("salaire_net_equivalent_intervenant", ct.salaire_net_equivalent, *intervenant)
    s.calc("places_ateliers", ct.places, "nb_ateliers", "nb_participants_atelier")
    reunions = "nb_mois_reunions_pluripro", "nb_reunions_pluripro_total"
    s.calc("intervalle_reunions_pluripro_jours", ct.intervalle_jours, *reunions)


def controles_coordination(s: Sheet) -> None:
    """2.4.2.1 to 2.4.2.4: inhabitants per coordinator, working days, networks,
    compensation per professional."""
    s.calc("population_par_etp_coordinateur", ct.ratio, "population_departement", "etp_coordinateur_departement")
    s.calc("jours_ouvres_calendrier", ct.jours_ouvres, "jours_feries_semaine")
    s.calc("nb_reseaux_sociaux", ct.nb_positifs, "cpm_twitter", "cpm_linkedin", "cpm_instagram")
    reunions = "concertation_indemnisation", "nb_reunions_concertation", "nb_participants_indemnises"
    s.calc("indemnisation_par_professionnel_reunion", ct.indemnisation_par_participant, *reunions)


def fonctions_coordination(s: Sheet) -> None:
    """2.4.2.5: the share of training, the three key functions' resources (the coordinator
    half to consultation, a quarter each to communication and training) and their spread."""
    s.calc("part_formation_coordination", ct.ratio, "ligne_formation", "mission_coordination")
    poste, part = "ligne_poste_coordination", "part_coordinateur_concertation"
    quart = ct.part_partagee(s[part], 2)
    s.calc("fonction_concertation", ct.repartition_fonctions, poste, part, "ligne_concertation")
    s.calc("fonction_communication", ct.repartition_fonctions, poste, quart, "ligne_communication")
    s.calc("fonction_formation", ct.repartition_fonctions, poste, quart, "ligne_formation")
    fonctions = "fonction_concertation", "fonction_communication", "fonction_formation"
    s.calc("rapport_max_min_fonctions_coordination", ct.rapport_max_min, *fonctions)


def controles_participation(s: Sheet) -> None:
    """2.5.2.4: the mission's share outside the evaluation."""
    s.calc("part_participation_hors_evaluation", ct.part_hors, "mission_participation", "ligne_evaluation")


def couts_par_unite(s: Sheet) -> None:
    """2.2.2.7, 2.3.2.6, 2.4.2.5, 2.5: each mission's cost per unit of its scale (per
    inhabitant, per person followed, per département and per structure counted)."""
    s.calc("cout_relais_par_habitant", communs.ratio, "mission_relais", "population_bassin")
    s.calc("cout_pair_aidance_par_personne", communs.ratio, "mission_pair_aidance", "file_active")
    s.calc("mission_coordination_par_departement", communs.ratio, "mission_coordination", "nb_departements_couts")
    s.calc("mission_participation_par_structure", communs.ratio, "mission_participation", "nb_structures_couts")


def controles_porteurs(s: Sheet) -> None:
    """3.2.5: the support structures for coordination against the other carriers."""
    s.update(aggregate.controles_porteurs(s))


#: The checks' steps, in the report's order.
STEPS = (
    controles_relais,
    controles_pair_aidance,
    controles_coordination,
    fonctions_coordination,
    controles_participation,
    couts_par_unite,
    controles_porteurs,
)
