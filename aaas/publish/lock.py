"""One build at a time per output folder: an advisory lock on ``<out>/.aaas-lock``.

A second build into a folder that is being built is **refused at once** with one line
(:class:`~aaas.errors.OutputPathError`) rather than made to wait: the user learns which
process holds the folder and can wait for it or choose another ``--out``; nothing hangs
in a script or a CI job.  The lock is ``flock(2)``: the system releases it when its
holder ends, even killed, so a crashed build never leaves a stale lock behind (the file
itself stays, holding the last holder's process id for the message).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputPathError

#: Lock file, in the output folder.
LOCK_FILE = ".aaas-lock"


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
