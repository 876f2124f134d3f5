"""Mission pair-aidance / patient expert (report section 2.3), costed for a caseload; the
collective workshops (2.3.2.4) are in :mod:`aaas.formulas.ateliers`.

Every function is pure and accepts scalars or NumPy arrays (the readings are strings).
"""

from __future__ import annotations

from .communs import somme
from .lectures import choisir

# --- 2.3.2.2 médecin coordinateur ---------------------------------------------------------


def heures_medecin(file_active, heures_par_patient):
    """Hours a year of the coordinating doctor for a caseload.

    Parameters
    ----------
    file_active : float or ndarray [pers.]
    heures_par_patient : float or ndarray [h/pers./an]

    Returns
    -------
    float or ndarray [h/an]

    Source: report 2.3.2.2 (« une heure et demie à l'année par patient » : 100 × 1,5 = 150 h).

    >>> heures_medecin(100, 1.5)
    150.0
    """
    return file_active * heures_par_patient


def etp_medecin_coordinateur(etp_enonce, etp_heures, lecture: str):
    """ETP of the coordinating doctor, as the reading ``base_etp_medecin`` says.

    Parameters
    ----------
    etp_enonce : float or ndarray [ETP]
        The stated 0,1 ETP per 100 people, proportional to the file active.
    etp_heures : float or ndarray [ETP]
        1,5 h a year per person converted into ETP (150 h / 1 820 h = 0,082 ETP).
    lecture : {"etp_enonce", "heures_par_patient"}

    Returns
    -------
    float or ndarray [ETP]

    Source: report 2.3.2.2 (« Nb ETP 0,1 », the report's basis).

    >>> etp_medecin_coordinateur(0.1, 0.0824, "etp_enonce")
    0.1
    """
    return choisir("base_etp_medecin", lecture, etp_enonce=etp_enonce, heures_par_patient=etp_heures)


# --- 2.3.2.3 visites à domicile ----------------------------------------------------------


def km_visites_domicile(file_active, part_concernee, visites_par_mois, mois, km_par_visite):
    """Kilometres a year for home visits.

    Parameters
    ----------
    file_active : float or ndarray [pers.]
    part_concernee : float or ndarray [–]
        Share of the file active visited at home.
    visites_par_mois : float or ndarray [visites/pers./mois]
    mois : float or ndarray [mois/an]
    km_par_visite : float or ndarray [km/visite]

    Returns
    -------
    float or ndarray [km/an]

    Source: report 2.3.2.3 (100 × 60 % × 1 × 10 × 25 = 15 000 km).

    >>> km_visites_domicile(100, 0.6, 1, 10, 25)
    15000.0
    """
    return file_active * part_concernee * visites_par_mois * mois * km_par_visite


# --- 2.3.2.5 réunions pluriprofessionnelles ----------------------------------------------


def nb_professionnels_reunion(effectifs):
    """Professionals attending each meeting, all professions together.

    Parameters
    ----------
    effectifs : iterable of float or ndarray [pers.]
        Attendance of each profession.

    Returns
    -------
    float or ndarray [pers.]

    Source: report 2.3.2.5 (« Nb de professionnels mobilisés » : 1 + 1 + 2 + 2 + 2).

    >>> nb_professionnels_reunion([1, 1, 2, 2, 2])
    8.0
    """
    return somme(effectifs)


def heures_reunions(nb_reunions, duree_reunion):
    """Hours a year each professional spends in meetings.

    Parameters
    ----------
    nb_reunions : float or ndarray [réunions/an]
    duree_reunion : float or ndarray [h/réunion]

    Returns
    -------
    float or ndarray [h/an]

    Source: report 2.3.2.5 (« un total de mobilisation de 40H annuelles » : 20 × 2 h).

    >>> heures_reunions(20, 2)
    40
    """
    return nb_reunions * duree_reunion


def cout_horaire_medecin_reunion(consultations_par_heure, tarif_consultation):
    """Hourly compensation of a GP attending a meeting: the consultations forgone.

    Parameters
    ----------
    consultations_par_heure : float or ndarray [consultations/h]
    tarif_consultation : float or ndarray [€/consultation]

    Returns
    -------
    float or ndarray [€/h]

    Source: report 2.3.2.5 (« soit 100 € par heure » : 4 × 25 €).

    >>> cout_horaire_medecin_reunion(4, 25)
    100
    """
    return consultations_par_heure * tarif_consultation


def cout_horaire_referent_reunion(taux_tableau, cout_employeur_horaire, lecture: str):
    """Hourly cost of the case manager's attendance at meetings, as the reading
    ``base_cout_horaire_referent_reunion`` says.

    Parameters
    ----------
    taux_tableau : float or ndarray [€/h]
        The table's rate (39 €; 39,125 € implied by 1 565 € / 40 h).
    cout_employeur_horaire : float or ndarray [€/h]
        What the text says, « le coût total employeur d'un ETP salarié rapporté à
        l'heure » (4 200 € × 12 / 1 820 h = 27,69 €; erratum E30).
    lecture : {"taux_tableau", "cout_employeur"}

    Returns
    -------
    float or ndarray [€/h]

    Source: report 2.3.2.5 (« Coût horaire ref parcours 39 € »).

    >>> cout_horaire_referent_reunion(39.125, 27.69, "taux_tableau")
    39.125
    """
    return choisir(
        "base_cout_horaire_referent_reunion", lecture, taux_tableau=taux_tableau, cout_employeur=cout_employeur_horaire
    )


def cout_participation_reunions(nb_professionnels, cout_horaire, nb_reunions, duree_reunion):
    """Annual cost of one profession's attendance at the meetings.

    Parameters
    ----------
    nb_professionnels : float or ndarray [pers.]
    cout_horaire : float or ndarray [€/h]
    nb_reunions : float or ndarray [réunions/an]
    duree_reunion : float or ndarray [h/réunion]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.3.2.5 (nurses 2 × 34 € × 20 × 2 h = 2 720 €; case manager 1 565 €).

    >>> cout_participation_reunions(2, 34, 20, 2), cout_participation_reunions(1, 39.125, 20, 2)
    (2720, 1565.0)
    """
    return nb_professionnels * cout_horaire * nb_reunions * duree_reunion


def cout_reunions_pluripro(couts_par_metier):
    """Annual cost of the multiprofessional meetings, all professions together.

    Parameters
    ----------
    couts_par_metier : iterable of float or ndarray [€/an]
        :func:`cout_participation_reunions` of each profession.

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.3.2.5 (« Total réunions pluri-pro annuelles » : 13 245 €).

    >>> cout_reunions_pluripro([4000, 1565, 2720, 1920, 3040])
    13245.0
    """
    return somme(couts_par_metier)
