"""Fast tests of the build machinery's parts (no kernel, no jupyter-book).

The whole pipeline is tested in ``test_build.py``; these pin down the pieces it is made
of: reading the toc, the execution loop around the cache, failure messages, the staged
tree, the build key and the jupyter-book log excerpt.
"""

from __future__ import annotations

import _thread
import os
import threading
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from aaas.errors import BuildError
from aaas.models import scenario as scenarios
from aaas.publish import build, cache, execute, jupyterbook, stage, toc

# ----------------------------------------------------------------------------------
# Table of contents
# ----------------------------------------------------------------------------------


def test_toc_files_walks_parts_chapters_and_sections(tmp_path):
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nparts:\n"
        "  - caption: Un\n    chapters:\n      - file: book/a\n        sections:\n          - file: notebooks/b\n"
        "  - caption: Deux\n    chapters:\n      - file: notebooks/c.md\n",
        encoding="utf-8",
    )
    assert toc.toc_files(tmp_path) == ["book/intro", "book/a", "notebooks/b", "notebooks/c.md"]
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "b.ipynb").write_text("{}", encoding="utf-8")
    assert toc.toc_notebooks(tmp_path) == ["notebooks/b.ipynb"]  # c.md is a MyST page


# ----------------------------------------------------------------------------------
# Execution loop and failures
# ----------------------------------------------------------------------------------


