"""The report of ``aaas check``: for each convention, how every published figure stands,
each unexplained gap, each inconsistent erratum, and both totals."""

from __future__ import annotations

from .. import fmt
from ..checks import reconcile
from ..checks.evaluation import Evaluation
from ..models import conventions as conv
from . import bilan

#: Exit status when a gap is unexplained or an erratum inconsistent.
EXIT_UNEXPLAINED = 1


def check(scenario=None, conventions: list[str] | None = None) -> tuple[str, int]:
    """The check's text and exit status (0 or :data:`EXIT_UNEXPLAINED`), for a scenario
    (the report's by default) under the given conventions (all by default)."""
    lines, code = [], 0
    for convention in conventions or list(conv.CONVENTIONS):
        rec = Evaluation(scenario, convention).reconciliation
        lines.append(f"convention {convention} : {bilan.texte(reconcile.bilan(rec))}")  # the book's words
        for r in rec[rec["statut"] == reconcile.STATUTS["inexplique"]].itertuples(index=False):
            code = EXIT_UNEXPLAINED
            lines.append(
                f"  ÉCART INEXPLIQUÉ [{r.tableau}] {r.label} : imprimé {r.value:g}, recalculé {r.recalcule:.6g}"
            )
    for p in reconcile.errata_problems():
        code = EXIT_UNEXPLAINED
        lines.append(f"  ERRATUM INCOHÉRENT {p}")
    total = Evaluation(scenario, "rapport").total
    autres = []
    for c in conv.CONVENTIONS[1:]:
        t = Evaluation(scenario, c).total
        autres.append(f"convention {c} : {fmt.euros(t)} (écart {fmt.ecart(round(t) - round(total), '€')})")
    lines.append(f"total convention rapport : {fmt.euros(total)} ; " + " ; ".join(autres))
    lines.append("vérification réussie" if code == 0 else "vérification ÉCHOUÉE")
    return "\n".join(lines), code
