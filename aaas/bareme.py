"""The French tax mileage scale (barème kilométrique), read from ``data/bareme_kilometrique.csv``.

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
import pandas as pd

from . import data


def bareme() -> pd.DataFrame:
    """The whole scale: one row per (income year, fiscal power, distance band)."""
    df = data.table("bareme_kilometrique.csv", ("km_min", "km_max", "taux", "fixe"))
    return df


def annees() -> list[str]:
    """Income years available in the scale."""
    return sorted(bareme()["annee_revenus"].unique())


def source(annee: str) -> str:
    """The official text behind a year's scale."""
    df = bareme()
    return str(df.loc[df["annee_revenus"] == str(annee), "source"].iloc[0])


def tranches(annee: str, cv: str) -> pd.DataFrame:
    """The three bands for one income year and fiscal power (sorted by distance)."""
    df = bareme()
    sel = df[(df["annee_revenus"] == str(annee)) & (df["cv"] == str(cv))].sort_values("km_min")
    if len(sel) != 3:
        raise ValueError(f"barème kilométrique : pas de barème pour l'année {annee} et {cv} CV")
    return sel


def indemnite_kilometrique(km, annee: str, cv: str):
    """Annual mileage allowance (€) for ``km`` kilometres driven by one car in a year.

    Parameters: ``km`` scalar or array (km/year); ``annee`` income year of the scale;
    ``cv`` fiscal horsepower (``"7"`` means 7 CV and more).
    Source: barème fiscal des frais kilométriques (see ``data/bareme_kilometrique.csv``).
    """
    t = tranches(annee, cv)
    km = np.asarray(km, dtype=float)
    bornes = t["km_max"].to_numpy()
    conditions = [km <= bornes[0], km <= bornes[1], np.ones_like(km, dtype=bool)]
    valeurs = [km * t["taux"].iloc[i] + t["fixe"].iloc[i] for i in range(3)]
    out = np.select(conditions, valeurs)
    return float(out) if out.ndim == 0 else out


def indemnites_flotte(km_total, nb_vehicules, annee: str, cv: str, repartition: str):
    """Mileage allowances (€/year) for a fleet driving ``km_total`` km in all (report 2.2.2.4, 2.3.2.3).

    ``repartition="flotte"`` (the report's computation in 2.3.2.3, erratum E22): the scale
    is applied once to the whole fleet's distance (15 000 km → 6 107 €).
    ``repartition="par_vehicule"``: the distance is shared equally among the
    ``nb_vehicules`` vehicles and the scale, defined per vehicle, applied to the distance
    each one drives (2 × barème(7 500 km) = 7 369 €).  With one vehicle both agree.
    A fleet of no vehicle is costed as one vehicle driving the whole distance.
    """
    if repartition == "flotte":
        return indemnite_kilometrique(km_total, annee, cv)
    if repartition == "par_vehicule":
        n = np.asarray(nb_vehicules, dtype=float)
        safe = np.where(n > 0, n, 1.0)
        par_vehicule = indemnite_kilometrique(km_total / safe, annee, cv)
        out = np.where(n > 0, par_vehicule * n, indemnite_kilometrique(km_total, annee, cv))
        return float(out) if np.ndim(out) == 0 else out
    raise ValueError(f"repartition_bareme inconnue : {repartition!r} ; valeurs acceptées : flotte, par_vehicule")
