"""The data layer: every file of ``data/`` is read here, and only here, each once.

Each table has one accessor (:func:`parameters`, :func:`published`, :func:`bareme`…) and a
declared schema (:mod:`aaas.schemas`: columns, types, accepted values, unique keys,
references to other files).  The first time a process reads the data folder, every file
is checked against its schema and its references with pandera (:func:`validate_all`); a
table is then cached, and callers receive a copy (pandas copy-on-write makes it cheap), so
no caller can change what another one reads.  :func:`clear_cache` forgets everything
(tests that point ``AAAS_DATA_DIR`` at other files).

A damaged file raises :class:`~aaas.errors.DataFileError` with one line naming the file,
the line of the CSV (the header is line 1) and the column::

    errata.csv, ligne 4, colonne « id » : 'E02' en double (déjà ligne 3)
    missions.csv, ligne 2, colonne 40 : encodage non UTF-8 (octet 0xE9) ; enregistrer le fichier en UTF-8

Every file is read bounded (:func:`aaas.inputs.read_bounded`): a regular file of at most
:data:`TAILLE_MAX_DONNEES`, never a FIFO or a device, which could hang or grow without end.

The data folder is :func:`data_dir`. A folder that passed is stamped (``<key>.json`` in
:func:`stamps_dir`, never the installation; the key covers the files' contents, the schemas
and pandas' version): a later process reading the same contents trusts the stamp and neither
imports pandera nor checks again (checking costs once per change of the data).

Formulas never receive a path: the models read values here and pass them on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import inputs, location
from .errors import DataFileError, cite_path

if TYPE_CHECKING:  # pandera is imported only when a folder is checked
    from .schemas import Table

#: Root of the repository (the package lives in ``<root>/aaas``); site-packages when installed.
ROOT = location.ROOT
#: Environment variable naming a data folder of the user's (tests of bad files, other data).
DATA_ENV = "AAAS_DATA_DIR"
#: The checkout's stamps of the data folders that passed their checks (see :func:`stamps_dir`).
STAMPS = ROOT / "_build" / "cache" / "data"
#: Largest data file read (8 Mo: ten times the largest, ``paie_regles.csv``, 0,8 Mo; the
#: others are under 60 ko); a file must also be a regular file (not a FIFO, a device…).
TAILLE_MAX_DONNEES = 8 * 2**20

#: Tables read (and checked) so far.
_CACHE: dict[str, pd.DataFrame] = {}
#: The number columns of each file of the data folder, once the folder is known valid.
_VALID: dict[str, tuple[str, ...]] = {}


def __getattr__(name: str):
    if name == "SCHEMAS":  # every file of ``data/`` and its schema (imports pandera)
        from .schemas import TABLES

        return TABLES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def data_dir(root: Path | None = None) -> Path:
    """The data folder: ``AAAS_DATA_DIR`` when set, else ``<root>/data`` for another
    checkout ``root`` (a test's copy), else this checkout's ``data/``, else the copy shipped
    inside the installed package (``aaas/_data``)."""
    configured = os.environ.get(DATA_ENV, "").strip()
    if configured:
        return Path(configured)
    if root is not None and root != ROOT:
        return root / "data"
    return published_dir()


def published_dir() -> Path:
    """The published data: the checkout's ``data/`` (HEAD's, once committed), else the copy
    shipped inside the installed package (``aaas/_data``)."""
    return ROOT / "data" if location.in_checkout(ROOT) else location.packaged("_data")


def stamps_dir() -> Path:
    """Where the stamps of the data folders that passed their checks are kept: the
    checkout's ``_build/cache/data``, else the user's cache (never the installation)."""
    return STAMPS if location.in_checkout(ROOT) else location.user_cache("data")


def path(name: str) -> Path:
    """Path of the data file ``name``."""
    return data_dir() / name


def digest(folder: Path | None = None) -> str:
    """Short digest of every file of the data folder (names and contents; default
    :func:`data_dir`): what a cache key or an export's provenance must cover."""
    h = hashlib.sha256()
    folder = data_dir() if folder is None else folder
    for p in sorted(q for q in folder.rglob("*") if q.is_file()):
        h.update(p.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(_bytes(p)).digest())
    return h.hexdigest()[:12]


