"""Reconciliation: every printed figure of ``data/published.csv`` against its recomputation.

A figure is *conforme* when its recomputation rounds to the printed value (``=``, within
half its printed precision) or satisfies the printed inequality (``<``, ``>``: « plus de »,
« moins de »).  Any other gap must be explained:

* by an erratum of ``data/errata.csv`` attached to that very figure (*erratum*);
* under the ``corrige`` convention, by an error the report carries forward: the figure is
  conforme under ``rapport`` and differs only because carried errata were fixed
  (*erreur reportée*, listing the errata whose correction moves it).

Two kinds of figures cannot be confirmed independently, and have a status of their own:

* a share of 3.3 depends on a classification of the cost lines the report does not give
  (``verification = classement`` in ``data/published.csv``): it is *non vérifiable* when the
  printed value lies within the range the plausible classifications give
  (``categories_plausibles`` of ``data/composantes.csv``), *conforme* when every plausible
  classification agrees, and needs an erratum when none does;
* the carriers' table of 3.2.5 was reconstructed by this edition to fit the chart's
  percentages (``verification = reconstitue``): its agreement is true by construction.

In a variant scenario, figures that moved with the changed parameters are flagged
*scénario*.  :func:`unexplained` lists what remains: ``aaas check`` fails on it.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np
import pandas as pd

from .. import datastore
from ..models import conventions
from ..models import scenario as scenarios

STATUTS = {
    "conforme": "conforme",
    "erratum": "erratum",
    "reporte": "erreur reportée",
    "scenario": "scénario",
    "non_chiffre": "non chiffré",
    "classement": "non vérifiable : dépend du classement",
    "reconstitue": "reconstitué",
    "inexplique": "INEXPLIQUÉ",
}


published = datastore.published
tableaux = datastore.tableaux


def tolerance(precision: float) -> float:
    return precision / 2 * (1 + 1e-9) + 1e-9


def conforme(recalcule: float, printed: float, comparaison: str, precision: float) -> bool:
    """Does the recomputed value agree with the printed one at the report's precision?"""
    if comparaison == "-":
        return True
    if comparaison == "<":
        return recalcule < printed
    if comparaison == ">":
        return recalcule > printed
    return abs(recalcule - printed) <= tolerance(precision)


def _values(results, names) -> np.ndarray:
    return np.array([float(np.asarray(results[n])) for n in names])


def _agree(df: pd.DataFrame, recalc: np.ndarray) -> np.ndarray:
    return np.array(
        [
            conforme(r, p, c, pr)
            for r, p, c, pr in zip(recalc, df["value"], df["comparaison"], df["precision"], strict=True)
        ]
    )


@datastore.cached
def corrections_une_a_une(convention: str = "corrige") -> tuple:
    """The report's parameter set with each value of ``data/conventions.csv`` for
    ``convention`` applied alone: ``(row of conventions.differences, results)`` pairs."""
    return tuple(
        (row, conventions.compute("rapport", {row.parametre: getattr(row, convention)}))
        for row in conventions.differences(convention).itertuples(index=False)
    )


@datastore.cached
def _influence_default(convention: str = "corrige") -> dict[str, tuple[str, ...]]:
    """For each published variable, the errata whose correction, applied alone to the
    report's set, moves it."""
    names = list(published()["variable"])
    base = _values(conventions.compute("rapport"), names)
    out: dict[str, list[str]] = {n: [] for n in names}
    for row, results in corrections_une_a_une(convention):
        for n, a, b in zip(names, base, _values(results, names), strict=True):
            if not np.isclose(a, b, rtol=1e-12, atol=1e-9) and row.erratum not in out[n]:
                out[n].append(row.erratum)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


def effets_errata(convention: str = "corrige") -> pd.DataFrame:
    """How each error the report carries moves the grand total: one row per correction
    applied alone to the report's set, and a last row for the interaction of all
    corrections together (0 when they touch separate lines)."""
    rapport = conventions.compute("rapport").scalar("total")
    rows = [
        {
            "erratum": row.erratum,
            "parametre": row.parametre,
            "rapport": row.rapport,
            convention: getattr(row, convention),
            "effet": results.scalar("total") - rapport,
        }
        for row, results in corrections_une_a_une(convention)
    ]
    df = pd.DataFrame(rows, columns=["erratum", "parametre", "rapport", convention, "effet"])
    interaction = conventions.compute(convention).scalar("total") - rapport - df["effet"].sum()
    return pd.concat(
        [
            df,
            pd.DataFrame(
                [{"erratum": "interaction", "parametre": "", "rapport": "", convention: "", "effet": interaction}]
            ),
        ],
        ignore_index=True,
    )


