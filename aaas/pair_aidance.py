"""Mission pair-aidance / patient expert (report section 2.3), costed for a caseload.

Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations

import numpy as np



# --- 2.3.2.3 visites à domicile ----------------------------------------------------------

def km_visites_domicile(file_active, part_concernee, visites_par_mois, mois, km_par_visite):
    """Kilometres a year for home visits (km) = persons visited × visits/month × months × km.

    Source: report 2.3.2.3 (100 × 60 % × 1 × 10 × 25 = 15 000 km).
    """
    return file_active * part_concernee * visites_par_mois * mois * km_par_visite


# --- 2.3.2.4 ateliers collectifs ---------------------------------------------------------

def nb_ateliers(file_active, participants_par_atelier):
    """Workshops a year so that the whole caseload can take part (2.3.2.4: ⌈100 / 8⌉ = 13)."""
    out = np.ceil(np.asarray(file_active, dtype=float) / participants_par_atelier)
    return float(out) if out.ndim == 0 else out


def heures_par_atelier(heures_par_seance, nb_seances):
    """Hours per workshop (h) = hours per session × sessions (2.3.2.4: 5 × 7 = 35 h)."""
    return heures_par_seance * nb_seances


def heures_patient_expert_atelier(nb_seances_patient_expert, duree_seance, preparation):
    """Paid hours of the patient expert per workshop (h) = sessions attended × (session
    length + preparation hour), report 2.3.2.4 text: 2 × (2,5 + 1) = 7 h."""
    return nb_seances_patient_expert * (duree_seance + preparation)


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
