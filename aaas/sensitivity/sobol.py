"""Global sensitivity: Sobol first- and total-order indices of each mission and the total,
over the plausible ranges.

The design is Saltelli's (SALib's layout, without second order): base matrices A and B from
a scrambled Sobol' sequence, and for every hypothesis j the matrix A with column j from B.
The model is evaluated once for every output, block by block; the indices are Saltelli's
(2010) and Jansen's estimators, as SALib's ``sobol.analyze`` computes them (normalised
outputs, the same formulas), and their 95 % confidence half-widths come from the same
bootstrap: the resamples SALib draws with the same seed, shared by every output and every
hypothesis and applied as weights (one matrix product per output instead of one resampling
per hypothesis and output).  The indices and intervals are SALib's to rounding (a test
compares them).

Called, the module runs the researcher's analysis (:func:`run`):
``aaas.sensitivity.sobol(scenario, base_samples=1024)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from . import api, engine, limits
from .ranges import plages

#: Bootstrap resamples of the confidence intervals.
REECHANTILLONS = 20
#: Confidence level of the intervals.
CONFIANCE = 0.95
COLONNES = ["parametre", "sortie", "s1", "s1_ic", "st", "st_ic"]


def _blocks(problem: dict, base_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Saltelli's matrices A and B (base_samples × D, scaled to the bounds), from a
    scrambled Sobol' sequence of dimension 2D."""
    from scipy.stats import qmc

    d = problem["num_vars"]
    base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(base_samples)
    bounds = np.asarray(problem["bounds"], dtype=float)
    scale = lambda u: bounds[:, 0] + u * (bounds[:, 1] - bounds[:, 0])  # noqa: E731
    return scale(base[:, :d]), scale(base[:, d:])


