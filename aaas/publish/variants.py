"""Named variant books: their folder, their manifest, listing them and removing old ones.

A variant (parameters that differ from the report's, or the ``corrige`` convention) is
built by default into ``<root>/_build/variants/<name>/``, where :func:`variant_name` is
the scenario file's stem (``variante`` when only ``--set`` values are given), the hash
of the parameter values and ``-corrige`` under that convention, e.g.
``territoire_rural-1a2b3c4d5e6f`` or ``variante-1a2b3c4d5e6f-corrige``; a stem longer
than :data:`STEM_MAX` characters is cut and ends with a hash of the whole stem, so that
the name stays within the file system's limits.

Every output folder holds a ``manifest.json`` (:func:`manifest`): the variant's name, its
convention, the parameters changed with their values, the scenario file's name (never
its path), the date of the build and the provenance of the code and data
(:func:`aaas.provenance.stamp`).

API of the command ``aaas variants [--prune N]``: :func:`list_variants` describes the
variant folders, newest first; :func:`prune` removes all but the ``N`` most recently
used; :func:`prune_cache` bounds the notebook cache the same way (the notebooks of the
``N`` most recent builds are kept).  Only what the tool wrote is removed: variant folders
carrying the ownership marker, and cache entries of a cache it owns
(:func:`aaas.publish.cache.prune_cache`); never a variant or cache entry a running build uses.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .. import datastore as data
from ..errors import OutputPathError
from ..models import conventions
from ..models.scenario import Scenario
from ..provenance import stamp
from . import cache, lock, outdir

#: Folder of the variant books, relative to the repository.
VARIANTS_DIR = Path("_build") / "variants"
#: Longest scenario-file stem kept whole in a variant's folder name.
STEM_MAX = 64


# --------------------------------------------------------------------------------------
# Names and manifests
# --------------------------------------------------------------------------------------


def variant_name(scenario: Scenario, convention: str) -> str:
    """Folder name of a variant: scenario file stem (or ``variante``), values hash, convention.

    >>> from aaas.models import scenario as scenarios
    >>> s = scenarios.resolve(overrides={"population_bassin": 50000})
    >>> variant_name(s, "rapport") == "variante-" + s.hash()
    True
    >>> s.scenario_file = "/ailleurs/Territoire rural (été).yaml"
    >>> variant_name(s, "corrige") == f"territoire_rural_ete-{s.hash()}-corrige"
    True
    """
    stem = _shortened(_slug(Path(scenario.scenario_file).stem)) if scenario.scenario_file else ""
    suffix = "" if convention == "rapport" else f"-{convention}"
    return f"{stem or 'variante'}-{scenario.hash()}{suffix}"


def _slug(text: str) -> str:
    """ASCII snake_case: accents dropped, other characters as ``_``.

    >>> _slug("Scénario N°2 - rural"), _slug("territoire-rural"), _slug("***")
    ('scenario_n2_rural', 'territoire_rural', '')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def _shortened(stem: str) -> str:
    """``stem``, or when longer than :data:`STEM_MAX` its start and a hash of the whole.

    >>> _shortened("court"), len(_shortened("x" * 300)), _shortened("x" * 300) != _shortened("x" * 299)
    ('court', 64, True)
    """
    if len(stem) <= STEM_MAX:
        return stem
    return f"{stem[: STEM_MAX - 9]}_{hashlib.sha256(stem.encode()).hexdigest()[:8]}"


