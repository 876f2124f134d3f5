"""Dotations of the article 51 experiment « Structures d'exercice coordonné
participatives » (SEC participatives): cahier des charges of December 2023 (seed 001),
section « Financement de l'expérimentation ».

Every function is pure and accepts scalars or NumPy arrays; the values (tiers, 55 000 €
per ETP, thresholds…) come from ``data/sec_parametres.csv`` through the model and are
passed as arguments.  « File active MG »: patients seen by a GP of the structure in the
previous year (same section, definition).
"""

from __future__ import annotations

import numpy as np

from ._arrays import scalar_or_array

# --- 1) a. non-health professionals ---------------------------------------------------


def etp_non_professionnels_sante(
    file_active, palier_1_debut, palier_1_etp, palier_1_pas, palier_2_debut, palier_2_etp, palier_2_pas, etp_plafond
):
    """ETP of non-health staff (reception, mediators, social workers, coordinators)
    allotted by the tiers of file active MG.

    Parameters
    ----------
    file_active : float or ndarray [patients]
        File active MG of the previous year (at least the floor, checked by the model).
    palier_1_debut : float [patients]
        Start of the first tier (1 000).
    palier_1_etp : float [ETP]
        ETP at the start of the first tier (4).
    palier_1_pas : float [patients/ETP]
        Patients per extra ETP in the first tier (1 000).
    palier_2_debut : float [patients]
        Start of the second tier (3 000).
    palier_2_etp : float [ETP]
        ETP at the start of the second tier (6).
    palier_2_pas : float [patients/ETP]
        Patients per extra ETP in the second tier (3 000).
    etp_plafond : float [ETP]
        ETP above the ceiling (7, « > 6000 »).

    Returns
    -------
    float or ndarray [ETP]
        1 000-3 000: 4 + (n − 1 000)/1 000; 3 000-6 000: 6 + (n − 3 000)/3 000; above: 7
        (the tiers join: 6 ETP at 3 000, 7 at 6 000).

    Source: seed 001, Financement 1) a. (table « File active MG / Nombre d'ETP alloués »).

    >>> etp_non_professionnels_sante(np.array([1000, 2500, 4500, 8000]), 1000, 4, 1000, 3000, 6, 3000, 7)
    array([4. , 5.5, 6.5, 7. ])
    """
    n = np.asarray(file_active, dtype=float)
    palier_1 = palier_1_etp + (n - palier_1_debut) / palier_1_pas
    palier_2 = palier_2_etp + (n - palier_2_debut) / palier_2_pas
    etp = np.where(n < palier_2_debut, palier_1, palier_2)
    return scalar_or_array(np.minimum(etp, etp_plafond))


def etp_montee_en_charge(file_active_previsionnelle, etp_par_1000):
    """ETP financed to a structure in its ramp-up phase (recently created, or whose file
    active MG is growing), regularised afterwards on the observed file active.

    Parameters
    ----------
    file_active_previsionnelle : float or ndarray [patients]
        Forecast file active MG for 2022.
    etp_par_1000 : float [ETP per 1 000 patients]
        4 in the text.

    Returns
    -------
    float or ndarray [ETP]
        File active MG prévisionnelle 2022 / 1 000 × 4, as written: the text does not bound
        it by the tiers (it gives 8 ETP at 2 000 patients where the tiers give 5; erratum S03
        of ``data/sec_errata.csv``).

    Source: seed 001, Financement 2) « Montée en charge de certains porteurs de projets ».

    >>> etp_montee_en_charge(np.array([500, 1000, 2000]), 4)
    array([2., 4., 8.])
    """
    return scalar_or_array(np.asarray(file_active_previsionnelle, dtype=float) / 1000 * etp_par_1000)


def dotation_non_professionnels_sante(etp, cout_etp):
    """Dotation (a): ETP allotted × amount per ETP.

    Parameters
    ----------
    etp : float or ndarray [ETP]
    cout_etp : float [€/ETP]
        55 000 € (« 55 K€ (brut chargé) sont versés pour chaque ETP »).

    Returns
    -------
    float or ndarray [€/an]

    Source: seed 001, Financement 1) a.

    >>> dotation_non_professionnels_sante(5.5, 55000)
    302500.0
    """
    return scalar_or_array(np.asarray(etp, dtype=float) * cout_etp)


# --- 1) b. health professionals, poverty modulation ------------------------------------


