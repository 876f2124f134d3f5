"""The analyses the command line runs (``aaas sensitivity ANALYSE``), each returning a tidy
table and its title, on a resolved scenario."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import datastore
from ..errors import ParameterError, cite
from ..models import parameters
from . import engine, montecarlo, oneway, presets, scale, sobol, structural

#: The ranges of the scale curves (5 000 – 100 000 inhabitants, 20 – 400 people followed).
COURBES = {"population_bassin": scale.POPULATIONS, "file_active": scale.FILES_ACTIVES}


def printed_totals() -> dict[str, float]:
    """The mission totals and the total the report prints (table 3.1)."""
    pub = datastore.published()
    rows = pub[(pub["tableau"] == "synthese") & (pub["comparaison"] == "=")]
    return dict(zip(rows["variable"], rows["value"], strict=True))


def run(analyse: str, scenario, args, progress=None) -> tuple[pd.DataFrame, str]:
    """The table and title of ``analyse`` for ``scenario`` (options in ``args``)."""
    conv, base = scenario.convention, scenario.values
    outputs = _outputs(args.sortie)
    if analyse == "oneway":
        return oneway.oneway(conv, outputs=outputs, base=base), "Sensibilité un à un (±10 %, ±15 %)"
    if analyse == "structural":
        return structural.structurel(conv, outputs, base), "Lectures et conventions, une à une"
    if analyse == "montecarlo":
        res = montecarlo.montecarlo(conv, args.draws, args.seed, outputs, args.correle, base, progress)
        kind = "corrélés" if args.correle else "indépendants"
        return montecarlo.resume(res, printed_totals()), f"Monte Carlo : {args.draws} tirages {kind}"
    if analyse == "scenarios":
        return presets.tableau(conv), "Scénarios bas, hauts et nommés"
    if analyse == "sobol":
        return sobol.sobol(conv, args.base_samples, args.seed, outputs), "Indices de Sobol"
    names = _names(args.parametres)
    if analyse == "scale":
        name = names[0]
        values = COURBES[name] if name in COURBES else _grid(name, base)
        return scale.courbe(name, values, conv, outputs, base), f"Coût selon {name}"
    if len(names) != 2:
        raise ParameterError(
            f"--parametres '{cite(args.parametres)}' : deux paramètres attendus, séparés par une virgule"
        )
    a, b = names
    sortie = args.sortie
    grid = scale.deux_parametres(a, _grid(a, base), b, _grid(b, base), sortie, conv)
    tidy = grid.reset_index().melt(id_vars=a, var_name=b, value_name=sortie)
    tidy[b] = pd.to_numeric(tidy[b])
    return tidy, f"{sortie} selon {a} et {b}"


def _names(text: str) -> list[str]:
    """The names of ``--parametres`` (at least one, none twice).

    >>> _names("population_bassin, file_active")
    ['population_bassin', 'file_active']
    """
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise ParameterError("--parametres : au moins un nom de paramètre est attendu (A ou A,B)")
    for i, name in enumerate(names):
        if name in names[:i]:
            raise ParameterError(
                f"--parametres : paramètre '{cite(name)}' donné deux fois ; des paramètres différents sont attendus"
            )
    return names


def _outputs(sortie: str) -> list[str]:
    if sortie == "total":
        return engine.sorties_par_defaut()
    probe = engine.evaluate({}, "rapport", None)
    if sortie not in probe and sortie not in _quantities():
        raise ParameterError(f"--sortie '{cite(sortie)}' : quantité inconnue du modèle")
    return [sortie]


def _quantities() -> set[str]:
    from ..models import conventions

    return set(conventions.compute("rapport"))


def _grid(name: str, base: dict) -> np.ndarray:
    """Seven values from −30 % to +30 % of the parameter's value, within its bounds."""
    p = parameters.lookup(name)
    if p.categorical:
        raise ParameterError(f"paramètre '{name}' : une lecture n'a pas de grille ; un paramètre numérique est attendu")
    v = float(base[name])
    lo = -np.inf if p.min is None else p.min
    hi = np.inf if p.max is None else p.max
    return np.unique(np.clip(v * np.linspace(0.7, 1.3, 7), lo, hi))
