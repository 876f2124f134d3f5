"""What the missions cost today: the three conventions side by side, line by line, and the
steps from the report's total to today's.

The steps are the rows of ``data/conventions.csv`` that make the ``actualise`` set
(:func:`aaas.models.conventions.differences`), grouped by their ``etape`` and applied one
group after another in the file's order, each on top of the previous ones: the
corrections of the report's errors, the salary the SMIC imposes, payroll by the URSSAF
rules, the mileage scale, the consultation fee.  The effect of a step depends on that
order (a rate applies to the salary the previous step set); the last step ends on the
``actualise`` total exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .. import datastore
from ..models import conventions, paie
from ..models import scenario as scenarios

#: The conventions compared, in the order of the chapter.
TROIS = ("rapport", "corrige", "actualise")


def _scalaire(results: Mapping[str, Any], name: str) -> float:
    return float(np.asarray(results[name]))


def _resultats(scenario: scenarios.Scenario | None) -> dict[str, Mapping[str, Any]]:
    scenario = scenario or scenarios.resolve()
    return {c: conventions.compute_scenario(scenario, c) for c in TROIS}


def par_ligne(scenario: scenarios.Scenario | None = None) -> pd.DataFrame:
    """Every cost line, then every mission and the total, under the three conventions,
    with the change from the report's figure to today's (euros and relative).

    >>> df = par_ligne().set_index("cle")
    >>> round(df.loc["total", "rapport"])
    404565
    """
    res = _resultats(scenario)
    lignes = datastore.lignes()
    missions = datastore.missions()
    rows = [
        {"cle": f"ligne_{r.ligne}", "niveau": "ligne", "mission": r.mission, "libelle": r.libelle}
        for r in lignes.itertuples(index=False)
    ]
    rows += [
        {"cle": f"mission_{r.mission}", "niveau": "mission", "mission": r.mission, "libelle": r.libelle}
        for r in missions.itertuples(index=False)
    ]
    rows.append({"cle": "total", "niveau": "total", "mission": "", "libelle": "Total des surcoûts des missions"})
    df = pd.DataFrame(rows)
    for c in TROIS:
        df[c] = [_scalaire(res[c], k) for k in df["cle"]]
    df["ecart"] = df["actualise"] - df["rapport"]
    df["ecart_relatif"] = np.where(df["rapport"] != 0, df["ecart"] / df["rapport"].where(df["rapport"] != 0, 1), np.nan)
    return df


def etapes(scenario: scenarios.Scenario | None = None) -> pd.DataFrame:
    """From the report's total to today's, one row per step (``etape`` of
    ``data/conventions.csv``): the parameters it sets, the total after it, its effect on
    the total and on each mission.  A value the user set in ``scenario`` is kept through
    every step (as each convention keeps it).

    >>> df = etapes()
    >>> round(df["total"].iloc[0]), df["etape"].iloc[1]
    (404565, 'Corrections des erreurs du rapport')
    """
    scenario = scenario or scenarios.resolve()
    values = dict(scenario.under("rapport").values)
    missions = list(datastore.missions()["mission"])
    res = conventions.compute_scenario(scenario, "rapport")
    rows = [_etape("Rapport (chiffres recalculés)", "", res, None, missions)]
    diff = conventions.differences("actualise")
    for etape, groupe in diff.groupby("etape", sort=False):
        changes = {
            p: v for p, v in zip(groupe["parametre"], groupe["actualise"], strict=True) if p not in scenario.explicit
        }
        values.update(changes)
        previous, res = res, conventions.get("actualise").evaluate(values)
        rows.append(_etape(etape, ", ".join(changes), res, previous, missions))
    fin = conventions.compute_scenario(scenario, "actualise")
    if not np.isclose(_scalaire(res, "total"), _scalaire(fin, "total"), rtol=1e-12, atol=1e-6):
        raise AssertionError("les étapes n'aboutissent pas au total de la convention actualisée")
    return pd.DataFrame(rows)


def _etape(label: str, params: str, res, previous, missions: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"etape": label, "parametres": params, "total": _scalaire(res, "total")}
    row["effet"] = 0.0 if previous is None else row["total"] - _scalaire(previous, "total")
    for m in missions:
        k = f"mission_{m}"
        row[f"effet_{m}"] = 0.0 if previous is None else _scalaire(res, k) - _scalaire(previous, k)
    return row


def postes(scenario: scenarios.Scenario | None = None) -> pd.DataFrame:
    """Each salaried post: its salary, gross, monthly employer cost and the rates they
    imply, by the report's flat rates (convention ``rapport``) and by the URSSAF rules
    (``actualise``), with the gap in points of rate and in euros a year per full-time post.

    >>> p = postes().set_index("poste")
    >>> round(p.loc["mediateur", "brut_actualise"])
    2049
    """
    res = _resultats(scenario)
    rows = []
    for poste, base in paie.postes().items():
        row: dict[str, Any] = {"poste": poste, "base": base}
        for c in ("rapport", "actualise"):
            r = res[c]
            row[f"salaire_{c}"] = _scalaire(r, f"salaire_{base}_{poste}")
            row[f"brut_{c}"] = _scalaire(r, f"salaire_brut_{poste}")
            row[f"cout_mensuel_{c}"] = _scalaire(r, f"cout_mensuel_{poste}")
            row[f"taux_patronal_{c}"] = _scalaire(r, f"taux_patronal_effectif_{poste}")
            row[f"taux_salarial_{c}"] = (
                _scalaire(r, f"taux_salarial_effectif_{poste}") if base == "net" else float("nan")
            )
        row["ecart_points"] = (row["taux_patronal_actualise"] - row["taux_patronal_rapport"]) * 100
        row["ecart_annuel"] = (row["cout_mensuel_actualise"] - row["cout_mensuel_rapport"]) * 12
        rows.append(row)
    return pd.DataFrame(rows)
