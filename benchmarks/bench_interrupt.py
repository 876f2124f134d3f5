"""Ctrl-C during a build's notebook execution: seconds from the signal to the exit.

Builds a minimal repository (this checkout's package and data, one page, one notebook
whose cell sleeps), runs ``python -m aaas build`` in it in its own process group, waits
until the notebook's kernel runs the cell, then sends SIGINT to the whole group, as a
terminal does on Ctrl-C.  Repeated ``--repeat`` times (default 5); reports the median
and the maximum, the exit statuses and what stderr said.  Target: a median of at most
1 s (issue 18).  Also checks that no process of the build survives.

Usage::

    python benchmarks/bench_interrupt.py [--repeat 5] [--signal INT|TERM]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.0


def make_repo(base: Path, started: Path) -> Path:
    """A minimal repository under ``base`` whose one notebook marks ``started``, then sleeps."""
    root = base / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "aaas", root / "aaas", ignore=ignore)
    shutil.copytree(ROOT / "data", root / "data", ignore=ignore)
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/essai\n", encoding="utf-8"
    )
    (root / "book").mkdir()
    (root / "book" / "intro.md").write_text("# Essai\n", encoding="utf-8")
    (root / "notebooks").mkdir()
    parameters = new_code_cell('scenario_file = ""\nconvention = "rapport"\noverrides = {}')
    parameters.metadata["tags"] = ["parameters"]
    sleep = new_code_cell(f"import pathlib, time\npathlib.Path({str(started)!r}).touch()\ntime.sleep(600)")
    nb = new_notebook(
        cells=[new_markdown_cell("# Essai"), parameters, sleep],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"essai-{i}"
    nbformat.write(nb, root / "notebooks" / "essai.ipynb")
    return root


def one_run(base: Path, signum: int) -> tuple[float, int, str, int]:
    """Seconds to exit after the signal, exit status, stderr, processes left over."""
    started = base / "commence"
    started.unlink(missing_ok=True)
    root = base / "repo" if (base / "repo").is_dir() else make_repo(base, started)
    out = base / "livre"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(root / "_build", ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AAAS_CACHE_DIR")}
    command = [sys.executable, "-m", "aaas", "build", "--out", str(out), "--sans-pdf", "--jobs", "1"]
    proc = subprocess.Popen(
        command, cwd=root, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 300
    while not started.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"la construction n'a pas atteint le notebook : {proc.stderr.read().decode()}")
        time.sleep(0.05)
    time.sleep(0.2)
    family = [proc.pid] + [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
    start = time.monotonic()
    os.killpg(proc.pid, signum)
    code = proc.wait(timeout=120)
    seconds = time.monotonic() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    time.sleep(0.5)
    left = [pid for pid in family if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    return seconds, code, err, len(left)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--signal", choices=("INT", "TERM"), default="INT")
    args = parser.parse_args()
    signum = getattr(signal, "SIG" + args.signal)
    times = []
    with tempfile.TemporaryDirectory(prefix="aaas-bench-interrupt-") as tmp:
        for i in range(args.repeat):
            seconds, code, err, left = one_run(Path(tmp), signum)
            times.append(seconds)
            lines = " | ".join(line for line in err.splitlines() if line.strip())
            print(f"essai {i + 1} : {seconds:.2f} s, code {code}, {left} processus restants ; stderr : {lines}")
    median = statistics.median(times)
    verdict = "atteint" if median <= TARGET_S else "MANQUÉ"
    print(f"SIG{args.signal} pendant les notebooks : médiane {median:.2f} s, max {max(times):.2f} s")
    print(f"objectif ≤ {TARGET_S:.0f} s (médiane) : {verdict}")


if __name__ == "__main__":
    main()
