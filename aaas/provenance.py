"""Where a result comes from: the commit of the code, the package version, the data's date
and digest.  Stamped on every page of the book and carried by every export.

A foundation module: it imports only the standard library and :mod:`aaas.datastore`'s
location of the data.  The commit and the dates come from git in a checkout only: an
installed package (a wheel) says « inconnu », even when its environment lies inside some
other git repository; the version is :mod:`aaas.location`'s (git tags, else the installed
metadata).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import location
from .datastore import ROOT, digest, modifications


def _git(root: Path, *args: str, timeout: float) -> str:
    """Standard output of ``git -C root args`` (stripped); raises when git fails."""
    if not location.in_clone(root):  # an installation or a source archive: the enclosing git is not ours
        raise subprocess.SubprocessError(f"{root} n'est pas un clone du dépôt")
    command = ["git", "-C", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True).stdout.strip()


def git_commit(root: Path = ROOT) -> str:
    """Short hash of ``root``'s HEAD, with ``+`` when the tree has uncommitted changes.

    Returns ``inconnu`` when ``root`` is not a checkout in a git repository (or git is missing).

    >>> git_commit(Path("/nonexistent"))
    'inconnu'
    """
    try:
        head = _git(root, "rev-parse", "--short", "HEAD", timeout=10)
        dirty = _git(root, "status", "--porcelain", timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "inconnu"
    if not head:
        return "inconnu"
    return head + ("+" if dirty else "")


def data_date(root: Path = ROOT) -> str:
    """Date (YYYY-MM-DD) of the last commit that changed ``data/``, or ``inconnue``."""
    try:
        return _git(root, "log", "-1", "--format=%cs", "--", "data", timeout=10) or "inconnue"
    except (OSError, subprocess.SubprocessError):
        return "inconnue"


def edition_date(root: Path = ROOT) -> str:
    """Date (YYYY-MM-DD) of the commit the book is built from (HEAD), or ``inconnue``: the edition's date."""
    try:
        return _git(root, "log", "-1", "--format=%cs", timeout=10) or "inconnue"
    except (OSError, subprocess.SubprocessError):
        return "inconnue"


def regles_paie() -> str:
    """The payroll rules behind ``data/paie_regles.csv`` (``modele-social`` and its version)."""
    from .datastore import table

    versions = sorted(table("paie_regles.csv")["version_regles"].astype(str).unique())
    return f"modele-social {', '.join(versions)}"


def stamp(root: Path = ROOT) -> dict[str, str]:
    """Commit, version, data date and digest, the edits to the data (:mod:`aaas.datadiff`;
    empty when none), payroll rules, as a mapping of French keys."""
    return {
        "commit": git_commit(root),
        "version": location.__version__,
        "date_donnees": data_date(root),
        "empreinte_donnees": digest(),
        "donnees_modifiees": modifications(),
        "regles_paie": regles_paie(),
    }
