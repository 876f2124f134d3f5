"""The Python interpreters the package is tested under (3.11, the oldest supported, and
3.13, the newest), found on PATH (``python3.13``) or among pyenv's versions, checked to run
and to be the version asked for.

Also a command for the Makefile: ``python3 tests/packaging/interpreters.py 3.13`` prints
the interpreter's path, or one line on stderr and exit 1 when there is none.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The oldest and the newest version of Python the package supports (pyproject.toml).
OLDEST, NEWEST = "3.11", "3.13"


def candidates(version: str) -> list[str]:
    """Where ``python{version}`` may be: PATH, then pyenv's versions (``$PYENV_ROOT``, ``~/.pyenv``)."""
    found = [shutil.which(f"python{version}")]
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    found += sorted(glob.glob(f"{root}/versions/{version}.*/bin/python{version}"), reverse=True)
    return [p for p in found if p]


def runs_as(python: str, version: str) -> bool:
    """Whether ``python`` runs and is Python ``version`` (a pyenv shim of another version fails)."""
    try:
        done = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.strip() == version


def find(version: str) -> str | None:
    """The path of a working Python ``version`` interpreter, or None."""
    return next((p for p in candidates(version) if runs_as(p, version)), None)


def missing(version: str) -> str:
    """The message of a missing interpreter."""
    return (
        f"python{version} introuvable (ni sur le PATH ni parmi les versions de pyenv) : "
        f"installez Python {version} ; les tests de l'installation en ont besoin"
    )


if __name__ == "__main__":
    wanted = sys.argv[1] if len(sys.argv) > 1 else NEWEST
    path = find(wanted)
    if path is None:
        print(missing(wanted), file=sys.stderr)
        sys.exit(1)
    print(path)
