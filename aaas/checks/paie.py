"""The report's flat payroll rates against the official rules (``modele-social``).

The report priced each salaried post with flat rates read off the URSSAF simulator:
employee contributions on the net (``taux_charges_salariales_<poste>``), employer
contributions on the gross (``taux_charges_patronales_<poste>``).  The rules, evaluated
once by ``payroll/generate.mjs`` and committed in ``data/paie_modele_social.csv``, give
for the same net (or gross) salary the gross, the employer cost and so the implied rates.
:func:`comparaison` puts both side by side, post by post, per full-time post and year.
"""

from __future__ import annotations

import pandas as pd

from .. import datastore

#: Months paid in a year (the report's annual costs are 12 monthly salaries).
MOIS = 12


def _valeur(parametres: pd.DataFrame, name: str) -> float:
    row = parametres.loc[parametres["name"] == name, "value"]
    return float(row.iloc[0]) if len(row) else float("nan")


def comparaison() -> pd.DataFrame:
    """One row per salaried post: the report's rates and annual employer cost, the rules'
    ones, and the gaps (points of rate, euros per year).

    >>> c = comparaison().set_index("poste")
    >>> round(c.loc["mediateur", "brut_regles"])
    2049
    """
    params = datastore.parametres()
    paie = datastore.paie()
    lignes = []
    for r in paie.itertuples(index=False):
        patronal = _valeur(params, f"taux_charges_patronales_{r.poste}")
        salarial = _valeur(params, f"taux_charges_salariales_{r.poste}")
        brut_rapport = r.montant * (1 + salarial) if r.base == "net" else r.montant
        cout_rapport = brut_rapport * (1 + patronal) * MOIS
        cout_regles = r.cout_employeur * MOIS
        lignes.append(
            {
                "poste": r.poste,
                "base": r.base,
                "montant": r.montant,
                "brut_rapport": brut_rapport,
                "brut_regles": r.brut,
                "taux_salarial_rapport": salarial if r.base == "net" else float("nan"),
                "taux_salarial_regles": r.taux_salarial_implicite,
                "taux_patronal_rapport": patronal,
                "taux_patronal_regles": r.taux_patronal_implicite,
                "ecart_points": (patronal - r.taux_patronal_implicite) * 100,
                "cout_annuel_rapport": cout_rapport,
                "cout_annuel_regles": cout_regles,
                "ecart_euros": cout_rapport - cout_regles,
                "version_regles": r.version_regles,
            }
        )
    return pd.DataFrame(lignes)


def version_regles() -> str:
    """Version of ``modele-social`` behind the committed table (one version for all rows)."""
    versions = datastore.paie()["version_regles"].unique()
    return ", ".join(sorted(versions))
