"""Probabilistic sensitivity: every drawn hypothesis within its range, independently
(uniform by default, triangular where ``loi`` says so), seeded, evaluated in chunks.

A second mode, ``correle``, moves every hypothesis together (the report's own territorial
logic, 2.2.2.7: geography, property and labour markets and the population's profile move
salaries, prices and needs of a territory together): one common position in each range,
taken in the cost-raising direction (a hypothesis that lowers costs when it rises, ``sens``
``-``, moves the other way).  It gives the envelope of fully correlated territories.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import binomial, engine, limits
from .ranges import plages

QUANTILES = (0.05, 0.50, 0.95)
#: Confidence level of the Monte Carlo interval of each quantile (:func:`precision_quantile`).
CONFIANCE = 0.95
#: Draws accepted at most (:data:`aaas.sensitivity.limits.TIRAGES_MAX`).
TIRAGES_MAX = limits.TIRAGES_MAX


def _check(n, seed) -> None:
    """``n`` draws (1 to :data:`TIRAGES_MAX`) and a seed (0 to 2^32 − 1), or a
    :class:`~aaas.errors.ParameterError` with the figure and what it would cost."""
    limits.tirages(n)
    limits.graine(seed)


def _draw(ps, rng: np.random.Generator, n: int, correle: bool) -> dict[str, np.ndarray]:
    if correle:
        u = rng.uniform(0, 1, n)
        return {p.nom: p.bas + (1 - u if p.sens == "-" else u) * (p.haut - p.bas) for p in ps}
    return {p.nom: p.tirer(rng, n) for p in ps}


def tirages(
    convention: str = "rapport", n: int = 10_000, seed: int = 1, correle: bool = False, base: dict | None = None
) -> dict:
    """``n`` seeded draws of every drawn hypothesis, drawn lot by lot as :func:`montecarlo`
    draws them (``correle``: one common position within each range, in the cost-raising
    direction)."""
    _check(n, seed)
    rng, ps = np.random.default_rng(seed), plages(convention, base=base)
    lots = [_draw(ps, rng, min(engine.TAILLE_LOT, n - s), correle) for s in range(0, n, engine.TAILLE_LOT)]
    return {p.nom: np.concatenate([lot[p.nom] for lot in lots]) for p in ps}


def montecarlo(
    convention: str = "rapport",
    n: int = 10_000,
    seed: int = 1,
    outputs: Sequence[str] | None = None,
    correle: bool = False,
    base: dict | None = None,
    progress=None,
) -> dict[str, np.ndarray]:
    """The ``outputs`` (missions and total) over ``n`` seeded draws (around ``base``, a
    complete parameter set, when given), drawn and evaluated lot by lot: memory holds one
    lot of draws, not ``n``; ``n`` from 1 to :data:`TIRAGES_MAX`, ``seed`` from 0 to
    2^32 − 1 (:mod:`aaas.sensitivity.limits`)."""
    _check(n, seed)
    rng, ps = np.random.default_rng(seed), plages(convention, base=base)
    outputs = list(outputs or engine.sorties_par_defaut())
    result = {name: np.empty(n) for name in outputs}
    for start in range(0, n, engine.TAILLE_LOT):
        stop = min(start + engine.TAILLE_LOT, n)
        lot = engine.evaluate(_draw(ps, rng, stop - start, correle), convention, outputs, base=base)
        for name in outputs:
            result[name][start:stop] = lot[name]
        if progress:
            progress(stop, n)
    return result


def precision_quantile(x: np.ndarray, q: float, confiance: float = CONFIANCE) -> tuple[float, float]:
    """The Monte Carlo interval of the ``q``-quantile estimated from the draws ``x``: the
    order statistics ``x_(l)`` and ``x_(u)`` whose ranks are the binomial(n, q) quantiles of
    ``(1 - confiance) / 2`` and ``(1 + confiance) / 2`` (distribution-free; the same seed gives
    the same interval).  Its half-width is the precision of the quantile shown.

    >>> x = np.random.default_rng(1).normal(size=100_000)
    >>> lo, hi = precision_quantile(x, 0.05)
    >>> lo < np.quantile(x, 0.05) < hi and 0.01 < hi - lo < 0.03
    True
    """
    n = len(x)
    alpha = (1 - confiance) / 2
    lo, hi = binomial.ppf([alpha, 1 - alpha], n, q)  # as scipy.stats.binom.ppf, without SciPy
    s = np.partition(np.asarray(x, float), [max(lo - 1, 0), min(hi, n - 1)])
    return float(s[max(lo - 1, 0)]), float(s[min(hi, n - 1)])


def resume(
    results: dict[str, np.ndarray], reference: dict[str, float] | None = None, centres: dict[str, float] | None = None
) -> pd.DataFrame:
    """P5, P50, P95, mean, and the relative gap of P5 and P95 to the output's centre (its
    value in ``centres``, e.g. the report's total; the median when not given), per output,
    with the precision of each quantile (``precision_p5``…: the half-width of its
    :func:`precision_quantile` interval); with ``reference`` (e.g. the printed totals), the
    probability of exceeding it."""
    rows = []
    for name, x in results.items():
        p5, p50, p95 = np.quantile(x, QUANTILES)
        centre = (centres or {}).get(name, p50)
        row = {"sortie": name, "p5": p5, "p50": p50, "p95": p95, "moyenne": float(np.mean(x)),
               "ecart_p5": p5 / centre - 1, "ecart_p95": p95 / centre - 1}  # fmt: skip
        for q, label in zip(QUANTILES, ("p5", "p50", "p95"), strict=True):
            lo, hi = precision_quantile(x, q)
            row[f"precision_{label}"] = (hi - lo) / 2
        if reference and name in reference:
            row["p_depasse"] = float(np.mean(x > reference[name]))
        rows.append(row)
    return pd.DataFrame(rows)
