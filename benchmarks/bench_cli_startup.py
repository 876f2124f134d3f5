"""Start-up time of the command line: ``aaas --version`` and ``aaas --help`` must answer in
under 0,15 s (they import neither NumPy nor pandas), ``aaas tables synthese`` for reference.

Run: ``.venv/bin/python benchmarks/bench_cli_startup.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.15


def median_time(argv: list[str], runs: int = 7) -> float:
    """Median wall time of ``python -m aaas argv`` over ``runs`` runs (seconds)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "aaas", *argv], cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    for argv in (["--version"], ["--help"], ["tables", "--help"], ["tables", "synthese"]):
        t = median_time(argv)
        verdict = "" if argv[-1] == "synthese" else f" (objectif < 0,15 s : {'atteint' if t < TARGET_S else 'MANQUÉ'})"
        print(f"aaas {' '.join(argv):20s} {t:.3f} s{verdict}")
