"""Reconciliation: every printed figure of ``data/published.csv`` against its recomputation.

A figure is *conforme* when its recomputation rounds to the printed value (``=``, within
half its printed precision) or satisfies the printed inequality (``<``, ``>``: « plus de »,
« moins de »).  Any other gap must be explained:

* by an erratum of ``data/errata.csv`` attached to that very figure (*erratum*);
* under the ``corrige`` convention, by an error the report carries forward: the figure is
  conforme under ``rapport`` and differs only because carried errata were fixed
  (*erreur reportée*, listing the errata whose correction moves it).

In a variant scenario, figures that moved with the changed parameters are flagged
*scénario*.  :func:`unexplained` lists what remains: ``aaas check`` fails on it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from . import conventions, data, model, params

STATUTS = {
    "conforme": "conforme",
    "erratum": "erratum",
    "reporte": "erreur reportée",
    "scenario": "scénario",
    "non_chiffre": "non chiffré",
    "inexplique": "INEXPLIQUÉ",
}


def published() -> pd.DataFrame:
    return data.table("published.csv", ("value", "precision"))


def tableaux() -> pd.DataFrame:
    return data.table("tableaux.csv")


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
        [conforme(r, p, c, pr) for r, p, c, pr in zip(recalc, df["value"], df["comparaison"], df["precision"])]
    )


@lru_cache(maxsize=4)
def _influence_default() -> dict[str, tuple[str, ...]]:
    """For each published variable, the carried errata whose correction moves it
    (evaluated on the report's scenario)."""
    pub = published()
    names = list(pub["variable"])
    base = _values(conventions.evaluate(params.defaults(), "corrige"), names)
    out: dict[str, list[str]] = {n: [] for n in names}
    errata = conventions.errata()
    for row in errata[errata["cible"] != ""].itertuples(index=False):
        forced = conventions.forced("rapport")
        one = {row.cible: forced[row.cible]}
        vals = _values(model.evaluate(params.defaults(), one), names)
        for n, a, b in zip(names, base, vals):
            if not np.isclose(a, b, rtol=1e-12, atol=1e-9) and row.id not in out[n]:
                out[n].append(row.id)
    return {k: tuple(v) for k, v in out.items()}


def reconcile(scenario: params.Scenario | None = None, convention: str = "rapport") -> pd.DataFrame:
    """Every published figure with its recomputation, gap, status and explaining errata."""
    conventions.check_convention(convention)
    scenario = scenario or params.resolve()
    pub = published().copy()
    names = list(pub["variable"])
    results = conventions.evaluate_scenario(scenario, convention)
    recalc = _values(results, names)
    ok = _agree(pub, recalc)

    errata = conventions.errata()
    direct = errata.groupby(["tableau", "label"])["id"].apply(lambda s: tuple(s)).to_dict()
    influence = _influence_default()

    # Reference points on the report's scenario (to tell scenario effects from errors).
    default_scenario = params.resolve()
    ref = _values(conventions.evaluate_scenario(default_scenario, convention), names)
    ok_ref = _agree(pub, ref)
    ok_rapport = _agree(pub, _values(conventions.evaluate_scenario(default_scenario, "rapport"), names))

    statut, ids = [], []
    for i, row in enumerate(pub.itertuples(index=False)):
        own = direct.get((row.tableau, row.label), ())
        carried = influence.get(row.variable, ()) if convention == "corrige" else ()
        if row.comparaison == "-":
            s = "non_chiffre"
        elif ok[i]:
            s = "conforme"
        elif scenario.changed and not np.isclose(recalc[i], ref[i], rtol=1e-12, atol=1e-9):
            s = "scenario"
        elif own:
            s = "erratum"
        elif convention == "corrige" and ok_rapport[i] and not ok_ref[i]:
            s = "reporte"
        else:
            s = "inexplique"
        statut.append(STATUTS[s])
        shown = tuple(dict.fromkeys(own + carried)) if s == "reporte" else own
        ids.append(", ".join(shown))
    pub["recalcule"] = recalc
    pub["ecart"] = np.where(pub["comparaison"] == "-", np.nan, recalc - pub["value"].to_numpy())
    pub["statut"] = statut
    pub["errata"] = ids
    return pub


def unexplained(convention: str) -> pd.DataFrame:
    """Figures of the report's scenario whose gap no erratum explains."""
    df = reconcile(params.resolve(), convention)
    return df[df["statut"] == STATUTS["inexplique"]]


def errata_problems() -> list[str]:
    """Consistency of ``data/errata.csv`` with the published figures and the model."""
    problems = []
    pub = published().set_index(["tableau", "label"])
    table = params.parameters()
    corrige = conventions.evaluate(params.defaults(), "corrige")
    rows = {"rapport": reconcile(params.resolve(), "rapport"), "corrige": reconcile(params.resolve(), "corrige")}
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
        if e.cible and e.cible not in table and e.cible not in corrige:
            problems.append(f"{e.id} : cible inconnue '{e.cible}'")
        needed = any(
            (df.set_index(["tableau", "label"]).loc[key, "statut"] == STATUTS["erratum"]) for df in rows.values()
        )
        if not needed:
            problems.append(f"{e.id} : l'erratum n'explique plus aucun écart (chiffre conforme dans les deux conventions)")
    return problems
