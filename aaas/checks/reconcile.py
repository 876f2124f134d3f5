"""Reconciliation: every printed figure of ``data/published.csv`` against its recomputation.

A figure is *conforme* when its recomputation rounds to the printed value (``=``, within
half its printed precision) or satisfies the printed inequality (``<``, ``>``: « plus de »,
« moins de »).  Any other gap must be explained:

* by an erratum of ``data/errata.csv`` attached to that very figure: *erreur reportée* when
  the report carries it into its totals (``modifie_total = oui``), *erreur sans effet*
  otherwise; the figure keeps that status under both conventions (under ``rapport`` it is
  reproduced, but it is still wrong);
* by an error the report carries forward: the figure is reproduced under ``rapport`` and
  differs under ``corrige`` only because carried errata were fixed (*erreur reportée*,
  listing the errata whose correction moves it).

The words, their definitions (:data:`VOCABULAIRE`) and the counts every page states
(:func:`bilan`) are defined here once.

Two kinds of figures cannot be confirmed independently, and have a status of their own:

* a share of 3.3 depends on a classification of the cost lines the report does not give
  (``verification = classement`` in ``data/published.csv``): it is *non vérifiable* when the
  printed value lies within the range the plausible classifications give
  (``categories_plausibles`` of ``data/composantes.csv``), *conforme* when every plausible
  classification agrees, and needs an erratum when none does;
* the carriers' table of 3.2.5 was reconstructed by this edition to fit the chart's
  percentages (``verification = reconstitue``): its agreement is true by construction.

In a variant scenario, figures that moved with the changed parameters are flagged
*scénario*; under a convention that updates values (``actualise``), figures that moved
with the update are flagged *actualisé*.  :func:`unexplained` lists what remains: ``aaas check``
fails on it (:mod:`aaas.checks.verification`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from .. import datastore
from ..models import conventions
from ..models import scenario as scenarios

#: The status vocabulary, defined once: key -> (label, definition).  Every page of the book,
#: the command line and ``aaas check`` use these words.  A status describes the *printed*
#: figure, so it is the same under both conventions for the report's scenario.
VOCABULAIRE = {
    "conforme": ("conforme", "le chiffre imprimé est reproduit par le recalcul, à l'arrondi d'affichage près"),
    "reportee": (
        "erreur reportée",
        "le chiffre imprimé est faux et le rapport le reprend dans ses totaux : le corriger modifie le total "
        "(erratum dont « modifie le total » vaut oui, ou chiffre qui en hérite)",
    ),
    "sans_effet": (
        "erreur sans effet",
        "le chiffre imprimé est faux, mais l'erreur reste locale : le rapport ne la reprend pas dans ses totaux",
    ),
    "reconstitue": (
        "reconstitué",
        "chiffre que cette édition a reconstitué pour retrouver le rapport (porteurs, 3.2.5) : "
        "son accord est vrai par construction",
    ),
    "non_verifiable": (
        "non vérifiable",
        "part qui dépend d'un classement des lignes que le rapport ne publie pas ; le chiffre imprimé "
        "tombe dans la fourchette des classements plausibles",
    ),
    "scenario": ("scénario", "dans une variante, le chiffre suit les paramètres modifiés : l'écart est leur effet"),
    "actualise": (
        "actualisé",
        "sous la convention actualisée, le chiffre suit les valeurs mises à jour (paie par les règles de l'URSSAF, "
        "barème kilométrique, tarif de consultation) : l'écart est leur effet, pas une erreur du rapport",
    ),
    "non_chiffre": ("non chiffré", "poste que le rapport cite sans le chiffrer"),
    "inexplique": ("INEXPLIQUÉ", "écart qu'aucun erratum n'explique : `aaas check` échoue"),
}
#: Label of each status (key -> label).
STATUTS = {k: label for k, (label, _) in VOCABULAIRE.items()}
#: Status key of each label (label -> key), e.g. for CSS classes.
CLES = {label: k for k, label in STATUTS.items()}
#: Statuses of a figure the report got wrong.
ERREURS = ("reportee", "sans_effet")


def vocabulaire() -> pd.DataFrame:
    """The status vocabulary as a table (key, label, definition), for the method page.

    >>> list(vocabulaire()["statut"])[:3]
    ['conforme', 'erreur reportée', 'erreur sans effet']
    """
    return pd.DataFrame(
        [{"cle": k, "statut": label, "definition": d} for k, (label, d) in VOCABULAIRE.items()],
        columns=["cle", "statut", "definition"],
    )


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


def _missions() -> list[str]:
    return list(datastore.missions()["mission"])


def effets_errata(convention: str = "corrige") -> pd.DataFrame:
    """How each error the report carries moves the grand total and its mission: one row per
    correction applied alone to the report's set (``effet`` on the total, ``effet_<mission>``
    on each mission, ``mission``: the one it moves most), and a last row for the interaction
    of all corrections together (0 when they touch separate lines)."""
    base = conventions.compute("rapport")
    missions = _missions()
    rows = []
    for row, results in corrections_une_a_une(convention):
        d = {f"effet_{m}": results.scalar(f"mission_{m}") - base.scalar(f"mission_{m}") for m in missions}
        rows.append({
            "erratum": row.erratum, "parametre": row.parametre, "rapport": row.rapport,
            convention: getattr(row, convention), "effet": results.scalar("total") - base.scalar("total"),
            "mission": max(missions, key=lambda m: abs(d[f"effet_{m}"])), **d,
        })  # fmt: skip
    columns = ["erratum", "parametre", "rapport", convention, "effet", "mission"] + [f"effet_{m}" for m in missions]
    df = pd.DataFrame(rows, columns=columns)
    interaction = conventions.compute(convention).scalar("total") - base.scalar("total") - df["effet"].sum()
    last = {"erratum": "interaction", "parametre": "", "rapport": "", convention: "", "mission": ""}
    last.update({"effet": interaction, **{f"effet_{m}": 0.0 for m in missions}})
    return pd.concat([df, pd.DataFrame([last])], ignore_index=True)


@dataclass(frozen=True)
class Bilan:
    """What every page states about the verification (see :func:`bilan`)."""

    #: Printed figures compared with their recomputation (the report's cited-only posts excluded).
    chiffres: int
    #: Figures reproduced (``conforme``, ``reconstitué``) and not verifiable (classification).
    reproduits: int
    non_verifiables: int
    #: Figures the report got wrong, and those of them that change the total.
    erreurs: int
    erreurs_total: int
    inexpliques: int
    #: Errata of ``data/errata.csv``, and the ids of those that change the total, the heaviest first.
    errata: int
    errata_total: tuple[str, ...]
    #: Count of each status label.
    par_statut: Mapping[str, int]


def bilan(rec: pd.DataFrame | None = None) -> Bilan:
    """The counts every page states (home, verification, errata), from one reconciliation
    (``rec``; the report's scenario under ``rapport`` when omitted).

    >>> b = bilan()
    >>> b.chiffres == b.reproduits + b.non_verifiables + b.erreurs + b.inexpliques
    True
    >>> b.errata_total[0]
    'E16'
    """
    rec = reconcile() if rec is None else rec
    n = rec["statut"].value_counts().to_dict()
    count = lambda *keys: int(sum(n.get(STATUTS[k], 0) for k in keys))  # noqa: E731
    effets = effets_errata().query("erratum != 'interaction'")
    ordre = effets.assign(poids=effets["effet"].abs()).sort_values("poids", ascending=False, kind="stable")
    e = conventions.errata()
    return Bilan(
        chiffres=count(*(k for k in STATUTS if k != "non_chiffre")),
        reproduits=count("conforme", "reconstitue"),
        non_verifiables=count("non_verifiable", "scenario"),
        erreurs=count(*ERREURS),
        erreurs_total=count("reportee"),
        inexpliques=count("inexplique"),
        errata=len(e),
        errata_total=tuple(ordre["erratum"]),
        par_statut=MappingProxyType({STATUTS[k]: int(n.get(STATUTS[k], 0)) for k in STATUTS}),
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
    e = conventions.errata()
    direct = e.groupby(["tableau", "label"])["id"].apply(tuple).to_dict()
    poids = dict(zip(e["id"], e["modifie_total"] == "oui", strict=True))
    ok = _agree(pub, recalc)
    ok_rapport = _agree(pub, _values(conventions.compute("rapport"), names))
    ok_corrige = _agree(pub, _values(conventions.compute("corrige"), names))
    moved = ~np.isclose(recalc, ref, rtol=1e-12, atol=1e-9) if scenario.changed else np.zeros(len(pub), bool)
    updated = _mis_a_jour(convention, ref, names)
    out = []
    for i, row in enumerate(pub.itertuples(index=False)):
        own = direct.get((row.tableau, row.label), ())
        classement = _classement(row, plage_min[i], plage_max[i])
        carried = bool(ok_rapport[i] and not ok_corrige[i])
        deplace = "scenario" if moved[i] else "actualise" if updated[i] else None
        s = _statut(row, classement, ok[i], deplace, tuple(poids[x] for x in own), carried)
        if s == "reportee" and not any(poids[x] for x in own):
            own = tuple(dict.fromkeys(own + _influence_default().get(row.variable, ())))
        out.append((s, own))
    return out


def _mis_a_jour(convention: str, ref: np.ndarray, names: list[str]) -> np.ndarray:
    """Which figures the convention's updated values move (against the convention it
    starts from); none for a convention that only corrects errors."""
    conv = conventions.get(convention)
    if not conv.met_a_jour:
        return np.zeros(len(names), bool)
    return ~np.isclose(ref, _values(conventions.compute(conv.base), names), rtol=1e-12, atol=1e-9)


def _statut(row, classement: str | None, ok: bool, deplace: str | None, own: tuple[bool, ...], carried: bool) -> str:
    """The status key of one figure (see :data:`VOCABULAIRE`); ``deplace`` is the status of
    a figure the scenario (``scenario``) or the convention's update (``actualise``) moved,
    None when it did not move; ``own`` tells, for each erratum attached to the figure,
    whether it changes the total."""
    if row.comparaison == "-":
        return "non_chiffre"
    if classement is not None and classement != "aucune":
        return "conforme" if classement == "toutes" else "non_verifiable"
    if deplace:  # even when it still rounds to the printed figure: the table shows it moved
        return deplace
    if ok and not own and not carried:
        return "reconstitue" if row.verification == "reconstitue" else "conforme"
    if own:
        return "reportee" if any(own) else "sans_effet"
    if carried:
        return "reportee"
    return "conforme" if ok else "inexplique"


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


def unexplained(rec: pd.DataFrame) -> pd.DataFrame:
    """The figures of a reconciliation (:func:`reconcile`) whose gap no erratum explains:
    what ``aaas check`` fails on (:func:`aaas.checks.verification.verify`)."""
    return rec[rec["statut"] == STATUTS["inexplique"]]


def errata_problems(recs: Mapping[str, pd.DataFrame] | None = None) -> list[str]:
    """Consistency of ``data/errata.csv`` with the published figures and the model.

    ``recs``: the reconciliations of the report's scenario under ``rapport`` and
    ``corrige`` the caller already has (each one missing is computed).
    """
    problems = []
    pub = published().set_index(["tableau", "label"])
    corrige = conventions.compute("corrige")
    recs = recs or {}
    rows = {
        c: (recs[c] if c in recs else reconcile(scenarios.resolve(convention=c), c)).set_index(["tableau", "label"])
        for c in ("rapport", "corrige")
    }
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
            not conforme(df.loc[key, "recalcule"], row["value"], row["comparaison"], row["precision"])
            for df in rows.values()
        )
        if not needed:
            problems.append(
                f"{e.id} : l'erratum n'explique plus aucun écart (chiffre conforme dans les deux conventions)"
            )
    return problems
