"""The French tax mileage scale (barème kilométrique), as pure functions of its bands.

The bands are read by :mod:`aaas.datastore` from ``data/bareme_kilometrique.csv``.

For a car of fiscal power ``cv`` and an annual distance ``d`` (km): up to 5 000 km the
allowance is ``d × a``; from 5 001 to 20 000 km ``d × b + c``; beyond 20 000 km ``d × e``.
The report (2.2.2.4 and 2.3.2.3) uses the 4 CV scale of income year 2021
(``d × 0,323 + 1 262``): 5 640 km → 3 084 €, 15 000 km → 6 107 €.

The official scale is not exactly monotone at its band limits: for some years and powers
the allowance drops by a few euros just past 5 000 or 20 000 km (e.g. 3 CV, income year
2021: 7 007 € at 20 000 km, 7 000 € just beyond).  The function reproduces the scale as
published.
"""

from __future__ import annotations

import numpy as np

from ._arrays import scalar_or_array


def indemnite_kilometrique(km, tranches):
    """Annual mileage allowance (€) for ``km`` kilometres driven by one car in a year.

    Parameters
    ----------
    km : float or ndarray [km/an]
        Distance driven by the car in the year.
    tranches : tuple of three ndarray
        The scale of one income year and fiscal power, by distance band: upper bounds
        [km], rates [€/km], fixed parts [€] (``aaas.datastore.bareme_tranches``).

    Returns
    -------
    float or ndarray [€/an]

    Source: barème fiscal des frais kilométriques (``data/bareme_kilometrique.csv``); the
    report (2.2.2.4) applies the 4 CV scale of 2021 to 5 640 km: 5 640 × 0,323 + 1 262.

    >>> bareme_4cv_2021 = ((5000, 20000, float("inf")), (0.575, 0.323, 0.387), (0, 1262, 0))
    >>> round(indemnite_kilometrique(5640, bareme_4cv_2021), 2)
    3083.72
    """
    bornes, taux, fixes = (np.asarray(a, dtype=float) for a in tranches)
    km = np.asarray(km, dtype=float)
    conditions = [km <= bornes[0], km <= bornes[1], np.ones_like(km, dtype=bool)]
    valeurs = [km * taux[i] + fixes[i] for i in range(3)]
    return scalar_or_array(np.select(conditions, valeurs))


def indemnites_flotte(km_total, nb_vehicules, tranches, repartition: str):
    """Mileage allowances (€/year) for a fleet driving ``km_total`` km in all (report 2.2.2.4, 2.3.2.3).

    Parameters
    ----------
    km_total : float or ndarray [km/an]
        Distance driven by the whole fleet.
    nb_vehicules : float or ndarray [véhicules]
    tranches : tuple of three ndarray
        The scale's bands (see :func:`indemnite_kilometrique`).
    repartition : {"flotte", "par_vehicule"}
        ``"flotte"`` (the report's computation in 2.3.2.3, erratum E22): the scale is
        applied once to the whole fleet's distance (15 000 km → 6 107 €).
        ``"par_vehicule"``: the distance is shared equally among the vehicles and the
        scale, defined per vehicle, applied to each one's distance (2 × barème(7 500 km)
        = 7 369 €).  With one vehicle both agree; a fleet of no vehicle is costed as one
        vehicle driving the whole distance.

    Returns
    -------
    float or ndarray [€/an]

    Source: barème fiscal des frais kilométriques; the report (2.3.2.3) applies the 4 CV
    scale of 2021 to the 15 000 km of its two vehicles: 15 000 × 0,323 + 1 262 = 6 107 €.

    >>> bareme_4cv_2021 = ((5000, 20000, float("inf")), (0.575, 0.323, 0.387), (0, 1262, 0))
    >>> round(indemnites_flotte(15000, 2, bareme_4cv_2021, "flotte"))
    6107
    >>> round(indemnites_flotte(15000, 2, bareme_4cv_2021, "par_vehicule"))
    7369
    """
    if repartition == "flotte":
        return indemnite_kilometrique(km_total, tranches)
    if repartition == "par_vehicule":
        n = np.asarray(nb_vehicules, dtype=float)
        safe = np.where(n > 0, n, 1.0)
        par_vehicule = indemnite_kilometrique(km_total / safe, tranches)
        return scalar_or_array(np.where(n > 0, par_vehicule * n, indemnite_kilometrique(km_total, tranches)))
    raise ValueError(f"repartition_bareme inconnue : {repartition!r} ; valeurs acceptées : flotte, par_vehicule")
