"""Readings of the report's text: one value chosen among the alternatives a reading
parameter offers (``base_etp_medecin``, ``lecture_heures_patient_expert``…)."""

from __future__ import annotations

from typing import Any


def choisir(parametre: str, lecture: str, **options: Any) -> Any:
    """The option named ``lecture`` of the reading parameter ``parametre``.

    Parameters
    ----------
    parametre : str
        Name of the reading parameter (for the error message).
    lecture : str
        The reading chosen.
    **options : float or ndarray [u]
        The value of each accepted reading.

    Returns
    -------
    float or ndarray [u]

    Raises
    ------
    ValueError
        When ``lecture`` is not one of ``options``.

    Source: the reading parameters of ``data/parameters.csv`` (e.g. 2.3.2.2: the doctor's
    stated 0,1 ETP or 1,5 h a year per person).

    >>> choisir("base_etp_medecin", "etp_enonce", etp_enonce=0.1, heures_par_patient=0.082)
    0.1
    """
    if lecture not in options:
        raise ValueError(f"{parametre} inconnue : {lecture!r} ; valeurs acceptées : {', '.join(options)}")
    return options[lecture]