def evaluer_blocs(problem: dict, base_samples: int, seed: int, evaluate) -> dict[str, np.ndarray]:
    """The outputs over Saltelli's design as (D + 2) × N blocks: row 0 is A, row j (1 to D)
    A with column j from B, row D + 1 is B.  The design is never built whole: each chunk of
    blocks is evaluated with every hypothesis as one contiguous column (memory: a few
    blocks, not (D + 2) × N × D numbers).

    ``evaluate``: draws (name -> array) -> outputs (name -> array).
    """
    a, b = _blocks(problem, base_samples, seed)
    d, n, names = a.shape[1], a.shape[0], problem["names"]
    per_chunk = max(1, engine.CHUNK // n)
    at, bt = np.ascontiguousarray(a.T), np.ascontiguousarray(b.T)
    out: dict[str, np.ndarray] = {}
    for start in range(0, d + 2, per_chunk):
        ks = range(start, min(start + per_chunk, d + 2))
        chunk = np.empty((d, len(ks), n))  # hypothesis × block × base row
        chunk[:] = at[:, None, :]
        for m, k in enumerate(ks):
            if k == d + 1:
                chunk[:, m] = bt
            elif k:
                chunk[k - 1, m] = bt[k - 1]
        for key, values in evaluate({name: chunk[i].reshape(-1) for i, name in enumerate(names)}).items():
            out.setdefault(key, np.empty((d + 2, n)))[start : start + len(ks)] = values.reshape(len(ks), n)
    return out


def evaluer_plan(problem: dict, base_samples: int, seed: int, evaluate) -> dict[str, np.ndarray]:
    """The outputs over Saltelli's design in SALib's layout (for each base row: A, A with
    column j from B for every j, B), e.g. for ``SALib.analyze.sobol.analyze``."""
    return {key: y.T.reshape(-1) for key, y in evaluer_blocs(problem, base_samples, seed, evaluate).items()}


def probleme(convention: str = "rapport", base: dict | None = None) -> dict:
    """SALib's problem built from the parameter table's ranges (around ``base``, a complete
    parameter set, when given)."""
    ps = plages(convention, base=base)
    return {"num_vars": len(ps), "names": [p.nom for p in ps], "bounds": [[p.bas, p.haut] for p in ps]}


def poids(base_samples: int, seed: int, resamples: int = REECHANTILLONS) -> np.ndarray:
    """The bootstrap as weights (N × resamples): how many times each base row is drawn in
    each resample — SALib's resamples for this seed (``default_rng(seed).integers(N, size=(N, R))``;
    SALib seeds them only with a true seed, so 0 is given 2^32, outside the seeds users may choose).

    >>> w = poids(8, 1, 3)
    >>> w.shape, w.sum(axis=0).tolist()
    ((8, 3), [8.0, 8.0, 8.0])
    """
    r = np.random.default_rng(seed or limits.GRAINE_MAX + 1).integers(base_samples, size=(base_samples, resamples))
    return np.stack([np.bincount(r[:, k], minlength=base_samples) for k in range(resamples)], axis=1).astype(float)


def indices(y: np.ndarray, w: np.ndarray, confiance: float = CONFIANCE) -> tuple[np.ndarray, ...]:
    """S1, its confidence half-width, ST and its half-width of each hypothesis, from one
    output's blocks ``y`` ((D + 2) × N, :func:`evaluer_blocs`) and the bootstrap weights
    ``w`` (:func:`poids`), as SALib's ``sobol.analyze`` computes them.

    >>> x = np.random.default_rng(0).uniform(size=(2, 2, 512))  # A, B: 512 rows of (x0, x1)
    >>> model = lambda m: m[0] + 0.1 * m[1]
    >>> y = np.stack([model(x[0]), *(model(np.where(np.arange(2)[:, None] == j, x[1], x[0])) for j in (0, 1)),
    ...               model(x[1])])
    >>> s1, _, st, _ = indices(y, poids(512, 1))
    >>> s1.round(1).tolist(), st.round(1).tolist()
    ([1.0, 0.0], [1.0, 0.0])
    """
    eps = np.finfo(float).eps
    y = (y - y.mean()) / y.std()
    a, b, ab = y[0], y[-1], y[1:-1]  # ab: D × N, row j is A with column j from B
    n = len(a)
    f1 = b * (ab - a)  # first order: Saltelli 2010
    ft = 0.5 * (a - ab) ** 2  # total order: Jansen
    var = np.var(np.r_[a, b])
    s1, st = (f.mean(axis=1) / var if var > eps else np.zeros(len(f)) for f in (f1, ft))
    m = (a @ w + b @ w) / (2 * n)
    var_r = (w * ((a[:, None] - m) ** 2 + (b[:, None] - m) ** 2)).sum(axis=0) / (2 * n)
    chosen = w.sum(axis=1) > 0
    z = NormalDist().inv_cdf(0.5 + confiance / 2)
    if np.ptp(np.r_[a[chosen], b[chosen]]) <= eps:
        return s1, np.zeros_like(s1), st, np.zeros_like(st)
    safe = np.where(var_r > eps, var_r, 1.0)
    s1_r, st_r = ((f @ w) / n / safe * (var_r > eps) for f in (f1, ft))  # D × resamples
    return s1, z * s1_r.std(axis=1, ddof=1), st, z * st_r.std(axis=1, ddof=1)


def sobol(
    convention: str = "rapport",
    base_samples: int = 1024,
    seed: int = 1,
    outputs: Sequence[str] | None = None,
    base: dict | None = None,
) -> pd.DataFrame:
    """First-order (S1) and total-order (ST) indices per parameter and output, with their
    95 % confidence half-widths, around ``base`` (a complete parameter set; the
    convention's when omitted).

    ``base_samples`` is a power of two from 2 to 2^18 and ``seed`` an integer from 0 to
    2^32 − 1 (:mod:`aaas.sensitivity.limits`: a larger sample is refused with the memory
    and time it would take, counted for this set's drawn hypotheses)."""
    limits.graine(seed)
    base = engine.values_of(base)
    problem = probleme(convention, base)
    n_out = len(outputs) if outputs else limits.SORTIES
    limits.echantillon(base_samples, hypotheses=problem["num_vars"], sorties=n_out)
    blocs = evaluer_blocs(
        problem, base_samples, seed, lambda draws: engine.evaluate_draws(draws, convention, outputs, base=base)
    )
    w = poids(base_samples, seed)
    rows = []
    for out, y in blocs.items():
        if np.ptp(y) == 0:
            continue
        s1, s1_ic, st, st_ic = indices(y, w)
        rows += zip(problem["names"], [out] * len(s1), s1, s1_ic, st, st_ic, strict=True)
    return pd.DataFrame(rows, columns=COLONNES)


def run(
    scenario=None,
    convention: str | None = None,
    *,
    base_samples: int = 1024,
    seed: int = 1,
    outputs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Sobol indices of the outputs over the plausible ranges around a scenario.

    Parameters
    ----------
    scenario, convention
        Where the ranges are centred and its convention (:func:`~aaas.sensitivity.api.scenario_of`:
        a Scenario, parameter values, a YAML file, or None: the report's).
    base_samples : int
        Saltelli's base sample, a power of 2 from 2 to 2^18; the model runs
        ``base_samples × (D + 2)`` times (D: drawn hypotheses).
    seed : int
        Seed of the sequence's scrambling and of the bootstrap, from 0 to 2^32 − 1.
    outputs : sequence of str, optional
        Model quantities analysed (default: the four missions and the total).

    Returns
    -------
    DataFrame
        One row per (parametre, sortie): ``s1``, ``s1_ic``, ``st``, ``st_ic`` (the
        confidence half-widths at 95 %); an output constant over the design has no row.

    Examples
    --------
    >>> import aaas.sensitivity
    >>> df = aaas.sensitivity.sobol(base_samples=64, outputs=["total"])
    >>> df.sort_values("st", ascending=False)["parametre"].iloc[0]
    'file_active_par_etp_referent'
    """
    sc = api.scenario_of(scenario, convention)
    outputs = engine.check_outputs(outputs)
    return sobol(sc.convention, base_samples, seed, outputs, base=sc.values)


api.callable_module(__name__, run)
