"""Probabilistic sensitivity: every drawn hypothesis within its range, independently
(uniform by default, triangular where ``loi`` says so), seeded, evaluated in chunks.

A second mode, ``correle``, moves every hypothesis together (the report's own territorial
logic, 2.2.2.7: geography, property and labour markets and the population's profile move
salaries, prices and needs of a territory together): one common position in each range,
taken in the cost-raising direction (a hypothesis that lowers costs when it rises, ``sens``
``-``, moves the other way).  It gives the envelope of fully correlated territories.

Called, the module runs the researcher's analysis (:func:`run`), which returns the draws
and their summary: ``mc = aaas.sensitivity.montecarlo(scenario, draws=10_000)``,
``mc.draws``, ``mc.summary``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import api, binomial, engine, limits
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
    """``n`` seeded draws of every drawn hypothesis, drawn chunk by chunk as :func:`montecarlo`
    draws them (``correle``: one common position within each range, in the cost-raising
    direction)."""
    _check(n, seed)
    rng, ps = np.random.default_rng(seed), plages(convention, base=base)
    parts = [_draw(ps, rng, min(engine.CHUNK, n - s), correle) for s in range(0, n, engine.CHUNK)]
    return {p.nom: np.concatenate([part[p.nom] for part in parts]) for p in ps}


def chunks(
    convention: str = "rapport",
    n: int = 10_000,
    seed: int = 1,
    outputs: Sequence[str] | None = None,
    correle: bool = False,
    base: dict | None = None,
    progress=None,
) -> Iterator[tuple[dict[str, np.ndarray], dict[str, np.ndarray]]]:
    """The draws and the ``outputs`` of each chunk of at most
    :data:`~aaas.sensitivity.engine.CHUNK` draws, in order (what :func:`montecarlo`
    keeps the outputs of): memory holds one chunk, whatever ``n``.  The counts are checked
    at once, before the first chunk.

    >>> [(len(d["taux_recours_mg"]), len(o["total"])) for d, o in chunks(n=150_000, outputs=["total"])]
    [(100000, 100000), (50000, 50000)]
    """
    _check(n, seed)
    base = engine.values_of(base)
    ps = plages(convention, base=base)
    return _lots(ps, convention, n, seed, list(outputs or engine.sorties_par_defaut()), correle, base, progress)


def _lots(ps, convention, n, seed, outputs, correle, base, progress):
    rng = np.random.default_rng(seed)
    for start in range(0, n, engine.CHUNK):
        stop = min(start + engine.CHUNK, n)
        draws = _draw(ps, rng, stop - start, correle)
        yield draws, engine.evaluate_draws(draws, convention, outputs, base=base)
        if progress:
            progress(stop, n)


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
    complete parameter set or a scenario, when given), drawn and evaluated chunk by chunk:
    memory holds one chunk of draws, not ``n``; ``n`` from 1 to :data:`TIRAGES_MAX`,
    ``seed`` from 0 to 2^32 − 1 (:mod:`aaas.sensitivity.limits`)."""
    _check(n, seed)
    outputs = list(outputs or engine.sorties_par_defaut())
    result = {name: np.empty(n) for name in outputs}
    start = 0
    for _, part in chunks(convention, n, seed, outputs, correle, base, progress):
        stop = start + len(part[outputs[0]])
        for name in outputs:
            result[name][start:stop] = part[name]
        start = stop
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


def printed_totals() -> dict[str, float]:
    """The mission totals and the total the report prints (table 3.1, not the « de l'ordre
    de 400 000 € » of the text), by quantity: :func:`aaas.datastore.printed_figure`.

    >>> printed_totals()["total"]
    404565.0
    """
    from .. import datastore

    names = [f"mission_{m}" for m in datastore.missions()["mission"]] + ["total"]
    return {name: datastore.printed_figure(name) for name in names}


