"""Faults during a build: a busy folder, a failed or interrupted or killed build, a default
and a variant book built in turn into the same folder.  The previous book must stay
whole (same files, same bytes), its build key must never vouch for other pages, and no
kernel or jupyter-book may survive the build.

Builds run on a minimal temporary repository; the interrupted and killed ones in a child
Python process (as the command line does, SIGTERM raising KeyboardInterrupt), slowed
down by a small Sphinx extension of the repository (``ralenti``) so that the test can
act while jupyter-book runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell

from aaas.errors import BuildError, OutputPathError
from aaas.publish import build, jupyterbook, lock, outdir
from aaas.publish.build import build_book

ROOT = build.ROOT
#: A Sphinx extension that marks the start of the HTML build, then waits.
SLOW_EXTENSION = """
import os, time
from pathlib import Path

def _wait(app):
    mark = os.environ.get("AAAS_TEST_MARK")
    if mark:
        Path(mark).write_text("html", encoding="utf-8")
        time.sleep(float(os.environ.get("AAAS_TEST_SLEEP", "0")))

def setup(app):
    app.connect("builder-inited", _wait)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""
#: The child build: SIGTERM raises KeyboardInterrupt, as in the command line.
CHILD = """
import signal, sys
from aaas.publish.build import build_book
signal.signal(signal.SIGTERM, signal.default_int_handler)
try:
    build_book(root=sys.argv[1], out=sys.argv[2], jobs=int(sys.argv[3]), progress=lambda m: print(m, flush=True))
except KeyboardInterrupt:
    print("INTERROMPU", flush=True)
    sys.exit(130)
"""


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def slow_repo(make_repo) -> Path:
    """A minimal repository whose HTML build can be held (see :data:`SLOW_EXTENSION`)."""
    root = make_repo()
    (root / "ralenti.py").write_text(SLOW_EXTENSION, encoding="utf-8")
    config = (root / "_config.yml").read_text(encoding="utf-8")
    marker = "    - aaas.publish.sphinx_ext\n"
    assert marker in config
    (root / "_config.yml").write_text(config.replace(marker, marker + "    - ralenti\n"), encoding="utf-8")
    return root


