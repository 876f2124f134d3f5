"""Executing the book's notebooks with papermill, in parallel.

:func:`execute_notebooks` runs the notebooks planned by :mod:`aaas.publish.cache` that are
missing from the cache, and stores each executed copy there with its parameter cells
tagged to be hidden from readers and without any trace of where or when it ran
(:mod:`aaas.publish.executed`).  A failed notebook is described in French, naming the cell of
the committed notebook, and its partial copy is kept under ``<cache>/failed/``.  When the
build is interrupted (``KeyboardInterrupt``), the queued notebooks are cancelled and the
running kernels killed (:func:`aaas.publish.processes.stop_kernels`), without waiting for
their threads: those are daemon threads, and what they would still log (« Kernel died
while waiting for execute reply ») is silenced (:func:`silence`).
:func:`refresh_one` re-executes a committed notebook in place.
"""

from __future__ import annotations

import functools
import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import BuildError
from . import cache, executed, processes
from .cache import NotebookTask

#: Longest run allowed for one notebook cell, in seconds (a hung cell fails the build).
CELL_TIMEOUT_S = 600
#: Loggers of the libraries that run the notebooks (nbclient logs through papermill's).
LOGGERS = ("papermill", "nbclient", "traitlets", "jupyter_client", "asyncio")

#: Result of running one notebook: seconds taken, French error message or None.
Outcome = tuple[float, str | None]


# --------------------------------------------------------------------------------------
# Running notebooks
# --------------------------------------------------------------------------------------


def execute_notebooks(
    tasks: list[NotebookTask],
    parameters: Mapping[str, Any],
    root: Path,
    jobs: int | None = None,
    progress: Callable[[str], object] = print,
) -> None:
    """Execute the notebooks missing from the cache, in parallel.

    Parameters
    ----------
    tasks : list of NotebookTask
        From :func:`aaas.publish.cache.plan_notebooks`.
    parameters : mapping
        Injected by papermill in every notebook.
    root : Path
        Working directory of the kernels.
    jobs : int, optional
        Notebooks executed at once (default: the CPU count).
    progress : callable
        Receives one line per notebook (``[i/n] name … seconds``).

    Raises
    ------
    BuildError
        One or more notebooks failed (each described by :func:`describe_failure`).
    KeyboardInterrupt
        Re-raised once the queued notebooks are cancelled and the running kernels killed.
    """
    if tasks:
        cache.sweep_partials(tasks[0].executed.parent)
    done, todo = 0, []
    for task in tasks:
        if task.executed.is_file():
            done += 1
            progress(f"[{done}/{len(tasks)}] {task.name} … en cache")
        else:
            todo.append(task)
    cancelled = threading.Event()
    run = functools.partial(execute_one, parameters=parameters, root=root, cancelled=cancelled)
    stop = functools.partial(_stop, cancelled)
    failures = run_parallel(todo, run, jobs=jobs, progress=progress, done=done, total=len(tasks), on_interrupt=stop)
    if failures:
        raise BuildError("exécution des notebooks en échec :\n" + "\n".join(failures))
    cache.mark_used(tasks)


def _stop(cancelled: threading.Event) -> None:
    """Mark the run as cancelled (no failed copy kept) and kill the running kernels."""
    cancelled.set()
    processes.stop_kernels()


def run_parallel(
    items: Sequence[Any],
    run: Callable[[Any], Outcome],
    jobs: int | None,
    progress: Callable[[str], object],
    done: int = 0,
    total: int | None = None,
    on_interrupt: Callable[[], object] | None = None,
) -> list[str]:
    """Call ``run`` on every item in worker threads, reporting each as it finishes.

    Parameters
    ----------
    items : sequence
        Objects with a ``name`` (a :class:`NotebookTask` or a :class:`~pathlib.Path`).
    run : callable
        Returns ``(seconds, error message or None)`` for one item; never raises.
    jobs : int or None
        Threads (default: the CPU count), at most one per item.
    progress : callable
        Receives ``[i/total] name … seconds`` (`` ÉCHEC`` appended on failure).
    done, total : int
        Items already reported, and the count shown (default: ``done + len(items)``).
    on_interrupt : callable, optional
        Stops the running items (kills their kernels) on ``KeyboardInterrupt``; the others are
        cancelled; the daemon workers are not waited for, their logs silenced (:func:`silence`).

    Returns the error messages, in the order the failures finished.
    """
    total = done + len(items) if total is None else total
    failures: list[str] = []
    finished, stop, workers = queue.Queue(), threading.Event(), []
    try:
        workers = _start_workers(items, run, jobs, finished, stop)
        for _ in items:
            item, (seconds, error) = finished.get()
            done += 1
            progress(f"[{done}/{total}] {item.name} … {seconds:.1f} s" + (" ÉCHEC" if error else ""))
            if error:
                failures.append(error)
    except BaseException:
        _abandon(workers, stop, on_interrupt)
        raise
    return failures


