"""Inclusion consultations of the mission relais-accessibilité (report section 2.2.2.6):
the length, price and extra cost of a long consultation.  The patients to include and the
cost of their consultations are :func:`aaas.formulas.communs.nb_personnes` and
:func:`aaas.formulas.relais.cout_consultations`.

Every function is pure and accepts scalars or NumPy arrays (the readings are strings).
"""

from __future__ import annotations

from .lectures import choisir


def duree_consultation_longue(duree_courante, duree_supplementaire):
    """Length of an inclusion consultation: an ordinary one and the extra time.

    Parameters
    ----------
    duree_courante : float or ndarray [min]
    duree_supplementaire : float or ndarray [min]

    Returns
    -------
    float or ndarray [min]

    Source: report 2.2.2.6 (« deux premières consultations d'une durée de 45 mn » : 20 + 25).

    >>> duree_consultation_longue(20, 25)
    45
    """
    return duree_courante + duree_supplementaire


def proportion_temps_supplementaire(duree_courante, duree_supplementaire, base: str):
    """Extra time as a share, used to price the longer inclusion consultation.

    Parameters
    ----------
    duree_courante : float or ndarray [min]
    duree_supplementaire : float or ndarray [min]
    base : {"duree_longue", "duree_courante"}
        ``"duree_longue"`` (the report): extra minutes over the whole long consultation,
        25 / (20 + 25) = 56 %; ``"duree_courante"``: extra minutes priced pro rata of an
        ordinary consultation, 25 / 20 = 125 %.

    Returns
    -------
    float or ndarray [–]

    Source: report 2.2.2.6 (« Proportion de temps consultation AAAS 56 % »).

    >>> round(proportion_temps_supplementaire(20, 25, "duree_longue"), 2)
    0.56
    >>> proportion_temps_supplementaire(20, 25, "duree_courante")
    1.25
    """
    return choisir(
        "base_surcout_consultation",
        base,
        duree_longue=duree_supplementaire / duree_consultation_longue(duree_courante, duree_supplementaire),
        duree_courante=duree_supplementaire / duree_courante,
    )


def surcout_consultation(tarif, proportion):
    """Extra cost of one inclusion consultation.

    Parameters
    ----------
    tarif : float or ndarray [€]
        Price of an ordinary GP consultation.
    proportion : float or ndarray [–]
        :func:`proportion_temps_supplementaire`.

    Returns
    -------
    float or ndarray [€/consultation]

    Source: report 2.2.2.6 (« Pour une consultation à 25 €, cela représente 14 € de
    surcoût » : 25 € × 25 / 45 = 13,89 €).

    >>> round(surcout_consultation(25, 25 / 45), 2)
    13.89
    """
    return tarif * proportion


def cout_consultation_longue(tarif, proportion):
    """Price of one inclusion consultation: the ordinary price increased by the extra
    time share, i.e. the ordinary price and :func:`surcout_consultation`.

    Parameters
    ----------
    tarif : float or ndarray [€]
    proportion : float or ndarray [–]
        :func:`proportion_temps_supplementaire`.

    Returns
    -------
    float or ndarray [€/consultation]

    Source: report 2.2.2.6 (« Coût total consultation AAAS 39 € » : 25 + 13,89 € rounded).

    >>> round(cout_consultation_longue(25, 25 / 45), 2)
    38.89
    """
    return tarif * (1 + proportion)
