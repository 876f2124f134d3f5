"""Collective workshops of the mission pair-aidance / patient expert (report section
2.3.2.4): hours, costs per workshop and per year, for a caseload.

Every function is pure and accepts scalars or NumPy arrays (the readings are strings).
"""

from __future__ import annotations

from .lectures import choisir

# --- 2.3.2.4 ateliers collectifs ---------------------------------------------------------


def heures_par_atelier(heures_par_seance, nb_seances):
    """Hours per workshop.

    Parameters
    ----------
    heures_par_seance : float or ndarray [h/séance]
    nb_seances : float or ndarray [séances/atelier]

    Returns
    -------
    float or ndarray [h/atelier]

    Source: report 2.3.2.4 (sessions of 2,5 h × 7 = 17,5 h; the speaker's 5 h × 7 = 35 h).

    >>> heures_par_atelier(2.5, 7), heures_par_atelier(5, 7)
    (17.5, 35)
    """
    return heures_par_seance * nb_seances


def heures_patient_expert_par_seance(duree_seance, preparation):
    """Paid hours of the patient expert per session attended, preparation included.

    Parameters
    ----------
    duree_seance : float or ndarray [h]
    preparation : float or ndarray [h/séance]

    Returns
    -------
    float or ndarray [h/séance]

    Source: report 2.3.2.4 (« le temps passé aux séances majoré d'une heure de
    préparation » : 2,5 + 1 = 3,5 h).

    >>> heures_patient_expert_par_seance(2.5, 1)
    3.5
    """
    return duree_seance + preparation


def heures_patient_expert_atelier(
    nb_seances_patient_expert, duree_seance, preparation, participants_par_atelier, lecture: str
):
    """Paid hours of the patient expert per workshop, as the reading
    ``lecture_heures_patient_expert`` says.

    Parameters
    ----------
    nb_seances_patient_expert : float or ndarray [séances/atelier]
    duree_seance : float or ndarray [h]
    preparation : float or ndarray [h/séance]
    participants_par_atelier : float or ndarray [pers.]
    lecture : {"seances_x_duree", "seances_x_participants"}
        The text: sessions attended × (session + preparation), 2 × (2,5 + 1) = 7 h; the
        table (erratum E07): sessions × participants, 2 × 8 = 16 h, the most likely slip
        of a cell reference.

    Returns
    -------
    float or ndarray [h/atelier]

    Source: report 2.3.2.4 (« Tps des patients experts par atelier 16 H »).

    >>> heures_patient_expert_atelier(2, 2.5, 1, 8, "seances_x_duree")
    7.0
    >>> heures_patient_expert_atelier(2, 2.5, 1, 8, "seances_x_participants")
    16
    """
    return choisir(
        "lecture_heures_patient_expert",
        lecture,
        seances_x_duree=nb_seances_patient_expert * heures_patient_expert_par_seance(duree_seance, preparation),
        seances_x_participants=nb_seances_patient_expert * participants_par_atelier,
    )


def cout_horaire_total(heures, cout_horaire):
    """Cost of ``heures`` hours at ``cout_horaire``.

    Parameters
    ----------
    heures : float or ndarray [h]
    cout_horaire : float or ndarray [€/h]

    Returns
    -------
    float or ndarray [€]

    Source: report 2.3.2.4 (35 h × 40 € = 1 400 € per workshop; 16 h × 30 € = 480 €).

    >>> cout_horaire_total(35, 40), cout_horaire_total(16, 30)
    (1400, 480)
    """
    return heures * cout_horaire


def cout_annuel_ateliers(nb_ateliers, cout_par_atelier):
    """Annual cost of an item of the workshops (speakers, patient experts).

    Parameters
    ----------
    nb_ateliers : float or ndarray [ateliers/an]
    cout_par_atelier : float or ndarray [€/atelier]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.3.2.4 (13 × 1 400 € = 18 200 €; 13 × 480 € = 6 240 €).

    >>> cout_annuel_ateliers(13, 1400), cout_annuel_ateliers(13, 480)
    (18200, 6240)
    """
    return nb_ateliers * cout_par_atelier


def cout_intervenants_ateliers(intervenants, patients_experts):
    """Annual cost of those who lead the workshops: speakers and patient experts.

    Parameters
    ----------
    intervenants, patients_experts : float or ndarray [€/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.3.2.4 (« Coût total des intervenants aux ateliers » : 24 440 €).

    >>> cout_intervenants_ateliers(18200, 6240)
    24440
    """
    return intervenants + patients_experts


def cout_location_ateliers(nb_ateliers, duree_atelier, cout_horaire):
    """Annual hire of the workshops' rooms, by the hour.

    Parameters
    ----------
    nb_ateliers : float or ndarray [ateliers/an]
    duree_atelier : float or ndarray [h/atelier]
    cout_horaire : float or ndarray [€/h]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.3.2.4 (« soit un total de 9 100 € à l'année » : 13 × 17,5 h × 40 €).

    >>> cout_location_ateliers(13, 17.5, 40)
    9100.0
    """
    return nb_ateliers * duree_atelier * cout_horaire


def heures_secretariat_ateliers(nb_ateliers, nb_seances, heures_par_seance):
    """Secretarial hours a year for the workshops' sessions.

    Parameters
    ----------
    nb_ateliers : float or ndarray [ateliers/an]
    nb_seances : float or ndarray [séances/atelier]
    heures_par_seance : float or ndarray [h/séance]

    Returns
    -------
    float or ndarray [h/an]

    Source: report 2.3.2.4 (13 × 7 × 2 h = 182 h; the text's 2 h 30: 227,5 h, erratum E08).

    >>> heures_secretariat_ateliers(13, 7, 2), heures_secretariat_ateliers(13, 7, 2.5)
    (182, 227.5)
    """
    return nb_ateliers * nb_seances * heures_par_seance


def cout_ateliers(intervenants, patients_experts, location, secretariat):
    """Annual cost of the workshops: speakers, patient experts, rooms and secretariat.

    Parameters
    ----------
    intervenants, patients_experts, location, secretariat : float or ndarray [€/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.3.2.4 (« Total Atelier » 18 200 + 6 240 + 9 100 + 2 652 = 36 192 €).

    >>> cout_ateliers(18200, 6240, 9100, 2652)
    36192
    """
    return cout_intervenants_ateliers(intervenants, patients_experts) + location + secretariat


def cout_ateliers_hors_location(cout_total, location):
    """Annual cost of the workshops without the hire of rooms.

    Parameters
    ----------
    cout_total, location : float or ndarray [€/an]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.3.2.4 (« un coût n'excédant guère les 25 000 € » : 27 092 €).

    >>> cout_ateliers_hors_location(36192, 9100)
    27092
    """
    return cout_total - location
