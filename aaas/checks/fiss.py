"""The FISS envelopes of the SEC participatives experiment reconciled: each total a text
states (the « Total » column of a yearly table, a figure in the prose) against the sum of
the yearly amounts it covers (``data/fiss_enveloppes.csv``: seed 001, « Financement de
l'expérimentation » 4) and article 3; seed 004, « Modalités de financement du projet »).

A gap is a discrepancy of the texts, recorded in ``data/sec_errata.csv`` (kept apart from
the report's ``errata.csv``).
"""

from __future__ import annotations

import pandas as pd

from .. import datastore

#: Columns of :func:`reconcilier_fiss`.
COLUMNS = ("source", "periode", "nature", "section", "libelle", "montant_declare", "somme_annuelle", "ecart", "erratum")


def _annees(periode: str) -> range:
    """The years a period covers (``"2021-2025"`` → 2021…2025, ``"2024"`` → 2024)."""
    first, _, last = periode.partition("-")
    return range(int(first), int(last or first) + 1)


def reconcilier_fiss() -> pd.DataFrame:
    """Every stated FISS total against the sum of the yearly amounts of its period.

    Returns
    -------
    DataFrame
        One row per stated total (:data:`COLUMNS`): ``ecart`` = stated − recomputed [€], and
        the id of the erratum of ``sec_errata.csv`` recording it (empty if none).
    """
    df = datastore.fiss_enveloppes()
    errata = datastore.sec_errata()
    annuel = df[df["nature"] == "annuel"]
    rows = []
    for t in df[df["nature"] != "annuel"].itertuples(index=False):
        years = [str(y) for y in _annees(t.annee)]
        somme = float(annuel.loc[(annuel["source"] == t.source) & annuel["annee"].isin(years), "montant"].sum())
        match = errata[(errata["valeur_imprimee"] == t.montant) & (errata["valeur_recalculee"] == somme)]
        erratum = match["id"].iloc[0] if len(match) else ""
        rows.append((t.source, t.annee, t.nature, t.section, t.libelle, t.montant, somme, t.montant - somme, erratum))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def ecarts_fiss() -> pd.DataFrame:
    """The stated totals that differ from the sum of their years (:func:`reconcilier_fiss`)."""
    df = reconcilier_fiss()
    return df[df["ecart"] != 0].reset_index(drop=True)
