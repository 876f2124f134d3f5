"""The synthesis (report section 3): shares of the total, the carriers' shares of the extra
cost they already fund (3.2.5), the range of the key posts' shares (3.3).

Sums of lines and shares of a total are :func:`aaas.formulas.communs.somme` and
:func:`aaas.formulas.communs.ratio`.  Every function is pure and accepts scalars or NumPy
arrays.
"""

from __future__ import annotations

import numpy as np


def part_complementaire(part):
    """The share of a whole outside ``part``.

    Parameters
    ----------
    part : float or ndarray [–]

    Returns
    -------
    float or ndarray [–]

    Source: report 3.2.5 (associations of patients: 28 % of the extra cost already funded
    (« mutualisés »), 72 % of « surcoûts AAAS »).

    >>> round(part_complementaire(0.28), 2)
    0.72
    """
    return 1 - part


def montant_mutualise(ligne, part_mutualisee):
    """The part of a line a carrier already funds.

    Parameters
    ----------
    ligne : float or ndarray [€/an]
    part_mutualisee : float or ndarray [–]
        Share of the line the carrier already funds (``data/mutualisation.csv``).

    Returns
    -------
    float or ndarray [€/an]

    Source: report 3.2.2–3.2.5 (associations of patients already organise the workshops:
    36 192 € of 36 192 €).

    >>> montant_mutualise(36192, 1.0)
    36192.0
    """
    return ligne * part_mutualisee


def reste_a_financer(ligne, part_mutualisee):
    """The part of a line a carrier does not fund yet.

    Parameters
    ----------
    ligne : float or ndarray [€/an]
    part_mutualisee : float or ndarray [–]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 3.2.5 (« les principales ressources manquantes » of the support
    structures for coordination: the mediator, 44 100 €, which they do not fund; not the
    case managers, 91 636 €, which they do).

    >>> reste_a_financer(44100, 0.0), reste_a_financer(91636, 1.0)
    (44100.0, 0.0)
    """
    return ligne * (1 - part_mutualisee)


def minimum(valeurs):
    """The smallest of ``valeurs`` (element-wise for arrays).

    Parameters
    ----------
    valeurs : sequence of float or ndarray [u]

    Returns
    -------
    numpy.float64 or ndarray [u]

    Source: report 3.3 (the key posts « représentent entre 40 … % des dépenses » : the
    smallest share, 42 % for the relais mission).

    >>> round(float(minimum([0.418, 0.578, 0.573])), 3)
    0.418
    """
    return np.minimum.reduce(np.broadcast_arrays(*valeurs))


def maximum(valeurs):
    """The largest of ``valeurs`` (element-wise for arrays).

    Parameters
    ----------
    valeurs : sequence of float or ndarray [u]

    Returns
    -------
    numpy.float64 or ndarray [u]

    Source: report 3.3 (« … et 60 % des dépenses » : the largest share, 58 % for the
    pair-aidance mission).

    >>> round(float(maximum([0.418, 0.578, 0.573])), 3)
    0.578
    """
    return np.maximum.reduce(np.broadcast_arrays(*valeurs))


def marge_sous(autres, valeur):
    """How far ``valeur`` stands below the smallest of ``autres``.

    Parameters
    ----------
    autres : sequence of float or ndarray [u]
    valeur : float or ndarray [u]

    Returns
    -------
    numpy.float64 or ndarray [u]
        Positive when ``valeur`` is the smallest.

    Source: report 3.2.5 (the support structures for coordination « engagerait le moins de
    ressources supplémentaires » : 40 % of extra cost against 62 % for the next carrier).

    >>> round(float(marge_sous([0.72, 0.62, 0.67, 0.76, 0.73], 0.40)), 2)
    0.22
    """
    return minimum(autres) - valeur