def reconcile(scenario: scenarios.Scenario | None = None, convention: str = "rapport", results=None) -> pd.DataFrame:
    """Every published figure with its recomputation, gap, status and explaining errata.

    ``results`` are the model's results for this scenario and convention when the caller
    already has them (:class:`aaas.checks.evaluation.Evaluation`).
    """
    conventions.check_convention(convention)
    scenario = (scenario or scenarios.resolve(convention=convention)).under(convention)
    pub = published()
    names = list(pub["variable"])
    results = conventions.compute_scenario(scenario) if results is None else results
    recalc = _values(results, names)
    # The convention's default scenario: tells the scenario's effects from the report's errors.
    ref = _values(conventions.compute(convention), names)
    plage_min, plage_max = _ranges(pub, results)
    statuts = _statuts(pub, recalc, ref, plage_min, plage_max, scenario, convention)
    pub["defaut"] = ref
    pub["recalcule"] = recalc
    pub["ecart"] = np.where(pub["comparaison"] == "-", np.nan, recalc - pub["value"].to_numpy())
    pub["plage_min"] = plage_min
    pub["plage_max"] = plage_max
    pub["statut"] = [STATUTS[s] for s, _ in statuts]
    pub["errata"] = [", ".join(ids) for _, ids in statuts]
    return pub


def _statuts(pub, recalc, ref, plage_min, plage_max, scenario, convention) -> list[tuple[str, tuple[str, ...]]]:
    """The status key of each figure and the errata shown with it."""
    names = list(pub["variable"])
    direct = conventions.errata().groupby(["tableau", "label"])["id"].apply(tuple).to_dict()
    ok, ok_ref = _agree(pub, recalc), _agree(pub, ref)
    ok_rapport = _agree(pub, _values(conventions.compute("rapport"), names))
    moved = ~np.isclose(recalc, ref, rtol=1e-12, atol=1e-9) if scenario.changed else np.zeros(len(pub), bool)
    out = []
    for i, row in enumerate(pub.itertuples(index=False)):
        own = direct.get((row.tableau, row.label), ())
        classement = _classement(row, plage_min[i], plage_max[i])
        carried = convention == "corrige" and ok_rapport[i] and not ok_ref[i]
        s = _statut(row, classement, ok[i], moved[i], bool(own), carried)
        if s == "reporte":
            own = tuple(dict.fromkeys(own + _influence_default().get(row.variable, ())))
        out.append((s, own))
    return out


def _statut(row, classement: str | None, ok: bool, moved: bool, own: bool, carried: bool) -> str:
    """The status key of one figure (see :data:`STATUTS`)."""
    if row.comparaison == "-":
        return "non_chiffre"
    if classement is not None and classement != "aucune":
        return "conforme" if classement == "toutes" else "classement"
    if classement is None and ok:
        return "reconstitue" if row.verification == "reconstitue" else "conforme"
    if moved:
        return "scenario"
    if own:
        return "erratum"
    return "reporte" if carried else "inexplique"


def _ranges(pub: pd.DataFrame, results) -> tuple[np.ndarray, np.ndarray]:
    """Range of each classification-dependent share (NaN for other figures)."""
    lo, hi = [], []
    for row in pub.itertuples(index=False):
        if row.verification == "classement":
            lo.append(float(np.asarray(results[f"plage_min_{row.variable}"])))
            hi.append(float(np.asarray(results[f"plage_max_{row.variable}"])))
        else:
            lo.append(np.nan)
            hi.append(np.nan)
    return np.array(lo), np.array(hi)


def _classement(row, lo: float, hi: float) -> str | None:
    """For a classification-dependent share: does the printed figure hold for ``toutes``
    the plausible classifications, ``certaines`` of them, or ``aucune``?  None for other
    figures."""
    if row.verification != "classement":
        return None
    if row.comparaison == "<":
        return "toutes" if hi < row.value else ("certaines" if lo < row.value else "aucune")
    if row.comparaison == ">":
        return "toutes" if lo > row.value else ("certaines" if hi > row.value else "aucune")
    tol = tolerance(row.precision)
    if abs(lo - row.value) <= tol and abs(hi - row.value) <= tol:
        return "toutes"
    return "certaines" if lo - tol <= row.value <= hi + tol else "aucune"


def unexplained(convention: str) -> pd.DataFrame:
    """Figures of the report's scenario whose gap no erratum explains."""
    df = reconcile(scenarios.resolve(convention=convention), convention)
    return df[df["statut"] == STATUTS["inexplique"]]


def errata_problems() -> list[str]:
    """Consistency of ``data/errata.csv`` with the published figures and the model."""
    problems = []
    pub = published().set_index(["tableau", "label"])
    corrige = conventions.compute("corrige")
    rows = {c: reconcile(scenarios.resolve(convention=c), c) for c in ("rapport", "corrige")}
    for e in conventions.errata().itertuples(index=False):
        key = (e.tableau, e.label)
        if key not in pub.index:
            problems.append(f"{e.id} : aucun chiffre publié « {e.label} » dans le tableau {e.tableau}")
            continue
        row = pub.loc[key]
        if not np.isclose(row["value"], e.valeur_imprimee):
            problems.append(f"{e.id} : valeur imprimée {e.valeur_imprimee:g} ≠ published.csv {row['value']:g}")
        computed = float(np.asarray(corrige[row["variable"]]))
        if abs(computed - e.valeur_recalculee) > max(tolerance(row["precision"]), 0.006):
            problems.append(f"{e.id} : valeur recalculée {e.valeur_recalculee:g} ≠ modèle corrigé {computed:.4g}")
        needed = any(
            (df.set_index(["tableau", "label"]).loc[key, "statut"] == STATUTS["erratum"]) for df in rows.values()
        )
        if not needed:
            problems.append(
                f"{e.id} : l'erratum n'explique plus aucun écart (chiffre conforme dans les deux conventions)"
            )
    return problems
