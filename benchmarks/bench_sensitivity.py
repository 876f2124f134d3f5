"""Speed of the sensitivity layer: 1 000 000 Monte Carlo draws of the four missions and the
total (target: under 1 s of evaluation, under 1 GB for the whole command), Sobol with
2^14 base samples (target: under 15 s), against one scalar evaluation × the draws.

Run: ``.venv/bin/python benchmarks/bench_sensitivity.py``; peak memory of the command:
``/usr/bin/time -v .venv/bin/aaas sensitivity montecarlo --draws 1000000 --seed 1``.
"""

from __future__ import annotations

import time

import numpy as np

from aaas.models import conventions
from aaas.sensitivity import engine, montecarlo, sobol
from aaas.sensitivity.ranges import plages

N = 1_000_000

if __name__ == "__main__":
    draws = montecarlo.tirages(n=N, seed=1)
    start = time.perf_counter()
    engine.evaluate(draws)
    evaluation = time.perf_counter() - start
    floor_start = time.perf_counter()
    sum(float(np.sum(v)) for v in draws.values())  # one pass over the draws' memory
    floor = time.perf_counter() - floor_start
    del draws
    start = time.perf_counter()
    res = montecarlo.montecarlo(n=N, seed=1)
    whole = time.perf_counter() - start
    values = conventions.defaults("rapport")
    start = time.perf_counter()
    for _ in range(200):
        conventions.get("rapport").evaluate(values)
    scalar = (time.perf_counter() - start) / 200
    print(f"{N} tirages, {len(plages())} hypothèses tirées")
    print(f"évaluation vectorisée : {evaluation:.2f} s (objectif < 1 s) ; tirage + évaluation par lots : {whole:.2f} s")
    print(f"une évaluation scalaire × {N} : {scalar * N:.0f} s (rapport {scalar * N / evaluation:.0f} ×)")
    ratio = evaluation / floor
    print(f"un passage sur la mémoire des tirages : {floor:.3f} s (plancher physique ; rapport {ratio:.0f} ×)")
    p5, p50, p95 = np.quantile(res["total"], (0.05, 0.5, 0.95))
    print(f"total : P5 {p5:,.0f} € ; P50 {p50:,.0f} € ; P95 {p95:,.0f} €".replace(",", " "))
    start = time.perf_counter()
    sobol.sobol(base_samples=2**14, outputs=["total"])
    print(f"Sobol, 2^14 échantillons de base : {time.perf_counter() - start:.1f} s (objectif < 15 s)")
