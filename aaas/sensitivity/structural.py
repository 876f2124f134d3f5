"""Structural and methodological uncertainty: every reading of the report's text and every
scaling reading switched alone, and each convention, with the effect on each mission and
the total — compared with the ±15 % parameter ranges."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..errors import InputError
from ..models import conventions, parameters
from . import engine


def structurel(
    convention: str = "rapport", outputs: Sequence[str] | None = None, scenario_values: dict | None = None
) -> pd.DataFrame:
    """One row per (choice, output): every other value of every categorical parameter
    (readings, scaling readings, scale year) set alone, then every other convention (the
    methodological uncertainty).  A choice the parameter set refuses alone (posts paid by
    the rules while a salary is below that year's SMIC) is left out: the conventions'
    rows carry it with the values it needs.

    ``scenario_values``: a complete parameter set to start from (to look away from the
    report's point, e.g. at 50 000 inhabitants, where scaling readings matter).

    >>> df = structurel(outputs=["total"])
    >>> row = df[(df.parametre == "convention") & (df.choix == "corrige")].iloc[0]
    >>> round(row.ecart)
    -12929
    """
    outputs = list(outputs or engine.sorties_par_defaut())
    base = dict(scenario_values or conventions.defaults(convention))
    reference = engine.evaluate_draws({}, convention, outputs, base=base)
    rows = []
    for p in parameters.parameters().values():
        if not p.categorical:
            continue
        for choice in p.choices:
            if choice == base[p.name]:
                continue
            try:
                res = engine.evaluate_draws({}, convention, outputs, base={**base, p.name: choice})
            except InputError:
                continue
            rows += _rows(p.name, choice, p.section, outputs, res, reference)
    for other in conventions.CONVENTIONS:
        if other != convention:
            res = engine.evaluate_draws({}, other, outputs)
            rows += _rows("convention", other, "—", outputs, res, reference)
    return pd.DataFrame(rows, columns=["parametre", "choix", "section", "sortie", "resultat", "ecart", "ecart_relatif"])


def _rows(name, choice, section, outputs, res, reference) -> list[tuple]:
    out = []
    for o in outputs:
        ref, value = float(reference[o][0]), float(res[o][0])
        out.append((name, choice, section, o, value, value - ref, (value / ref - 1) if ref else float("nan")))
    return out