def clear_cache() -> None:
    """Forget every table read so far, everything derived from them, and whether the
    folder was checked."""
    _CACHE.clear()
    _VALID.clear()
    _DERIVED.clear()


def table(name: str) -> pd.DataFrame:
    """The data file ``name``, checked against its schema and its references to other
    files (a copy of the cached table).

    Every column is text (empty cells are ``""``) except the schema's number columns
    (floats, empty cells are NaN).
    """
    if not _VALID:
        validate_all()
    if name not in _CACHE:
        _CACHE[name] = _read_valid(name, _VALID[name])
    return _CACHE[name].copy(deep=False)


def validate_all(force: bool = False) -> None:
    """Check every file of ``data/`` against its schema, then its references to other
    files; raise :class:`~aaas.errors.DataFileError` on the first failure.

    Done once per process (and trusted from a stamp when the same contents passed
    before), unless ``force``.
    """
    if force:
        clear_cache()
    if _VALID:
        return
    stamp = _stamp()
    if not force and _trust(stamp):
        return
    _validate_folder()
    _write_stamp(stamp, dict(_VALID))


def line(name: str, row: int) -> int:
    """The line of ``name`` where its row ``row`` (0-based) starts (the header is line 1)."""
    return inputs.csv_row_lines(_text(path(name)))[row]


# --- checking a folder ------------------------------------------------------------------


def _validate_folder() -> None:
    """Read and check every file with pandera (:mod:`aaas.schemas`), then cache them all."""
    from .schemas import TABLES

    checked: dict[str, pd.DataFrame] = {}

    def own(name: str) -> pd.DataFrame:
        if name not in checked:
            spec = TABLES[name]
            wide = spec.columns_from  # its columns follow another file's rows
            checked[name] = _read(name, spec.widened(own(wide.target)) if wide else spec)
        return checked[name]

    for name, spec in TABLES.items():
        df = own(name)
        if spec.references:
            targets = {r.target: own(r.target) for r in spec.references}
            _validate(name, df, spec.reference_schema(targets), spec, targets)
    _CACHE.clear()
    _CACHE.update(checked)
    _VALID.clear()
    _VALID.update({name: spec.numeric for name, spec in TABLES.items()})


def _read(name: str, schema: Table) -> pd.DataFrame:
    """The file ``name`` read and checked against its own schema (not its references)."""
    df = _read_text(name, schema.numeric)
    missing = [c for c in schema.required if c not in df.columns]
    unknown = [str(c) for c in df.columns if c not in schema.required]
    for what, cols in (("manquantes", missing), ("inconnues", unknown)):
        if cols:  # named before any row is checked
            raise DataFileError(f"{name} : colonnes {what} : {', '.join(cols)}")
    ragged = inputs.csv_ragged(_text(path(name)))
    if ragged:
        raise DataFileError(f"{name}, {ragged}")
    if schema.rows and df.empty:
        raise DataFileError(f"{name} : aucune ligne de données après l'en-tête")
    return _validate(name, df, schema.schema, schema)


def _validate(name: str, df: pd.DataFrame, checks, spec: Table, targets=None) -> pd.DataFrame:
    from pandera.errors import SchemaErrors

    from .schemas import describe

    try:
        return checks.validate(df, lazy=True)
    except SchemaErrors as exc:
        refs = spec.references if targets is not None else ()
        raise DataFileError(describe(name, df, exc, inputs.csv_row_lines(_text(path(name))), refs, targets)) from None


