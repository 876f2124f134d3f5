"""Benchmark of the book build: cold default build, then a rebuild with nothing changed.

Usage: ``.venv/bin/python benchmarks/bench_build.py``

The cold build starts from an empty notebook cache (``_build/cache``) and an empty
default output folder (``_build/book``); variants under ``_build/variants`` are kept.
Targets: cold build < 120 s, no-change rebuild < 15 s.  Exit code 1 if a target is missed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

from aaas.publish import build

COLD_TARGET_S = 120.0
REBUILD_TARGET_S = 15.0


def timed_build() -> float:
    """Seconds taken by one default ``build_book()`` in a fresh Python process (as the CLI)."""
    code = "from aaas.publish.build import build_book; build_book(progress=lambda m: print('   ', m, flush=True))"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=build.ROOT, check=True)
    return time.perf_counter() - start


def main() -> int:
    root = build.ROOT
    for folder in (root / "_build" / "cache", root / "_build" / "book"):
        shutil.rmtree(folder, ignore_errors=True)

    print("Construction à froid (cache et livre par défaut effacés) :")
    cold = timed_build()
    print("Reconstruction sans changement :")
    rebuild = timed_build()

    ok_cold, ok_rebuild = cold < COLD_TARGET_S, rebuild < REBUILD_TARGET_S
    print()
    print(f"cold_build_s      {cold:8.2f}   objectif < {COLD_TARGET_S:.0f} s   {'OK' if ok_cold else 'DÉPASSÉ'}")
    print(
        f"no_change_build_s {rebuild:8.2f}   objectif < {REBUILD_TARGET_S:.0f} s   {'OK' if ok_rebuild else 'DÉPASSÉ'}"
    )
    return 0 if ok_cold and ok_rebuild else 1


if __name__ == "__main__":
    sys.exit(main())
