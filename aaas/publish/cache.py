"""The notebooks' cache: what an executed notebook depends on, and where its copy is kept.

Each notebook's key covers the notebook itself, the ``aaas`` package, the ``data/``
folder, the parameter values, the convention and the package version; its executed copy
is ``_build/cache/<key>.ipynb`` (written by :mod:`aaas.publish.execute`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..models.scenario import Scenario


@dataclass(frozen=True)
class NotebookTask:
    """One notebook to execute (or to take from the cache)."""

    rel: str  # path relative to the repository root, e.g. notebooks/relais.ipynb
    source: Path  # committed notebook
    key: str  # cache key
    executed: Path  # cached executed copy, _build/cache/<key>.ipynb

    @property
    def name(self) -> str:
        """File name of the notebook, e.g. ``relais.ipynb``."""
        return Path(self.rel).name


def environment_digest(root: Path, scenario: Scenario, convention: str) -> str:
    """Digest of everything except the notebook itself that its outputs depend on.

    Parameters
    ----------
    root : Path
        Repository: every ``aaas/**/*.py`` and ``data/**`` file is hashed.
    scenario : Scenario
        Parameter values (through :meth:`Scenario.hash`).
    convention : str
        Calculation convention.

    Returns
    -------
    str
        A SHA-256 hex digest, also covering the package version.
    """
    h = hashlib.sha256()
    for label, files in (
        ("aaas", sorted((root / "aaas").rglob("*.py"))),
        ("data", sorted(p for p in (root / "data").rglob("*") if p.is_file())),
    ):
        for path in files:
            if "__pycache__" in path.parts:
                continue
            h.update(f"{label}:{path.relative_to(root).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    h.update(f"params:{scenario.hash()}\0convention:{convention}\0version:{__version__}".encode())
    return h.hexdigest()


def notebook_key(notebook: Path, env_digest: str) -> str:
    """Cache key of one executed notebook: its content and :func:`environment_digest`."""
    h = hashlib.sha256(notebook.read_bytes())
    h.update(env_digest.encode())
    return h.hexdigest()


def plan_notebooks(root: Path, rels: list[str], scenario: Scenario, convention: str) -> list[NotebookTask]:
    """Each notebook's cache key and cached copy (``<root>/_build/cache/<key>.ipynb``).

    Parameters
    ----------
    root : Path
        Repository holding the notebooks.
    rels : list of str
        Notebooks relative to ``root`` (see :func:`aaas.publish.toc.toc_notebooks`).
    scenario, convention
        What the notebooks are executed with.

    Returns
    -------
    list of NotebookTask
        In the order of ``rels``.
    """
    env = environment_digest(root, scenario, convention)
    cache = root / "_build" / "cache"
    tasks = []
    for rel in rels:
        source = root / rel
        key = notebook_key(source, env)
        tasks.append(NotebookTask(rel=rel, source=source, key=key, executed=cache / f"{key}.ipynb"))
    return tasks