def _read_text(name: str, numeric: tuple[str, ...]) -> pd.DataFrame:
    """The file as text, empty cells of the ``numeric`` columns as NaN."""
    p = path(name)
    text = _text(p)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values={c: [""] for c in numeric})
    except pd.errors.EmptyDataError:
        raise DataFileError(f"{name} : fichier vide (la ligne d'en-tête manque)") from None
    except pd.errors.ParserError as exc:
        from .schemas.report import parse_error

        raise DataFileError(f"{name}, {inputs.csv_ragged(text) or parse_error(str(exc), text)}") from None


def _bytes(p: Path) -> bytes:
    """The bytes of a data file: a regular file of at most :data:`TAILLE_MAX_DONNEES`."""
    return inputs.read_bounded(p, TAILLE_MAX_DONNEES, DataFileError, f"fichier de données « {cite_path(p)} »")


def _text(p: Path) -> str:
    """The text of a data file (UTF-8; an encoding error names the line and the column)."""
    return inputs.decode_utf8(_bytes(p), DataFileError, p.name)


def _read_valid(name: str, numeric: tuple[str, ...]) -> pd.DataFrame:
    """A file of a folder known valid: text, its number columns as floats (as checked)."""
    df = _read_text(name, numeric)
    for column in numeric:
        df[column] = df[column].astype(float)
    return df


def _stamp() -> Path:
    """Where the stamp of this folder's contents, checked by these schemas, is kept."""
    h = hashlib.sha256(digest().encode())
    here = Path(__file__).resolve().parent
    for source in (here / "datastore.py", *sorted((here / "schemas").glob("*.py"))):
        h.update(source.read_bytes())
    h.update(pd.__version__.encode())
    return stamps_dir() / f"{h.hexdigest()[:24]}.json"


def _trust(stamp: Path) -> bool:
    """Take the number columns from the stamp of a folder that passed (False if none)."""
    try:
        numeric = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    _VALID.update({name: tuple(columns) for name, columns in numeric.items()})
    return True


def _write_stamp(stamp: Path, numeric: dict[str, tuple[str, ...]]) -> None:
    """Record that the folder passed (best effort: a read-only checkout checks each time)."""
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp = stamp.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({k: list(v) for k, v in numeric.items()}, indent=1), encoding="utf-8")
        os.replace(tmp, stamp)
        for old in stamp.parent.glob("*.json"):  # the stamps of former contents
            if old != stamp:
                old.unlink(missing_ok=True)
    except OSError:
        pass


# --- one accessor per file -------------------------------------------------------------


def _accessor(name: str, file: str, doc: str):
    """A function returning the data file ``file`` (a copy), named ``name``."""

    def read() -> pd.DataFrame:
        return table(file)

    read.__name__ = read.__qualname__ = name
    read.__doc__ = f"``{file}``: {doc}"
    return read


