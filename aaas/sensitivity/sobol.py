"""Global sensitivity: Sobol first- and total-order indices (SALib, Saltelli sampling) of
each mission and the total, over the plausible ranges."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ParameterError
from . import engine
from .ranges import plages


def probleme(convention: str = "rapport") -> dict:
    """SALib's problem built from the parameter table's ranges."""
    ps = plages(convention)
    return {"num_vars": len(ps), "names": [p.nom for p in ps], "bounds": [[p.bas, p.haut] for p in ps]}


def sobol(
    convention: str = "rapport", base_samples: int = 1024, seed: int = 1, outputs: Sequence[str] | None = None
) -> pd.DataFrame:
    """First-order (S1) and total-order (ST) indices per parameter and output, with their
    95 % confidence half-widths; ``base_samples`` must be a power of two."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    if base_samples < 2 or base_samples & (base_samples - 1):
        raise ParameterError(f"échantillon de base {base_samples} invalide ; une puissance de 2 est attendue (≥ 2)")
    problem = probleme(convention)
    x = sample.sample(problem, base_samples, calc_second_order=False, seed=seed)
    results = engine.evaluate({n: x[:, i] for i, n in enumerate(problem["names"])}, convention, outputs)
    rows = []
    for out, y in results.items():
        if np.ptp(y) == 0:
            continue
        si = analyze.analyze(problem, y, calc_second_order=False, seed=seed)
        for i, name in enumerate(problem["names"]):
            rows.append((name, out, si["S1"][i], si["S1_conf"][i], si["ST"][i], si["ST_conf"][i]))
    return pd.DataFrame(rows, columns=["parametre", "sortie", "s1", "s1_ic", "st", "st_ic"])
