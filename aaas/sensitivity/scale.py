"""Scale: cost curves against the size of the territory and of the file active (the steps
of workshops, vehicles and ETP show), and break-even values computed, not read off a chart.

Called, the module runs the researcher's analysis (:func:`run`):
``aaas.sensitivity.scale("population_bassin", scenario=…)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ParameterError, cite
from ..models import aggregate, parameters
from . import api, engine, limits

POPULATIONS = np.linspace(5_000, 100_000, 96)
FILES_ACTIVES = np.arange(20, 401, 1.0)
#: The ranges of the scale curves (5 000 – 100 000 inhabitants, 20 – 400 people followed).
COURBES = {"population_bassin": POPULATIONS, "file_active": FILES_ACTIVES}


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
    out = engine.evaluate_draws({parametre: values}, convention, names + ([par_unite] if par_unite else []), base=base)
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
    y = engine.evaluate_draws({parametre: x}, convention, [sortie], base=base)[sortie]
    start = y[0] >= cible
    crossed = np.nonzero((y >= cible) != start)[0]
    if not len(crossed):
        return float("nan")
    i = crossed[0]
    return float(x[i - 1] + (cible - y[i - 1]) * (x[i] - x[i - 1]) / (y[i] - y[i - 1]))


def deux_parametres(a: str, valeurs_a, b: str, valeurs_b, sortie: str = "total", convention: str = "rapport",
                    base: dict | None = None):  # fmt: skip
    """A grid of ``sortie`` over two different parameters (rows: ``a``, columns: ``b``), the
    others at ``base`` (default: the convention's set), one pass; at most
    :data:`~aaas.sensitivity.limits.POINTS_MAX` points in all."""
    if a == b:
        raise ParameterError(f"paramètre '{cite(a)}' donné deux fois ; la grille croise deux paramètres différents")
    limits.points(len(valeurs_a) * len(valeurs_b), "nombre de points de la grille")
    for name in (a, b):
        if parameters.lookup(name).categorical:
            raise ParameterError(
                f"paramètre '{name}' : une lecture n'a pas de grille ; un paramètre numérique est attendu"
            )
    xa, xb = np.meshgrid(np.asarray(valeurs_a, float), np.asarray(valeurs_b, float), indexing="ij")
    out = engine.evaluate_draws({a: xa.ravel(), b: xb.ravel()}, convention, [sortie], base=base)[sortie]
    return pd.DataFrame(out.reshape(xa.shape), index=pd.Index(valeurs_a, name=a), columns=pd.Index(valeurs_b, name=b))


def grille(name: str, base: dict) -> np.ndarray:
    """Seven values from −30 % to +30 % of the parameter's value in ``base``, within its
    bounds (a reading has none: :class:`~aaas.errors.ParameterError`).

    >>> from aaas.models import conventions
    >>> grille("taux_recours_mg", conventions.defaults("rapport")).round(2).tolist()
    [2.45, 2.8, 3.15, 3.5, 3.85, 4.2, 4.55]
    """
    p = parameters.lookup(name)
    if p.categorical:
        raise ParameterError(f"paramètre '{name}' : une lecture n'a pas de grille ; un paramètre numérique est attendu")
    v = float(base[name])
    lo = -np.inf if p.min is None else p.min
    hi = np.inf if p.max is None else p.max
    return np.unique(np.clip(v * np.linspace(0.7, 1.3, 7), lo, hi))


def run(
    parameter: str,
    values: Sequence[float] | None = None,
    scenario=None,
    convention: str | None = None,
    *,
    outputs: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """The outputs along a range of one parameter, the others at the scenario's values.

    Parameters
    ----------
    parameter : str
        A numeric parameter (``population_bassin``, ``file_active``…).
    values : sequence of float, optional
        Its values (each validated against its bounds); default: 5 000 to 100 000
        inhabitants, 20 to 400 people followed, else seven values from −30 % to +30 %.
    scenario, convention
        The other parameters and its convention (:func:`~aaas.sensitivity.api.scenario_of`:
        a Scenario, parameter values, a YAML file, or None: the report's).
    outputs : str or sequence of str, optional
        Model quantities (default: the four missions and the total).

    Returns
    -------
    DataFrame
        One row per value: the parameter, each output, and each output per unit of the
        parameter (``<sortie>_par_unite``, e.g. € per inhabitant).

    Examples
    --------
    >>> import aaas.sensitivity
    >>> df = aaas.sensitivity.scale("population_bassin", [20000, 40000], outputs="mission_relais")
    >>> df["mission_relais"].round().tolist(), df["mission_relais_par_unite"].round(2).tolist()
    ([105540.0, 197500.0], [5.28, 4.94])
    """
    sc = api.scenario_of(scenario, convention)
    p = parameters.lookup(parameter)
    if values is None:
        values = COURBES[parameter] if parameter in COURBES else grille(parameter, sc.values)
    else:
        values = np.atleast_1d(p.validate(np.asarray(values, dtype=float), "valeurs de la courbe"))
    return courbe(parameter, values, sc.convention, engine.check_outputs(outputs), sc.values)


api.callable_module(__name__, run)