parameters = _accessor("parameters", "parameters.csv", "every hypothesis (value, unit, bounds, section, source).")
conventions = _accessor("conventions", "conventions.csv", "the values of each convention other than ``rapport``.")
variantes = _accessor("variantes", "variantes.csv", "documented alternative values of some hypotheses.")
missions = _accessor("missions", "missions.csv", "the four missions, their unit, démarche, key post, short label.")
lignes = _accessor("lignes", "lignes.csv", "the cost lines, their mission and what they scale with.")
composantes = _accessor(
    "composantes", "composantes.csv", "which model quantity makes which line, and its cost category."
)
categories = _accessor("categories", "categories.csv", "the cost categories of section 3.3.")
porteurs = _accessor("porteurs", "porteurs.csv", "the categories of carriers of section 3.2.5.")
mutualisation = _accessor(
    "mutualisation", "mutualisation.csv", "the share of each line a carrier already funds (3.2.5)."
)
demarches = _accessor("demarches", "demarches.csv", "the démarches structurantes of section 3.2.6.")
modes_financement = _accessor(
    "modes_financement", "modes_financement.csv", "carriers and payment modes of each mission (2.2.3, 2.3.3, 2.4.3)."
)
financements = _accessor("financements", "financements.csv", "the funding programmes of section 4 (4.1, 4.2).")
libelles = _accessor(
    "libelles", "libelles.csv", "French labels of reading values, conventions, scenarios, sources and posts."
)
published = _accessor("published", "published.csv", "every figure the report prints, with its precision.")
tableaux = _accessor("tableaux", "tableaux.csv", "the report's tables, their section and title.")
errata = _accessor("errata", "errata.csv", "the report's errors and their explanation.")
sec_parametres = _accessor(
    "sec_parametres", "sec_parametres.csv", "the values of the SEC participatives dotations (seed 001)."
)
fiss_enveloppes = _accessor(
    "fiss_enveloppes", "fiss_enveloppes.csv", "the FISS yearly envelopes and the totals the texts state."
)
sec_errata = _accessor("sec_errata", "sec_errata.csv", "the discrepancies found in the SEC texts (not the report's).")
bareme = _accessor("bareme", "bareme_kilometrique.csv", "the tax mileage scale, one row per (year, power, band).")
paie_options = _accessor("paie_options", "paie_options.csv", "the employer options given to the payroll rules.")
paie_regles = _accessor(
    "paie_regles", "paie_regles.csv", "payroll by the rules (modele-social) per gross salary, profile and period."
)


# --- derived views ---------------------------------------------------------------------


def bareme_annees() -> list[str]:
    """Income years available in the mileage scale."""
    return sorted(bareme()["annee_revenus"].unique())


def bareme_source(annee: str) -> str:
    """The official text behind a year's mileage scale."""
    df = bareme()
    return str(df.loc[df["annee_revenus"] == str(annee), "source"].iloc[0])


def bareme_tranches(annee: str, cv: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three bands of one income year and fiscal power, by distance: upper bounds (km),
    rates (€/km) and fixed parts (€), as read-only arrays."""
    df = bareme()
    sel = df[(df["annee_revenus"] == str(annee)) & (df["cv"] == str(cv))].sort_values("km_min")
    if len(sel) != 3:
        raise DataFileError(f"barème kilométrique : pas de barème pour l'année {annee} et {cv} CV")
    arrays = tuple(sel[c].to_numpy(dtype=float, copy=True) for c in ("km_max", "taux", "fixe"))
    for a in arrays:
        a.flags.writeable = False
    return arrays


def printed_figure(variable: str, tableau: str = "synthese") -> float:
    """The figure the report prints for the quantity ``variable`` in the table ``tableau``
    (``published.csv``: the table's figure, not a sentence's rounding).

    >>> printed_figure("total"), printed_figure("mission_relais", "synthese_relais")
    (404565.0, 105540.0)
    """
    pub = published()
    rows = pub[(pub["tableau"] == tableau) & (pub["variable"] == variable) & (pub["origine"] == "tableau")]
    if rows.empty:
        raise DataFileError(f"published.csv : aucun chiffre imprimé « {variable} » au tableau « {tableau} »")
    return float(rows["value"].iloc[0])


# --- values derived from the tables ------------------------------------------------------

_DERIVED: dict[tuple, object] = {}


def cached(func):
    """Cache what ``func`` derives from the data tables, per positional arguments;
    :func:`clear_cache` forgets it with the tables.  What is cached must be immutable or
    copied by its caller (a tuple, a read-only mapping, a frozen object)."""
    import functools

    @functools.wraps(func)
    def wrapper(*args):
        key = (func.__module__, func.__qualname__, *args)
        if key not in _DERIVED:
            _DERIVED[key] = func(*args)
        return _DERIVED[key]

    return wrapper


def modifications() -> str:
    """The edits of the data folder in use against the published data (:mod:`aaas.datadiff`:
    HEAD's ``data/`` in a checkout, else the shipped folder), in one line; empty when none."""
    from . import datadiff

    return datadiff.describe(data_dir(), published_dir())
