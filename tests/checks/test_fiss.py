"""The FISS envelopes of seeds 001 and 004 reconciled with the totals the texts state."""

import pytest

from aaas import datastore
from aaas.checks import fiss


def test_every_stated_total_is_reconciled():
    df = fiss.reconcilier_fiss()
    stated = datastore.fiss_enveloppes().query("nature != 'annuel'")
    assert len(df) == len(stated) == 5
    got = {(r.source, r.periode, r.nature): r.somme_annuelle for r in df.itertuples()}
    # by hand: 1 212 460 + 11 905 541 + 9 127 435 + 10 500 000 + 3 500 000
    assert got["seed_001", "2021-2025", "total_tableau"] == 36245436
    assert got["seed_001", "2024-2025", "total_texte"] == 14000000  # article 3: 14 M€
    assert got["seed_004", "2021-2023", "total_tableau"] == 24000000  # 3 + 12 + 9 M€


def test_the_one_gap_is_the_prose_total_of_seed_001():
    gaps = fiss.ecarts_fiss()
    assert list(gaps["periode"]) == ["2021-2025"]
    row = gaps.iloc[0]
    assert (row.montant_declare, row.somme_annuelle, row.ecart) == (36245217, 36245436, -219)


def test_every_gap_is_recorded_in_sec_errata():
    gaps = fiss.ecarts_fiss()
    assert (gaps["erratum"] != "").all()
    assert set(gaps["erratum"]) <= set(datastore.sec_errata()["id"])


@pytest.mark.parametrize(("periode", "years"), [("2024", [2024]), ("2021-2023", [2021, 2022, 2023])])
def test_periods(periode, years):
    assert list(fiss._annees(periode)) == years


def test_the_two_costings_compare_on_the_same_unit():
    from aaas.checks import comparaison_sec

    df = comparaison_sec.comparer(4500).set_index("indicateur")
    etp = df.loc["Coût annuel employeur d'un ETP non soignant"]
    assert etp["aaas"] == pytest.approx(2450 * 12, abs=0.01) and etp["sec"] == 55000
    assert df.loc["Interprétariat par patient de la file active ou habitant", "sec"] == pytest.approx(22.8)
    assert all(df["explication"].str.len() > 40)
