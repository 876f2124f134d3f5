"""The notebooks' cache: what an executed notebook depends on, where its copy is kept, how it stays small.

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

The cache is a folder the tool owns (:func:`check_cache`): resolved (symbolic links
followed), it must be a place any output may be written
(:func:`aaas.present.exports.check_output_path`), outside the repository's sources
(anything in the checkout but ``_build/``), and new, empty, marked by :data:`MARKER`
(written when a build first uses it, :func:`claim`) or holding only files named as the
tool names them.  Anything else is refused with one line naming the folder.

Every build marks its notebooks as used at the same instant (their modification time);
:func:`prune_cache` keeps those of the most recent builds, and removes only entries the
tool wrote (``<64-hex key>.ipynb`` in a cache it owns), never those of a running build
(:func:`in_use`, :mod:`aaas.publish.lock`).  Partial copies left by an interrupted or
killed build are swept (:func:`sweep_partials`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__, inputs, location
from .. import datastore as data
from ..errors import OutputPathError, cite_path
from ..present import exports
from . import lock

#: Environment variable naming the notebook cache folder.
CACHE_ENV = "AAAS_CACHE_DIR"
#: Packages whose versions are part of every notebook's key (execution and outputs).
KERNEL_TOOLS = ("papermill", "nbclient", "nbformat", "ipykernel", "myst-nb", "numpy", "pandas", "matplotlib")
#: Partial copies older than this (seconds) are swept even if their process still exists.
PARTIAL_MAX_AGE_S = 24 * 3600
#: Suffix of the partial copies written while a notebook runs (``<key>.<pid>-<thread>.partial.ipynb``).
PARTIAL_SUFFIX = ".partial.ipynb"
#: File marking a folder as a notebook cache of the tool.
MARKER = ".aaas-cache"
MARKER_TEXT = "Cache des notebooks exécutés par « aaas build » (aaas variants --prune le nettoie).\n"
#: Name of a cache entry; of a partial copy (its process id as group 1).
ENTRY = re.compile(r"[0-9a-f]{64}\.ipynb")
PARTIAL = re.compile(r"[0-9a-f]{64}\.(\d+)-\d+" + re.escape(PARTIAL_SUFFIX))
MEMO_DIR = "analyses"  #: Analyses run once per build, shared by pages (:mod:`aaas.publish.notebook.analyses`).
#: Other names the tool writes in a cache (failed copies, locks, registrations of builds,
#: the data files' validation stamps of :mod:`aaas.datastore`, the analyses' memos).
OWN_NAMES = ("failed", MARKER, lock.CACHE_LOCK_FILE, lock.IN_USE_DIR, data.STAMPS.name, MEMO_DIR)


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
        ``AAAS_CACHE_DIR`` (or the default folder) is refused by :func:`check_cache`.
    """
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured:
        return check_cache(configured, root, CACHE_ENV)
    candidates = [root / "_build" / "cache", location.user_cache("notebooks")]
    if root == location.ROOT and not location.in_checkout(root):  # an installation: never written into
        candidates = candidates[1:]
    for folder in candidates:
        if _writable(folder):
            return check_cache(folder, root, "cache des notebooks")
    return (out or root / "_build") / ".cache"


def check_cache(folder: str | os.PathLike, root: Path, option: str = CACHE_ENV) -> Path:
    """``folder`` resolved, if the tool may use it as its notebook cache (see the module).

    Raises
    ------
    OutputPathError
        One line naming ``option`` (e.g. ``AAAS_CACHE_DIR``) and the folder: a place no
        output may be written, a file, inside the repository's sources, or a non-empty
        folder holding files the tool did not write.
    """
    path = exports.check_output_path(Path(folder).expanduser(), option)
    if path.exists() and not path.is_dir():
        raise OutputPathError(f"{option} « {path} » n'est pas un dossier ; choisissez un dossier pour le cache")
    build_dir = root.resolve() / "_build"
    if (path == root or root in path.parents or path in root.parents) and not (
        path == build_dir or build_dir in path.parents
    ):
        raise OutputPathError(
            f"{option} « {path} » est dans les sources du dépôt ou les contient ;"
            f" choisissez un dossier dédié, par exemple {build_dir / 'cache'}"
        )
    foreign = foreign_files(path)
    if foreign:
        raise OutputPathError(
            f"{option} « {path} » n'est pas vide et n'a pas été créé par aaas (pas de fichier {MARKER},"
            f" « {cite_path(foreign[0], 60)} ») ; choisissez un dossier vide ou nouveau pour le cache"
        )
    return path


