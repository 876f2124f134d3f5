"""Low and high scenarios: every drawn hypothesis moved by ±10 % or ±15 % (within its
bounds) in the cost-lowering or cost-raising direction given by its ``sens`` (a hypothesis
whose effect is not monotone, ``~``, stays at its value), and the named scenario files of
``scenarios/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import datastore, location
from ..models import conventions, parameters
from ..models import scenario as scenarios
from . import engine
from .ranges import borne, plages

PRESETS = {"bas_15": (-1, 0.15), "bas_10": (-1, 0.10), "haut_10": (1, 0.10), "haut_15": (1, 0.15)}
#: Folder of the named scenario files shipped with the edition (in the package when installed).
SCENARIOS = datastore.ROOT / "scenarios" if location.in_checkout() else location.packaged("_scenarios")


def preset(nom: str, convention: str = "rapport") -> dict:
    """The complete parameter set of a preset (``bas_15``, ``bas_10``, ``haut_10``, ``haut_15``).

    >>> values = preset("haut_15")
    >>> values["salaire_net_referent"], values["file_active_par_etp_referent"]
    (2760.0, 46.75)
    """
    direction, x = PRESETS[nom]
    values = conventions.defaults(convention)
    base = dict(values)
    table = parameters.parameters()
    for p in plages(convention):
        sign = {"+": direction, "-": -direction}.get(p.sens, 0)
        values[p.nom] = borne(table[p.nom], p.valeur * (1 + sign * x), base)
    return values


def tableau(convention: str = "rapport") -> pd.DataFrame:
    """Missions and total under the report's set, each preset and each named scenario."""
    outputs = engine.sorties_par_defaut()
    rows = [("rapport", conventions.defaults(convention))]
    rows += [(nom, preset(nom, convention)) for nom in PRESETS]
    rows += [(p.stem, scenarios.resolve(p, convention=convention).values) for p in fichiers()]
    out = []
    for nom, values in rows:
        res = engine.evaluate_draws({}, convention, outputs, base=values)
        out.append({"scenario": nom, **{o: float(res[o][0]) for o in outputs}})
    df = pd.DataFrame(out)
    df["ecart_relatif"] = df["total"] / df["total"].iloc[0] - 1
    return df


def fichiers() -> list[Path]:
    """The named scenario files (``scenarios/*.yaml``), sorted."""
    return sorted(SCENARIOS.glob("*.yaml"))
