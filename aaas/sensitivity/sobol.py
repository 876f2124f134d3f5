"""Global sensitivity: Sobol first- and total-order indices (SALib, Saltelli sampling) of
each mission and the total, over the plausible ranges."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import engine, limits
from .ranges import plages

#: Bootstrap resamples of the confidence intervals.
REECHANTILLONS = 20


def _blocks(problem: dict, base_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Saltelli's matrices A and B (base_samples × D, scaled to the bounds), from a
    scrambled Sobol' sequence of dimension 2D."""
    from scipy.stats import qmc

    d = problem["num_vars"]
    base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(base_samples)
    bounds = np.asarray(problem["bounds"], dtype=float)
    scale = lambda u: bounds[:, 0] + u * (bounds[:, 1] - bounds[:, 0])  # noqa: E731
    return scale(base[:, :d]), scale(base[:, d:])


def evaluer_plan(problem: dict, base_samples: int, seed: int, evaluate) -> dict[str, np.ndarray]:
    """The outputs over Saltelli's design, in SALib's layout (for each base row: A, A with
    column j from B for every j, B), without building the design: A, B and each A_B^j are
    evaluated block by block (memory: a few blocks, not (D + 2) × N × D numbers).

    ``evaluate``: draws (name -> array) -> outputs (name -> array).
    """
    a, b = _blocks(problem, base_samples, seed)
    d, n, names = a.shape[1], a.shape[0], problem["names"]
    per_lot = max(1, engine.TAILLE_LOT // n)

    def block(k: int) -> np.ndarray:  # 0: A; 1..d: A with column k-1 from B; d+1: B
        if k in (0, d + 1):
            return a if k == 0 else b
        ab = a.copy()
        ab[:, k - 1] = b[:, k - 1]
        return ab

    out: dict[str, np.ndarray] = {}
    for start in range(0, d + 2, per_lot):
        lot = np.concatenate([block(k) for k in range(start, min(start + per_lot, d + 2))])
        res = evaluate({name: lot[:, i] for i, name in enumerate(names)})
        for key, values in res.items():
            out.setdefault(key, np.empty((n, d + 2)))[:, start : start + len(lot) // n] = values.reshape(-1, n).T
    return {key: values.reshape(-1) for key, values in out.items()}


def probleme(convention: str = "rapport") -> dict:
    """SALib's problem built from the parameter table's ranges."""
    ps = plages(convention)
    return {"num_vars": len(ps), "names": [p.nom for p in ps], "bounds": [[p.bas, p.haut] for p in ps]}


def sobol(
    convention: str = "rapport", base_samples: int = 1024, seed: int = 1, outputs: Sequence[str] | None = None
) -> pd.DataFrame:
    """First-order (S1) and total-order (ST) indices per parameter and output, with their
    95 % confidence half-widths.

    ``base_samples`` is a power of two from 2 to 2^18 and ``seed`` an integer from 0 to
    2^32 − 1 (:mod:`aaas.sensitivity.limits`: a larger sample is refused with the memory
    and time it would take, counted for this set's drawn hypotheses)."""
    from SALib.analyze import sobol as analyze

    limits.graine(seed)
    problem = probleme(convention)
    n_out = len(outputs) if outputs else limits.SORTIES
    limits.echantillon(base_samples, hypotheses=problem["num_vars"], sorties=n_out)
    results = evaluer_plan(problem, base_samples, seed, lambda draws: engine.evaluate(draws, convention, outputs))
    rows = []
    for out, y in results.items():
        if np.ptp(y) == 0:
            continue
        # SALib seeds its resampling only with a true seed (``if seed:``): 0 would draw
        # unseeded intervals, so it is given 2^32, outside the seeds users may choose.
        si = analyze.analyze(
            problem, y, calc_second_order=False, num_resamples=REECHANTILLONS, seed=seed or limits.GRAINE_MAX + 1
        )
        for i, name in enumerate(problem["names"]):
            rows.append((name, out, si["S1"][i], si["S1_conf"][i], si["ST"][i], si["ST_conf"][i]))
    return pd.DataFrame(rows, columns=["parametre", "sortie", "s1", "s1_ic", "st", "st_ic"])
