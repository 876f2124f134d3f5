"""Mission pair-aidance / patient expert (report section 2.3): the model's steps, one per
section, for a caseload (file active) of ``file_active`` people.

Scaling: the formulas take the file active, or its size relative to the report's 100
people (``facteur_file_active``); whole things (vehicles, workshops, meetings) follow their
reading ``echelle_*``.  Each line of the mission therefore counts one unit in the
aggregation (see :mod:`aaas.models.surcouts`).
"""

from __future__ import annotations

from ..formulas import ateliers as at
from ..formulas import bareme, communs, echelle, flotte
from ..formulas import pair_aidance as pa
from ..formulas import salaires as sal
from .communs import chaine_salariale, tranches_bareme
from .sheet import Sheet

#: Professions attending the multiprofessional meetings (2.3.2.5): name in ``reunion_<name>``,
#: attendance, hourly cost.
METIERS_REUNION = (
    ("medecin", "nb_medecins_reunion", "cout_horaire_medecin_reunion"),
    ("referent", "nb_referents_reunion", "cout_horaire_referent_reunion_retenu"),
    ("idel", "nb_idel_reunion", "cout_horaire_idel_reunion"),
    ("as", "nb_as_reunion", "cout_horaire_as_reunion"),
    ("autre_pro", "nb_autres_pro_reunion", "cout_horaire_autre_pro_reunion"),
)


def file_active(s: Sheet) -> None:
    """2.3.2 unit: the file active's size relative to the report's 100 people."""
    s.calc("facteur_file_active", echelle.facteur_echelle, "file_active", "file_active_reference")


def referent_parcours(s: Sheet) -> None:
    """2.3.2.1 case managers: salary chain, ETP for the file active, annual cost."""
    chaine_salariale(s, "referent")
    s.calc("etp_referent", sal.etp_pour_file_active, "file_active", "file_active_par_etp_referent")
    s.calc("cout_referents", sal.cout_annuel_poste, "cout_mensuel_referent", "etp_referent")


def medecin_coordinateur(s: Sheet) -> None:
    """2.3.2.2 coordinating doctor: salary chain, ETP as ``base_etp_medecin`` says, cost."""
    chaine_salariale(s, "medecin_coordinateur")
    s.calc("heures_medecin_coordinateur", pa.heures_medecin, "file_active", "heures_medecin_par_patient")
    s.calc("etp_medecin_heures", sal.etp_pour_heures, "heures_medecin_coordinateur", "heures_annuelles_etp")
    s.calc("etp_medecin_enonce", echelle.proportionnel, "etp_medecin_reference", "facteur_file_active")
    etp = "etp_medecin_enonce", "etp_medecin_heures", "base_etp_medecin"
    s.calc("etp_medecin_coordinateur", pa.etp_medecin_coordinateur, *etp)
    mensuel = "cout_mensuel_medecin_coordinateur"
    s.calc("cout_medecin_coordinateur", sal.cout_annuel_poste, mensuel, "etp_medecin_coordinateur")


def visites_domicile(s: Sheet) -> None:
    """2.3.2.3 home visits: distance, fleet as its reading says, allowances and tax."""
    s.calc("patients_vad", communs.nb_personnes, "file_active", "part_file_active_vad")
    visites = "part_file_active_vad", "nb_visites_mensuelles_vad", "nb_mois_vad", "km_par_visite"
    s.calc("km_vad", pa.km_visites_domicile, "file_active", *visites)
    vehicules = "nb_vehicules_vad", "facteur_file_active", "echelle_vehicules_vad"
    s.calc("nb_vehicules_vad_total", echelle.effectif, *vehicules)
    s.calc("km_par_vehicule_vad", flotte.km_par_vehicule, "km_vad", "nb_vehicules_vad_total")
    km, nb = "km_vad", "nb_vehicules_vad_total"
    s.calc("vad_indemnites", bareme.indemnites_flotte, km, nb, tranches_bareme(s), "repartition_bareme")
    s.calc("vad_taxe", flotte.taxe_vehicules, "taxe_vehicule", nb)
    s.calc("cout_visites_domicile", flotte.cout_deplacements, "vad_indemnites", "vad_taxe")


def ateliers_heures(s: Sheet) -> None:
    """2.3.2.4 collective workshops: hours per workshop, number of workshops."""
    s.calc("duree_atelier", at.heures_par_atelier, "duree_seance_atelier", "nb_seances_atelier")
    intervenant = "heures_intervenant_par_seance", "nb_seances_atelier"
    s.calc("heures_intervenant_atelier", at.heures_par_atelier, *intervenant)
    seance = "duree_seance_atelier", "heures_preparation_patient_expert"
    s.calc("heures_patient_expert_par_seance", at.heures_patient_expert_par_seance, *seance)
    pe = ("nb_seances_patient_expert", *seance, "nb_participants_atelier", "lecture_heures_patient_expert")
    s.calc("heures_patient_expert_atelier", at.heures_patient_expert_atelier, *pe)
    s.calc("nb_ateliers", echelle.nombre_groupes, "file_active", "nb_participants_atelier", "echelle_ateliers")


