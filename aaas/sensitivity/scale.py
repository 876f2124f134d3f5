"""Scale: cost curves against the size of the territory and of the file active (the steps
of workshops, vehicles and ETP show), and break-even values computed, not read off a chart."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ParameterError, cite
from ..models import aggregate, parameters
from . import engine, limits

POPULATIONS = np.linspace(5_000, 100_000, 96)
FILES_ACTIVES = np.arange(20, 401, 1.0)


def courbe(parametre: str, valeurs: Sequence[float], convention: str = "rapport", outputs=None,
           base: dict | None = None) -> pd.DataFrame:  # fmt: skip
    """The outputs (missions, total) for every value of ``parametre``, the others at ``base``
    (default: the convention's set), with the cost per unit of that parameter (the total's
    is the model's quantity, e.g. ``total_par_habitant``); at most
    :data:`~aaas.sensitivity.limits.POINTS_MAX` values."""
    values = np.asarray(valeurs, dtype=float)
    limits.points(values.size, "nombre de valeurs de la courbe")
    names = list(outputs or engine.sorties_par_defaut())
    par_unite = aggregate.par_unite_du_parametre(parametre) if "total" in names else None
    out = engine.evaluate({parametre: values}, convention, names + ([par_unite] if par_unite else []), base=base)
    quotient = out.pop(par_unite) if par_unite else None
    df = pd.DataFrame({parametre: values, **out})
    for name in out:
        df[f"{name}_par_unite"] = quotient if name == "total" and par_unite else df[name] / values
    return df


def seuil(parametre: str, sortie: str, cible: float, bas: float, haut: float, convention: str = "rapport",
          base: dict | None = None, points: int = 4001) -> float:  # fmt: skip
    """The smallest value of ``parametre`` in [bas, haut] at which ``sortie`` reaches
    ``cible`` (NaN if never): e.g. the file active per référent ETP that keeps the cost per
    person followed under an amount.  ``points`` (at most
    :data:`~aaas.sensitivity.limits.POINTS_MAX`) values are evaluated.

    >>> round(seuil("file_active_par_etp_referent", "cout_pair_aidance_par_personne", 1500, 30, 120), 1)
    60.7
    """
    x = np.linspace(bas, haut, limits.points(points, "nombre de points"))
    y = engine.evaluate({parametre: x}, convention, [sortie], base=base)[sortie]
    start = y[0] >= cible
    crossed = np.nonzero((y >= cible) != start)[0]
    if not len(crossed):
        return float("nan")
    i = crossed[0]
    return float(x[i - 1] + (cible - y[i - 1]) * (x[i] - x[i - 1]) / (y[i] - y[i - 1]))


def deux_parametres(a: str, valeurs_a, b: str, valeurs_b, sortie: str = "total", convention: str = "rapport"):
    """A grid of ``sortie`` over two different parameters (rows: ``a``, columns: ``b``), one
    pass; at most :data:`~aaas.sensitivity.limits.POINTS_MAX` points in all."""
    if a == b:
        raise ParameterError(f"paramètre '{cite(a)}' donné deux fois ; la grille croise deux paramètres différents")
    limits.points(len(valeurs_a) * len(valeurs_b), "nombre de points de la grille")
    for name in (a, b):
        if parameters.lookup(name).categorical:
            raise ParameterError(
                f"paramètre '{name}' : une lecture n'a pas de grille ; un paramètre numérique est attendu"
            )
    xa, xb = np.meshgrid(np.asarray(valeurs_a, float), np.asarray(valeurs_b, float), indexing="ij")
    out = engine.evaluate({a: xa.ravel(), b: xb.ravel()}, convention, [sortie])[sortie]
    return pd.DataFrame(out.reshape(xa.shape), index=pd.Index(valeurs_a, name=a), columns=pd.Index(valeurs_b, name=b))
