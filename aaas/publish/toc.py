"""The book's table of contents: which pages ``_toc.yml`` lists, and which are notebooks.

Read by the build (:mod:`aaas.publish.build`) to know the notebooks to execute, and by the
tests to know the pages to expect.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import BuildError

#: Folder holding the notebooks executed by papermill.
NOTEBOOK_DIR = "notebooks"


def toc_files(root: Path) -> list[str]:
    """Every ``file`` entry of ``<root>/_toc.yml``, root page first, in reading order.

    Parameters
    ----------
    root : Path
        Repository holding ``_toc.yml``.

    Returns
    -------
    list of str
        Entries as written in the toc (usually without extension), e.g. ``book/intro``.
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    found = [toc["root"]] if toc.get("root") else []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return found


def toc_notebooks(root: Path) -> list[str]:
    """The toc entries that are notebooks living in ``notebooks/``.

    A MyST page in ``notebooks/`` is skipped (it is staged as a static file).

    Parameters
    ----------
    root : Path
        Repository holding ``_toc.yml``.

    Returns
    -------
    list of str
        Paths relative to ``root``, e.g. ``notebooks/relais.ipynb``, in reading order.

    Raises
    ------
    BuildError
        An entry names a notebook that does not exist.
    """
    out = []
    for entry in toc_files(root):
        if not entry.startswith(NOTEBOOK_DIR + "/"):
            continue
        rel = entry if entry.endswith(".ipynb") else entry + ".ipynb"
        if not (root / rel).is_file():
            if (root / (entry + ".md")).is_file() or entry.endswith(".md"):
                continue  # a MyST page in notebooks/: staged as a static file
            raise BuildError(f"_toc.yml : notebook introuvable « {rel} »")
        out.append(rel)
    return out
