"""The analyses the command line runs (``aaas sensitivity ANALYSE``), each returning a tidy
table and its title, on a resolved scenario.  The options arrive as keywords (the command
line translates its own: :func:`aaas.cli.commands.cmd_sensitivity`)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..errors import ParameterError, cite
from . import engine, montecarlo, oneway, presets, scale, sobol, structural

#: The ranges of the scale curves (5 000 – 100 000 inhabitants, 20 – 400 people followed).
COURBES = scale.COURBES
#: The analyses, in the order of ``aaas sensitivity --help``.
ANALYSES = ("oneway", "tornado", "structural", "scenarios", "montecarlo", "sobol", "scale", "twoway")
VARIATIONS = "±10 %, ±15 %"


def run(
    analyse: str,
    scenario,
    *,
    sortie: str | None = None,
    draws: int = 10_000,
    seed: int = 1,
    correle: bool = False,
    base_samples: int = 1024,
    parametres: str = "population_bassin,taux_recours_mg",
    progress: Callable[[int, int], None] | None = None,
    on_chunk: Callable[[pd.DataFrame], None] | None = None,
) -> tuple[pd.DataFrame, str]:
    """The table and title of ``analyse`` for ``scenario``.

    ``sortie``: the one output followed (None: the four missions and the total; ``total``
    for the tornado and the two-way grid); ``on_chunk``: given each chunk of Monte Carlo draws
    (a frame: index ``draw``, the drawn hypotheses, the outputs), e.g. to write them.
    """
    conv, base = scenario.convention, scenario.values
    outputs = engine.check_outputs(sortie, "--sortie")
    if analyse == "oneway":
        table = oneway.classer(oneway.oneway(conv, outputs=outputs, base=base))
        by = f" ; trié par effet sur {sortie}" if sortie else " ; trié par effet, sortie par sortie"
        return table, f"Sensibilité un à un ({VARIATIONS}){by}"
    if analyse == "tornado":
        out = sortie or "total"
        return oneway.tornado(scenario, output=out), f"Tornade de {out} ({VARIATIONS}) : par amplitude décroissante"
    if analyse == "structural":
        return structural.structurel(conv, outputs, base), "Lectures et conventions, une à une"
    if analyse == "montecarlo":
        res = _montecarlo(conv, draws, seed, outputs, correle, base, progress, on_chunk)
        kind = "corrélés" if correle else "indépendants"
        return montecarlo.resume(res, montecarlo.printed_totals()), f"Monte Carlo : {draws} tirages {kind}"
    if analyse == "scenarios":
        return presets.tableau(conv), "Scénarios bas, hauts et nommés"
    if analyse == "sobol":
        return sobol.sobol(conv, base_samples, seed, outputs, base=base), "Indices de Sobol"
    names = _names(parametres)
    if analyse == "scale":
        name = names[0]
        values = COURBES[name] if name in COURBES else scale.grille(name, base)
        return scale.courbe(name, values, conv, outputs, base), f"Coût selon {name}"
    return _twoway(names, parametres, sortie or "total", conv, base)


def _montecarlo(conv, draws, seed, outputs, correle, base, progress, on_chunk) -> dict[str, np.ndarray]:
    """The outputs of every draw; each chunk given to ``on_chunk`` first, when given."""
    if on_chunk is None:
        return montecarlo.montecarlo(conv, draws, seed, outputs, correle, base, progress)
    outputs = outputs or engine.sorties_par_defaut()
    kept: dict[str, list[np.ndarray]] = {o: [] for o in outputs}
    start = 0
    for drawn, res in montecarlo.chunks(conv, draws, seed, outputs, correle, base, progress):
        stop = start + len(res[outputs[0]])
        on_chunk(pd.DataFrame({**drawn, **res}, index=pd.RangeIndex(start, stop, name="draw")))
        for o in outputs:
            kept[o].append(res[o])
        start = stop
    return {o: np.concatenate(v) for o, v in kept.items()}


def _twoway(names, parametres, sortie, conv, base) -> tuple[pd.DataFrame, str]:
    if len(names) != 2:
        raise ParameterError(f"--parametres '{cite(parametres)}' : deux paramètres attendus, séparés par une virgule")
    a, b = names
    grid = scale.deux_parametres(a, scale.grille(a, base), b, scale.grille(b, base), sortie, conv, base)
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
