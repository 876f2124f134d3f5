"""Locks: one build at a time per output folder, and builds and prune sharing the notebook cache.

**Output folder**: an advisory lock on ``<out>/.aaas-lock``.

A second build into a folder that is being built is **refused at once** with one line
(:class:`~aaas.errors.OutputPathError`) rather than made to wait: the user learns which
process holds the folder and can wait for it or choose another ``--out``; nothing hangs
in a script or a CI job.  The lock is ``flock(2)``: the system releases it when its
holder ends, even killed, so a crashed build never leaves a stale lock behind (the file
itself stays, holding the last holder's process id for the message).

**Notebook cache**: any number of builds use one cache, and ``aaas variants --prune``
removes its old entries.  Each running build registers the keys it uses
(:func:`registered`): a file of ``<cache>/.en-cours/`` that it holds locked while it runs
(released by the system if it is killed).  Prune reads the keys of the live registrations
(:func:`keys_in_use`) and spares them.  Registering and pruning each hold the cache's own
lock, ``<cache>/.aaas-cache-lock`` (:func:`cache_lock`, a few milliseconds), so a build
either registered before prune decided, or finds the entries prune removed missing and
executes them again: prune never makes a running build fail.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputPathError

#: Lock file, in the output folder.
LOCK_FILE = ".aaas-lock"
#: Lock file of the notebook cache (held while a build registers or prune decides).
CACHE_LOCK_FILE = ".aaas-cache-lock"
#: Folder of the notebook cache holding the registrations of the running builds.
IN_USE_DIR = ".en-cours"


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the lock of ``folder`` (which must exist) for the duration of the block.

    Raises
    ------
    OutputPathError
        Another process holds it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, locked(Path(tmp)):
    ...     with locked(Path(tmp)):  # doctest: +ELLIPSIS
    ...         pass
    Traceback (most recent call last):
    ...
    aaas.errors.OutputPathError: le dossier de sortie « ... » est en cours de construction par un autre processus ...
    """
    with try_locked(folder) as acquired:
        if not acquired:
            raise OutputPathError(
                f"le dossier de sortie « {folder} » est en cours de construction par un autre processus"
                f" ({_holder(folder)}) ; attendez la fin de cette construction ou choisissez un autre --out"
            )
        yield


@contextlib.contextmanager
def try_locked(folder: Path) -> Iterator[bool]:
    """Try to hold the lock of ``folder`` without waiting; yield whether it is held.

    Two holders in the same process exclude each other too (each opens its own file).
    """
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(folder: Path) -> str:
    """``pid N`` of the process that holds the lock, as far as its file says."""
    try:
        pid = (folder / LOCK_FILE).read_text(encoding="ascii").strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid inconnu"


# --------------------------------------------------------------------------------------
# The notebook cache
# --------------------------------------------------------------------------------------


@contextlib.contextmanager
def cache_lock(folder: Path) -> Iterator[None]:
    """Hold the cache's lock (``<folder>/.aaas-cache-lock``, exclusive, waiting for it) for the block."""
    fd = os.open(folder / CACHE_LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def registered(folder: Path, keys: list[str]) -> Iterator[None]:
    """Register ``keys`` as used by this build of the cache ``folder`` (which must exist) for the block.

    The registration is a file of ``<folder>/.en-cours/``, locked for the block's duration
    and removed after it; see the module.
    """
    records = folder / IN_USE_DIR
    with cache_lock(folder):
        records.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".cles", dir=records)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, "\n".join(keys).encode("ascii"))
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
        os.close(fd)


def keys_in_use(folder: Path) -> set[str]:
    """The keys registered by the builds of the cache ``folder`` still running.

    Call it holding :func:`cache_lock`.  The registrations of builds that ended without
    removing theirs (killed) are removed.
    """
    keys: set[str] = set()
    records = folder / IN_USE_DIR
    for path in sorted(records.glob("*.cles")) if records.is_dir() else []:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # held: its build runs
            with os.fdopen(os.dup(fd), encoding="ascii", errors="replace") as text:
                keys.update(text.read().split())
        else:  # free: its build is gone
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
    return keys
