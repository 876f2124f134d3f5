"""Where the versioned data live, and how they are read."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: Root of the repository (the package lives in ``<root>/aaas``).
ROOT = Path(__file__).resolve().parent.parent
#: ``data/`` folder; ``AAAS_DATA_DIR`` may point elsewhere (tests of bad data files).
DATA_DIR = Path(os.environ.get("AAAS_DATA_DIR", ROOT / "data"))


def path(name: str) -> Path:
    return DATA_DIR / name


def read_csv(p: Path, numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read one of our CSV files (UTF-8, comma separated); every column is text except
    the ``numeric`` ones, converted to float (empty cells become NaN)."""
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    for col in numeric:
        df[col] = pd.to_numeric(df[col].replace("", None)).astype(float)
    return df


@lru_cache(maxsize=None)
def table(name: str, numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    """A data table by file name (cached; callers must not mutate it)."""
    return read_csv(path(name), numeric)
