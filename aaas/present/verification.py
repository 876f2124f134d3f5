"""The report of ``aaas check``: for each convention, how every published figure stands,
each unexplained gap, each inconsistent erratum, and both totals."""

from __future__ import annotations

from .. import datastore, fmt
from ..checks import reconcile
from ..checks.evaluation import Evaluation
from ..errors import ParameterError
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
    lines.append(_totaux(scenario, conventions or list(conv.CONVENTIONS)))
    edits = datastore.modifications()
    if code and edits:
        lines.append(f"données modifiées (par rapport aux données publiées) : {edits}")
    lines.append("vérification réussie" if code == 0 else "vérification ÉCHOUÉE")
    return "\n".join(lines), code


def _totaux(scenario, checked: list[str]) -> str:
    """The line of every convention's total and its gap to the report's.  A convention not
    checked whose own rules refuse the scenario (a salary below the SMIC when posts are paid
    by the URSSAF rules) is « non calculé », with the reason: it does not fail the check of
    another convention."""
    totals: dict[str, float | ParameterError] = {}
    for c in conv.CONVENTIONS:
        try:
            totals[c] = Evaluation(scenario, c).total
        except ParameterError as exc:
            if c in checked:
                raise
            totals[c] = exc
    total = totals["rapport"]
    parts = []
    for c, t in totals.items():
        if isinstance(t, ParameterError):
            shown = f"non calculé ({t})"
        elif c == "rapport" or isinstance(total, ParameterError):
            shown = fmt.euros(t)
        else:
            shown = f"{fmt.euros(t)} (écart {fmt.ecart(round(t) - round(total), '€')})"
        parts.append(f"convention {c} : {shown}")
    return "total " + " ; ".join(parts)