def _abandon(workers: list[threading.Thread], stop: threading.Event, on_interrupt: Callable[[], object] | None) -> None:
    """Cancel the items not started, silence the workers, stop the running items."""
    stop.set()
    silence(workers)
    if on_interrupt is not None:
        on_interrupt()


def _start_workers(
    items: Sequence[Any], run: Callable[[Any], Outcome], jobs: int | None, finished: queue.Queue, stop: threading.Event
) -> list[threading.Thread]:
    """Start the daemon threads that run ``items``, each putting ``(item, outcome)`` in ``finished``."""
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for item in items:
        todo.put(item)
    workers = [
        threading.Thread(target=_work, args=(todo, finished, run, stop), name=f"aaas-notebooks-{i}", daemon=True)
        for i in range(_workers(jobs, len(items)))
    ]
    for worker in workers:
        worker.start()
    return workers


def _work(todo: queue.SimpleQueue, finished: queue.Queue, run: Callable[[Any], Outcome], stop: threading.Event) -> None:
    """A worker: run the queued items until none is left or the run is stopped."""
    while not stop.is_set():
        try:
            item = todo.get_nowait()
        except queue.Empty:
            return
        try:
            outcome = run(item)
        except BaseException as exc:  # noqa: BLE001 - reported as the item's failure
            outcome = (0.0, f"  - {item.name} : {type(exc).__name__} : {exc}")
        finished.put((item, outcome))


