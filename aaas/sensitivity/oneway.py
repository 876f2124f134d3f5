"""One-way sensitivity: every drawn hypothesis moved alone by −15 %, −10 %, +10 %, +15 %
(within its validity bounds), all points evaluated in one vectorised pass; a tidy table
(parameter, variation, value, output, result, change, elasticity) as dampack's.

Called, the module runs the researcher's analysis, sorted by effect (:func:`run`):
``aaas.sensitivity.oneway(scenario)``; :func:`tornado` gives the tornado of one output.
Two hypotheses whose effects are equal (factors of one product: an ETP and its salary)
are said to be *ex aequo* (:func:`ex_aequo`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..models import conventions, parameters
from . import api, engine, limits
from .ranges import borne, plages

VARIATIONS = (-0.15, -0.10, 0.10, 0.15)
#: Two swings are ex aequo when they differ by at most this fraction of the larger.
EX_AEQUO = 1e-9


def oneway(
    convention: str = "rapport",
    variations: Sequence[float] = VARIATIONS,
    outputs: Sequence[str] | None = None,
    base: dict | None = None,
) -> pd.DataFrame:
    """The tidy one-way table: one row per (parameter, variation, output), in the table's
    order; at most :data:`~aaas.sensitivity.limits.VARIATIONS_MAX` variations.

    >>> df = oneway(outputs=["total"])
    >>> row = df[(df.parametre == "tarif_horaire_interpretariat") & (df.variation == 0.1)].iloc[0]
    >>> round(row.ecart), round(float(row.elasticite), 3)
    (3514, 0.087)
    """
    limits.variations(len(variations))
    outputs = list(outputs or engine.sorties_par_defaut())
    base = engine.values_of(base)
    base = dict(base) if base else conventions.defaults(convention)
    names = [p.nom for p in plages(convention, base=base)]
    table = parameters.parameters()
    points = [(n, v, borne(table[n], float(base[n]) * (1 + v), base)) for n in names for v in variations]
    draws = {n: np.full(len(points), float(base[n])) for n in names}
    for i, (name, _, value) in enumerate(points):
        draws[name][i] = value
    results = engine.evaluate_draws(draws, convention, outputs, base=base)
    reference = engine.evaluate_draws({}, convention, outputs, base=base)
    rows = []
    for i, (name, variation, value) in enumerate(points):
        for out in outputs:
            ref = float(reference[out][0])
            res = float(results[out][i])
            moved = value / float(base[name]) - 1 if base[name] else np.nan
            elasticity = (res / ref - 1) / moved if ref and moved else np.nan
            rows.append((name, variation, value, out, res, res - ref, elasticity))
    return pd.DataFrame(rows, columns=["parametre", "variation", "valeur", "sortie", "resultat", "ecart", "elasticite"])


def tornade(df: pd.DataFrame, sortie: str = "total", n: int | None = 15) -> pd.DataFrame:
    """The ``n`` hypotheses (None: all) that move ``sortie`` most: lowest and highest
    change over the variations, sorted by swing (largest first)."""
    sel = df[df["sortie"] == sortie]
    g = sel.groupby("parametre")["ecart"].agg(bas="min", haut="max")
    g["amplitude"] = g["haut"] - g["bas"]
    g = g.sort_values("amplitude", ascending=False)
    return (g if n is None else g.head(n)).reset_index()


def ex_aequo(noms: Sequence[str], amplitudes: Sequence[float], tolerance: float = EX_AEQUO) -> list[str]:
    """For each name, the others whose swing equals its own within ``tolerance`` (relative),
    joined by « , » (empty for none, and for a swing of 0: no effect is no tie).

    >>> ex_aequo(["etp", "salaire", "loyer", "a", "b"], [100.0, 100.0 + 1e-8, 50.0, 0.0, 0.0])
    ['salaire', 'etp', '', '', '']
    """
    x = np.abs(np.asarray(amplitudes, dtype=float))
    same = np.abs(x[:, None] - x[None, :]) <= tolerance * np.maximum(x[:, None], x[None, :])
    same &= (x[:, None] > 0) & ~np.eye(len(x), dtype=bool)
    return [", ".join(noms[j] for j in np.flatnonzero(row)) for row in same]


def tornado(
    scenario=None,
    convention: str | None = None,
    *,
    output: str = "total",
    variations: Sequence[float] = VARIATIONS,
    top: int | None = None,
) -> pd.DataFrame:
    """The tornado of one output: for each hypothesis that moves it, the lowest and highest
    change over the variations, sorted by swing (largest first), as the book's chapter
    « Sensibilité » shows it.

    Parameters
    ----------
    scenario, convention
        The point the hypotheses move from and its convention (:func:`~aaas.sensitivity.api.scenario_of`:
        a Scenario, parameter values, a YAML file, or None: the report's).
    output : str
        The model quantity (``total``, ``mission_relais``, ``cout_pair_aidance_par_personne``…).
    variations : sequence of float
        Relative moves of each hypothesis (default ±10 %, ±15 %).
    top : int, optional
        Keep the ``top`` largest swings (default: every hypothesis that moves the output).

    Returns
    -------
    DataFrame
        ``parametre``, ``valeur`` (in the scenario), ``bas`` and ``haut`` (lowest and highest
        change of the output), ``amplitude`` and ``ex_aequo`` (same swing, to 10⁻⁹ relative).

    >>> import aaas.sensitivity
    >>> t = aaas.sensitivity.tornado(output="mission_coordination", top=3)
    >>> t.loc[0, ["parametre", "ex_aequo"]].tolist()
    ['etp_coordinateur', 'salaire_net_coordinateur']
    """
    sc = api.scenario_of(scenario, convention)
    (out,) = engine.check_outputs([output])
    ow = oneway(sc.convention, variations, [out], sc.values)
    t = tornade(ow, out, None)
    t = t[t["amplitude"] > 0].reset_index(drop=True)
    t.insert(1, "valeur", [float(sc.values[n]) for n in t["parametre"]])
    t["ex_aequo"] = ex_aequo(list(t["parametre"]), t["amplitude"])
    if top is not None:
        t = t.head(limits.points(top, "top")).copy()
    return t


def classer(df: pd.DataFrame) -> pd.DataFrame:
    """The one-way table sorted by effect: output by output (in their order), each
    hypothesis by its swing on that output (the tornado's order), its variations in order;
    with the swing (``amplitude``) and the hypotheses ``ex_aequo`` with it."""
    parts = []
    for out in dict.fromkeys(df["sortie"]):
        t = tornade(df, out, None)
        t["ex_aequo"] = ex_aequo(list(t["parametre"]), t["amplitude"])
        rank = pd.Series(range(len(t)), index=t["parametre"])
        sel = df[df["sortie"] == out].assign(_rang=lambda d, r=rank: d["parametre"].map(r))
        sel = sel.sort_values(["_rang", "variation"], kind="stable").drop(columns="_rang")
        parts.append(sel.merge(t[["parametre", "amplitude", "ex_aequo"]], on="parametre", how="left"))
    return pd.concat(parts, ignore_index=True)


def run(
    scenario=None,
    convention: str | None = None,
    *,
    outputs: str | Sequence[str] | None = None,
    variations: Sequence[float] = VARIATIONS,
) -> pd.DataFrame:
    """One-way sensitivity around a scenario, sorted by effect.

    Parameters
    ----------
    scenario, convention
        The point the hypotheses move from and its convention (:func:`~aaas.sensitivity.api.scenario_of`:
        a Scenario, parameter values, a YAML file, or None: the report's).
    outputs : str or sequence of str, optional
        Model quantities followed (default: the four missions and the total).
    variations : sequence of float
        Relative moves of each hypothesis (default ±10 %, ±15 %), within its bounds.

    Returns
    -------
    DataFrame
        One row per (sortie, parametre, variation), output by output, the hypotheses by
        their swing on it: ``valeur`` (moved value), ``resultat``, ``ecart`` (change),
        ``elasticite``, ``amplitude`` (the hypothesis' swing on that output) and
        ``ex_aequo``.

    Examples
    --------
    >>> import aaas.sensitivity
    >>> df = aaas.sensitivity.oneway({"population_bassin": 50000}, outputs="total")
    >>> df.loc[0, "parametre"], len(df) == 4 * df["parametre"].nunique()
    ('etp_mediateur', True)
    """
    sc = api.scenario_of(scenario, convention)
    return classer(oneway(sc.convention, variations, engine.check_outputs(outputs), sc.values))


api.callable_module(__name__, run)