def start_child(root: Path, out: Path, tmp_path: Path, jobs: int = 1) -> subprocess.Popen:
    """The child build, in its own process group, its HTML build held for a minute."""
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        AAAS_TEST_MARK=str(tmp_path / "html-commence"),
        AAAS_TEST_SLEEP="60",
    )
    command = [sys.executable, "-c", CHILD, str(root), str(out), str(jobs)]
    log = open(tmp_path / "enfant.log", "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"délai dépassé : {what}")
        time.sleep(0.05)


def processes_of(needle: str, marker: str) -> list[psutil.Process]:
    """Running processes whose command line holds both strings (zombies excluded)."""
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if needle in cmdline and marker in cmdline and proc.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(proc)
    return found


def kernels_in(root: Path) -> list[psutil.Process]:
    """Running Jupyter kernels whose working folder is ``root``."""
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        if "ipykernel" not in " ".join(proc.info["cmdline"] or []) or proc.info["status"] == psutil.STATUS_ZOMBIE:
            continue
        try:
            if proc.cwd() == str(root):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


# ----------------------------------------------------------------------------------
# One build per folder
# ----------------------------------------------------------------------------------


def test_a_second_build_into_a_busy_folder_is_refused_at_once(make_repo, tmp_path):
    root = make_repo()
    out = tmp_path / "livre"
    build_book(root=root, out=out, progress=quiet)
    messages: list[str] = []
    with lock.locked(out), pytest.raises(OutputPathError) as err:
        build_book(root=root, out=out, progress=messages.append)
    assert "en cours de construction par un autre processus" in str(err.value)
    assert f"pid {os.getpid()}" in str(err.value) and "\n" not in str(err.value)
    assert messages == []
    build_book(root=root, out=out, progress=quiet)  # free again


# ----------------------------------------------------------------------------------
# Failed builds, key and manifest
# ----------------------------------------------------------------------------------


def test_a_failed_html_build_leaves_the_previous_book_and_its_key(make_repo, tmp_path):
    root = make_repo()
    out = tmp_path / "livre"
    build_book(root=root, out=out, progress=quiet)
    before, key = files(out / "_build" / "html"), (out / ".build-key").read_text()
    intro = root / "book" / "intro.md"
    original = intro.read_text(encoding="utf-8")
    intro.write_text(original + "\n```{figure} absente.png\n:width: 10x\n```\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build_book(root=root, out=out, progress=quiet)
    # The cause is shown, with the continuation line naming the accepted units.
    assert "book/intro.md" in str(err.value) and "Invalid option value for 'width'" in str(err.value)
    assert '"em" "ex" "px"' in str(err.value)
    assert files(out / "_build" / "html") == before and (out / ".build-key").read_text() == key
    with pytest.raises(BuildError):  # not up to date: the failure is reported again
        build_book(root=root, out=out, progress=quiet)
    intro.write_text(original, encoding="utf-8")
    messages: list[str] = []
    build_book(root=root, out=out, progress=messages.append)
    assert any("à jour" in m for m in messages), messages  # the published book is this one
    assert files(out / "_build" / "html") == before


def test_default_and_variant_books_alternate_in_one_folder(make_repo, tmp_path, monkeypatch):
    root = make_repo()
    out = tmp_path / "livre"
    banner = "bd-header-announcement__content"
    intro = out / "_build" / "html" / "book" / "intro.html"
    build_book(root=root, out=out, progress=quiet)
    assert banner not in intro.read_text(encoding="utf-8")
    build_book(root=root, out=out, overrides={"population_bassin": 30000}, progress=quiet)
    assert banner in intro.read_text(encoding="utf-8")
    assert '"population_bassin": 30000.0' in (out / "manifest.json").read_text(encoding="utf-8")

    # The default book again, but jupyter-book fails: the variant stays, key and all.
    variant, key = files(out / "_build" / "html"), (out / ".build-key").read_text()

    def fail(*_args, **_kwargs):
        raise BuildError("jupyter-book a échoué (simulé)")

    monkeypatch.setattr(jupyterbook, "run_jupyter_book", fail)
    with pytest.raises(BuildError):
        build_book(root=root, out=out, progress=quiet)
    assert files(out / "_build" / "html") == variant and (out / ".build-key").read_text() == key
    monkeypatch.undo()

    messages: list[str] = []
    build_book(root=root, out=out, progress=messages.append)
    assert banner not in intro.read_text(encoding="utf-8")
    assert any("complète" in m for m in messages), messages  # the work area was left incomplete
    assert '"parameters": {}' in (out / "manifest.json").read_text(encoding="utf-8")


def test_an_interrupted_swap_is_undone(tmp_path):
    out = outdir.OutDir(tmp_path / "livre")
    (out.path / "_build" / ".html-old").mkdir(parents=True)
    (out.path / "_build" / ".html-old" / "index.html").write_text("ancien", encoding="utf-8")
    (out.path / "_build" / ".html-new").mkdir()
    outdir.recover(out)
    assert out.index.read_text(encoding="utf-8") == "ancien"
    assert sorted(p.name for p in (out.path / "_build").iterdir()) == ["html"]


# ----------------------------------------------------------------------------------
# Interrupted and killed builds
# ----------------------------------------------------------------------------------


def test_killing_the_build_during_the_html_phase_leaves_the_previous_book(make_repo, tmp_path):
    root = slow_repo(make_repo)
    out = tmp_path / "livre"
    build_book(root=root, out=out, progress=quiet)
    before = files(out / "_build" / "html")
    (root / "book" / "intro.md").write_text("# Essai\n\nNouvelle version.\n", encoding="utf-8")

    child = start_child(root, out, tmp_path)
    wait_for((tmp_path / "html-commence").exists, 120, "début de la construction HTML")
    assert processes_of("jupyter_book", str(out)), "jupyter-book ne tourne pas"
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    wait_for(lambda: not processes_of("jupyter_book", str(out)), 10, "fin de jupyter-book")

    assert files(out / "_build" / "html") == before
    messages: list[str] = []
    index = build_book(root=root, out=out, progress=messages.append)  # the lock is free again
    assert "Nouvelle version." in (index.parent / "book" / "intro.html").read_text(encoding="utf-8")
    assert any("complète" in m for m in messages), messages


def test_sigterm_during_the_html_phase_stops_jupyter_book(make_repo, tmp_path):
    root = slow_repo(make_repo)
    out = tmp_path / "livre"
    build_book(root=root, out=out, progress=quiet)
    before, key = files(out / "_build" / "html"), (out / ".build-key").read_text()
    (root / "book" / "intro.md").write_text("# Essai\n\nNouvelle version.\n", encoding="utf-8")

    child = start_child(root, out, tmp_path)
    wait_for((tmp_path / "html-commence").exists, 120, "début de la construction HTML")
    start = time.monotonic()
    child.send_signal(signal.SIGTERM)  # the build's process only, not its group
    assert child.wait(timeout=30) == 130, (tmp_path / "enfant.log").read_text(encoding="utf-8")
    assert time.monotonic() - start < 15
    assert "INTERROMPU" in (tmp_path / "enfant.log").read_text(encoding="utf-8")
    assert not processes_of("jupyter_book", str(out))
    assert files(out / "_build" / "html") == before and (out / ".build-key").read_text() == key


def test_sigterm_while_notebooks_run_kills_kernels_and_cancels_the_queue(make_repo, make_notebook, tmp_path):
    names = ("un", "deux", "trois")

    def started(name: str) -> Path:
        return tmp_path / f"{name}.lance"

    first = new_code_cell(f"open({str(started('un'))!r}, 'w').close()\nimport time\ntime.sleep(120)")
    root = make_repo(make_notebook("un", first), "un")
    for name in names[1:]:
        cell = new_code_cell(f"open({str(started(name))!r}, 'w').close()")
        nbformat.write(make_notebook(name, cell), root / "notebooks" / f"{name}.ipynb")
    chapters = "".join(f"  - file: notebooks/{n}\n" for n in names)
    (root / "_toc.yml").write_text(f"format: jb-book\nroot: book/intro\nchapters:\n{chapters}", encoding="utf-8")
    out = tmp_path / "livre"

    child = start_child(root, out, tmp_path, jobs=1)
    wait_for(started("un").exists, 120, "début du premier notebook")
    assert kernels_in(root), "aucun noyau trouvé"
    start = time.monotonic()
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == 130, (tmp_path / "enfant.log").read_text(encoding="utf-8")
    assert time.monotonic() - start < 20
    wait_for(lambda: not kernels_in(root), 10, "arrêt des noyaux")
    assert not started("deux").exists() and not started("trois").exists(), "la file n'a pas été annulée"
    assert not out.exists(), "dossier de sortie laissé à moitié écrit"
    assert not list((root / "_build" / "cache").glob("*.ipynb")), "copie partielle laissée"
