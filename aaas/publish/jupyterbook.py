"""Running jupyter-book on a staged source tree, and explaining its failures.

The HTML build is strict (``-W -n --keep-going``: any Sphinx warning fails it).  It runs
in the output folder's work area (:class:`aaas.publish.outdir.OutDir`), in its own
process group, stopped at once if the build is interrupted
(:func:`aaas.publish.processes.run_command`).  The key of a book (:func:`build_key`: every
staged file, the tool versions and the flags) is recorded in ``<out>/.build-key`` once
that book is published, so that an unchanged tree is not built again.  On failure the
error shows the log's warnings and errors first (each with its continuation lines, e.g.
the directive's content or the accepted values), then its last lines.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from ..errors import BuildError
from . import processes

#: jupyter-book strictness flags.
STRICT_FLAGS = ("-W", "-n", "--keep-going")
#: Lines of the jupyter-book log shown on failure: problems first, then the last lines.
LOG_PROBLEMS = 30
LOG_TAIL = 15
#: At most this many lines continuing one warning or error in the excerpt.
LOG_CONTINUATION = 8
#: A Sphinx warning or error line of the log, or the last line of a traceback.
SPHINX_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b|^[A-Za-z_][\w.]*(Error|Exception)\b")
#: Terminal colour codes (stripped from the log excerpt shown on failure).
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
#: Colour codes opening and closing a warning or an error (jupyter-book always colours
#: its log): a message continues until its colour is closed.
COLOUR_OPEN = re.compile(r"\x1b\[(?:31|91)m")
COLOUR_CLOSE = re.compile(r"\x1b\[(?:0|39;49;00)m")
#: Name of the file recording the key of the last successful HTML build.
BUILD_KEY_FILE = ".build-key"


# --------------------------------------------------------------------------------------
# Whether to build
# --------------------------------------------------------------------------------------


def html_index(out_dir: Path) -> Path:
    """The ``index.html`` that jupyter-book writes for ``--path-output out_dir``."""
    return out_dir / "_build" / "html" / "index.html"


def build_key(files: Mapping[str, bytes]) -> str:
    """Key of an HTML build: every staged file, the tool versions and the flags.

    Parameters
    ----------
    files : mapping of str to bytes
        The staged tree (see :func:`aaas.publish.stage.staged_files`).

    Returns
    -------
    str
        A SHA-256 hex digest.
    """
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    h.update(" ".join(STRICT_FLAGS).encode())
    h.update(_tool_versions().encode())
    return h.hexdigest()


def _tool_versions() -> str:
    """Installed versions of the tools the HTML depends on, e.g. ``sphinx=7.4.7;…``."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for dist in ("jupyter-book", "sphinx", "myst-nb", "sphinx-book-theme"):
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


def is_up_to_date(out_dir: Path, key: str) -> bool:
    """Whether ``out_dir`` holds a book whose last successful build had this ``key``."""
    try:
        recorded = (out_dir / BUILD_KEY_FILE).read_text(encoding="utf-8")
    except OSError:
        return False
    return html_index(out_dir).exists() and recorded == key


def record_build_key(out_dir: Path, key: str) -> None:
    """Record ``key`` as that of the book published in ``out_dir`` (atomically)."""
    tmp = out_dir / f"{BUILD_KEY_FILE}.tmp"
    tmp.write_text(key, encoding="utf-8")
    os.replace(tmp, out_dir / BUILD_KEY_FILE)


def forget_build_key(out_dir: Path) -> None:
    """Remove the build key of ``out_dir`` (before its book is replaced)."""
    (out_dir / BUILD_KEY_FILE).unlink(missing_ok=True)


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------


