"""Sensitivity analysis: a layer over any model function and the parameter table.

The researcher's API — each analysis takes a scenario (a resolved
:class:`~aaas.models.scenario.Scenario`, a mapping of parameter values, a YAML file, or
None: the report's) and a convention::

    import aaas.sensitivity as sa

    sa.oneway({"population_bassin": 50000}, outputs="total")   # one-way, sorted by effect
    sa.tornado(output="mission_relais", top=10)                # the tornado of one output
    mc = sa.montecarlo(draws=10_000, seed=1)                   # mc.draws, mc.summary
    sa.sobol(base_samples=1024)                                # S1, ST and their intervals
    sa.scale("population_bassin")                              # cost curve of one parameter

:func:`oneway`, :func:`montecarlo`, :func:`sobol` and :func:`scale` are modules too, whose
functions keep the engine's signatures (convention first, a complete parameter set):
calling the module runs the analysis (:mod:`aaas.sensitivity.api`).

:mod:`.ranges` gives each hypothesis its plausible range (``bas``, ``haut``, ``loi`` of
``data/parameters.csv``; empty: ±15 %, the report's own claim in 2.2.2.7);
:mod:`.engine` evaluates the model on arrays of draws in one vectorised pass per chunk,
keeping only the outputs asked for; :mod:`.oneway`, :mod:`.structural`,
:mod:`.montecarlo`, :mod:`.sobol` and :mod:`.scale` are the analyses; :mod:`.limits`
bounds every count.

Light on import (no NumPy): the command line's parser imports :mod:`.limits`.
"""

import importlib

#: The public API: the analyses (callable modules) and what they return.
__all__ = ["MonteCarlo", "montecarlo", "oneway", "scale", "sobol", "tornado"]
#: The other modules, reachable as attributes.
MODULES = ("analyses", "api", "engine", "limits", "presets", "ranges", "structural")
#: Names defined in a module of another name.
_FROM = {"tornado": "oneway", "MonteCarlo": "montecarlo"}


def __getattr__(name: str):
    if name in _FROM:
        return getattr(importlib.import_module(f".{_FROM[name]}", __name__), name)
    if name in __all__ or name in MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*__all__, *MODULES, "MODULES"})
