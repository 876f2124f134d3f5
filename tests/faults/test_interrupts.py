"""Interruptions: Ctrl-C (SIGINT to the whole process group, as a terminal sends it) and
SIGTERM at any moment of a command, from its entry point on (:mod:`aaas.cli.interrupts`,
:mod:`aaas.publish.swap`).

Expected every time: exit status 130, one French line on stderr that tells the truth
about the book (nothing about books for a command that builds none), no traceback and
no English line from any child, no process of the command left running, and an output
folder whose key and manifest describe the book it holds, with no HTML copy beside it.

The builds run on a minimal repository (its own copy of the package, so ``python -m
aaas`` run in it builds it); the moment of each signal is set by marks the build writes
(a notebook cell, a Sphinx extension, the swap's test hook), not by guessed delays.
How fast an interrupted build ends is measured by ``benchmarks/bench_interrupt.py``;
the bounds here only catch a build that waits for its kernels.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from nbformat.v4 import new_code_cell

from aaas.publish import processes, swap
from tests.faults.harness import ROOT
from tests.publish.conftest import mini_repo, notebook
from tests.publish.test_build_faults import kernels_in, processes_of, slow_repo

#: A notebook cell that, when the build's environment names a mark, writes it and waits.
WAITING_CELL = (
    "import os, pathlib, time\n"
    "mark = os.environ.get('AAAS_TEST_NB_MARK')\n"
    "if mark:\n"
    "    pathlib.Path(mark).touch()\n"
    "    time.sleep(120)\n"
    "print(6 * 7)"
)
VARIANT = ("--set", "population_bassin=30000")
BANNER = "bd-header-announcement__content"


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AAAS_CACHE_DIR")}
    env.update(extra)
    return env


def start(args, cwd: Path = ROOT, env: dict[str, str] | None = None, entry: str = "-m") -> subprocess.Popen:
    """``python -m aaas ARGS`` (or the console script's function, ``entry="script"``) in
    its own process group, as a terminal runs a command."""
    if entry == "script":
        command = [sys.executable, "-c", "import sys; from aaas.cli import run; sys.argv[0] = 'aaas'; run()", *args]
    else:
        command = [sys.executable, "-m", "aaas", *args]
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env or child_env(PYTHONPATH=str(ROOT)),
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def handles_sigterm(pid: int) -> bool:
    """Whether the process catches SIGTERM: the command line's entry point has run."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            caught = next(line for line in status if line.startswith("SigCgt:"))
    except (OSError, StopIteration):
        return False
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"délai dépassé : {what}")
        time.sleep(0.005)


def interrupt(proc: subprocess.Popen, signum: int) -> tuple[int, str, float, list[psutil.Process]]:
    """Send ``signum`` to the process group; return status, stderr, seconds to exit, and
    the processes of the command still running shortly after."""
    family = [psutil.Process(proc.pid)]
    with contextlib.suppress(psutil.NoSuchProcess):
        family += family[0].children(recursive=True)
    start_ = time.monotonic()
    os.killpg(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    seconds = time.monotonic() - start_
    deadline = time.monotonic() + 3
    while True:
        alive = [p for p in family if _alive(p)]
        if not alive or time.monotonic() > deadline:
            return proc.returncode, err.decode("utf-8", "replace"), seconds, alive
        time.sleep(0.05)


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "Kernel" not in err and "Error" not in err, err
    return lines[0]


# ----------------------------------------------------------------------------------
# Commands that build nothing
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.3], ids=lambda d: f"{d}s")
@pytest.mark.parametrize("command", [("tables",), ("sensitivity", "oneway"), ("check",)], ids=" ".join)
def test_ctrl_c_from_the_entry_point_on_is_one_line_without_books(command, delay):
    proc = start(command)
    wait_for(lambda: handles_sigterm(proc.pid), 60, "point d'entrée")
    time.sleep(delay)
    code, err, seconds, alive = interrupt(proc, signal.SIGINT)
    assert code == 130, err
    assert one_line(err) == "aaas : interrompu"  # « livre » would be a lie: nothing is built
    assert not alive and seconds < 5


@pytest.mark.parametrize("entry", ["-m", "script"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: signal.Signals(s).name)
def test_both_entry_points_handle_signals_before_heavy_imports(entry, signum):
    proc = start(["tables", "synthese"], entry=entry)
    wait_for(lambda: handles_sigterm(proc.pid), 60, "point d'entrée")
    code, err, _, alive = interrupt(proc, signum)
    assert (code, one_line(err)) == (130, "aaas : interrompu") and not alive


def test_a_signal_ignored_at_start_stays_ignored():
    """SIGINT ignored (a background job of a non-interactive shell): the command runs on."""
    shell = f"trap '' INT; {sys.executable} -m aaas tables synthese & pid=$!; sleep 0.5; kill -INT $pid; wait $pid"
    done = subprocess.run(["bash", "-c", shell], cwd=ROOT, env=child_env(), capture_output=True, timeout=120)
    assert done.returncode == 0 and b"404" in done.stdout, done.stderr


def test_signals_held_are_delivered_after_the_block(monkeypatch):
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt), processes.signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            reached = True  # not interrupted inside the block
        assert reached
        assert signal.getsignal(signal.SIGTERM) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGTERM, previous)


