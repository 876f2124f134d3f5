"""Quantiles of the binomial distribution in NumPy and the standard library (the core
install has no SciPy): what :func:`aaas.sensitivity.montecarlo.precision_quantile` needs,
the same integers as ``scipy.stats.binom.ppf`` (checked in ``tests/sensitivity``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: Half-width of the window of ranks summed, in standard deviations: the mass outside
#: (below 1e-300 beyond 40 standard deviations) is nothing a float can hold.
FENETRE = 40


def ppf(probs: Sequence[float], n: int, q: float) -> list[int]:
    """The smallest ``k`` with ``P(X <= k) >= p`` for each ``p`` of ``probs``, ``X`` binomial(``n``, ``q``).

    >>> ppf([0.025, 0.975], 100_000, 0.05)
    [4865, 5136]
    >>> ppf([0.5], 10, 0.0), ppf([0.5], 10, 1.0)
    ([0], [10])
    """
    if not 0 < q < 1:
        return [0 if q <= 0 else n for _ in probs]
    spread = FENETRE * math.sqrt(n * q * (1 - q)) + 10
    first, last = max(0, math.floor(n * q - spread)), min(n, math.ceil(n * q + spread))
    ks = np.arange(first, last + 1)
    lgamma = np.vectorize(math.lgamma, otypes=[float])
    log_choose = math.lgamma(n + 1) - lgamma(ks + 1.0) - lgamma(n - ks + 1.0)
    log_pmf = log_choose + ks * math.log(q) + (n - ks) * math.log1p(-q)
    cdf = np.cumsum(np.exp(log_pmf))
    return [int(ks[min(int(np.searchsorted(cdf, p, side="left")), len(ks) - 1)]) for p in probs]
