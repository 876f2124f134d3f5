"""Fixtures of the build tests: a minimal repository (the real package, data and
configuration, one page and one notebook) and notebooks made of given cells.

The notebook cache follows ``AAAS_CACHE_DIR`` when set: the variable is removed for
these tests, so that each temporary repository keeps its own cache.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from aaas.publish import build

ROOT = build.ROOT


def notebook(name: str, *cells) -> nbformat.NotebookNode:
    """A notebook titled ``name``, with the book's parameters cell, then ``cells``."""
    parameters = new_code_cell('scenario_file = ""\nconvention = "rapport"\noverrides = {}')
    parameters.metadata["tags"] = ["parameters"]
    nb = new_notebook(
        cells=[new_markdown_cell(f"# {name}"), parameters, *cells],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name}-{i}"
    return nb


def mini_repo(base: Path, nb: nbformat.NotebookNode | None = None, name: str = "essai") -> Path:
    """``<base>/repo``: the real package, data and config, one page and one notebook."""
    root = base / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "aaas", root / "aaas", ignore=ignore)
    shutil.copytree(ROOT / "data", root / "data", ignore=ignore)
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    (root / "_toc.yml").write_text(
        f"format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/{name}\n", encoding="utf-8"
    )
    (root / "book").mkdir()
    (root / "book" / "intro.md").write_text("# Essai\n\nPage d'accueil de test.\n", encoding="utf-8")
    (root / "notebooks").mkdir()
    nbformat.write(
        nb if nb is not None else notebook(name, new_code_cell("print(6 * 7)")), root / "notebooks" / f"{name}.ipynb"
    )
    return root


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch):
    monkeypatch.delenv("AAAS_CACHE_DIR", raising=False)


@pytest.fixture
def make_notebook():
    return notebook


@pytest.fixture
def make_repo(tmp_path):
    """``make_repo(notebook=None, name="essai")``: a minimal repository under ``tmp_path``."""
    return functools.partial(mini_repo, tmp_path)
