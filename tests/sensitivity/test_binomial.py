"""The binomial quantiles of the core install (no SciPy) are SciPy's, integer for integer."""

import pytest

from aaas.sensitivity import binomial

stats = pytest.importorskip("scipy.stats")  # the full stack (make setup) has SciPy: never skipped there

SIZES = [1, 2, 7, 20, 100, 499, 4096, 10_000, 65_536, 200_000, 1_000_000]
PROPORTIONS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.95, 0.99]


@pytest.mark.parametrize("n", SIZES)
def test_the_quantiles_are_scipys(n):
    for q in PROPORTIONS:
        for confiance in (0.8, 0.9, 0.95, 0.99, 0.999):
            probs = [(1 - confiance) / 2, (1 + confiance) / 2]
            assert binomial.ppf(probs, n, q) == [int(k) for k in stats.binom.ppf(probs, n, q)], (n, q, confiance)


def test_degenerate_proportions():
    assert binomial.ppf([0.1, 0.9], 50, 0.0) == [0, 0] and binomial.ppf([0.1, 0.9], 50, 1.0) == [50, 50]
