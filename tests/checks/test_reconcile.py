"""Every published figure is reproduced within display rounding or explained by an erratum."""

import pytest

from aaas import datastore
from aaas.checks import reconcile
from aaas.models import conventions
from aaas.models import scenario as scenarios


@pytest.mark.parametrize("convention", ["rapport", "corrige"])
def test_no_unexplained_gap(convention):
    bad = reconcile.unexplained(reconcile.reconcile(convention=convention))
    assert bad.empty, bad[["tableau", "label", "value", "recalcule"]].to_string()


def test_errata_are_consistent_with_data_and_model():
    assert reconcile.errata_problems() == []


def test_published_table_is_complete_and_well_formed():
    pub = reconcile.published()
    assert len(pub) >= 200
    assert set(pub["tableau"]) == set(reconcile.tableaux()["tableau"])
    assert set(pub["comparaison"]) <= {"=", "<", ">", "-"}
    assert not pub.duplicated(["tableau", "label"]).any()
    results = conventions.compute("rapport")
    missing = [v for v in pub["variable"] if v not in results]
    assert missing == []


def test_headline_figures():
    rec = reconcile.reconcile(convention="rapport").set_index(["tableau", "label"])
    assert round(rec.loc[("synthese", "Total des surcoûts des missions"), "recalcule"]) == 404565
    corr = reconcile.reconcile(convention="corrige").set_index(["tableau", "label"])
    assert round(corr.loc[("synthese", "Total des surcoûts des missions"), "recalcule"]) == 391636


def test_errata_list_their_effect_on_totals():
    errata = conventions.errata()
    assert errata["id"].is_unique
    assert set(errata["modifie_total"]) <= {"oui", "non"}
    assert set(errata["valeur_reportee"]) <= {"imprimee", "recalculee", "aucune"}
    carried = errata[errata["id"].isin(conventions.differences("corrige")["erratum"])]
    assert (carried["valeur_reportee"] == "imprimee").all() and (carried["modifie_total"] == "oui").all()


def test_a_wrong_formula_would_be_caught(monkeypatch):
    """Break one formula: the reconciliation must report unexplained gaps."""
    from aaas.formulas import coordination

    monkeypatch.setattr(coordination, "cout_formation", lambda effectif, cout: effectif * cout * 1.1)
    datastore.clear_cache()
    try:
        bad = reconcile.unexplained(reconcile.reconcile(convention="rapport"))
        assert "Total budget annuel de formation" in set(bad["label"])
    finally:
        monkeypatch.undo()
        datastore.clear_cache()


def test_variant_gaps_are_flagged_as_scenario():
    s = scenarios.resolve(overrides={"population_bassin": "50000"})
    rec = reconcile.reconcile(s, "rapport").set_index(["tableau", "label"])
    assert rec.loc[("synthese_relais", "Total mission"), "statut"] == reconcile.STATUTS["scenario"]
    assert rec.loc[("synthese_pair_aidance", "Référents parcours"), "statut"] == reconcile.STATUTS["conforme"]


def test_every_erratum_id_referenced_anywhere_exists():
    """An erratum id cited in data, notebooks, book pages or the package must exist."""
    import re
    from pathlib import Path

    from aaas import datastore as data

    ids = set(conventions.errata()["id"])
    root = data.ROOT
    files = [
        *root.glob("data/*.csv"),
        *root.glob("notebooks/*.ipynb"),
        *root.glob("book/*.md"),
        *root.glob("aaas/**/*.py"),
        root / "README.md",
    ]
    missing = {}
    for f in files:
        for found in re.findall(r"\bE\d{2}\b", Path(f).read_text(encoding="utf-8")):
            if found not in ids:
                missing.setdefault(found, set()).add(f.name)
    assert not missing, missing


def test_a_figure_the_scenario_moves_is_scenario_even_when_it_still_rounds_to_the_print():
    """At 50 people the doctor is 0,05 ETP: it rounds to the printed « 0,1 ETP » (precision
    0,1), but the table shows 0,05 and a gap; calling it « conforme » would contradict it."""
    import aaas

    rec = aaas.evaluate(aaas.resolve(overrides={"file_active": 50})).reconciliation
    row = rec[rec["label"].str.startswith("« si un médecin coordinateur est salarié à 0,1 ETP")].iloc[0]
    assert row["recalcule"] == pytest.approx(0.05)
    assert row["statut"] == "scénario"
