"""Interruptions of the command line: Ctrl-C (SIGINT, which a terminal sends to the whole
process group) and SIGTERM end any command within a second, with one French line on
stderr and exit status 130 (:data:`EXIT_INTERRUPTED`).

:func:`install` is the first thing the entry points do (:func:`aaas.cli.run`, behind
both ``aaas`` and ``python -m aaas``), before any heavy import; :func:`handled` does the
same for one call of :func:`aaas.cli.main` and restores the previous handlers after it.
A signal ignored when the process started (SIGINT in a background job of a
non-interactive shell, ``nohup``) stays ignored.

Two ways to stop:

* by default, in the process's own run (:func:`aaas.cli.run`), the handler prints
  « aaas : interrompu » and ends the process at once (``os._exit``): the commands that
  build nothing (``tables``, ``check``, ``sensitivity`` …) have nothing to clean up, and
  ending there leaves no room for a traceback, a half-printed warning or a library that
  would catch the interruption;
* after :func:`unwind` (``aaas build``, which must stop its kernels and jupyter-book
  and leave its output folder whole), the first signal raises ``KeyboardInterrupt`` in
  the main thread; the build stops its children without waiting for them and turns the
  interruption into an :class:`~aaas.errors.Interrupted` that tells what became of the
  book, which :func:`aaas.cli.main` prints.  Later signals are ignored while the build
  unwinds, and a watchdog ends the process after :data:`WATCHDOG_S` if unwinding hangs.
  :func:`aaas.cli.main` called in-process (a test, a script) always stops this way, so
  that its caller is never ended by ``os._exit``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

from . import streams

#: Exit status of an interrupted command (128 + SIGINT, as a shell shows it).
EXIT_INTERRUPTED = 130
#: The line of an interrupted command that builds nothing.
MESSAGE = "aaas : interrompu"
#: Seconds an unwinding command is given before the process is ended anyway.
WATCHDOG_S = 5.0
#: The signals handled.
SIGNALS = (signal.SIGINT, signal.SIGTERM)

_state: dict[str, object] = {"process": False, "unwind": False, "stopping": False, "told": False, "watchdog": None}


def install(process: bool = False) -> dict[int, object]:
    """Handle SIGINT and SIGTERM in this process (main thread only); return the previous
    handlers (an ignored signal is left ignored, and not listed).

    ``process``: the caller is the process's entry point, which may end the process at
    once; otherwise (:func:`aaas.cli.main` called in-process, by a test or a script) an
    interruption always raises ``KeyboardInterrupt``, as Python's own handler does.
    """
    _state["process"] = _state["process"] or process
    previous = {}
    with contextlib.suppress(ValueError):  # not the main thread: left to the caller
        for signum in SIGNALS:
            current = signal.getsignal(signum)
            if current is signal.SIG_IGN or current is _on_signal:
                continue
            previous[signum] = signal.signal(signum, _on_signal)
    return previous


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Handle SIGINT and SIGTERM for the block (default: end at once), then restore the
    previous handlers and the default way to stop."""
    previous = install()
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if isinstance(_state["watchdog"], threading.Timer):
            _state["watchdog"].cancel()
        _state.update(unwind=False, stopping=False, told=False, watchdog=None)


def unwind() -> None:
    """From now on, an interruption raises ``KeyboardInterrupt`` in the main thread, so
    that the command cleans up on the way out (see the module)."""
    _state["unwind"] = True


def told() -> None:
    """The interruption's line has been printed: the watchdog ends the process silently."""
    _state["told"] = True


def _on_signal(signum: int, frame) -> None:
    if _state["process"] and not _state["unwind"]:
        streams.say_now(MESSAGE)
        os._exit(EXIT_INTERRUPTED)
    if _state["stopping"]:
        return  # already stopping (and, in the process's own run, the watchdog is armed)
    _state["stopping"] = True
    if _state["process"]:
        watchdog = _state["watchdog"] = threading.Timer(WATCHDOG_S, _force_exit)
        watchdog.daemon = True
        watchdog.start()
    raise KeyboardInterrupt


def _force_exit() -> None:
    """The command did not end :data:`WATCHDOG_S` after the signal: end the process."""
    if not _state["told"]:
        streams.say_now(MESSAGE)
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)
