"""Reproducible edition of the AAAS extra-cost report: formulas, data, reconciliation, book.

The public API, for researchers who work in Python rather than on the command line::

    import aaas

    scenario = aaas.resolve(overrides={"population_bassin": 50000, "file_active": 250})
    ev = aaas.evaluate(scenario, convention="corrige")
    print(ev.total, ev.results["mission_relais"])
    ev.table("synthese")  # printed, recomputed, gap, status, errata

Layers (each imports only from the layers before it): :mod:`aaas.formulas` (pure NumPy
formulas) → :mod:`aaas.models` (parameters, scenarios, conventions, the cost model) →
:mod:`aaas.checks` (reconciliation with the report, tables, :class:`Evaluation`) →
:mod:`aaas.present` (rendering) → :mod:`aaas.publish` (the book) → :mod:`aaas.cli`;
:mod:`aaas.datastore`, :mod:`aaas.errors` and :mod:`aaas.fmt` are foundations.
"""

from .location import __version__  # resolved once: git tags in a checkout, else the installed metadata

__all__ = ["Evaluation", "evaluate", "resolve", "__version__"]


def __getattr__(name: str):
    # Imported lazily so that ``import aaas.formulas`` stays light (NumPy only).
    if name in ("evaluate", "Evaluation"):
        from .checks import evaluation

        return getattr(evaluation, name)
    if name == "resolve":
        from .models.scenario import resolve

        return resolve
    raise AttributeError(f"module 'aaas' has no attribute {name!r}")
