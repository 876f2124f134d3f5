"""The amounts the pages show for the parts of a total, so that displayed parts add up to
their displayed total: the grand total rounded to the euro, the missions rounded by the
largest remainder so that they add up to it, each mission's lines so that they add up to
their mission (:func:`aaas.fmt.repartition`).  Every page that shows a line, a mission or the
total (the chapters' tables, the synthesis, today's cost) shows these: a figure is displayed
the same way everywhere.  Each is within one euro of the true value.
"""

from __future__ import annotations

from .. import datastore, fmt


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
    for m, montant in zip(missions, fmt.repartition(valeurs, total), strict=True):
        shown[f"mission_{m}"] = montant
        noms = [f"ligne_{ligne}" for ligne in lignes.loc[lignes["mission"] == m, "ligne"]]
        if all(n in results for n in noms):
            shown.update(zip(noms, fmt.repartition([value(n) for n in noms], montant), strict=True))
    return shown