def foreign_files(folder: Path) -> list[str]:
    """Names in ``folder`` the tool did not write, unless it carries :data:`MARKER` (then none)."""
    if not folder.is_dir() or is_owned(folder):
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if not (ENTRY.fullmatch(p.name) or PARTIAL.fullmatch(p.name) or p.name in OWN_NAMES)
    )


def is_owned(folder: Path) -> bool:
    """Whether ``folder`` carries the cache's :data:`MARKER` (a file, not a link)."""
    return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()


def claim(folder: Path) -> None:
    """Create the cache ``folder`` if needed and mark it as the tool's."""
    folder.mkdir(parents=True, exist_ok=True)
    if not is_owned(folder):
        (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@contextlib.contextmanager
def in_use(tasks: list[NotebookTask]) -> Iterator[None]:
    """Claim the cache of ``tasks`` and protect their entries from prune for the block.

    See :func:`aaas.publish.lock.registered`; nothing happens without tasks.
    """
    if not tasks:
        yield
        return
    folder = tasks[0].executed.parent
    claim(folder)
    with lock.registered(folder, [task.key for task in tasks]):
        yield


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
    edits = data.modifications() if root == data.ROOT else ""  # every header names them (aaas.datadiff)
    h.update(f"aaas:{tree_digest(package, '*.py')}\0data:{data_digest(root)}\0edits:{edits}\0".encode())
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
    """Short digest of the data folder the kernels of a build of ``root`` read:
    :func:`aaas.datastore.digest` of :func:`aaas.datastore.data_dir` (which follows
    ``AAAS_DATA_DIR``; ``<root>/data`` for another checkout, a test's copy)."""
    return data.digest(data.data_dir(root))


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
    notebook used by several builds counts for the latest.  Only the tool's entries
    (``<64-hex key>.ipynb``) are removed, never those a running build registered
    (:func:`in_use`); partial copies of dead builds are swept too.

    Returns
    -------
    list of Path
        The files deleted.

    Raises
    ------
    ParameterError
        ``keep`` is not a whole number from 0 to :data:`aaas.inputs.GARDER_MAX`.
    OutputPathError
        ``folder`` holds files the tool did not write and is not marked (:func:`foreign_files`).
    """
    check_keep(keep)
    if not folder.is_dir():
        return []
    foreign = foreign_files(folder)
    if foreign:
        raise OutputPathError(
            f"cache des notebooks « {folder} » : non nettoyé, il contient des fichiers qu'aaas n'a pas écrits"
            f" (« {cite_path(foreign[0], 60)} »)"
        )
    with lock.cache_lock(folder):
        busy = lock.keys_in_use(folder)
        removed = sweep_partials(folder)
        entries = [p for p in folder.iterdir() if ENTRY.fullmatch(p.name) and p.is_file() and not p.is_symlink()]
        builds = sorted({p.stat().st_mtime_ns for p in entries}, reverse=True)
        kept = set(builds[:keep])
        for path in entries:
            if path.stat().st_mtime_ns not in kept and path.name[:64] not in busy:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def check_keep(keep: object) -> int:
    """``keep`` when it is a whole number from 0 to :data:`aaas.inputs.GARDER_MAX`, else a
    one-line :class:`~aaas.errors.ParameterError` (:func:`aaas.inputs.keep`, as ``--prune``).

    >>> check_keep(3)
    3
    >>> check_keep(-1)
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: --prune : -1 hors bornes ; plage acceptée : de 0 à 100\u202f000
    """
    return inputs.keep(keep)


def sweep_partials(folder: Path) -> list[Path]:
    """Delete the partial copies (:data:`PARTIAL`) whose build is gone (its process ended, or a day old)."""
    removed = []
    for path in folder.glob("*" + PARTIAL_SUFFIX) if folder.is_dir() else []:
        found = PARTIAL.fullmatch(path.name)
        try:
            old = time.time() - path.stat().st_mtime > PARTIAL_MAX_AGE_S
        except OSError:
            continue
        if found and (old or not _alive(int(found.group(1)))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


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