def run_jupyter_book(
    src: Path, work: Path, root: Path, full: bool = False, progress: Callable[[str], object] = print
) -> None:
    """Run ``jupyter-book build`` strictly on ``src``, writing into ``work``.

    Parameters
    ----------
    src : Path
        Staged source tree.
    work : Path
        ``--path-output``: the HTML goes to ``work/_build/html``, the Sphinx environment
        to ``work/_build/.doctrees`` and the log to ``work/jupyter-book.log``.
    root : Path
        Repository built: first on ``PYTHONPATH``, so that Sphinx imports the
        :mod:`aaas.publish.sphinx_ext` extension from it.
    full : bool
        Re-read every page (``--all``) instead of the changed ones only.
    progress : callable
        Receives a French message before and after.

    Raises
    ------
    BuildError
        jupyter-book failed; the message holds :func:`log_excerpt`.
    KeyboardInterrupt
        Re-raised once jupyter-book is stopped.
    """
    progress("Construction HTML (jupyter-book" + (", complète" if full else ", incrémentale") + ") …")
    start = time.perf_counter()
    log_path = work / "jupyter-book.log"
    try:
        code = processes.run_command(_command(src, work, full), log_path, cwd=src, env=_environment(root))
    except BaseException:
        _forget_environment(work)
        raise
    if code:
        _forget_environment(work)
        raise BuildError(
            f"jupyter-book a échoué (code {code}) ; journal complet : {log_path}\n" + log_excerpt(log_path, src)
        )
    progress(f"Construction HTML … {time.perf_counter() - start:.1f} s")


def _forget_environment(work: Path) -> None:
    """Drop Sphinx's environment after a failed or interrupted run.

    Sphinx only re-reads changed pages: without this, the next build would not re-read
    (and re-report) the pages of a failed run, and would pass silently.
    """
    shutil.rmtree(work / "_build" / ".doctrees", ignore_errors=True)


def _command(src: Path, out_dir: Path, full: bool) -> list[str]:
    """The ``jupyter-book build`` command, run with this interpreter (and killed with the build's process)."""
    main = processes.DIE_WITH_PARENT + "from jupyter_book.cli.main import main; main()"
    command = [sys.executable, "-c", main, "build", str(src), "--path-output", str(out_dir), *STRICT_FLAGS]
    return command + ["--all"] if full else command


def _environment(root: Path) -> dict[str, str]:
    """This process's environment, uncoloured, with ``root`` first on ``PYTHONPATH``."""
    python_path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, NO_COLOR="1", PYTHONPATH=python_path)


def log_excerpt(log_path: Path, src: Path) -> str:
    """Sphinx warnings and errors of a jupyter-book log first, then its last lines.

    Each warning or error comes with the lines that continue it (a directive's content,
    the accepted values of an option), each only once; a traceback shows its exception
    line.  Colour codes are dropped, and paths of the staged tree ``src`` are shown
    relative to it (i.e. as in the repository).
    """
    text = log_path.read_text(encoding="utf-8", errors="replace").replace(str(src) + os.sep, "")
    lines = [line for line in text.splitlines() if line.strip()]
    problems = _problems(lines)[:LOG_PROBLEMS]
    parts = ["Avertissements et erreurs :", *problems, "Fin du journal :"] if problems else []
    return "\n".join(parts + [ANSI_ESCAPE.sub("", line) for line in lines[-LOG_TAIL:]])


def _problems(lines: list[str]) -> list[str]:
    """The warning and error messages of the log lines (colour codes kept), uncoloured."""
    found: list[str] = []
    seen: set[tuple[str, ...]] = set()
    i = 0
    while i < len(lines):
        i, block = _problem_at(lines, i)
        if block and tuple(block) not in seen:
            seen.add(tuple(block))
            found += block
    return found


def _problem_at(lines: list[str], i: int) -> tuple[int, list[str]]:
    """The message starting at line ``i`` (empty if none) and the index after it."""
    plain = ANSI_ESCAPE.sub("", lines[i])
    if not SPHINX_PROBLEM.search(plain):
        return i + 1, []
    block, j = [plain], i + 1
    if _left_open(lines[i]):
        while j < len(lines) and len(block) <= LOG_CONTINUATION:
            block.append(ANSI_ESCAPE.sub("", lines[j]))
            j += 1
            if COLOUR_CLOSE.search(lines[j - 1]):
                break
    return j, block


def _left_open(line: str) -> bool:
    """Whether a colour opened on ``line`` is still open at its end.

    >>> _left_open("\x1b[31mERROR: a"), _left_open("\x1b[91mWARNING: b\x1b[39;49;00m"), _left_open("c")
    (True, False, False)
    """
    opened = [m.end() for m in COLOUR_OPEN.finditer(line)]
    closed = [m.end() for m in COLOUR_CLOSE.finditer(line)]
    return bool(opened) and (not closed or max(opened) > max(closed))
