"""Vectorised evaluation vs a loop of scalar evaluations (target: the model evaluates on
arrays of parameters as easily as on scalars).  Prints times and the speed-up ratio."""

from __future__ import annotations

import time

import numpy as np

from aaas.models import conventions, parameters
from aaas.models import surcouts as model

N = 10_000


def draws(n: int, seed: int = 20221123) -> dict:
    """±15 % uniform draws on every numeric hypothesis (the report's claimed range)."""
    rng = np.random.default_rng(seed)
    values = conventions.defaults()
    for name, p in parameters.parameters().items():
        if p.categorical or p.sens in {"~", "0"} or p.value == 0:
            continue
        x = p.value * rng.uniform(0.85, 1.15, n)
        values[name] = np.clip(x, p.min, p.max)
    return values


def main() -> None:
    values = draws(N)
    t0 = time.perf_counter()
    vec = model.evaluate(values)["total"]
    t_vec = time.perf_counter() - t0

    k = 200
    t0 = time.perf_counter()
    loop = []
    for i in range(k):
        one = {n: (v[i] if isinstance(v, np.ndarray) else v) for n, v in values.items()}
        loop.append(model.evaluate(one).scalar("total"))
    t_loop = (time.perf_counter() - t0) / k * N
    assert np.allclose(vec[:k], loop)
    print(f"{N} draws, vectorised: {t_vec:.3f} s")
    print(f"{N} draws, scalar loop (extrapolated from {k}): {t_loop:.1f} s")
    print(f"speed-up: {t_loop / t_vec:.0f}x")
    print(f"total, 5th-95th percentile: {np.percentile(vec, 5):,.0f} – {np.percentile(vec, 95):,.0f} €")


if __name__ == "__main__":
    main()
