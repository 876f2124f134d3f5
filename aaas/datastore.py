"""The data layer: every file of ``data/`` is read here, and only here, each once.

Each table has one accessor (:func:`parametres`, :func:`published`, :func:`bareme`…) and a
schema (:data:`SCHEMAS`: required columns, numeric columns).  A table is read and checked
on first use, then cached; callers receive a copy (pandas copy-on-write makes it cheap),
so no caller can change what another one reads.  :func:`clear_cache` forgets everything
(tests that point ``AAAS_DATA_DIR`` at other files).

Formulas never receive a path: the models read values here and pass them on.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataFileError

#: Root of the repository (the package lives in ``<root>/aaas``).
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Schema:
    """What a data file must hold: ``required`` columns, of which ``numeric`` are numbers."""

    required: tuple[str, ...]
    numeric: tuple[str, ...] = ()


#: Every file of ``data/`` and its schema.
SCHEMAS: dict[str, Schema] = {
    "parameters.csv": Schema(
        ("name", "value", "unit", "mission", "section", "label", "source", "min", "max", "choices", "sens", "inerte_si")
    ),
    "conventions.csv": Schema(("convention", "parametre", "valeur", "erratum")),
    "variantes.csv": Schema(("variante", "parametre", "valeur", "libelle", "source")),
    "bareme_kilometrique.csv": Schema(
        ("annee_revenus", "cv", "km_min", "km_max", "taux", "fixe", "source"), ("km_min", "km_max", "taux", "fixe")
    ),
    "missions.csv": Schema(("mission", "libelle", "section", "unite", "demarche", "poste_cle")),
    "lignes.csv": Schema(("ligne", "mission", "libelle", "echelle", "section")),
    "composantes.csv": Schema(("composante", "ligne", "libelle", "categorie", "categories_plausibles")),
    "categories.csv": Schema(("categorie", "libelle", "section")),
    "porteurs.csv": Schema(("porteur", "libelle", "exemples", "section")),
    "mutualisation.csv": Schema(("porteur", "ligne", "part_mutualisee", "justification"), ("part_mutualisee",)),
    "demarches.csv": Schema(("demarche", "libelle", "fonctions_cles")),
    "published.csv": Schema(
        (
            "tableau",
            "section",
            "label",
            "value",
            "unit",
            "precision",
            "comparaison",
            "origine",
            "variable",
            "verification",
        ),
        ("value", "precision"),
    ),
    "tableaux.csv": Schema(("tableau", "section", "titre", "mission")),
    "errata.csv": Schema(
        (
            "id",
            "section",
            "tableau",
            "label",
            "valeur_imprimee",
            "valeur_recalculee",
            "valeur_reportee",
            "modifie_total",
            "explication",
        ),
        ("valeur_imprimee", "valeur_recalculee"),
    ),
}

_CACHE: dict[str, pd.DataFrame] = {}


def data_dir() -> Path:
    """The ``data/`` folder (``AAAS_DATA_DIR`` may point elsewhere, for tests of bad files)."""
    return Path(os.environ.get("AAAS_DATA_DIR", ROOT / "data"))


def path(name: str) -> Path:
    """Path of the data file ``name``."""
    return data_dir() / name


def digest() -> str:
    """Short digest of every file of the data folder (names and contents): what a cache
    key or an export's provenance must cover."""
    h = hashlib.sha256()
    folder = data_dir()
    for p in sorted(q for q in folder.rglob("*") if q.is_file()):
        h.update(p.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:12]


def clear_cache() -> None:
    """Forget every table read so far and everything derived from them."""
    _CACHE.clear()
    _DERIVED.clear()


def table(name: str) -> pd.DataFrame:
    """The data file ``name``, checked against its schema (a copy of the cached table).

    Every column is text (empty cells are ``""``) except the schema's numeric ones (floats,
    empty cells are NaN).
    """
    if name not in _CACHE:
        _CACHE[name] = _read(name, SCHEMAS[name])
    return _CACHE[name].copy(deep=False)


def _read(name: str, schema: Schema) -> pd.DataFrame:
    p = path(name)
    try:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DataFileError(f"fichier de données introuvable « {p} »") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataFileError(f"fichier de données illisible « {p} » : {exc}") from None
    missing = [c for c in schema.required if c not in df.columns]
    if missing:
        raise DataFileError(f"{name} : colonnes manquantes : {', '.join(missing)}")
    for col in schema.numeric:
        try:
            df[col] = pd.to_numeric(df[col].replace("", None)).astype(float)
        except (ValueError, TypeError):
            raise DataFileError(f"{name} : la colonne « {col} » doit être numérique") from None
    return df


# --- one accessor per file -------------------------------------------------------------


def parametres() -> pd.DataFrame:
    """``parameters.csv``: every hypothesis (value, unit, bounds, section, source)."""
    return table("parameters.csv")


def conventions() -> pd.DataFrame:
    """``conventions.csv``: the values of each convention other than ``rapport``."""
    return table("conventions.csv")


def variantes() -> pd.DataFrame:
    """``variantes.csv``: documented alternative values of some hypotheses."""
    return table("variantes.csv")


def missions() -> pd.DataFrame:
    """``missions.csv``: the four missions, their unit, démarche and key post."""
    return table("missions.csv")


def lignes() -> pd.DataFrame:
    """``lignes.csv``: the cost lines, their mission and what they scale with."""
    return table("lignes.csv")


def composantes() -> pd.DataFrame:
    """``composantes.csv``: which model quantity makes which line, and its cost category."""
    return table("composantes.csv")


def categories() -> pd.DataFrame:
    """``categories.csv``: the cost categories of section 3.3."""
    return table("categories.csv")


def porteurs() -> pd.DataFrame:
    """``porteurs.csv``: the categories of carriers of section 3.2.5."""
    return table("porteurs.csv")


def mutualisation() -> pd.DataFrame:
    """``mutualisation.csv``: the share of each line a carrier already funds (3.2.5)."""
    return table("mutualisation.csv")


def demarches() -> pd.DataFrame:
    """``demarches.csv``: the démarches structurantes of section 3.2.6."""
    return table("demarches.csv")


def published() -> pd.DataFrame:
    """``published.csv``: every figure the report prints, with its precision."""
    return table("published.csv")


def tableaux() -> pd.DataFrame:
    """``tableaux.csv``: the report's tables, their section and title."""
    return table("tableaux.csv")


def errata() -> pd.DataFrame:
    """``errata.csv``: the report's errors and their explanation."""
    return table("errata.csv")


def bareme() -> pd.DataFrame:
    """``bareme_kilometrique.csv``: the tax mileage scale, one row per (year, power, band)."""
    return table("bareme_kilometrique.csv")


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
