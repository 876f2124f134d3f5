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

from typing import Any

import numpy as np
import pandas as pd

from .. import datastore, fmt
from ..models import conventions, paie, surcouts
from ..models import scenario as scenarios

#: The conventions compared, in the order of the chapter.
TROIS = ("rapport", "corrige", "actualise")


def _resultats(scenario: scenarios.Scenario | None) -> dict[str, surcouts.Results]:
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
        df[c] = [res[c].scalar(k) for k in df["cle"]]
    df["ecart"] = df["actualise"] - df["rapport"]
    df["ecart_relatif"] = np.where(df["rapport"] != 0, df["ecart"] / df["rapport"].where(df["rapport"] != 0, 1), np.nan)
    return df


def etapes(scenario: scenarios.Scenario | None = None) -> pd.DataFrame:
    """From the report's total to today's, one row per step (``etape`` of
    ``data/conventions.csv``): the parameters it sets, the total and each mission after it,
    its effect on the total and on each mission.  A value the user set in ``scenario`` is kept through
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
    if not np.isclose(res.scalar("total"), fin.scalar("total"), rtol=1e-12, atol=1e-6):
        raise AssertionError("les étapes n'aboutissent pas au total de la convention actualisée")
    return pd.DataFrame(rows)


def _etape(label: str, params: str, res, previous, missions: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"etape": label, "parametres": params, "total": res.scalar("total")}
    row["effet"] = 0.0 if previous is None else row["total"] - previous.scalar("total")
    for m in missions:
        k = f"mission_{m}"
        row[k] = res.scalar(k)
        row[f"effet_{m}"] = 0.0 if previous is None else res.scalar(k) - previous.scalar(k)
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
            row[f"salaire_{c}"] = r.scalar(f"salaire_{base}_{poste}")
            row[f"brut_{c}"] = r.scalar(f"salaire_brut_{poste}")
            row[f"cout_mensuel_{c}"] = r.scalar(f"cout_mensuel_{poste}")
            row[f"taux_patronal_{c}"] = r.scalar(f"taux_patronal_effectif_{poste}")
            row[f"taux_salarial_{c}"] = r.scalar(f"taux_salarial_effectif_{poste}") if base == "net" else float("nan")
        row["ecart_points"] = (row["taux_patronal_actualise"] - row["taux_patronal_rapport"]) * 100
        row["ecart_annuel"] = (row["cout_mensuel_actualise"] - row["cout_mensuel_rapport"]) * 12
        rows.append(row)
    return pd.DataFrame(rows)


#: What a gap between the report's employer rate and the rules' can mean (key -> text with
#: ``{…}`` fields filled by :func:`ecarts_taux`).
VERDICTS = {
    "sans_reduction": (
        "erreur du rapport : {brut} brut font {ratio} Smic de 2022, sous le seuil de {seuil} Smic de la réduction "
        "Fillon que le rapport cite lui-même en 2.2.2.2 ; son taux de {rapport} est celui d’un salaire sans "
        "réduction (les règles de {annee} donnent {regles}, {avant} avant réduction)"
    ),
    "avec_reduction": (
        "le rapport compte la réduction Fillon ({ratio} Smic de 2022, sous le seuil de {seuil}) ; l’écart de "
        "{ecart} vient des barèmes de {annee} (réduction générale dégressive unique : {reduction} du brut)"
    ),
    "reforme": (
        "à {ratio} Smic de 2022, au-dessus du seuil de {seuil}, ce salaire n’avait pas de réduction en 2022 ; "
        "l’écart de {ecart} vient surtout de la réduction générale dégressive unique de {annee}, étendue jusqu’à "
        "{plafond} Smic ({reduction} du brut)"
    ),
    "taux": "pas de réduction générale en 2022 ni en {annee} à ce salaire : l’écart de {ecart} vient des taux",
}


def _multiple(x: float) -> str:
    """A multiple of the Smic as the texts write it (« 3 », « 1,6 »)."""
    return fmt.nombre(x, 0 if abs(x - round(x)) < 0.05 else 1)


def _verdict(ratio: float, seuil: float, rapport: float, regles: float, avant: float, reduction: float) -> str:
    if ratio < seuil:
        return "sans_reduction" if abs(rapport - avant) < abs(rapport - regles) else "avec_reduction"
    return "reforme" if reduction > 0.01 else "taux"


def ecarts_taux(scenario: scenarios.Scenario | None = None) -> pd.DataFrame:
    """The report's employer rate of each salaried post against the URSSAF rules of
    ``annee_paie`` (``actualise``), with what the gap means.

    The report read its rates off the URSSAF simulator in 2022; the committed rules are
    those of 2026 (the only year ``modele-social`` 11.1.0 covers), whose réduction générale
    (RGDU) reaches 3 Smic where the 2022 Fillon reduction stopped at 1,6 Smic (the threshold
    the report itself cites, ``seuil_smic_reduction_fillon``).  So a gap is an error of the
    report only when the post earned less than 1,6 Smic in 2022 and the report's rate is
    nearer the rate before any reduction than the rate after it.

    >>> e = ecarts_taux().set_index("poste")
    >>> e.loc["secretariat", "verdict"], e.loc["referent", "verdict"]
    ('sans_reduction', 'reforme')
    """
    scenario = scenario or scenarios.resolve()
    rapport = conventions.compute_scenario(scenario, "rapport")
    values = scenario.under("actualise").values
    smic22, seuil = rapport.scalar("smic_brut_mensuel"), rapport.scalar("seuil_smic_reduction_fillon")
    rows = []
    for p in postes(scenario).itertuples(index=False):
        g = paie.grille_de(values, p.poste)
        brut22, taux_r, taux_a = p.brut_rapport, p.taux_patronal_rapport, p.taux_patronal_actualise
        reduction = g.reduction_pour(p.brut_actualise) / p.brut_actualise
        avant = taux_a + reduction
        ratio = brut22 / smic22
        cle = _verdict(ratio, seuil, taux_r, taux_a, avant, reduction)
        champs = {
            "brut": fmt.euros(brut22), "ratio": fmt.nombre(ratio, 2), "seuil": fmt.nombre(seuil, 1),
            "rapport": fmt.pourcent(taux_r, 1), "regles": fmt.pourcent(taux_a, 1), "avant": fmt.pourcent(avant, 1),
            "ecart": fmt.ecart(p.ecart_points, "pt", 0.1), "reduction": fmt.pourcent(reduction, 1),
            "annee": str(g.annee), "plafond": _multiple(g.plafond_reduction()),
        }  # fmt: skip
        rows.append(
            {
                "poste": p.poste, "brut_2022": brut22, "ratio_smic_2022": ratio, "taux_rapport": taux_r,
                "taux_regles": taux_a, "taux_avant_reduction": avant, "reduction": reduction,
                "ecart_points": p.ecart_points, "verdict": cle, "lecture": VERDICTS[cle].format(**champs),
            }
        )  # fmt: skip
    return pd.DataFrame(rows)
