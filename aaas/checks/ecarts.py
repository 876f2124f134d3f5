"""The one tolerance of the book's prose on a gap in euros: under half a euro, the whole
euro shown does not change, and the gap is none (a line unchanged by the update, a stated
total that matches the sum of its years, an erratum that leaves a mission's total as it is)."""

from __future__ import annotations

import pandas as pd

#: A gap in euros under this is none: the same whole euro is shown.
DEMI_EURO = 0.5


def significatifs(df: pd.DataFrame, colonne: str = "ecart", seuil: float = DEMI_EURO) -> pd.DataFrame:
    """The rows of ``df`` whose gap (``colonne``, in euros) is one: ``seuil`` or more away from zero.

    >>> significatifs(pd.DataFrame({"ecart": [0.2, -3.0, 0.5]}))["ecart"].tolist()
    [-3.0]
    """
    return df[df[colonne].abs() > seuil]


def nuls(df: pd.DataFrame, colonne: str = "ecart", seuil: float = DEMI_EURO) -> pd.DataFrame:
    """The rows of ``df`` whose gap is none (under ``seuil`` €).

    >>> nuls(pd.DataFrame({"ecart": [0.2, -3.0]}))["ecart"].tolist()
    [0.2]
    """
    return df[df[colonne].abs() < seuil]
