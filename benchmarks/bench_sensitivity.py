"""Speed of the sensitivity layer: 1 000 000 Monte Carlo draws of the four missions and the
total (target: under 1 s of evaluation, under 1 GB for the whole command), Sobol indices of
the four missions and the total with 2^14 base samples (target: under 8 s, SciPy's import
included: the model evaluated once for the five outputs, the indices and their bootstrap
intervals computed for all of them at once), against one scalar evaluation × the draws.

Run: ``.venv/bin/python benchmarks/bench_sensitivity.py`` (the machine otherwise idle: the
load average is printed with the times); peak memory of the command:
``/usr/bin/time -v .venv/bin/aaas sensitivity montecarlo --draws 1000000 --seed 1``.
"""

from __future__ import annotations

import os
import time

import numpy as np

from aaas.models import conventions
from aaas.sensitivity import engine, montecarlo, sobol
from aaas.sensitivity.ranges import plages

N = 1_000_000
#: Sobol's target (s) for the five outputs at 2^14 base samples.
OBJECTIF_SOBOL = 8.0


def bench_sobol(base_samples: int = 2**14) -> None:
    """Sobol of the four missions and the total, timed from a process that has not yet
    imported SciPy (its import is part of what a user waits for), split into the model's
    evaluation and the analysis."""
    start = time.perf_counter()
    from scipy.stats import qmc  # noqa: F401 - the import a first Sobol pays

    imports = time.perf_counter() - start
    problem = sobol.probleme()
    t0 = time.perf_counter()
    blocs = sobol.evaluer_blocs(problem, base_samples, 1, lambda draws: engine.evaluate_draws(draws))
    model = time.perf_counter() - t0
    t0 = time.perf_counter()
    w = sobol.poids(base_samples, 1)
    for y in blocs.values():
        sobol.indices(y, w)
    analysis = time.perf_counter() - t0
    t0 = time.perf_counter()
    df = sobol.sobol(base_samples=base_samples)
    whole = time.perf_counter() - t0
    print(
        f"Sobol, 2^{base_samples.bit_length() - 1} échantillons de base, {df['sortie'].nunique()} sorties : "
        f"{whole + imports:.1f} s avec l'import de SciPy ({imports:.1f} s) — objectif < {OBJECTIF_SOBOL:.0f} s, "
        f"rapport {(whole + imports) / OBJECTIF_SOBOL:.2f} ; "
        f"modèle {model:.1f} s, indices et intervalles {analysis:.2f} s"
    )


if __name__ == "__main__":
    print(f"charge moyenne (1 min) : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs")
    bench_sobol()
    draws = montecarlo.tirages(n=N, seed=1)
    start = time.perf_counter()
    engine.evaluate_draws(draws)
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
