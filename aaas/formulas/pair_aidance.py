"""Mission pair-aidance / patient expert (report section 2.3), costed for a caseload.

Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations

from .lectures import choisir

# --- 2.3.2.3 visites à domicile ----------------------------------------------------------


def km_visites_domicile(file_active, part_concernee, visites_par_mois, mois, km_par_visite):
    """Kilometres a year for home visits (km) = persons visited × visits/month × months × km.

    Source: report 2.3.2.3 (100 × 60 % × 1 × 10 × 25 = 15 000 km).
    """
    return file_active * part_concernee * visites_par_mois * mois * km_par_visite


# --- 2.3.2.4 ateliers collectifs ---------------------------------------------------------


def heures_par_atelier(heures_par_seance, nb_seances):
    """Hours per workshop (h) = hours per session × sessions (2.3.2.4: 5 × 7 = 35 h)."""
    return heures_par_seance * nb_seances


def heures_patient_expert_atelier(
    nb_seances_patient_expert, duree_seance, preparation, participants_par_atelier, lecture: str
):
    """Paid hours of the patient expert per workshop (h), report 2.3.2.4.

    ``lecture="seances_x_duree"`` (the text): sessions attended × (session length in h +
    preparation in h per session), 2 × (2,5 + 1) = 7 h.
    ``lecture="seances_x_participants"`` (the table, erratum E07): sessions attended ×
    participants per workshop, 2 × 8 = 16 h, the most likely slip of a cell reference.

    >>> heures_patient_expert_atelier(2, 2.5, 1, 8, "seances_x_duree")
    7.0
    >>> heures_patient_expert_atelier(2, 2.5, 1, 8, "seances_x_participants")
    16
    """
    return choisir(
        "lecture_heures_patient_expert",
        lecture,
        seances_x_duree=nb_seances_patient_expert * (duree_seance + preparation),
        seances_x_participants=nb_seances_patient_expert * participants_par_atelier,
    )


def etp_medecin_coordinateur(etp_enonce, etp_heures, lecture: str):
    """ETP of the coordinating doctor, report 2.3.2.2.

    ``lecture="etp_enonce"`` (the report's basis): the stated 0,1 ETP per 100 people,
    proportional to the file active; ``lecture="heures_par_patient"``: 1,5 h a year per
    person converted into ETP (150 h / 1 820 h = 0,082 ETP for 100 people).

    >>> etp_medecin_coordinateur(0.1, 0.0824, "etp_enonce")
    0.1
    """
    return choisir("base_etp_medecin", lecture, etp_enonce=etp_enonce, heures_par_patient=etp_heures)


def cout_horaire_total(heures, cout_horaire):
    """Cost (€) of ``heures`` hours at ``cout_horaire`` €/h."""
    return heures * cout_horaire


# --- 2.3.2.5 réunions pluriprofessionnelles ----------------------------------------------


def cout_horaire_medecin_reunion(consultations_par_heure, tarif_consultation):
    """Hourly compensation of a GP (€/h) = consultations forgone per hour × tariff (4 × 25 €)."""
    return consultations_par_heure * tarif_consultation


def cout_participation_reunions(nb_professionnels, cout_horaire, nb_reunions, duree_reunion):
    """Annual cost (€) of one profession's attendance = people × €/h × meetings × hours."""
    return nb_professionnels * cout_horaire * nb_reunions * duree_reunion


def cout_horaire_referent_reunion(taux_tableau, cout_employeur_horaire, lecture: str):
    """Hourly cost (€/h) of the case manager's attendance at meetings, report 2.3.2.5.

    ``lecture="taux_tableau"``: the table's rate (39 €, 39,125 € implied by 1 565 € / 40 h);
    ``lecture="cout_employeur"``: what the text says, « le coût total employeur d'un ETP
    salarié rapporté à l'heure » (4 200 € × 12 / 1 820 h = 27,69 €; erratum E30).

    >>> cout_horaire_referent_reunion(39.125, 27.69, "taux_tableau")
    39.125
    """
    return choisir(
        "base_cout_horaire_referent_reunion", lecture, taux_tableau=taux_tableau, cout_employeur=cout_employeur_horaire
    )