def test_cached_notebooks_are_not_executed(tmp_path):
    (tmp_path / "a.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "b.ipynb").write_text("{ }", encoding="utf-8")
    tasks = cache.plan_notebooks(tmp_path, ["a.ipynb", "b.ipynb"], {"overrides": {}}, "rapport")
    assert tasks[0].key != tasks[1].key and tasks[0].name == "a.ipynb"
    assert tasks[0].executed == tmp_path / "_build" / "cache" / f"{tasks[0].key}.ipynb"
    for task in tasks:
        task.executed.parent.mkdir(parents=True, exist_ok=True)
        task.executed.write_text("{}", encoding="utf-8")
    messages: list[str] = []
    execute.execute_notebooks(tasks, {}, tmp_path, progress=messages.append)
    assert messages == ["[1/2] a.ipynb … en cache", "[2/2] b.ipynb … en cache"]


def test_run_parallel_reports_each_item_and_returns_failures():
    items = [Path("a.ipynb"), Path("b.ipynb"), Path("c.ipynb")]
    messages: list[str] = []
    failures = execute.run_parallel(
        items, lambda p: (0.0, "boum" if p.name == "b.ipynb" else None), jobs=2, progress=messages.append, done=1
    )
    assert failures == ["boum"]
    # Numbered in the order they finish, after the one already done.
    assert [m[: len("[2/4] ")] for m in messages] == ["[2/4] ", "[3/4] ", "[4/4] "]
    assert sorted(m[len("[2/4] ") :] for m in messages) == [
        "a.ipynb … 0.0 s",
        "b.ipynb … 0.0 s ÉCHEC",
        "c.ipynb … 0.0 s",
    ]


def test_run_parallel_cancels_the_queue_and_stops_the_running_on_interrupt():
    """Ctrl-C while the first item runs: the others never start, the running one is stopped."""
    ran: list[str] = []
    stop = threading.Event()

    def run(path: Path) -> tuple[float, None]:
        ran.append(path.name)
        _thread.interrupt_main()  # as Ctrl-C in a terminal: KeyboardInterrupt in the main thread
        assert stop.wait(10), "jamais arrêté"
        return 0.0, None

    items = [Path("a.ipynb"), Path("b.ipynb"), Path("c.ipynb")]
    with pytest.raises(KeyboardInterrupt):
        execute.run_parallel(items, run, jobs=1, progress=lambda _m: None, on_interrupt=stop.set)
    assert ran == ["a.ipynb"]


class CellError(Exception):
    """Stands for papermill's PapermillExecutionError."""

    def __init__(self, cell_index: int, source: str, ename: str, evalue: str):
        super().__init__(evalue)
        self.cell_index, self.source, self.ename, self.evalue = cell_index, source, ename, evalue


def test_failure_names_the_committed_cell(tmp_path):
    parameters = new_code_cell("overrides = {}", metadata={"tags": ["parameters"]})
    nb = new_notebook(cells=[new_markdown_cell("# Titre"), parameters, new_code_cell("1 / 0")])
    path = tmp_path / "notebooks" / "x.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    # Executed copy: the injected cell comes after the parameters cell (index 2).
    injected = execute.describe_failure(path, CellError(2, "overrides = 1", "NameError", "x\ny"), tmp_path)
    assert injected == "  - notebooks/x.ipynb : cellule des paramètres injectés, n° 3 « overrides = 1 » : NameError : x"
    after = execute.describe_failure(path, CellError(3, "1 / 0", "ZeroDivisionError", "division by zero"), tmp_path)
    assert after == "  - notebooks/x.ipynb : cellule n° 3 « 1 / 0 » : ZeroDivisionError : division by zero"
    not_injected = execute.describe_failure(path, CellError(2, "1 / 0", "ZeroDivisionError", "?"), tmp_path, False)
    assert not_injected == "  - notebooks/x.ipynb : cellule n° 3 « 1 / 0 » : ZeroDivisionError : ?"
    other = execute.describe_failure(Path("/ailleurs/y.ipynb"), RuntimeError("noyau mort\ndétails"), tmp_path)
    assert other == "  - /ailleurs/y.ipynb : RuntimeError : noyau mort"


# ----------------------------------------------------------------------------------
# Staged tree and configuration
# ----------------------------------------------------------------------------------


def test_sync_tree_writes_only_changes_and_removes_the_rest(tmp_path):
    dest = tmp_path / "src"
    assert sorted(stage.sync_tree(dest, {"a.md": b"a", "d/b.md": b"b", "e/c.md": b"c"})) == ["a.md", "d/b.md", "e/c.md"]
    old = dest / "a.md"
    os.utime(old, (1, 1))
    changed = stage.sync_tree(dest, {"a.md": b"a", "d/b.md": b"B"})
    assert sorted(changed) == ["d/b.md", "e/c.md"]
    assert old.stat().st_mtime == 1  # untouched: Sphinx will not re-read it
    assert (dest / "d" / "b.md").read_bytes() == b"B"
    assert not (dest / "e").exists()
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == ["a.md", "d", "d/b.md"]


def test_staged_config_turns_execution_off_and_stamps_pages(tmp_path):
    (tmp_path / "_config.yml").write_text("title: Essai\nexecute:\n  execute_notebooks: force\n", encoding="utf-8")
    variant = scenarios.resolve(None, {"population_bassin": 50000})
    text = stage.staged_config(tmp_path, variant, "rapport")
    assert text.startswith("# Généré par")
    assert "execute_notebooks: 'off'" in text or "execute_notebooks: off" in text
    assert "<code>inconnu</code>" in text  # tmp_path is not a git repository
    assert "population_bassin" in text and variant.hash() in text
    assert "announcement: ''" in stage.staged_config(tmp_path, scenarios.resolve(), "rapport")


# ----------------------------------------------------------------------------------
# jupyter-book
# ----------------------------------------------------------------------------------


def test_build_key_and_up_to_date(tmp_path):
    key = jupyterbook.build_key({"a.md": b"a"})
    assert key == jupyterbook.build_key({"a.md": b"a"}) != jupyterbook.build_key({"a.md": b"b"})
    assert not jupyterbook.is_up_to_date(tmp_path, key)
    jupyterbook.record_build_key(tmp_path, key)
    assert not jupyterbook.is_up_to_date(tmp_path, key)  # no index.html yet
    index = jupyterbook.html_index(tmp_path)
    index.parent.mkdir(parents=True)
    index.write_text("", encoding="utf-8")
    assert jupyterbook.is_up_to_date(tmp_path, key)
    assert not jupyterbook.is_up_to_date(tmp_path, jupyterbook.build_key({}))


def test_log_excerpt_shows_problems_first_with_repository_paths(tmp_path):
    src = tmp_path / "src"
    lines = [f"ligne {i}" for i in range(40)]
    lines[3] = f"\x1b[31m{src / 'book' / 'intro.md'}:4: WARNING: référence inconnue\x1b[0m"
    log = tmp_path / "jupyter-book.log"
    log.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    excerpt = jupyterbook.log_excerpt(log, src).splitlines()
    assert excerpt[:3] == [
        "Avertissements et erreurs :",
        "book/intro.md:4: WARNING: référence inconnue",
        "Fin du journal :",
    ]
    assert excerpt[3:] == [f"ligne {i}" for i in range(40 - jupyterbook.LOG_TAIL, 40)]


def test_jupyter_book_command_is_strict():
    command = jupyterbook._command(Path("/s"), Path("/o"), full=False)
    assert command[3:] == ["build", "/s", "--path-output", "/o", "-W", "-n", "--keep-going"]
    assert jupyterbook._command(Path("/s"), Path("/o"), full=True)[-1] == "--all"


# ----------------------------------------------------------------------------------
# Pipeline
# ----------------------------------------------------------------------------------


def test_missing_notebook_in_toc_is_reported_before_execution(tmp_path):
    (tmp_path / "_toc.yml").write_text("root: book/intro\nchapters:\n  - file: notebooks/absent\n", encoding="utf-8")
    with pytest.raises(BuildError, match="notebooks/absent.ipynb"):
        build.refresh_notebooks(root=tmp_path, progress=lambda _m: None)
