"""Salary chains: net → gross → employer cost → annual cost of a post; hours and ETP;
the report's rounding of prices and budgets.

The report (sections 2.2.2.2, 2.3.2.1, 2.3.2.2, 2.4.2.1) prints each post as a chain
« salaire mensuel net → charges salariales → brut → charges patronales → coût mensuel
employeur → nb ETP → coût annuel ».  Three of its four tables apply the employee rate to the
*net* (2 400 € × 1,25 = 3 000 €); the employer rate applies to the gross.  All functions
accept scalars or NumPy arrays.
"""

from __future__ import annotations

import numpy as np

from ._arrays import quotient, scalar_or_array
from .communs import MOIS_PAR_AN, ratio


def salaire_brut(salaire_net, taux_charges_salariales):
    """Gross monthly salary from the net and the employee contribution rate expressed on
    the net, as the report computes it.

    Parameters
    ----------
    salaire_net : float or ndarray [€/mois]
    taux_charges_salariales : float or ndarray [–]
        Employee contributions as a share of the net.

    Returns
    -------
    float or ndarray [€/mois]

    Source: report 2.3.2.1 (2 400 € net, 25 % → 3 000 € brut), 2.4.2.1 (2 800 → 3 500).

    >>> salaire_brut(2400, 0.25), salaire_brut(2800, 0.25)
    (3000.0, 3500.0)
    """
    return salaire_net * (1 + taux_charges_salariales)


def part_charges_salariales_du_brut(salaire_net, salaire_brut_):
    """Employee contributions as a share of the gross (what the 2.2.2.2 table prints); 0
    for a gross of 0 (a post paid nothing bears no contribution).

    Parameters
    ----------
    salaire_net : float or ndarray [€/mois]
    salaire_brut_ : float or ndarray [€/mois]

    Returns
    -------
    float or ndarray [–]

    Source: report 2.2.2.2 (« Charges salariales 22 % » : 1 − 1 600 / 2 049).

    >>> round(part_charges_salariales_du_brut(1600, 2049), 2), part_charges_salariales_du_brut(0, 0)
    (0.22, 0.0)
    """
    brut = np.asarray(salaire_brut_, dtype=float)
    return scalar_or_array(np.where(brut != 0, 1 - quotient(salaire_net, brut), 0.0))


def salaire_annuel(salaire_mensuel):
    """Annual salary from a monthly one (twelve months).

    Parameters
    ----------
    salaire_mensuel : float or ndarray [€/mois]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.2 (2 049 € brut mensuels, « estimée à une moyenne de 2 000 € bruts
    annuels », a monthly figure: 24 588 € a year) and 2.4.2.2 (2 900 €, likewise).

    >>> salaire_annuel(2049), salaire_annuel(2900)
    (24588, 34800)
    """
    return salaire_mensuel * MOIS_PAR_AN


def cout_employeur_mensuel(salaire_brut_, taux_charges_patronales):
    """Monthly employer cost = gross × (1 + employer rate on the gross).

    Parameters
    ----------
    salaire_brut_ : float or ndarray [€/mois]
    taux_charges_patronales : float or ndarray [–]

    Returns
    -------
    float or ndarray [€/mois]

    Source: report 2.2.2.2 to 2.4.2.1 (« Coût mensuel total employeur » : 3 000 € × 1,4 =
    4 200 € for the case manager, 2.3.2.1).

    >>> round(cout_employeur_mensuel(3000, 0.40), 6)
    4200.0
    """
    return salaire_brut_ * (1 + taux_charges_patronales)


def cout_annuel_poste(cout_mensuel, etp):
    """Annual cost of ``etp`` full-time equivalents at ``cout_mensuel`` a month.

    Parameters
    ----------
    cout_mensuel : float or ndarray [€/mois]
        Monthly employer cost of one full-time post.
    etp : float or ndarray [ETP]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.2 (2 450 € × 12 × 1,5 ETP = 44 100 €), 2.4.2.1 (4 900 € × 12 × 1 =
    58 800 €).

    >>> cout_annuel_poste(2450, 1.5), cout_annuel_poste(4900, 1)
    (44100.0, 58800)
    """
    return cout_mensuel * MOIS_PAR_AN * etp


