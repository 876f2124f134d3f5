"""The decision of ``aaas check``: under each convention checked, every printed figure's gap
explained (no status ``inexpliqué``), and every erratum of ``data/errata.csv`` consistent
with the printed figures and the model.  Each convention is reconciled once: the
reconciliations the check reports are those the errata's consistency reads when the
scenario is the report's.  How it is worded is :mod:`aaas.present.verification`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from .. import datastore
from ..errors import ParameterError
from ..models import conventions as conv
from . import reconcile
from .evaluation import Evaluation

#: Exit status when a gap is unexplained or an erratum inconsistent.
EXIT_UNEXPLAINED = 1
#: The conventions whose reconciliations of the report's scenario the errata's consistency reads.
CONVENTIONS_ERRATA = ("rapport", "corrige")


@dataclass(frozen=True)
class Verification:
    """What ``aaas check`` decides, for a scenario under the conventions checked."""

    #: The reconciliation of each convention checked (:func:`aaas.checks.reconcile.reconcile`).
    reconciliations: Mapping[str, pd.DataFrame]
    #: Its figures whose gap no erratum explains (:func:`aaas.checks.reconcile.unexplained`).
    inexpliques: Mapping[str, pd.DataFrame]
    #: The inconsistencies of ``data/errata.csv`` (:func:`aaas.checks.reconcile.errata_problems`).
    errata: tuple[str, ...]
    #: Every convention's total, or why its own rules refuse the scenario (a convention not checked).
    totaux: Mapping[str, float | ParameterError]
    #: The edits of the data folder against the published data, when the check fails (else empty).
    modifications: str

    @property
    def code(self) -> int:
        """The exit status: 0 when every gap is explained and every erratum consistent,
        else :data:`EXIT_UNEXPLAINED`."""
        failed = self.errata or any(not df.empty for df in self.inexpliques.values())
        return EXIT_UNEXPLAINED if failed else 0


def verify(scenario=None, conventions: list[str] | None = None) -> Verification:
    """Decide ``aaas check`` for a scenario (the report's by default) under the given
    conventions (all by default).

    >>> v = verify()
    >>> v.code, v.errata, sorted(v.reconciliations)
    (0, (), ['actualise', 'corrige', 'rapport'])
    """
    checked = list(conventions or conv.CONVENTIONS)
    evaluations = {c: Evaluation(scenario, c) for c in checked}
    recs = {c: evaluations[c].reconciliation for c in checked}
    defaut = {c: recs[c] for c in CONVENTIONS_ERRATA if c in recs and not evaluations[c].scenario.changed}
    inexpliques = {c: reconcile.unexplained(r) for c, r in recs.items()}
    errata = tuple(reconcile.errata_problems(defaut))
    failed = errata or any(not df.empty for df in inexpliques.values())
    return Verification(
        reconciliations=MappingProxyType(recs),
        inexpliques=MappingProxyType(inexpliques),
        errata=errata,
        totaux=MappingProxyType(_totaux(scenario, evaluations)),
        modifications=datastore.modifications() if failed else "",
    )


def _totaux(scenario, evaluations: Mapping[str, Evaluation]) -> dict[str, float | ParameterError]:
    """Every convention's total.  A convention not checked (not in ``evaluations``) whose
    own rules refuse the scenario (a salary below the SMIC when posts are paid by the URSSAF
    rules) gives the reason instead: it does not fail the check of another convention."""
    totals: dict[str, float | ParameterError] = {}
    for c in conv.CONVENTIONS:
        if c in evaluations:
            totals[c] = evaluations[c].total
            continue
        try:
            totals[c] = Evaluation(scenario, c).total
        except ParameterError as exc:
            totals[c] = exc
    return totals
