"""Two scenarios side by side: every cost line, mission and the total, with the absolute
and relative difference (``aaas compare A B``).

An operand is a convention (``rapport``, ``corrige``: the shared options' scenario under
it), a YAML scenario file, or ``nom=valeur`` assignments separated by commas; the shared
options (``--convention``, ``--set``, ``--scenario``) apply to both sides, on top.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from .. import datastore
from ..errors import ChoiceError, cite
from ..models import conventions
from ..models import scenario as scenarios
from .evaluation import Evaluation


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def operand(text: str, base: scenarios.Scenario) -> tuple[str, Evaluation]:
    """The label and the evaluation of one side of a comparison.

    >>> label, ev = operand("corrigé", scenarios.resolve())
    >>> label, ev.convention
    ('corrigé', 'corrige')
    """
    text = text.strip()
    if _plain(text) in conventions.CONVENTIONS:
        return text, Evaluation(base.under(_plain(text)))
    if "=" in text:
        pairs = scenarios.parse_assignments(p for p in text.split(",") if p.strip())
        return text, Evaluation(scenarios.resolve(None, {**base.explicit, **pairs}, base.convention))
    if Path(text).suffix.lower() in {".yaml", ".yml"} or _exists(text):
        return Path(text).name, Evaluation(scenarios.resolve(text, base.explicit, base.convention))
    raise ChoiceError(
        f"terme de comparaison inconnu '{cite(text)}' ; attendu : une convention "
        f"({', '.join(conventions.CONVENTIONS)}), un fichier de scénario .yaml, ou nom=valeur[,nom=valeur…]"
    )


def _exists(text: str) -> bool:
    """Does ``text`` name an existing path (False for a name the system refuses, too long)?"""
    try:
        return Path(text).exists()
    except OSError:
        return False


def compare(a: tuple[str, Evaluation], b: tuple[str, Evaluation]) -> pd.DataFrame:
    """Lines, missions and total of ``a`` and ``b``, their difference and relative
    difference (NaN where ``a`` is 0), one row per line, then its mission, then the total."""
    rows = []
    missions = datastore.missions().set_index("mission")["libelle"]
    for mission, lignes in datastore.lignes().groupby("mission", sort=False):
        rows += [("ligne", missions[mission], r.libelle, f"ligne_{r.ligne}") for r in lignes.itertuples(index=False)]
        rows.append(("mission", missions[mission], missions[mission], f"mission_{mission}"))
    rows.append(("total", "", "Total des surcoûts des missions", "total"))
    df = pd.DataFrame(rows, columns=["niveau", "mission", "libelle", "variable"])
    df["a"] = [a[1].value(v) for v in df["variable"]]
    df["b"] = [b[1].value(v) for v in df["variable"]]
    df["ecart"] = df["b"] - df["a"]
    df["ecart_relatif"] = df["ecart"] / df["a"].where(df["a"] != 0, np.nan)
    return df