def plain(value: Any) -> Any:
    """A JSON/Python-literal friendly version of a parameter value.

    >>> plain(np.arange(3).reshape(1, 3)), plain(np.bool_(True)), plain(np.int64(2)), plain("a")
    ([0.0, 1.0, 2.0], True, 2.0, 'a')
    """
    if isinstance(value, np.ndarray):
        return [float(x) for x in value.ravel()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return str(value)


def manifest(scenario: Scenario, convention: str, root: Path) -> dict[str, Any]:
    """What a book is: name, convention, changed parameters, scenario file name, date, provenance."""
    variant = conventions.is_variant(scenario, convention)
    return {
        "name": variant_name(scenario, convention) if variant else "rapport",
        "convention": convention,
        "parameters": {name: plain(value) for name, value in scenario.changed.items()},
        "scenario_file": Path(scenario.scenario_file).name if scenario.scenario_file else None,
        "parameters_hash": scenario.hash(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "provenance": {**stamp(root), "empreinte_donnees": cache.data_digest(root)},
    }


def write_manifest(path: Path, content: Mapping[str, Any]) -> None:
    """Write ``content`` as JSON to ``path``, atomically."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an output folder (empty when missing or unreadable)."""
    try:
        content = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return content if isinstance(content, dict) else {}


# --------------------------------------------------------------------------------------
# Listing and pruning
# --------------------------------------------------------------------------------------


def list_variants(root: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """The variant books of ``<root>/_build/variants``, most recently used first.

    Only folders carrying the ownership marker (:data:`aaas.publish.outdir.MARKER`) count.

    Returns
    -------
    list of dict
        ``name`` (folder name), ``convention``, ``parameters`` (changed, with values),
        ``scenario_file`` (name or None), ``date`` (ISO 8601 date of the last build of
        the pages, or None), ``used`` (ISO 8601 date of the last build request, up to
        date or not), ``size`` (bytes on disk, every file of the folder) and ``path``
        (:class:`~pathlib.Path` of the folder).
    """
    folder = _root(root) / VARIANTS_DIR
    found = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_dir() and not path.is_symlink() and outdir.is_owned(path):
            found.append(_describe(path))
    return sorted(found, key=lambda v: (v["used"], v["name"]), reverse=True)


def _describe(path: Path) -> dict[str, Any]:
    info = read_manifest(path)
    used = (path / outdir.MARKER).stat().st_mtime
    return {
        "name": path.name,
        "convention": info.get("convention"),
        "parameters": info.get("parameters", {}),
        "scenario_file": info.get("scenario_file"),
        "date": info.get("date"),
        "used": dt.datetime.fromtimestamp(used, dt.UTC).isoformat(timespec="seconds"),
        "size": folder_size(path),
        "path": path,
    }


def folder_size(path: Path) -> int:
    """Bytes of every file under ``path`` (links not followed)."""
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def prune(root: str | os.PathLike | None, keep: int) -> list[Path]:
    """Remove every variant book but the ``keep`` most recently used; return the removed folders.

    Only folders carrying the ownership marker are touched (never a link), and a variant
    being built (its lock held) is kept.

    Raises
    ------
    InputError
        ``keep`` is not an integer >= 0.
    OutputPathError
        ``_build/variants`` is a link to another folder (whose books are not the checkout's
        variants): nothing is removed.
    """
    cache.check_keep(keep)
    folder = _root(root) / VARIANTS_DIR
    if folder.is_symlink():
        raise OutputPathError(
            f"« {folder} » est un lien vers « {os.path.realpath(folder)} » : les variantes n'y sont pas supprimées"
        )
    removed = []
    for variant in list_variants(root)[keep:]:
        path = variant["path"]
        trash = path.with_name(f".suppression-{os.getpid()}-{hashlib.sha256(path.name.encode()).hexdigest()[:12]}")
        with lock.try_locked(path) as free:
            if not free:
                continue
            os.replace(path, trash)
        shutil.rmtree(trash, ignore_errors=True)
        removed.append(path)
    return removed


def prune_cache(root: str | os.PathLike | None, keep: int) -> list[Path]:
    """Delete the cached notebooks not used by the ``keep`` most recent builds; return them.

    The cache is the one a build of ``root`` uses (:func:`aaas.publish.cache.cache_dir`,
    ``AAAS_CACHE_DIR`` included, refused unless the tool owns it); see
    :func:`aaas.publish.cache.prune_cache`.

    Raises
    ------
    OutputPathError
        The cache folder is refused (:func:`aaas.publish.cache.check_cache`).
    """
    return cache.prune_cache(cache.cache_dir(_root(root)), keep)


def _root(root: str | os.PathLike | None) -> Path:
    return Path(root).resolve() if root else data.ROOT
