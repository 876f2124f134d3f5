"""What differs between the data folder in use and the data as published, in words.

Every header and provenance names the edits to the data (« données modifiées :
tarif_horaire_interpretariat 40 → 45 »), so that a figure computed from edited data is
never taken for the edition's, and a regression (nbval, ``aaas check``) names what moved.

The reference is the data as published: in a git checkout, the committed version (HEAD) of
the shipped folder; elsewhere (an installed package) the shipped folder itself, against
which a user's ``AAAS_DATA_DIR`` is compared.  :func:`changes` compares two folders this
way: the values of ``parameters.csv`` by parameter, every other file by name.

Cheap: one ``git ls-tree`` per process and folder (a second git call reads the committed
``parameters.csv`` only when it differs); the result is cached until a file of the folder
changes (its size or time).  Without git or outside a repository nothing is said about a
checkout's own folder.  A foundation module: the standard library only.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: The file whose values are named parameter by parameter, its key and value columns.
PARAMETRES, NOM, VALEUR = "parameters.csv", "name", "value"
#: Seconds a git call may take.
GIT_TIMEOUT = 10
#: Parameters named one by one in a summary; beyond, they are counted.
NOMMES_MAX = 12


@dataclass(frozen=True)
class Change:
    """One difference: a parameter's value (``name``, ``before`` → ``after``; None: absent)
    or a file (``name`` empty; ``etat``: ``modifié``, ``ajouté`` or ``supprimé``).

    >>> str(Change("parameters.csv", "tarif_horaire_interpretariat", "40", "45")), str(Change("errata.csv"))
    ('tarif_horaire_interpretariat 40 → 45', 'errata.csv')
    >>> str(Change("notes.csv", etat="ajouté")), str(Change("parameters.csv", "x", None, "2"))
    ('notes.csv (ajouté)', 'x (ajouté : 2)')
    """

    file: str
    name: str = ""
    before: str | None = None
    after: str | None = None
    etat: str = "modifié"

    def __str__(self) -> str:
        if not self.name:
            return self.file if self.etat == "modifié" else f"{self.file} ({self.etat})"
        if self.before is None:
            return f"{self.name} (ajouté : {self.after})"
        if self.after is None:
            return f"{self.name} (supprimé)"
        return f"{self.name} {self.before} → {self.after}"


def blob_id(data: bytes) -> str:
    """The id git gives a file's contents (``git hash-object``).

    >>> blob_id(b"")
    'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
    """
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def _git(folder: Path, *args: str) -> bytes:
    command = ["git", "-C", str(folder), *args]
    return subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT, check=True).stdout


@functools.cache
def _committed(folder: Path) -> dict[str, str] | None:
    """The committed files of ``folder`` (HEAD) and their blob ids, or None outside a
    repository (or without git)."""
    try:
        out = _git(folder, "ls-tree", "-r", "HEAD", ".").decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    entries = (line.split("\t", 1) for line in out.splitlines() if "\t" in line)
    return {path.strip('"'): meta.split()[2] for meta, path in entries if meta.split()[1] == "blob"}


class Reference:
    """The published data: a folder's committed version (:meth:`committed`) or its files."""

    def __init__(self, folder: Path, blobs: dict[str, str] | None = None):
        self.folder, self.blobs = Path(folder), blobs

    @classmethod
    def of(cls, shipped: Path) -> Reference:
        """HEAD's version of ``shipped`` in a git checkout, else ``shipped`` as it is."""
        blobs = _committed(Path(shipped).resolve())
        return cls(shipped, blobs) if blobs else cls(shipped)

    def ids(self) -> dict[str, str]:
        """Blob id of every file, by path in the folder."""
        if self.blobs is not None:
            return self.blobs
        return {rel: blob_id(p.read_bytes()) for rel, p in _files(self.folder).items()}

    def read(self, rel: str) -> bytes:
        """A file's published contents."""
        if self.blobs is None:
            return (self.folder / rel).read_bytes()
        return _git(self.folder, "cat-file", "blob", self.blobs[rel])


def _values(data: bytes) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig", "replace")))
    return {row.get(NOM, ""): row for row in rows}


def _parameter_changes(before: bytes, after: bytes) -> list[Change]:
    """The values of ``parameters.csv`` that differ, by parameter; the file itself when
    another column differs."""
    a, b = _values(before), _values(after)
    out = [Change(PARAMETRES, n, a[n].get(VALEUR) if n in a else None, b[n].get(VALEUR) if n in b else None)
           for n in [*a, *(n for n in b if n not in a)]
           if (a.get(n) or {}).get(VALEUR) != (b.get(n) or {}).get(VALEUR) or (n in a) != (n in b)]  # fmt: skip
    others = {n: {k: v for k, v in r.items() if k != VALEUR} for n, r in a.items()}
    if others != {n: {k: v for k, v in r.items() if k != VALEUR} for n, r in b.items()} and not out:
        out.append(Change(PARAMETRES))
    return out


def changes(current: Path, reference: Reference) -> tuple[Change, ...]:
    """Every difference of the folder ``current`` from ``reference``, in the files' order."""
    files, published = _files(Path(current)), reference.ids()
    out: list[Change] = []
    for rel in sorted(set(files) | set(published)):
        data = files[rel].read_bytes() if rel in files else None
        if data is not None and rel in published and blob_id(data) == published[rel]:
            continue
        if rel == PARAMETRES and data is not None and rel in published:
            out += _parameter_changes(reference.read(rel), data)
        else:
            out.append(Change(rel, etat="supprimé" if data is None else "modifié" if rel in published else "ajouté"))
    return tuple(out)


def summary(found: tuple[Change, ...]) -> str:
    """The changes in one line, empty when there is none.

    >>> summary((Change("parameters.csv", "a", "1", "2"), Change("errata.csv")))
    'a 1 → 2 ; errata.csv'
    >>> summary(())
    ''
    """
    shown = [str(c) for c in found[:NOMMES_MAX]]
    if len(found) > NOMMES_MAX:
        shown.append(f"et {len(found) - NOMMES_MAX} autres")
    return " ; ".join(shown)


def _signature(folder: Path) -> tuple:
    return tuple((rel, p.stat().st_size, p.stat().st_mtime_ns) for rel, p in _files(folder).items())


@functools.lru_cache(maxsize=8)
def _cached(current: Path, shipped: Path, signature: tuple) -> str:
    return summary(changes(current, Reference.of(shipped)))


def describe(current: Path, shipped: Path) -> str:
    """:func:`summary` of the folder in use against the published data of ``shipped`` (the
    folder the package ships), cached while no file of ``current`` changes; empty when
    nothing differs or nothing can be said (no folder)."""
    current = Path(current).resolve()
    if not current.is_dir() or not Path(shipped).is_dir():
        return ""
    return _cached(current, Path(shipped).resolve(), _signature(current))
