"""The notebooks' cache: what an executed notebook depends on, where its copy is kept, and
how the cache is kept small.

Each notebook's key covers the notebook itself, the ``aaas`` package, the data folder
(:func:`data_digest`, which follows ``AAAS_DATA_DIR``), the parameters injected by
papermill, the convention, and the versions of the package, of Python and of the tools
that execute the notebooks (:data:`KERNEL_TOOLS`).  Its executed copy is
``<cache>/<key>.ipynb`` (written by :mod:`aaas.publish.execute`), and a failed
notebook's partial copy ``<cache>/failed/<name>``.

Where the cache is (:func:`cache_dir`):

1. ``AAAS_CACHE_DIR``, when set (e.g. a shared or persistent folder in CI);
2. ``<root>/_build/cache`` in the checkout, when it can be written;
3. otherwise ``$XDG_CACHE_HOME/aaas/notebooks`` (default ``~/.cache/aaas/notebooks``), so
   that a read-only checkout can build ``--out`` elsewhere;
4. and as a last resort ``<out>/.cache``, inside the output folder.

Every build marks its notebooks as used at the same instant (their modification time);
:func:`prune_cache` keeps those of the most recent builds.  Partial copies left by an
interrupted or killed build are swept (:func:`sweep_partials`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from .. import datastore as data
from ..errors import InputError, OutputPathError

#: Environment variable naming the notebook cache folder.
CACHE_ENV = "AAAS_CACHE_DIR"
#: Environment variable naming the data folder (read by :func:`aaas.datastore.data_dir`).
DATA_ENV = "AAAS_DATA_DIR"
#: Packages whose versions are part of every notebook's key (execution and outputs).
KERNEL_TOOLS = ("papermill", "nbclient", "nbformat", "ipykernel", "myst-nb", "numpy", "pandas", "matplotlib")
#: Partial copies older than this (seconds) are swept even if their process still exists.
PARTIAL_MAX_AGE_S = 24 * 3600
#: Suffix of the partial copies written while a notebook runs (``<key>.<pid>-<thread>.partial.ipynb``).
PARTIAL_SUFFIX = ".partial.ipynb"


@dataclass(frozen=True)
class NotebookTask:
    """One notebook to execute (or to take from the cache)."""

    rel: str  # path relative to the repository root, e.g. notebooks/relais.ipynb
    source: Path  # committed notebook
    key: str  # cache key
    executed: Path  # cached executed copy, <cache>/<key>.ipynb

    @property
    def name(self) -> str:
        """File name of the notebook, e.g. ``relais.ipynb``."""
        return Path(self.rel).name


# --------------------------------------------------------------------------------------
# Location
# --------------------------------------------------------------------------------------


def cache_dir(root: Path, out: Path | None = None) -> Path:
    """The notebook cache folder of a build of ``root`` into ``out`` (see the module).

    Raises
    ------
    OutputPathError
        ``AAAS_CACHE_DIR`` names a place that cannot be written.
    """
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured:
        folder = Path(os.path.abspath(Path(configured).expanduser())).resolve()
        if not _writable(folder):
            raise OutputPathError(f"{CACHE_ENV} « {folder} » : dossier impossible à créer ou à écrire")
        return folder
    candidates = [root / "_build" / "cache", _user_cache()]
    for folder in candidates:
        if _writable(folder):
            return folder
    return (out or root / "_build") / ".cache"


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "aaas" / "notebooks"


def _writable(folder: Path) -> bool:
    """Whether ``folder`` exists as a writable folder, or could be created (tried without leaving anything)."""
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not existing.is_dir():
        return False
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".aaas-essai-", dir=existing))
    except OSError:
        return False
    return True


# --------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------


def environment_digest(root: Path, parameters: Mapping[str, Any], convention: str) -> str:
    """Digest of everything except the notebook itself that its outputs depend on.

    Parameters
    ----------
    root : Path
        Repository: its ``aaas`` package (the kernels run in ``root``) and its data
        (:func:`data_digest`) are hashed.
    parameters : mapping
        Injected by papermill (:func:`aaas.publish.build.papermill_parameters`).
    convention : str
        Calculation convention.

    Returns
    -------
    str
        A SHA-256 hex digest, also covering the versions of the package, of Python and
        of :data:`KERNEL_TOOLS`.
    """
    package = root / "aaas" if (root / "aaas").is_dir() else Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    h.update(f"aaas:{tree_digest(package, '*.py')}\0data:{data_digest(root)}\0".encode())
    h.update(json.dumps(dict(parameters), sort_keys=True, ensure_ascii=False).encode())
    h.update(f"\0convention:{convention}\0version:{__version__}\0python:{sys.version_info[:3]}".encode())
    h.update(_tool_versions().encode())
    return h.hexdigest()


def _tool_versions() -> str:
    """Installed versions of what executes the notebooks and shapes their outputs."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for dist in KERNEL_TOOLS:
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


