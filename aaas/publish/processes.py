"""The child processes of a build, and stopping them at once when the build is interrupted.

Two kinds of children write while a book is built:

* the Jupyter kernels that papermill starts (through nbclient) to execute the notebooks:
  they run in their own session, so Ctrl-C in a terminal does not reach them.  Every
  kernel started with :func:`kernel_manager_class` is tracked, and :func:`stop_kernels`
  kills the ones still running (their whole process group);
* jupyter-book, run by :func:`run_command` in its own process group: on Ctrl-C
  (``KeyboardInterrupt``, to which the command line also maps ``SIGTERM``) or any error
  while it runs, the group is terminated, then killed after :data:`GRACE_S`.  On Linux
  the command also asks the system to kill it if the build's process dies without
  cleaning up (``SIGKILL``): see :data:`DIE_WITH_PARENT`.

:func:`signals_held` holds SIGINT and SIGTERM during the few renames that publish a
book, and delivers them after: an interruption never leaves a half-swapped book.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import threading
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path

#: Seconds a terminated command is given to end before it is killed (an interrupted
#: build answers within a second).
GRACE_S = 0.5
#: The signals :func:`signals_held` holds.
HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: Environment variable giving a child the process id it must not outlive.
PARENT_ENV = "AAAS_PARENT_PID"
#: Python prologue of a child command: on Linux, be killed when the parent process dies
#: (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), and exit at once if it is already gone.
DIE_WITH_PARENT = (
    "import ctypes, os, signal, sys\n"
    "if sys.platform.startswith('linux'):\n"
    "    ctypes.CDLL(None).prctl(1, signal.SIGKILL)\n"
    f"    if str(os.getppid()) != os.environ.get('{PARENT_ENV}', str(os.getppid())):\n"
    "        os._exit(1)\n"
)

_LOCK = threading.Lock()
_KERNELS: weakref.WeakSet = weakref.WeakSet()


# --------------------------------------------------------------------------------------
# Kernels
# --------------------------------------------------------------------------------------


@functools.cache
def kernel_manager_class() -> type:
    """A ``jupyter_client`` kernel manager class that records every kernel it starts.

    Passed to papermill (``kernel_manager_class=``), it lets :func:`stop_kernels` find the
    kernels of the notebooks still running.  ``jupyter_client`` is imported here: it is
    slow to import.
    """
    from jupyter_client.manager import AsyncKernelManager

    class TrackedKernelManager(AsyncKernelManager):
        """An ``AsyncKernelManager`` listed in this module's registry of kernels."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            with _LOCK:
                _KERNELS.add(self)

    return TrackedKernelManager


def stop_kernels() -> int:
    """Kill every tracked kernel still running, with its process group; return how many.

    Safe to call from any thread: it only sends signals.  The notebooks' threads then see
    their kernel die and end within about a second.
    """
    with _LOCK:
        managers = list(_KERNELS)
    stopped = 0
    for manager in managers:
        process = getattr(getattr(manager, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            signal_group(process.pid, signal.SIGKILL)
            stopped += 1
    return stopped


# --------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------


def run_command(command: Sequence[str], log: Path, cwd: Path, env: dict[str, str]) -> int:
    """Run ``command`` in its own process group, its output to ``log``; return its exit code.

    If waiting is interrupted (``KeyboardInterrupt``) or fails, the group is stopped
    (:func:`stop_group`) before the exception propagates: no child is left writing.
    """
    env = dict(env, **{PARENT_ENV: str(os.getpid())})
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.STDOUT, cwd=str(cwd), env=env, start_new_session=True
        )
        try:
            return proc.wait()
        except BaseException:
            stop_group(proc)
            raise


def stop_group(proc: subprocess.Popen, grace_s: float = GRACE_S) -> None:
    """Terminate the process group led by ``proc``; kill it if it is still there after ``grace_s``."""
    try:
        signal_group(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        pass
    finally:
        if proc.poll() is None:
            signal_group(proc.pid, signal.SIGKILL)
            proc.wait()


def signal_group(pid: int, signum: int) -> None:
    """Send ``signum`` to the process group led by ``pid`` (not yet reaped); ignore a gone group."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


# --------------------------------------------------------------------------------------
# Signals
# --------------------------------------------------------------------------------------


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the block; one received meanwhile is delivered after it.

    The handlers are swapped for one that only records the signal (Python runs every
    signal handler in the main thread, whichever thread the system chose, so this holds
    them whatever other threads run); at the end of the block the previous handlers are
    put back and each recorded signal is raised again (``signal.raise_signal``), so that
    it has its usual effect, just later.  Outside the main thread, nothing is held.
    """
    received: list[int] = []
    previous = {}
    try:
        for signum in HELD_SIGNALS:
            previous[signum] = signal.signal(signum, lambda signum, _frame: received.append(signum))
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(received):
            signal.raise_signal(signum)
