"""The expensive analyses the book shows on several pages, run once per build.

The home page and the « Sensibilité » chapter show the same Monte Carlo draws of the total
(:func:`tirages_total`): the first kernel that needs them computes them and keeps them in the
build's cache folder (:func:`aaas.publish.cache.cache_dir`, ``AAAS_CACHE_DIR``), under
:data:`FOLDER`, keyed by everything they depend on (:func:`memo_key`: the convention, the
scenario's values, the draws, the seed, the mode, the package's code and the data); the
other reads them.  The draws are the same either way (same seed, same draws), so the pages
show the same figures whether the memo is used or not.  Kernels that need the draws at the
same time take turns (a lock per memo): the first computes them, the others read them.
Without a cache folder the tool owns (no build yet, a read-only checkout), the draws are
computed and kept in memory only.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ... import datastore
from ...sensitivity import montecarlo
from .. import cache

#: The folder of the cache that holds the memos (one ``<64-hex key>.npy`` per analysis).
FOLDER = cache.MEMO_DIR
#: Memos kept at most (the oldest are removed when a new one is written).
MEMOS_MAX = 16

_IN_MEMORY: dict[str, np.ndarray] = {}


def memo_key(name: str, convention: str, values: Mapping[str, Any], **options: Any) -> str:
    """The key of an analysis' memo: its name, the convention, the parameter values, its
    options (draws, seed…), the package's code, the data and their edits.

    >>> k = memo_key("mc", "rapport", {"a": 1.0}, n=10, seed=1)
    >>> len(k), k == memo_key("mc", "rapport", {"a": 1.0}, n=10, seed=2)
    (64, False)
    """
    package = Path(__file__).resolve().parents[2]
    h = hashlib.sha256()
    h.update(json.dumps([name, convention, options], sort_keys=True, default=repr).encode())
    h.update(json.dumps({k: repr(v) for k, v in values.items()}, sort_keys=True).encode())
    h.update(f"\0{cache.tree_digest(package, '*.py')}\0{datastore.digest()}\0{datastore.modifications()}".encode())
    return h.hexdigest()


def memo_folder() -> Path | None:
    """The memo folder of the build's cache, or None when there is no cache the tool owns."""
    try:
        folder = cache.cache_dir(datastore.ROOT)
    except (OSError, ValueError):
        return None
    return folder / FOLDER if cache.is_owned(folder) else None


@contextlib.contextmanager
def _locked(folder: Path | None, key: str) -> Iterator[None]:
    """Hold ``<folder>/<key>.lock`` (``flock``, released by the system if the kernel dies):
    the kernels that need the same analysis at once compute it once, the others wait and read it."""
    try:
        if folder is None:
            raise OSError
        folder.mkdir(exist_ok=True)
        handle = open(folder / f"{key}.lock", "a")  # noqa: SIM115 (held for the block)
    except OSError:
        yield  # no memo: computed here
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _read(folder: Path | None, key: str) -> np.ndarray | None:
    path = folder / f"{key}.npy" if folder else None
    try:
        return np.load(path, allow_pickle=False) if path and path.is_file() else None
    except (OSError, ValueError):
        return None  # a damaged memo is computed again


def _write(folder: Path | None, key: str, array: np.ndarray) -> None:
    """Keep ``array`` under ``key`` (written aside, then renamed: a reader sees all or
    nothing); the oldest memos beyond :data:`MEMOS_MAX` are removed."""
    if folder is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            np.save(f, array, allow_pickle=False)
        os.replace(tmp, folder / f"{key}.npy")
        for old in sorted(folder.glob("*.npy"), key=lambda p: p.stat().st_mtime)[:-MEMOS_MAX]:
            old.unlink(missing_ok=True)
            old.with_suffix(".lock").unlink(missing_ok=True)
    except OSError:
        return  # no memo: the next page computes the draws again


def tirages_total(convention: str, values: Mapping[str, Any], n: int, seed: int, correle: bool) -> np.ndarray:
    """The total over ``n`` seeded draws of every hypothesis within its range
    (:func:`aaas.sensitivity.montecarlo.montecarlo`), independent or correlated, computed
    once per build (see the module)."""
    key = memo_key("montecarlo_total", convention, values, n=n, seed=seed, correle=correle)
    if key not in _IN_MEMORY:
        folder = memo_folder()
        with _locked(folder, key):
            kept = _read(folder, key)
            if kept is None or len(kept) != n:
                kept = montecarlo.montecarlo(convention, n, seed, ["total"], correle, dict(values))["total"]
                _write(folder, key, kept)
        _IN_MEMORY[key] = kept
    return _IN_MEMORY[key]