def ateliers_couts(s: Sheet) -> None:
    """2.3.2.4 collective workshops: speakers, patient experts and rooms."""
    intervenant = "heures_intervenant_atelier", "cout_horaire_intervenant"
    s.calc("cout_intervenant_atelier", at.cout_horaire_total, *intervenant)
    patient_expert = "heures_patient_expert_atelier", "indemnite_horaire_patient_expert"
    s.calc("cout_patient_expert_atelier", at.cout_horaire_total, *patient_expert)
    s.calc("ateliers_intervenants", at.cout_annuel_ateliers, "nb_ateliers", "cout_intervenant_atelier")
    s.calc("ateliers_patients_experts", at.cout_annuel_ateliers, "nb_ateliers", "cout_patient_expert_atelier")
    animation = "ateliers_intervenants", "ateliers_patients_experts"
    s.calc("cout_intervenants_ateliers", at.cout_intervenants_ateliers, *animation)
    location = "nb_ateliers", "duree_atelier", "cout_horaire_location_atelier"
    s.calc("ateliers_location", at.cout_location_ateliers, *location)


def ateliers_secretariat(s: Sheet) -> None:
    """2.3.2.4 collective workshops: secretariat, total, share of the rooms."""
    seances = "nb_ateliers", "nb_seances_atelier", "heures_secretariat_par_seance"
    s.calc("heures_secretariat_ateliers", at.heures_secretariat_ateliers, *seances)
    s.calc("etp_secretariat", sal.etp_pour_heures, "heures_secretariat_ateliers", "heures_annuelles_etp")
    chaine_salariale(s, "secretariat")
    s.calc("ateliers_secretariat", sal.cout_annuel_poste, "cout_mensuel_secretariat", "etp_secretariat")
    postes = "ateliers_intervenants", "ateliers_patients_experts", "ateliers_location", "ateliers_secretariat"
    s.calc("cout_ateliers", at.cout_ateliers, *postes)
    s.calc("cout_ateliers_hors_location", at.cout_ateliers_hors_location, "cout_ateliers", "ateliers_location")
    s.calc("part_location_ateliers", communs.ratio, "ateliers_location", "cout_ateliers")


def reunions_pluripro(s: Sheet) -> None:
    """2.3.2.5 multiprofessional meetings: number as its reading says, attendance, hours,
    hourly costs (the case manager's as ``base_cout_horaire_referent_reunion`` says)."""
    nombre = "nb_reunions_pluripro", "facteur_file_active", "echelle_reunions_pluripro"
    s.calc("nb_reunions_pluripro_total", echelle.effectif, *nombre)
    s.calc("nb_professionnels_reunion", pa.nb_professionnels_reunion, [s[nb] for _, nb, _ in METIERS_REUNION])
    reunions = "nb_reunions_pluripro_total", "duree_reunion_pluripro"
    s.calc("heures_reunion_par_professionnel", pa.heures_reunions, *reunions)
    medecin = "nb_consultations_heure_medecin", "tarif_consultation_mg"
    s.calc("cout_horaire_medecin_reunion", pa.cout_horaire_medecin_reunion, *medecin)
    employeur = "cout_mensuel_referent", "heures_annuelles_etp"
    s.calc("cout_horaire_employeur_referent", sal.cout_horaire_employeur, *employeur)
    referent = "cout_horaire_referent_reunion", "cout_horaire_employeur_referent", "base_cout_horaire_referent_reunion"
    s.calc("cout_horaire_referent_reunion_retenu", pa.cout_horaire_referent_reunion, *referent)


def reunions_pluripro_couts(s: Sheet) -> None:
    """2.3.2.5 multiprofessional meetings: each profession's attendance, total, cost per
    meeting and per person followed."""
    reunions = "nb_reunions_pluripro_total", "duree_reunion_pluripro"
    for metier, nb, cout_horaire in METIERS_REUNION:
        s.calc(f"reunion_{metier}", pa.cout_participation_reunions, nb, cout_horaire, *reunions)
    s.calc("cout_reunions_pluripro", pa.cout_reunions_pluripro, [s[f"reunion_{m}"] for m, _, _ in METIERS_REUNION])
    s.calc("cout_par_reunion_pluripro", communs.ratio, "cout_reunions_pluripro", "nb_reunions_pluripro_total")
    s.calc("cout_reunions_par_personne", communs.ratio, "cout_reunions_pluripro", "file_active")


#: The mission's steps, in the report's order.
STEPS = (
    file_active,
    referent_parcours,
    medecin_coordinateur,
    visites_domicile,
    ateliers_heures,
    ateliers_couts,
    ateliers_secretariat,
    reunions_pluripro,
    reunions_pluripro_couts,
)