def data_digest(root: Path) -> str:
    """Short digest of the data folder the kernels of a build of ``root`` read.

    For this repository, :func:`aaas.datastore.digest` (which follows ``AAAS_DATA_DIR``);
    for another one (a test's copy), ``AAAS_DATA_DIR`` if set, else ``<root>/data``.
    """
    if root == data.ROOT:
        return data.digest()
    configured = os.environ.get(DATA_ENV, "").strip()
    return tree_digest(Path(configured) if configured else root / "data")[:12]


def tree_digest(folder: Path, pattern: str = "*") -> str:
    """SHA-256 of the names and contents of the files of ``folder`` matching ``pattern``
    (``__pycache__`` skipped)."""
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def notebook_key(notebook: Path, env_digest: str) -> str:
    """Cache key of one executed notebook: its content and :func:`environment_digest`."""
    h = hashlib.sha256(notebook.read_bytes())
    h.update(env_digest.encode())
    return h.hexdigest()


def plan_notebooks(
    root: Path, rels: list[str], parameters: Mapping[str, Any], convention: str, cache: Path | None = None
) -> list[NotebookTask]:
    """Each notebook's cache key and cached copy (``<cache>/<key>.ipynb``).

    Parameters
    ----------
    root : Path
        Repository holding the notebooks.
    rels : list of str
        Notebooks relative to ``root`` (see :func:`aaas.publish.toc.toc_notebooks`).
    parameters, convention
        What the notebooks are executed with (see :func:`environment_digest`).
    cache : Path, optional
        Cache folder (default: ``<root>/_build/cache``).

    Returns
    -------
    list of NotebookTask
        In the order of ``rels``.
    """
    env = environment_digest(root, parameters, convention)
    cache = cache or root / "_build" / "cache"
    tasks = []
    for rel in rels:
        source = root / rel
        key = notebook_key(source, env)
        tasks.append(NotebookTask(rel=rel, source=source, key=key, executed=cache / f"{key}.ipynb"))
    return tasks


# --------------------------------------------------------------------------------------
# Keeping the cache small
# --------------------------------------------------------------------------------------


def mark_used(tasks: list[NotebookTask]) -> None:
    """Give the executed copies of one build the same modification time: now."""
    now = time.time_ns()
    for task in tasks:
        if task.executed.is_file():
            os.utime(task.executed, ns=(now, now))


def prune_cache(folder: Path, keep: int) -> list[Path]:
    """Delete the executed notebooks not used by the ``keep`` most recent builds.

    The notebooks of one build share their modification time (:func:`mark_used`); a
    notebook used by several builds counts for the latest.  Partial copies of dead
    builds are swept too.

    Returns
    -------
    list of Path
        The files deleted.

    Raises
    ------
    InputError
        ``keep`` is not an integer >= 0.
    """
    check_keep(keep)
    removed = sweep_partials(folder)
    if not folder.is_dir():
        return removed
    entries = [p for p in folder.glob("*.ipynb") if p.is_file() and not p.name.endswith(PARTIAL_SUFFIX)]
    builds = sorted({p.stat().st_mtime_ns for p in entries}, reverse=True)
    kept = set(builds[:keep])
    for path in entries:
        if path.stat().st_mtime_ns not in kept:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def check_keep(keep: object) -> int:
    """``keep`` when it is an integer >= 0, else an :class:`~aaas.errors.InputError`.

    >>> check_keep(3)
    3
    >>> check_keep(-1)
    Traceback (most recent call last):
    ...
    aaas.errors.InputError: nombre de constructions à garder invalide : -1 ; un entier positif ou nul est attendu
    """
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 0:
        raise InputError(f"nombre de constructions à garder invalide : {keep!r} ; un entier positif ou nul est attendu")
    return keep


def sweep_partials(folder: Path) -> list[Path]:
    """Delete the partial copies whose build is gone (its process ended, or a day old)."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.glob("*" + PARTIAL_SUFFIX):
        pid = _partial_pid(path.name)
        try:
            old = time.time() - path.stat().st_mtime > PARTIAL_MAX_AGE_S
        except OSError:
            continue
        if old or pid is None or not _alive(pid):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _partial_pid(name: str) -> int | None:
    """The process id in ``<key>.<pid>-<thread>.partial.ipynb``.

    >>> _partial_pid("abc.123-456.partial.ipynb"), _partial_pid("abc.partial.ipynb")
    (123, None)
    """
    middle = name[: -len(PARTIAL_SUFFIX)].rpartition(".")[2]
    pid = middle.partition("-")[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