def cout_horaire_employeur(cout_mensuel, heures_annuelles_etp):
    """Employer cost per hour of a post costing ``cout_mensuel`` a month to its employer.

    Parameters
    ----------
    cout_mensuel : float or ndarray [€/mois]
    heures_annuelles_etp : float or ndarray [h/an]
        Hours worked a year by one full-time equivalent.

    Returns
    -------
    float or ndarray [€/h]

    Source: report 2.3.2.5 (« le coût total employeur d'un ETP salarié rapporté à l'heure » :
    4 200 € × 12 / 1 820 h = 27,69 €; erratum E30).

    >>> round(cout_horaire_employeur(4200, 1820), 2)
    27.69
    """
    return ratio(cout_mensuel * MOIS_PAR_AN, heures_annuelles_etp)


def etp_pour_heures(heures_annuelles, heures_annuelles_etp):
    """Full-time equivalents needed for ``heures_annuelles`` hours a year.

    Parameters
    ----------
    heures_annuelles : float or ndarray [h/an]
    heures_annuelles_etp : float or ndarray [h/an]
        Hours worked a year by one full-time equivalent.

    Returns
    -------
    float or ndarray [ETP]

    Source: report 2.3.2.4 (182 h of secretarial work / 1 820 h = 0,1 ETP).

    >>> etp_pour_heures(182, 1820)
    0.1
    """
    return heures_annuelles / heures_annuelles_etp


def etp_pour_file_active(file_active, file_active_par_etp):
    """ETP of case managers for a caseload.

    Parameters
    ----------
    file_active : float or ndarray [pers.]
        People followed.
    file_active_par_etp : float or ndarray [pers./ETP]

    Returns
    -------
    float or ndarray [ETP]

    Source: report 2.3.2.1 (100 / 55 = 1,8 ETP).

    >>> round(etp_pour_file_active(100, 55), 1)
    1.8
    """
    return file_active / file_active_par_etp


def arrondi_au_pas(x, pas):
    """Round ``x`` to the nearest multiple of ``pas`` (half away from zero); ``pas`` = 0
    leaves ``x`` unchanged.

    Parameters
    ----------
    x : float or ndarray [u]
        A price or a budget.
    pas : float or ndarray [u]
        The rounding step (0: no rounding).

    Returns
    -------
    float or ndarray [u]

    Source: the report's rounded prices (2.2.2.6: 38,89 € → 39 €) and budgets (2.2.2.4:
    4 483,72 € → 4 500 €; 2.4.2.2: 14 819 € → 15 000 €).

    >>> arrondi_au_pas(4483.72, 100), arrondi_au_pas(38.89, 1), arrondi_au_pas(7.3, 0)
    (4500.0, 39.0, 7.3)
    """
    x = np.asarray(x, dtype=float)
    pas = np.asarray(pas, dtype=float)
    actif = pas > 1e-9
    safe = np.where(actif, pas, 1.0)
    # the tiny epsilon keeps exact halves (0,15 / 0,1 = 1,4999…) rounding up
    rounded = np.sign(x) * np.floor(np.abs(x) / safe + 0.5 + 1e-9) * safe
    return scalar_or_array(np.where(actif, rounded, x))


def ecart_arrondi(arrondi, valeur):
    """What a rounding adds to a budget (negative when it rounds down).

    Parameters
    ----------
    arrondi : float or ndarray [€]
        The rounded budget (:func:`arrondi_au_pas`).
    valeur : float or ndarray [€]
        The budget before rounding.

    Returns
    -------
    float or ndarray [€]

    Source: report 2.2.2.4 (4 500 € printed for 4 483,72 €: 16,28 € of rounding) and 2.4.2.2
    (15 000 € for 14 819,47 €).

    >>> round(ecart_arrondi(4500, 4483.72), 2)
    16.28
    """
    return arrondi - valeur