class _Abandoned(logging.Filter):
    """Drops the log records emitted by abandoned worker threads (marked by :func:`silence`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(threading.current_thread(), "aaas_abandoned", False)


_ABANDONED = _Abandoned()


def silence(threads: Sequence[threading.Thread]) -> None:
    """Silence what ``threads`` still log through the notebook libraries (:data:`LOGGERS`)
    once their run is abandoned: an interrupted build prints its own line only."""
    for thread in threads:
        thread.aaas_abandoned = True
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _ABANDONED not in logger.filters:
            logger.addFilter(_ABANDONED)
    if logging.lastResort is not None and _ABANDONED not in logging.lastResort.filters:
        logging.lastResort.addFilter(_ABANDONED)


def execute_one(
    task: NotebookTask, parameters: Mapping[str, Any], root: Path, cancelled: threading.Event | None = None
) -> Outcome:
    """Execute one notebook into the cache, its parameter cells and code hidden, its metadata cleaned.

    Returns
    -------
    tuple of (float, str or None)
        Seconds taken, and the French description of the failure (``None`` on success);
        a failed notebook's partial copy is kept as ``<cache>/failed/<name>``, unless the
        run was ``cancelled``.
    """
    start = time.perf_counter()
    failed = task.executed.parent / "failed" / task.name
    task.executed.parent.mkdir(parents=True, exist_ok=True)
    tmp = task.executed.with_name(f"{task.key}.{os.getpid()}-{threading.get_ident()}{cache.PARTIAL_SUFFIX}")
    try:
        run_papermill(task.source, tmp, parameters, root)
        nb = executed.read_notebook(tmp)
        executed.hide_parameter_cells(nb)
        executed.remove_code_inputs(nb)
        executed.clean_executed(nb, task.rel)
        executed.write_notebook(nb, tmp)
        os.replace(tmp, task.executed)
        failed.unlink(missing_ok=True)
        return time.perf_counter() - start, None
    except Exception as exc:  # noqa: BLE001 - turned into a BuildError by the caller
        if cancelled is not None and cancelled.is_set():
            return time.perf_counter() - start, f"  - {task.rel} : interrompu"
        kept = _keep_failed_copy(tmp, failed)
        message = describe_failure(task.source, exc, root)
        if kept:
            message += f"\n    copie exécutée : {kept}"
        return time.perf_counter() - start, message
    finally:
        tmp.unlink(missing_ok=True)


def refresh_one(path: Path, root: Path) -> Outcome:
    """Re-execute a committed notebook in place with its own parameters, its parameters
    cell first rewritten from the data (:func:`.notebook.parameters_cell.rewrite`).

    Execution metadata is stripped so that the refreshed notebook diffs cleanly.  Returns
    ``(seconds, error message or None)`` as :func:`execute_one`; on failure (or an
    interruption) the committed notebook is left untouched: it is replaced by renaming.
    """
    from .notebook import parameters_cell  # imports the model: only when refreshing

    start = time.perf_counter()
    tmp = path.with_name(f".{path.stem}.refresh.ipynb")
    filled = path.with_name(f".{path.stem}.parametres.ipynb")  # the committed file stays as is until the end
    try:
        executed.write_notebook(parameters_cell.filled(path), filled)
        run_papermill(filled, tmp, {}, root)
        nb = executed.read_notebook(tmp)
        executed.strip_execution_metadata(nb)
        executed.write_notebook(nb, tmp)
        os.replace(tmp, path)
        return time.perf_counter() - start, None
    except Exception as exc:  # noqa: BLE001 - reported to the user by the caller
        return time.perf_counter() - start, describe_failure(path, exc, root, injected=False)
    finally:
        tmp.unlink(missing_ok=True)
        filled.unlink(missing_ok=True)


def run_papermill(source: Path, output: Path, parameters: Mapping[str, Any], root: Path) -> None:
    """Execute ``source`` into ``output`` with papermill, in ``root``, injecting ``parameters``.

    Papermill is imported here: it is slow to import.  Raises papermill's execution
    error when a cell fails (see :func:`describe_failure`).
    """
    import papermill

    papermill.execute_notebook(
        str(source),
        str(output),
        parameters=dict(parameters),
        kernel_name="python3",
        cwd=str(root),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        execution_timeout=CELL_TIMEOUT_S,
        # Silence the kernel's own log: its "TCP without encryption" warning and the
        # "KeyboardInterrupt caught" line caused by jupyter_client interrupting every
        # kernel at shutdown are noise here; cell errors still come back as outputs.
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        # Outputs are complete once the last cell ran: kill the kernel instead of the
        # graceful shutdown, which sometimes waits seconds for SIGTERM.
        shutdown_kernel="immediate",
        # Tracked, so that an interrupted build can kill the kernels still running.
        kernel_manager_class=processes.kernel_manager_class(),
    )


def _workers(jobs: int | None, count: int) -> int:
    """Threads for ``count`` notebooks: ``jobs`` (default: CPU count), between 1 and ``count``.

    >>> _workers(4, 2), _workers(2, 10), _workers(3, 0)
    (2, 2, 1)
    >>> _workers(None, 1)
    1
    """
    return max(1, min(jobs or os.cpu_count() or 1, count or 1))


# --------------------------------------------------------------------------------------
# Failures
# --------------------------------------------------------------------------------------


def describe_failure(source: Path, exc: BaseException, root: Path, injected: bool = True) -> str:
    """A French one-paragraph description of a notebook failure, naming the cell.

    Parameters
    ----------
    source : Path
        The committed notebook (cell numbers are given in it, from 1).
    exc : BaseException
        Papermill's execution error (with ``cell_index``, ``ename``, ``evalue``), or any
        other exception (then only its type and first line are shown).
    root : Path
        Repository: the notebook is named relative to it.
    injected : bool
        Whether papermill injected a parameters cell (it does not when no parameter is
        given, as in :func:`refresh_one`).

    Returns
    -------
    str
        One list item, e.g. ``  - notebooks/x.ipynb : cellule n° 3 « … » : ValueError : …``.
    """
    try:
        rel = source.relative_to(root).as_posix()
    except ValueError:
        rel = str(source)
    cell_index = getattr(exc, "cell_index", None)
    if cell_index is None:
        first = (str(exc).strip().splitlines() or [""])[0]
        return f"  - {rel} : {type(exc).__name__} : {first}"
    number, where = _original_cell(source, cell_index, injected)
    snippet = (getattr(exc, "source", "") or "").strip().splitlines()
    excerpt = f" « {snippet[0][:70]} »" if snippet else ""
    evalue = (str(getattr(exc, "evalue", "")).strip().splitlines() or [""])[0]
    return f"  - {rel} : {where} {number}{excerpt} : {getattr(exc, 'ename', 'Erreur')} : {evalue}"


def _original_cell(source: Path, executed_index: int, injected: bool = True) -> tuple[int, str]:
    """Map a cell index of the executed notebook to the committed one (1-based)."""
    if not injected:
        return executed_index + 1, "cellule n°"
    try:
        cells = executed.read_notebook(source).cells
    except Exception:  # noqa: BLE001 - best effort only
        return executed_index + 1, "cellule n°"
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    injected = tagged[0] + 1 if tagged else 0
    if executed_index == injected:
        return executed_index + 1, "cellule des paramètres injectés, n°"
    return (executed_index if executed_index > injected else executed_index + 1), "cellule n°"


def _keep_failed_copy(tmp: Path, target: Path) -> Path | None:
    """Keep the partially executed notebook as ``target`` (``<cache>/failed/<name>``) for inspection."""
    if not tmp.is_file():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp, target)
    return target
