"""One evaluation: a scenario under a convention, its results, its reference and its
reconciliation with the report, each computed once, when first asked for.

This is what the command line, the notebooks and researchers working in Python use
(``aaas.evaluate``)::

    >>> import aaas
    >>> ev = aaas.evaluate(aaas.resolve(overrides={"population_bassin": 50000}), convention="corrige")
    >>> round(ev.total) > round(aaas.evaluate().total)
    True
    >>> ev.table("synthese").loc["Total des surcoûts des missions", "statut"]
    'scénario'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..models import conventions
from ..models import scenario as scenarios
from . import affichage, reconcile, tables


class Evaluation:
    """A scenario evaluated under a convention (results, reference, reconciliation, tables).

    Parameters
    ----------
    scenario : Scenario, optional
        A resolved scenario (:func:`aaas.resolve`); the report's parameters when omitted.
    convention : str, optional
        ``"rapport"``, ``"corrige"`` or ``"actualise"``; the scenario's own convention when
        omitted.
    """

    def __init__(self, scenario: scenarios.Scenario | None = None, convention: str | None = None):
        convention = conventions.check_convention(convention or (scenario.convention if scenario else "rapport"))
        self.convention = convention
        self.scenario = (scenario or scenarios.resolve(convention=convention)).under(convention)

    def __repr__(self) -> str:
        return f"Evaluation(convention={self.convention!r}, changements={sorted(self.scenario.changed)})"

    @cached_property
    def results(self):
        """Every named quantity of the model (read-only mapping)."""
        return conventions.compute_scenario(self.scenario)

    @property
    def autre_convention(self) -> str:
        """The convention the reference is computed under: ``corrige`` for ``rapport``,
        ``rapport`` for any other."""
        return "corrige" if self.convention == "rapport" else "rapport"

    @cached_property
    def reference(self):
        """The same user settings under the other convention."""
        return conventions.compute_scenario(self.scenario, self.autre_convention)

    @cached_property
    def reconciliation(self) -> pd.DataFrame:
        """Every published figure with its recomputation, gap, status and errata."""
        return reconcile.reconcile(self.scenario, self.convention, results=self.results)

    @cached_property
    def affiches(self) -> dict[str, float]:
        """The amounts displayed for the lines, missions and total, adding up
        (:func:`aaas.checks.affichage.montants_affiches`)."""
        return affichage.montants_affiches(self.results)

    @cached_property
    def affiches_defaut(self) -> dict[str, float]:
        """The same for the convention's default (the report's scenario)."""
        return affichage.montants_affiches(conventions.compute(self.convention))

    @property
    def total(self) -> float:
        """The grand total (€/year)."""
        return self.value("total")

    def value(self, name: str) -> float:
        """One quantity of the model as a float."""
        return float(np.asarray(self.results[name]))

    def under(self, convention: str) -> Evaluation:
        """The same user settings evaluated under another convention."""
        return Evaluation(self.scenario, convention)

    def table(self, table_id: str, baseline: str = "rapport") -> pd.DataFrame:
        """One table of the report, shaped by :func:`aaas.checks.tables.shape` (``baseline``:
        what the gap is measured against, ``rapport`` or ``defaut``)."""
        tables.check_table(table_id)
        rec = self.reconciliation
        return tables.shape(rec[rec["tableau"] == table_id], baseline, self.affiches, self.affiches_defaut)

    def tables(self, baseline: str = "rapport") -> dict[str, pd.DataFrame]:
        """Every table of the report, in its order."""
        return {t: self.table(t, baseline) for t in tables.ids()}


def evaluate(
    scenario: scenarios.Scenario | Mapping[str, Any] | str | PathLike | None = None,
    convention: str | None = None,
) -> Evaluation:
    """Evaluate a scenario: a resolved :class:`~aaas.models.scenario.Scenario`, a mapping of
    parameter values (validated like ``--set``), the path of a YAML scenario file, or
    nothing (the report's parameters).

    >>> evaluate(convention="corrige").total < evaluate().total
    True
    """
    if scenario is None or isinstance(scenario, scenarios.Scenario):
        return Evaluation(scenario, convention)
    conv = convention or "rapport"
    if isinstance(scenario, Mapping):
        return Evaluation(scenarios.resolve(overrides=scenario, convention=conv), conv)
    return Evaluation(scenarios.resolve(scenario, convention=conv), conv)