@dataclass(frozen=True)
class MonteCarlo:
    """A Monte Carlo analysis (:func:`run`): the draws and their summary.

    Attributes
    ----------
    draws : DataFrame
        One row per draw (index ``draw``): the drawn hypotheses (when kept), then the outputs.
    summary : DataFrame
        Per output: P5, P50, P95, mean, relative gaps, precisions, chance of exceeding the
        printed figure (:func:`resume`).
    seed : int
        The seed of the draws.
    correlated : bool
        Whether the hypotheses were drawn correlated (``correle``).
    convention : str
        The convention the draws replace values of.
    outputs : tuple of str
        The outputs followed, in order (the last columns of ``draws``).
    """

    #: One row per draw (index ``draw``): the drawn hypotheses (when kept), then the outputs.
    draws: pd.DataFrame
    #: Per output: P5, P50, P95, mean, relative gaps, precisions, chance of exceeding the
    #: printed figure (:func:`resume`).
    summary: pd.DataFrame
    seed: int
    correlated: bool
    convention: str
    #: The outputs followed, in order (the last columns of ``draws``).
    outputs: tuple[str, ...]

    def __repr__(self) -> str:
        kind = "corrélés" if self.correlated else "indépendants"
        return (
            f"MonteCarlo({len(self.draws)} tirages {kind}, graine {self.seed}, convention {self.convention!r}, "
            f"sorties {list(self.outputs)})"
        )


def run(
    scenario=None,
    convention: str | None = None,
    *,
    draws: int = 10_000,
    seed: int = 1,
    outputs: str | Sequence[str] | None = None,
    correlated: bool = False,
    inputs: bool = True,
) -> MonteCarlo:
    """Monte Carlo around a scenario: the draws and their summary.

    Parameters
    ----------
    scenario, convention
        Where the ranges are centred and its convention (:func:`~aaas.sensitivity.api.scenario_of`:
        a Scenario, parameter values, a YAML file, or None: the report's).
    draws : int
        From 1 to :data:`~aaas.sensitivity.limits.TIRAGES_GARDES_MAX` (the hypotheses kept),
        to :data:`~aaas.sensitivity.limits.TIRAGES_MAX` with ``inputs=False``.
    seed : int
        From 0 to 2^32 − 1; the same seed gives the draws of ``aaas sensitivity montecarlo --seed``.
    outputs : str or sequence of str, optional
        Model quantities followed (default: the four missions and the total).
    correlated : bool
        Territories that move together (one common position, cost-raising), not independent draws.
    inputs : bool
        Keep the drawn hypotheses as columns of ``draws`` (default), or the outputs only.

    Returns
    -------
    MonteCarlo
        ``.draws`` (one row per draw, index ``draw``) and ``.summary`` (:func:`resume`).

    >>> import aaas.sensitivity
    >>> mc = aaas.sensitivity.montecarlo(draws=2000, seed=1, outputs="total")
    >>> mc.draws.shape[0], mc.draws.columns[-1], bool(mc.draws["total"].min() < 404565 < mc.draws["total"].max())
    (2000, 'total', True)
    """
    sc = api.scenario_of(scenario, convention)
    outputs = engine.check_outputs(outputs) or engine.sorties_par_defaut()
    names = _kept(sc, draws, outputs, inputs)
    df = _frame(chunks(sc.convention, draws, seed, outputs, correlated, sc.values), draws, names, outputs)
    summary = resume({o: df[o].to_numpy() for o in outputs}, printed_totals())
    return MonteCarlo(df, summary, seed, bool(correlated), sc.convention, tuple(outputs))


def _kept(sc, draws: int, outputs: list[str], inputs: bool) -> list[str]:
    """The drawn hypotheses kept (none without ``inputs``), ``draws`` checked against its
    ceiling (:func:`~aaas.sensitivity.limits.tirages_gardes` with them, else
    :func:`~aaas.sensitivity.limits.tirages`)."""
    if not inputs:
        limits.tirages(draws, "draws", sorties=len(outputs))
        return []
    names = [p.nom for p in plages(sc.convention, base=sc.values)]
    limits.tirages_gardes(draws, "draws (hypothèses gardées, inputs=True)", hypotheses=len(names), sorties=len(outputs))
    return names


def _frame(lots_, draws: int, names: list[str], outputs: list[str]) -> pd.DataFrame:
    """The chunks as one frame (index ``draw``): the drawn hypotheses ``names``, then the
    outputs (an output that is a drawn hypothesis, once), filled in place."""
    columns = list(dict.fromkeys([*names, *outputs]))
    table = np.empty((draws, len(columns)))
    start = 0
    for drawn, res in lots_:
        stop = start + len(res[outputs[0]])
        for j, name in enumerate(columns):
            table[start:stop, j] = drawn[name] if name in names else res[name]
        start = stop
    return pd.DataFrame(table, columns=columns, index=pd.RangeIndex(draws, name="draw"))


api.callable_module(__name__, run)
