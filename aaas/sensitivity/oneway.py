"""One-way sensitivity: every drawn hypothesis moved alone by −15 %, −10 %, +10 %, +15 %
(within its validity bounds), all points evaluated in one vectorised pass; a tidy table
(parameter, variation, value, output, result, change, elasticity) as dampack's."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..models import conventions, parameters
from . import engine, limits
from .ranges import borne, plages

VARIATIONS = (-0.15, -0.10, 0.10, 0.15)


def oneway(
    convention: str = "rapport",
    variations: Sequence[float] = VARIATIONS,
    outputs: Sequence[str] | None = None,
    base: dict | None = None,
) -> pd.DataFrame:
    """The tidy one-way table: one row per (parameter, variation, output); at most
    :data:`~aaas.sensitivity.limits.VARIATIONS_MAX` variations.

    >>> df = oneway(outputs=["total"])
    >>> row = df[(df.parametre == "tarif_horaire_interpretariat") & (df.variation == 0.1)].iloc[0]
    >>> round(row.ecart), round(float(row.elasticite), 3)
    (3514, 0.087)
    """
    limits.variations(len(variations))
    outputs = list(outputs or engine.sorties_par_defaut())
    base = dict(base) if base else conventions.defaults(convention)
    names = [p.nom for p in plages(convention, base=base)]
    table = parameters.parameters()
    points = [(n, v, borne(table[n], float(base[n]) * (1 + v), base)) for n in names for v in variations]
    draws = {n: np.full(len(points), float(base[n])) for n in names}
    for i, (name, _, value) in enumerate(points):
        draws[name][i] = value
    results = engine.evaluate(draws, convention, outputs, base=base)
    reference = engine.evaluate({}, convention, outputs, base=base)
    rows = []
    for i, (name, variation, value) in enumerate(points):
        for out in outputs:
            ref = float(reference[out][0])
            res = float(results[out][i])
            moved = value / float(base[name]) - 1 if base[name] else np.nan
            elasticity = (res / ref - 1) / moved if ref and moved else np.nan
            rows.append((name, variation, value, out, res, res - ref, elasticity))
    return pd.DataFrame(rows, columns=["parametre", "variation", "valeur", "sortie", "resultat", "ecart", "elasticite"])


def tornade(df: pd.DataFrame, sortie: str = "total", n: int = 15) -> pd.DataFrame:
    """The ``n`` hypotheses that move ``sortie`` most: lowest and highest result over the
    variations, sorted by swing (largest first)."""
    sel = df[df["sortie"] == sortie]
    g = sel.groupby("parametre")["ecart"].agg(bas="min", haut="max")
    g["amplitude"] = g["haut"] - g["bas"]
    return g.sort_values("amplitude", ascending=False).head(n).reset_index()
