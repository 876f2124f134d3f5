"""The output folder of a build: where a book may be written, and how a new book replaces the old.

A build writes only inside a folder it owns, marked by the file :data:`MARKER`.  It
refuses, before any notebook runs (:func:`check`), what no output may be
(:func:`aaas.present.exports.check_output_path`: a system location, a path or name beyond
the file system's limits, a device, a place it cannot write to), a file, the repository
itself or a folder containing it, the repository's source folders, a folder inside
another book, the notebook cache, and a non-empty folder it does not own; :func:`claimed`
then creates and marks the folder and holds its lock (:mod:`aaas.publish.lock`).  The
folder is resolved (symbolic links followed) before any of these decisions: a link to a
folder the build does not own is refused like that folder.

Layout of an owned folder ``<out>``::

    .aaas-build      marker: the folder belongs to ``aaas build``
    .aaas-lock       lock of the folder (one build at a time)
    _build/html/     the published book (index.html), replaced as a whole
    .build-key       key of the published book, written once it is in place
    manifest.json    what the book is (see aaas.publish.variants)
    .work/           the build state kept between builds (Sphinx builds incrementally only
                     in the same folders): src/ (staged sources), _build/html,
                     _build/.doctrees, jupyter-book.log

jupyter-book always builds in ``.work``; :func:`publish` then copies its HTML beside the
published book and swaps it in by renaming, so an interrupted build leaves the previous
book whole (never a mix of old and new pages).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputPathError
from ..present import exports
from . import lock

#: File marking a folder as an output folder of ``aaas build``.
MARKER = ".aaas-build"
MARKER_TEXT = "Dossier de sortie de « aaas build » : son contenu est remplacé à chaque construction.\n"
#: Folders of the repository that are sources of the build (or of the project).
SOURCE_DIRS = ("aaas", "data", "notebooks", "book", "_static", "_templates", "tests", "benchmarks", ".git")
#: Written in ``.work`` once jupyter-book succeeded there; absent, the next build is full.
COMPLETE_FILE = ".complete"


@dataclass(frozen=True)
class OutDir:
    """The paths of an owned output folder (see the module's layout)."""

    path: Path

    @property
    def html(self) -> Path:
        return self.path / "_build" / "html"

    @property
    def index(self) -> Path:
        return self.html / "index.html"

    @property
    def work(self) -> Path:
        return self.path / ".work"

    @property
    def src(self) -> Path:
        return self.work / "src"

    @property
    def work_index(self) -> Path:
        return self.work / "_build" / "html" / "index.html"

    @property
    def manifest(self) -> Path:
        return self.path / "manifest.json"


def resolve(out: str | os.PathLike) -> Path:
    """``out`` as an absolute path, ``~`` expanded and symbolic links followed."""
    return Path(os.path.abspath(Path(out).expanduser())).resolve()


def is_owned(path: Path) -> bool:
    """Whether ``path`` is a folder carrying the ownership :data:`MARKER`."""
    return (path / MARKER).is_file() and not (path / MARKER).is_symlink()


# --------------------------------------------------------------------------------------
# Checks, before anything runs
# --------------------------------------------------------------------------------------


def check(path: Path, root: Path, cache: Path | None = None, adopt: bool = False, option: str = "--out") -> None:
    """Refuse, with one line, an output folder that cannot receive a book.

    Parameters
    ----------
    path : Path
        The folder, resolved (:func:`resolve`).
    root : Path
        The repository built.
    cache : Path, optional
        The notebook cache of the build, which the folder may not overlap (except as
        ``<path>/.cache``).
    adopt : bool
        Accept a non-empty folder without the marker: only the default folders under
        ``<root>/_build``, which belong to the build (a book of an older version), and
        only when no symbolic link leads elsewhere (the caller compares the resolved path).
    option : str
        What named the folder, quoted in the messages (``--out``, or the default folder).

    Raises
    ------
    OutputPathError
        Naming the folder and what to do.
    """
    _check_place(path, root, option)  # the more telling refusal of the two
    exports.check_output_path(path, option)
    if cache is not None and cache != path / ".cache" and _overlap(path, cache):
        raise OutputPathError(
            f"{option} « {path} » recouvre le cache des notebooks « {cache} » ; choisissez un autre dossier"
        )
    for parent in path.parents:
        if is_owned(parent):
            raise OutputPathError(
                f"{option} « {path} » est à l'intérieur d'un autre livre (« {parent} ») ;"
                " choisissez un dossier distinct"
            )
    _check_kind(path, adopt, option)


def _check_place(path: Path, root: Path, option: str) -> None:
    """Not the repository nor a folder containing it, not its sources."""
    if path == root or path in root.parents:
        raise OutputPathError(
            f"{option} « {path} » est le dépôt lui-même ou le contient ;"
            f" choisissez un dossier dédié, par exemple {root / '_build' / 'livre'}"
        )
    for name in SOURCE_DIRS:
        if _overlap(path, root / name):
            raise OutputPathError(
                f"{option} « {path} » est dans les sources du dépôt ({name}/) ; choisissez un dossier dédié"
            )


def _check_kind(path: Path, adopt: bool, option: str) -> None:
    """A folder (or nothing yet), empty or owned."""
    if not path.exists():
        return
    mode = path.stat().st_mode
    if not stat.S_ISDIR(mode):
        kind = "un fichier" if stat.S_ISREG(mode) else "un fichier spécial"
        raise OutputPathError(f"{option} « {path} » est {kind}, pas un dossier ; choisissez un dossier")
    if not (adopt or is_owned(path) or _is_empty(path)):
        raise OutputPathError(
            f"{option} « {path} » n'est pas vide et n'a pas été créé par aaas build (pas de fichier {MARKER}) ;"
            " choisissez un dossier vide ou nouveau"
        )


def _overlap(a: Path, b: Path) -> bool:
    """Whether one of the two paths is the other or inside it."""
    return a == b or a in b.parents or b in a.parents


def _is_empty(path: Path) -> bool:
    return not any(path.iterdir())


# --------------------------------------------------------------------------------------
# Claiming, publishing
# --------------------------------------------------------------------------------------


@contextlib.contextmanager
def claimed(path: Path, adopt: bool = False) -> Iterator[OutDir]:
    """Create and mark ``path``, hold its lock, and yield its :class:`OutDir`.

    When the block fails (or is interrupted) before any book was published in a folder
    this call created, the folder is removed again: nothing is left half-written.
    """
    created = _make_folder(path)
    with lock.locked(path):
        _mark(path, adopt)
        out = OutDir(path)
        recover(out)
        try:
            yield out
        except BaseException:
            if created and not out.index.exists():
                _discard(out, created)
            raise


def _make_folder(path: Path) -> list[Path]:
    """Create ``path`` and its missing parents; return the folders created, deepest first."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    try:
        path.mkdir(parents=True, exist_ok=True)
    except BaseException:
        _remove_empty(missing)  # never an empty _build/variants left behind
        raise
    return missing


def _remove_empty(folders: list[Path]) -> None:
    """Remove each of ``folders`` (deepest first) that is empty."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _mark(path: Path, adopt: bool) -> None:
    """Write the marker; when adopting an unmarked folder, empty it first (keeping the lock)."""
    if is_owned(path):
        return
    if adopt:
        for entry in path.iterdir():
            if entry.name != lock.LOCK_FILE:
                _remove(entry)
    (path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _discard(out: OutDir, created: list[Path]) -> None:
    """Remove what this build wrote in a folder it created, then the folders if left empty."""
    for name in (".work", "_build", MARKER, lock.LOCK_FILE):
        _remove(out.path / name)
    _remove_empty(created)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def recover(out: OutDir) -> None:
    """Undo an interrupted :func:`publish`: put the previous book back, drop the copies."""
    new, old = out.html.with_name(".html-new"), out.html.with_name(".html-old")
    if old.is_dir() and not out.html.exists():
        os.replace(old, out.html)
    for stale in (new, old):
        _remove(stale)


def publish(out: OutDir, before_swap=None) -> None:
    """Replace the published book by the one built in ``.work``, by renaming.

    The new HTML is copied beside the published one (``_build/.html-new``); the old one
    is renamed away and the new one renamed in; only then is the old one deleted.
    ``before_swap`` (e.g. forgetting the build key) runs just before the renames.
    """
    new, old = out.html.with_name(".html-new"), out.html.with_name(".html-old")
    recover(out)
    shutil.copytree(out.work_index.parent, new, symlinks=True)
    if before_swap is not None:
        before_swap()
    if out.html.exists():
        os.replace(out.html, old)
    os.replace(new, out.html)
    _remove(old)


def set_work_complete(out: OutDir, complete: bool) -> None:
    """Record whether ``.work`` holds the state of a successful jupyter-book run."""
    flag = out.work / COMPLETE_FILE
    if complete:
        flag.write_text("", encoding="utf-8")
    else:
        flag.unlink(missing_ok=True)


def work_is_complete(out: OutDir) -> bool:
    return (out.work / COMPLETE_FILE).is_file()
