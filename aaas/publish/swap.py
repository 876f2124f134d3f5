"""Publishing a built book so that an interruption never leaves it half-swapped, and
what an interrupted build tells about its book.

:func:`publish` swaps the new HTML in (:func:`aaas.publish.outdir.publish`), then records
its build key and its manifest, with SIGINT and SIGTERM held from the moment the old key
and manifest are forgotten to the moment the new ones are written
(:func:`aaas.publish.processes.signals_held`): a signal received meanwhile takes effect
just after, when the key and the manifest describe the published book.  The copy of the
new HTML beside the old one, which takes the longest, is not held: interrupted there,
the build leaves the previous book, its key and its manifest as they were.

:class:`Fate` records whether there was a previous book and whether the new one is
published, and words the line an interrupted build prints (:func:`telling`);
:func:`recovering` leaves no copy of an HTML tree beside the book after an interruption.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import Interrupted
from . import jupyterbook, outdir, processes, variants
from .outdir import OutDir

#: Test hook only, never set in use: seconds the swap pauses once it has begun (signals
#: held, key and manifest forgotten, before the renames), after writing the file named
#: by :data:`TEST_SWAP_MARK_ENV`; lets a test send a signal in the middle of the swap.
TEST_SWAP_PAUSE_ENV = "AAAS_TEST_SWAP_PAUSE"
TEST_SWAP_MARK_ENV = "AAAS_TEST_SWAP_MARK"


@dataclasses.dataclass
class Fate:
    """What became of the book of an output folder: was there one, is the new one published."""

    previous: bool
    published: bool = False

    def message(self) -> str:
        """What an interrupted build tells.

        >>> Fate(previous=True).message(), Fate(previous=False, published=True).message()
        ('le livre précédent est intact', 'le nouveau livre est complet')
        >>> Fate(previous=False).message()
        'aucun livre publié'
        """
        if self.published:
            return "le nouveau livre est complet"
        return "le livre précédent est intact" if self.previous else "aucun livre publié"


@contextlib.contextmanager
def telling(out: OutDir) -> Iterator[Fate]:
    """Yield the :class:`Fate` of the book of ``out``; turn a ``KeyboardInterrupt`` of the
    block into an :class:`~aaas.errors.Interrupted` that tells it (:meth:`Fate.message`)."""
    fate = Fate(previous=out.index.is_file())
    try:
        yield fate
    except Interrupted:
        raise
    except KeyboardInterrupt:
        raise Interrupted(fate.message()) from None


@contextlib.contextmanager
def recovering(out: OutDir, fate: Fate) -> Iterator[None]:
    """Note whether ``out`` holds a book; if the block is interrupted, remove the new HTML
    half-copied beside it, or the old one half-deleted (:func:`aaas.publish.outdir.recover`)."""
    fate.previous = out.index.is_file()
    try:
        yield
    except KeyboardInterrupt:
        outdir.recover(out)
        raise


def publish(out: OutDir, key: str, manifest: Mapping[str, Any], fate: Fate, forget: Callable[[], object]) -> None:
    """Swap the HTML built in ``out.work`` in, then record ``key`` and ``manifest``.

    Parameters
    ----------
    out : OutDir
        The output folder, locked by the build.
    key, manifest
        The new book's build key (:func:`aaas.publish.jupyterbook.build_key`) and manifest
        (:func:`aaas.publish.variants.manifest`).
    fate : Fate
        Marked published once the key and the manifest are written.
    forget : callable
        Removes what describes the published book (its key, its manifest), once the
        signals are held, just before the renames.
    """
    with contextlib.ExitStack() as held:
        outdir.publish(out, before_swap=functools.partial(_swap_begins, held, forget))
        jupyterbook.record_build_key(out.path, key)
        variants.write_manifest(out.manifest, manifest)
        fate.published = True


def _swap_begins(held: contextlib.ExitStack, forget: Callable[[], object]) -> None:
    """Hold the signals until the end of :func:`publish`, then ``forget`` (and, for tests
    only, pause: :data:`TEST_SWAP_PAUSE_ENV`)."""
    held.enter_context(processes.signals_held())
    forget()
    pause = os.environ.get(TEST_SWAP_PAUSE_ENV)
    if pause:
        mark = os.environ.get(TEST_SWAP_MARK_ENV)
        if mark:
            Path(mark).write_text("échange", encoding="utf-8")
        time.sleep(float(pause))
