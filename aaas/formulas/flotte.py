"""A mission's fleet of cars (report 2.2.2.4 itinérance, 2.3.2.3 visites à domicile):
distance per vehicle, vehicle tax, travel cost.  The mileage allowances themselves come
from the tax scale (:mod:`aaas.formulas.bareme`).

Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations

from .communs import ratio


def km_par_vehicule(km_total, nb_vehicules):
    """Distance driven by each vehicle of a fleet sharing ``km_total`` equally; 0 for a
    fleet of no vehicle (:func:`~aaas.formulas.communs.ratio`).

    Parameters
    ----------
    km_total : float or ndarray [km/an]
    nb_vehicules : float or ndarray [véhicules]

    Returns
    -------
    float or ndarray [km/an/véhicule]

    Source: report 2.3.2.3 (15 000 km for « deux véhicules » : 7 500 km each; erratum E22).

    >>> km_par_vehicule(15000, 2), km_par_vehicule(5640, 0)
    (7500.0, 0.0)
    """
    return ratio(km_total, nb_vehicules)


def taxe_vehicules(taxe_par_vehicule, nb_vehicules):
    """Tax on a fleet of vehicles.

    Parameters
    ----------
    taxe_par_vehicule : float or ndarray [€/véhicule/an]
    nb_vehicules : float or ndarray [véhicules]

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.4 (1 400 € for one car), 2.3.2.3 (« Taxe sur la flotte de
    véhicules » 2 × 1 400 € = 2 800 €).

    >>> taxe_vehicules(1400, 2)
    2800
    """
    return taxe_par_vehicule * nb_vehicules


def cout_deplacements(indemnites_km, taxe):
    """Travel cost of a fleet: mileage allowances and vehicle tax.

    Parameters
    ----------
    indemnites_km : float or ndarray [€/an]
        Mileage allowances (:func:`aaas.formulas.bareme.indemnites_flotte`).
    taxe : float or ndarray [€/an]
        Tax on the fleet (:func:`taxe_vehicules`).

    Returns
    -------
    float or ndarray [€/an]

    Source: report 2.2.2.4 (« Total coût déplacements » 3 084 + 1 400 = 4 484 €), 2.3.2.3
    (6 107 + 2 800 = 8 907 €).

    >>> cout_deplacements(3084, 1400), cout_deplacements(6107, 2800)
    (4484, 8907)
    """
    return indemnites_km + taxe