def majoration_pauvrete(taux_pauvrete, seuil, plein, majoration_max):
    """Share added by the poverty rate of the territory: nothing at or below the national
    rate, linear up to the maximum at the full rate and above.

    Parameters
    ----------
    taux_pauvrete : float or ndarray [part]
        Poverty rate of the commune or QPV (the most favourable to the structure), 0-1.
    seuil : float [part]
        National rate (15 %, Insee 2017): the dotation is paid only above it.
    plein : float [part]
        Rate from which the maximum applies (25 %).
    majoration_max : float [part]
        Maximum (+20 %).

    Returns
    -------
    float or ndarray [part]
        0 at or below 15 %, 20 % × (t − 15 %)/(25 % − 15 %) between, 20 % at 25 % and above.

    Source: seed 001, Financement 1) b.  The text calls it « une dotation basée sur le taux
    de pauvreté » reaching « un maximum de +20 % » but never names what the percentage
    applies to, nor the cap it announces (« Cette dotation est plafonnée »).

    >>> majoration_pauvrete(np.array([0.10, 0.15, 0.20, 0.25, 0.30]), 0.15, 0.25, 0.20)
    array([0. , 0. , 0.1, 0.2, 0.2])
    """
    t = np.asarray(taux_pauvrete, dtype=float)
    part = np.clip((t - seuil) / (plein - seuil), 0.0, 1.0)
    return scalar_or_array(part * majoration_max)


def dotation_professionnels_sante(base, majoration):
    """Dotation (b): the poverty share applied to a base.

    Parameters
    ----------
    base : float or ndarray [€/an]
        What the percentage applies to.  The text leaves it undefined (it may be the
        health professionals' remuneration, the PEPS payment the dotation « s'articule »
        with, or another amount): the caller must give it; there is no default.
    majoration : float or ndarray [part]
        From :func:`majoration_pauvrete`.

    Returns
    -------
    float or ndarray [€/an]
        ``base × majoration``, before the cap the text announces without a value and
        before deducting, for PEPS structures, the PEPS poverty modulation.

    Source: seed 001, Financement 1) b.

    >>> dotation_professionnels_sante(100000, 0.1)
    10000.0
    """
    return scalar_or_array(np.asarray(base, dtype=float) * majoration)


# --- 1) c. interpreting, 1) d. psychologist, training cap --------------------------------


def dotation_interpretariat(file_active, par_1000, plafond_file_active):
    """Dotation (c): professional interpreting (on site and/or by phone).

    Parameters
    ----------
    file_active : float or ndarray [patients]
    par_1000 : float [€/an per 1 000 patients]
        22 800 €.
    plafond_file_active : float [patients]
        6 000: no more beyond it.

    Returns
    -------
    float or ndarray [€/an]
        min(Y, 6 000) × 22 800 / 1 000 (maximum 136 800 €, as printed).

    Source: seed 001, Financement 1) c.; seed 004 (22 800 € par an pour 1 000 patients).

    >>> dotation_interpretariat(np.array([1000, 2500, 8000]), 22800, 6000)
    array([ 22800.,  57000., 136800.])
    """
    n = np.minimum(np.asarray(file_active, dtype=float), plafond_file_active)
    return scalar_or_array(n * par_1000 / 1000)


def dotation_psychologue(etp, cout_employeur, etp_max, plafond):
    """Dotation (d): psychologist time beyond the Ségur measure, after the ARS's agreement.

    Parameters
    ----------
    etp : float or ndarray [ETP]
        Psychologist time financed.
    cout_employeur : float [€/ETP]
        66 000 €.
    etp_max : float [ETP]
        1 ETP per structure.
    plafond : float [€/an]
        66 000 € per structure.

    Returns
    -------
    float or ndarray [€/an]
        min(min(ETP, 1) × 66 000, 66 000).

    Source: seed 001, Financement 1) d.; seed 004 (« montant maximum de 66 000 € »).

    >>> dotation_psychologue(np.array([0.0, 0.5, 1.0, 1.5]), 66000, 1, 66000)
    array([    0., 33000., 66000., 66000.])
    """
    e = np.minimum(np.asarray(etp, dtype=float), etp_max)
    return scalar_or_array(np.minimum(e * cout_employeur, plafond))


def plafond_formation(dotation_totale, part_max):
    """Most a structure may spend on training (skills development), taken within dotations
    (a) and (b) at constant budget.

    Parameters
    ----------
    dotation_totale : float or ndarray [€/an]
        Total of the four dotations (the text's base, « la dotation totale »).
    part_max : float [part]
        2 %.

    Returns
    -------
    float or ndarray [€/an]
        A ceiling inside the total, not an extra amount.

    Source: seed 001, Financement 1), principle 2 of « développement des compétences ».

    >>> plafond_formation(500000, 0.02)
    10000.0
    """
    return scalar_or_array(np.asarray(dotation_totale, dtype=float) * part_max)
