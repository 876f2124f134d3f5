"""Where the package runs from — a checkout of the repository or an installation (a wheel,
``pip install .``) — what that decides, and the package's version.

A foundation module of the standard library only (``aaas --version`` and ``import aaas``
load neither NumPy nor pandas).

- In a checkout (``<root>/aaas`` beside ``<root>/data``), the data are the checkout's
  ``data/`` and ``scenarios/``, the caches are under ``<root>/_build``, and the version is
  read from git (the tags ``vX.Y.Z``), as setuptools-scm computes it when the wheel is built.
- Installed, the data are the package's own copy (``aaas/_data``, ``aaas/_scenarios``, read
  through :mod:`importlib.resources`), nothing is written into the installation (the caches
  go to the user's cache folder, :func:`user_cache`), and the version is the installed
  distribution's.
"""

from __future__ import annotations

import os
import re
import subprocess
from importlib import metadata, resources
from pathlib import Path

#: The package's folder, and the folder holding it (the repository's root in a checkout).
PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
#: The version when none can be read (no git and no installed metadata: an unpacked source
#: archive); the release being prepared, as pyproject.toml's ``fallback_version``.
FALLBACK_VERSION = "0.2.0.dev0"
#: Environment variable of the user's cache folder (else ``~/.cache``), as the XDG rules say.
XDG_CACHE = "XDG_CACHE_HOME"
_DESCRIBE = re.compile(r"^v(?P<tag>\d+(?:\.\d+)*)-(?P<distance>\d+)-g(?P<node>[0-9a-f]+)$")


def in_checkout(root: Path = ROOT) -> bool:
    """Whether ``root`` is a checkout of the repository, or a copy of its package and data
    (not an installation's site-packages): ``aaas/`` beside ``data/parameters.csv``.

    >>> in_checkout(Path("/nonexistent"))
    False
    """
    return (root / "aaas" / "__init__.py").is_file() and (root / "data" / "parameters.csv").is_file()


def in_clone(root: Path = ROOT) -> bool:
    """Whether ``root`` is a checkout with its own git repository (not an unpacked source
    archive, whose enclosing folders' git, if any, is not this edition's).

    >>> in_clone(Path("/nonexistent"))
    False
    """
    return in_checkout(root) and (root / ".git").exists()


def packaged(name: str) -> Path:
    """The folder ``name`` (``_data``, ``_scenarios``) shipped inside the installed package.

    >>> packaged("_data").name
    '_data'
    """
    folder = resources.files(__package__ or "aaas") / name
    return folder if isinstance(folder, Path) else Path(str(folder))


def user_cache(*parts: str) -> Path:
    """A folder of the user's cache (``$XDG_CACHE_HOME/aaas/…``, else ``~/.cache/aaas/…``).

    >>> user_cache("data").parts[-2:]
    ('aaas', 'data')
    """
    base = os.environ.get(XDG_CACHE, "").strip() or Path.home() / ".cache"
    return Path(base, "aaas", *parts)


def version() -> str:
    """The package's version: from git in a checkout (``vX.Y.Z`` tags, as setuptools-scm
    derives it: ``0.2.0`` on the tag, ``0.2.1.dev3+g1a2b3c4`` three commits after it), else
    the installed distribution's, else :data:`FALLBACK_VERSION`.

    >>> version()[0].isdigit()
    True
    """
    if in_checkout():
        return (_git_version(ROOT) if in_clone() else _sdist_version(ROOT)) or FALLBACK_VERSION
    try:
        dist = metadata.distribution("aaas")
    except metadata.PackageNotFoundError:
        return FALLBACK_VERSION
    if Path(str(dist.locate_file("aaas/__init__.py"))).resolve() != PACKAGE / "__init__.py":
        return FALLBACK_VERSION  # another copy of aaas is the one installed
    return dist.version


def release() -> str:
    """The release this version is or leads to, as ``CITATION.cff`` names it: the last tag
    ``vX.Y.Z`` in a checkout (the fallback's release before any tag), else the installed
    version without its development and local parts.

    >>> release().count(".") >= 1 and ".dev" not in release() and "+" not in release()
    True
    """
    if in_clone():
        try:
            return _git(ROOT, "describe", "--tags", "--abbrev=0", "--match", "v*").removeprefix("v")
        except (OSError, subprocess.SubprocessError):
            return FALLBACK_VERSION.split(".dev")[0]
    return __version__.split("+")[0].split(".dev")[0]


def _sdist_version(root: Path) -> str | None:
    """The version an unpacked source archive records (``PKG-INFO``), or None."""
    try:
        text = (root / "PKG-INFO").read_text(encoding="utf-8")
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Version:")), None)


def _git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=10, check=True).stdout.strip()


def _git_version(root: Path) -> str | None:
    """The version git gives ``root`` (None without git or commits)."""
    try:
        described = _git(root, "describe", "--tags", "--long", "--match", "v*")
    except subprocess.CalledProcessError:  # no tag yet: the release being prepared
        try:
            count, node = _git(root, "rev-list", "--count", "HEAD"), _git(root, "rev-parse", "--short", "HEAD")
        except (OSError, subprocess.SubprocessError):
            return None
        base = FALLBACK_VERSION.split(".dev")[0]
        return base if count == "0" else f"{base}.dev{count}+g{node}"
    except (OSError, subprocess.SubprocessError):
        return None
    return from_describe(described)


def from_describe(described: str) -> str | None:
    """The version of a ``git describe --tags --long`` output, as setuptools-scm's default
    scheme gives it (the next patch release's development version after the tag).

    >>> from_describe("v0.2.0-0-g1a2b3c4")
    '0.2.0'
    >>> from_describe("v0.2.0-3-g1a2b3c4")
    '0.2.1.dev3+g1a2b3c4'
    >>> from_describe("autre") is None
    True
    """
    found = _DESCRIBE.match(described)
    if not found:
        return None
    tag, distance, node = found["tag"], int(found["distance"]), found["node"]
    if distance == 0:
        return tag
    parts = tag.split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return f"{'.'.join(parts)}.dev{distance}+g{node}"


#: The version of this package, resolved once (``aaas.__version__``).
__version__ = version()
