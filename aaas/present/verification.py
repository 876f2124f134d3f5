"""The report of ``aaas check`` in words: for each convention, how every published figure
stands, each unexplained gap, each inconsistent erratum, and every convention's total.  The
decision is :func:`aaas.checks.verification.verify`'s; this module only words it."""

from __future__ import annotations

from .. import fmt
from ..checks import reconcile
from ..checks.verification import Verification, verify
from ..errors import ParameterError
from . import bilan


def check(scenario=None, conventions: list[str] | None = None) -> tuple[str, int]:
    """The check's text and exit status (0 or
    :data:`aaas.checks.verification.EXIT_UNEXPLAINED`), for a scenario (the report's by
    default) under the given conventions (all by default)."""
    v = verify(scenario, conventions)
    return texte(v), v.code


def texte(v: Verification) -> str:
    """The words of a verification: a line per convention checked (the book's sentence of
    counts), then each unexplained gap and inconsistent erratum, the totals, the verdict."""
    lines = []
    for convention, rec in v.reconciliations.items():
        lines.append(f"convention {convention} : {bilan.texte(reconcile.bilan(rec))}")  # the book's words
        for r in v.inexpliques[convention].itertuples(index=False):
            lines.append(
                f"  ÉCART INEXPLIQUÉ [{r.tableau}] {r.label} : imprimé {r.value:g}, recalculé {r.recalcule:.6g}"
            )
    lines += [f"  ERRATUM INCOHÉRENT {p}" for p in v.errata]
    lines.append(_totaux(v))
    if v.code and v.modifications:
        lines.append(f"données modifiées (par rapport aux données publiées) : {v.modifications}")
    lines.append("vérification réussie" if v.code == 0 else "vérification ÉCHOUÉE")
    return "\n".join(lines)


def _totaux(v: Verification) -> str:
    """The line of every convention's total and its gap to the report's (« non calculé »,
    with the reason, for a convention not checked whose own rules refuse the scenario)."""
    total = v.totaux["rapport"]
    parts = []
    for c, t in v.totaux.items():
        if isinstance(t, ParameterError):
            shown = f"non calculé ({t})"
        elif c == "rapport" or isinstance(total, ParameterError):
            shown = fmt.euros(t)
        else:
            shown = f"{fmt.euros(t)} (écart {fmt.ecart(round(t) - round(total), '€')})"
        parts.append(f"convention {c} : {shown}")
    return "total " + " ; ".join(parts)
