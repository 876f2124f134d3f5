"""The amounts the pages show for the parts of a total, so that displayed parts add up to
their displayed total: the grand total rounded to the euro, the missions rounded by the
largest remainder so that they add up to it, each mission's lines so that they add up to
their mission (:func:`repartition`).  Every page that shows a line, a mission or the
total (the chapters' tables, the synthesis, today's cost) shows these: a figure is displayed
the same way everywhere.  Each is within one euro of the true value.
"""

from __future__ import annotations

import numpy as np

from .. import datastore


def repartition(parts, total=None, decimals: int = 0) -> list[float]:
    """Parts rounded to ``decimals`` so that they add up to their total rounded (``total``:
    their sum when omitted), by the largest remainder: each part is its value rounded down or
    up, the units missing going to the largest remainders (ties: the first part).

    >>> repartition([0.4, 0.4, 0.2]), repartition([158572.6, 0.2, 0.3]), repartition([1.25, 1.25], decimals=1)
    ([1.0, 0.0, 0.0], [158573.0, 0.0, 0.0], [1.3, 1.2])
    """
    values = np.asarray(parts, dtype=float)
    scale = 10.0**decimals
    target = round(float(values.sum() if total is None else total) * scale)
    base = np.floor(values * scale + 1e-9)
    rest = values * scale - base
    missing = int(target - base.sum())
    order = sorted(range(len(values)), key=lambda i: (-rest[i], i))
    pool = order if missing >= 0 else order[::-1]
    for k in range(abs(missing)):
        base[pool[k % len(pool)]] += 1 if missing >= 0 else -1
    return [float(b) / scale for b in base]


def montants_affiches(results) -> dict[str, float]:
    """The displayed amount (whole euros) of ``total``, each ``mission_<m>`` and each
    ``ligne_<l>`` of the model's ``results`` (or of a mapping of these names to values; the
    lines may be left out).

    >>> from aaas.models import conventions
    >>> shown = montants_affiches(conventions.compute("corrige"))
    >>> shown["total"] == sum(v for k, v in shown.items() if k.startswith("mission_"))
    True
    """
    value = results.scalar if hasattr(results, "scalar") else lambda n: float(results[n])
    missions = list(datastore.missions()["mission"])
    lignes = datastore.lignes()
    total = value("total")
    shown = {"total": float(round(total))}
    valeurs = [value(f"mission_{m}") for m in missions]
    for m, montant in zip(missions, repartition(valeurs, total), strict=True):
        shown[f"mission_{m}"] = montant
        noms = [f"ligne_{ligne}" for ligne in lignes.loc[lignes["mission"] == m, "ligne"]]
        if all(n in results for n in noms):
            shown.update(zip(noms, repartition([value(n) for n in noms], montant), strict=True))
    return shown
