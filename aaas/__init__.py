"""Reproducible edition of the AAAS extra-cost report: formulas, data, reconciliation, book.

The public API, for researchers who work in Python rather than on the command line::

    import aaas

    scenario = aaas.resolve(overrides={"population_bassin": 50000, "file_active": 250})
    ev = aaas.evaluate(scenario, convention="corrige")
    print(ev.total, ev.results["mission_relais"])
    ev.table("synthese")  # printed, recomputed, gap, status, errata
    ev.missions()         # the four missions and the total
    aaas.quantities("habitant")  # the dictionary: every quantity's label, unit, section, function

    draws = aaas.evaluate({"population_bassin": numpy.array([10000, 20000, 50000])})
    draws.total           # one total per draw (an array); draws.table(…) has a ``draw`` level
    aaas.sensitivity.tornado(scenario, output="total")   # oneway, montecarlo, sobol, scale

Layers (each imports only from the layers before it): :mod:`aaas.formulas` (pure NumPy
formulas) → :mod:`aaas.models` (parameters, scenarios, conventions, the cost model) →
:mod:`aaas.checks` (reconciliation with the report, tables, :class:`Evaluation`) →
:mod:`aaas.present` (rendering) → :mod:`aaas.publish` (the book) → :mod:`aaas.cli`;
:mod:`aaas.datastore`, :mod:`aaas.errors` and :mod:`aaas.fmt` are foundations.
"""

from .location import __version__  # resolved once: git tags in a checkout, else the installed metadata

#: The public API (``from aaas import *``, completion): the entry points, their types,
#: the sensitivity analyses and the errors raised on bad input.
__all__ = [
    "Evaluation",
    "Scenario",
    "describe",
    "errors",
    "evaluate",
    "quantities",
    "resolve",
    "sensitivity",
    "__version__",
]
#: Where each lazily imported name lives (``import aaas.formulas`` stays light: NumPy only).
_LAZY = {
    "evaluate": "checks.evaluation",
    "Evaluation": "checks.evaluation",
    "resolve": "models.scenario",
    "Scenario": "models.scenario",
    "quantities": "models.quantites",
    "describe": "models.quantites",
}


def __getattr__(name: str):
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    if name in ("errors", "sensitivity"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'aaas' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if not n.startswith("_"))})
