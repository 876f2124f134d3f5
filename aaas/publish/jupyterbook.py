"""Running jupyter-book on a staged source tree, and explaining its failures.

The HTML build is strict (``-W -n --keep-going``: any Sphinx warning fails it).  Its key
(:func:`build_key`: every staged file, the tool versions and the flags) is recorded in
``<out>/.build-key`` after a success, so that an unchanged tree is not built again.  On
failure the error shows the log's warnings and errors first, then its last lines.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from ..errors import BuildError

#: jupyter-book strictness flags.
STRICT_FLAGS = ("-W", "-n", "--keep-going")
#: Lines of the jupyter-book log shown on failure: problems first, then the last lines.
LOG_PROBLEMS = 30
LOG_TAIL = 15
#: A Sphinx warning or error line of the log.
SPHINX_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b|Traceback|Exception")
#: Terminal colour codes (stripped from the log excerpt shown on failure).
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
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
    """Record ``key`` as that of the successful build in ``out_dir``."""
    (out_dir / BUILD_KEY_FILE).write_text(key, encoding="utf-8")


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------


def run_jupyter_book(
    src: Path, out_dir: Path, root: Path, full: bool = False, progress: Callable[[str], object] = print
) -> None:
    """Run ``jupyter-book build`` strictly on ``src``, writing into ``out_dir``.

    Parameters
    ----------
    src : Path
        Staged source tree.
    out_dir : Path
        ``--path-output``: the HTML goes to ``out_dir/_build/html``, the log to
        ``out_dir/jupyter-book.log``.
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
    """
    command = _command(src, out_dir, full)
    progress("Construction HTML (jupyter-book" + (", complète" if full else ", incrémentale") + ") …")
    start = time.perf_counter()
    log_path = out_dir / "jupyter-book.log"
    (out_dir / BUILD_KEY_FILE).unlink(missing_ok=True)
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=str(src), env=_environment(root))
    if proc.returncode:
        # Sphinx only re-reads changed pages: forget the environment so that the next
        # build re-reads (and re-reports) every page instead of passing silently.
        shutil.rmtree(out_dir / "_build" / ".doctrees", ignore_errors=True)
        raise BuildError(
            f"jupyter-book a échoué (code {proc.returncode}) ; journal complet : {log_path}\n"
            + log_excerpt(log_path, src)
        )
    progress(f"Construction HTML … {time.perf_counter() - start:.1f} s")


def _command(src: Path, out_dir: Path, full: bool) -> list[str]:
    """The ``jupyter-book build`` command, run with this interpreter."""
    main = "from jupyter_book.cli.main import main; main()"
    command = [sys.executable, "-c", main, "build", str(src), "--path-output", str(out_dir), *STRICT_FLAGS]
    return command + ["--all"] if full else command


def _environment(root: Path) -> dict[str, str]:
    """This process's environment, uncoloured, with ``root`` first on ``PYTHONPATH``."""
    python_path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, NO_COLOR="1", PYTHONPATH=python_path)


def log_excerpt(log_path: Path, src: Path) -> str:
    """Sphinx warnings and errors of a jupyter-book log first, then its last lines.

    Colour codes are dropped, and paths of the staged tree ``src`` are shown relative to
    it (i.e. as in the repository).
    """
    text = ANSI_ESCAPE.sub("", log_path.read_text(encoding="utf-8", errors="replace"))
    text = text.replace(str(src) + os.sep, "")
    lines = [line for line in text.splitlines() if line.strip()]
    problems = [line for line in lines if SPHINX_PROBLEM.search(line)][:LOG_PROBLEMS]
    parts = []
    if problems:
        parts += ["Avertissements et erreurs :", *problems, "Fin du journal :"]
    return "\n".join(parts + lines[-LOG_TAIL:])