# ----------------------------------------------------------------------------------
# Builds
# ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """A minimal repository (HTML build that can be held) and its default book, built
    once; each test copies the book's folder."""
    base = tmp_path_factory.mktemp("interruptions")
    os.environ.pop("AAAS_CACHE_DIR", None)
    root = slow_repo(functools.partial(mini_repo, base, notebook("essai", new_code_cell(WAITING_CELL))))
    out = base / "livre"
    done = subprocess.run(
        [sys.executable, "-m", "aaas", "build", "--out", str(out), "--sans-pdf", "--jobs", "1"],
        cwd=root,
        env=child_env(),
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode()
    return root, out


def state(out: Path) -> dict[str, object]:
    """What the output folder says of its book: banner (variant), manifest, key, leftovers."""
    html = out / "_build" / "html"
    return {
        "variant": BANNER in (html / "book" / "intro.html").read_text(encoding="utf-8"),
        "parameters": json.loads((out / "manifest.json").read_text(encoding="utf-8"))["parameters"],
        "key": (out / ".build-key").read_text(encoding="utf-8"),
        "beside": sorted(p.name for p in (out / "_build").iterdir() if p.name != "html"),
    }


def build_variant(root: Path, out: Path, **marks: str) -> subprocess.Popen:
    args = ["build", "--out", str(out), "--sans-pdf", "--jobs", "1", *VARIANT]
    return start(args, cwd=root, env=child_env(**marks))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: signal.Signals(s).name)
def test_a_signal_while_notebooks_run_kills_the_kernels_at_once(book, tmp_path, signum):
    root, reference = book
    out = tmp_path / "livre"
    shutil.copytree(reference, out)
    before = state(out)
    mark = tmp_path / "notebook"
    proc = build_variant(root, out, AAAS_TEST_NB_MARK=str(mark))
    wait_for(mark.exists, 120, "notebook en cours")
    assert kernels_in(root), "aucun noyau"
    code, err, seconds, alive = interrupt(proc, signum)
    assert (code, one_line(err)) == (130, "aaas : interrompu ; le livre précédent est intact")
    assert seconds < 5, "la construction a attendu ses noyaux"
    assert not alive, alive
    wait_for(lambda: not kernels_in(root), 5, "arrêt des noyaux")
    assert state(out) == before


def test_a_signal_while_notebooks_run_in_a_new_folder_publishes_nothing(book, tmp_path):
    root, _ = book
    out = tmp_path / "neuf"
    mark = tmp_path / "notebook"
    proc = build_variant(root, out, AAAS_TEST_NB_MARK=str(mark))
    wait_for(mark.exists, 120, "notebook en cours")
    code, err, _, alive = interrupt(proc, signal.SIGINT)
    assert (code, one_line(err)) == (130, "aaas : interrompu ; aucun livre publié")
    assert not alive and not out.exists()


def test_a_signal_during_the_html_step_stops_jupyter_book(book, tmp_path):
    root, reference = book
    out = tmp_path / "livre"
    shutil.copytree(reference, out)
    before = state(out)
    mark = tmp_path / "html"
    proc = build_variant(root, out, AAAS_TEST_MARK=str(mark), AAAS_TEST_SLEEP="60")
    wait_for(mark.exists, 240, "construction HTML")
    code, err, seconds, alive = interrupt(proc, signal.SIGINT)
    assert (code, one_line(err)) == (130, "aaas : interrompu ; le livre précédent est intact")
    assert not alive and seconds < 5
    assert not processes_of("jupyter_book", str(out))
    assert state(out) == before


def test_a_signal_during_the_swap_completes_it_and_says_so(book, tmp_path):
    root, reference = book
    out = tmp_path / "livre"
    shutil.copytree(reference, out)
    mark = tmp_path / "echange"
    marks = {swap.TEST_SWAP_MARK_ENV: str(mark), swap.TEST_SWAP_PAUSE_ENV: "2"}
    proc = build_variant(root, out, **marks)
    wait_for(mark.exists, 240, "échange des livres")
    assert not (out / "manifest.json").exists()  # in the swap: the old book's key and manifest forgotten
    code, err, _, alive = interrupt(proc, signal.SIGTERM)
    assert (code, one_line(err)) == (130, "aaas : interrompu ; le nouveau livre est complet")
    assert not alive
    after = state(out)
    assert after["variant"] and after["parameters"] == {"population_bassin": 30000}
    assert after["beside"] == [], "copie HTML laissée à côté du livre"
    # The key is the variant's: building it again finds the book up to date.
    again = subprocess.run(
        [sys.executable, "-m", "aaas", "build", "--out", str(out), "--sans-pdf", "--jobs", "1", *VARIANT],
        cwd=root,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0 and "à jour" in again.stdout, again.stdout + again.stderr
