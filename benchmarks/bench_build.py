"""Benchmark of the book build: cold build, rebuild with nothing changed, one page changed.

Usage: ``.venv/bin/python benchmarks/bench_build.py [--keep]``

The book is built from a copy of the repository in a temporary folder (the checkout's
``_build`` is never touched), each time in a fresh Python process as the command line
does:

1. cold: empty notebook cache, no book yet (every notebook executed, full HTML build);
2. no change: the same build again (the book is found up to date, jupyter-book skipped);
3. one page: a hand-written page (``book/intro.md``) edited (incremental HTML build);
4. one page again: the same page edited back (incremental HTML build);
5. PDF: the same build with ``pdf=True`` (the book is up to date: only the PDF is printed,
   needs Chromium, see aaas.publish.pdf).

Targets: cold build < 120 s, no-change rebuild < 15 s, one-page rebuild < 60 s, PDF < 60 s, and the
one-page rebuilds must be incremental (Sphinx re-reads the changed page only: the build
keeps its work area between builds).  Exit code 1 if a target is missed.  ``--keep``
keeps the temporary copy and prints its path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What a build reads from the repository.
COPIED = ("aaas", "data", "book", "notebooks", "_static", "_templates", "_config.yml", "_toc.yml")
TARGETS_S = {
    "cold_build_s": 120.0,
    "no_change_build_s": 15.0,
    "one_page_build_s": 60.0,
    "page_back_build_s": 60.0,
    "pdf_build_s": 60.0,
}
#: The HTML step each measure must take: full, incremental, or none (book up to date).
EXPECTED_STEP = {
    "cold_build_s": "complète",
    "no_change_build_s": "à jour",
    "one_page_build_s": "incrémentale",
    "page_back_build_s": "incrémentale",
    "pdf_build_s": "PDF :",
}


def copy_repository(dest: Path) -> Path:
    """A copy of what a build reads, without caches."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


def timed_build(root: Path, pdf: bool = False) -> tuple[float, str]:
    """Seconds taken by one default ``build_book(root=root, pdf=pdf)`` in a fresh Python process, and its messages."""
    code = (
        "import sys; from aaas.publish.build import build_book; "
        f"build_book(root=sys.argv[1], pdf={pdf}, progress=lambda m: print('   ', m, flush=True))"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, str(root)], cwd=root, check=True, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    print(proc.stdout, end="")
    return seconds, proc.stdout


def main(argv: list[str]) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="aaas-bench-"))
    root = copy_repository(tmp / "repo")
    intro = root / "book" / "intro.md"
    original = intro.read_text(encoding="utf-8")
    results = {}
    try:
        print("Construction à froid (copie du dépôt, cache vide) :")
        results["cold_build_s"] = timed_build(root)
        print("Reconstruction sans changement :")
        results["no_change_build_s"] = timed_build(root)
        print("Reconstruction après modification d'une page (book/intro.md) :")
        intro.write_text(original + "\nParagraphe ajouté par le banc d'essai.\n", encoding="utf-8")
        results["one_page_build_s"] = timed_build(root)
        print("Reconstruction après retour de la page à son état initial :")
        intro.write_text(original, encoding="utf-8")
        results["page_back_build_s"] = timed_build(root)
        print("La même construction avec le PDF (livre à jour : impression seule) :")
        results["pdf_build_s"] = timed_build(root, pdf=True)
    finally:
        if "--keep" in argv:
            print(f"copie conservée : {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    ok = True
    for name, (seconds, messages) in results.items():
        target, step = TARGETS_S[name], EXPECTED_STEP[name]
        good = seconds < target and step in messages
        ok &= good
        verdict = "OK" if good else ("DÉPASSÉ" if seconds >= target else f"ÉTAPE HTML ATTENDUE : {step}")
        print(f"{name:18} {seconds:8.2f}   objectif < {target:.0f} s ({step})   {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
