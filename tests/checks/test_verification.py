"""The decision of ``aaas check`` (:mod:`aaas.checks.verification`): each convention
reconciled once per command, the exit status decided from the unexplained gaps and the
errata's consistency, the text only words it (:mod:`aaas.present.verification`)."""

from collections import Counter

import pytest

from aaas import datastore
from aaas.checks import reconcile, verification
from tests.faults.inprocess import main


@pytest.fixture
def counted(monkeypatch):
    """The conventions :func:`aaas.checks.reconcile.reconcile` is called for."""
    calls = Counter()
    real = reconcile.reconcile

    def counting(scenario=None, convention="rapport", results=None):
        calls[convention] += 1
        return real(scenario, convention, results)

    monkeypatch.setattr(reconcile, "reconcile", counting)
    return calls


@pytest.mark.parametrize(
    "args,conventions",
    [((), {"rapport", "corrige", "actualise"}), (("--convention", "corrige"), {"rapport", "corrige"})],
    ids=["toutes", "corrige"],
)
def test_aaas_check_reconciles_each_convention_once(capsys, counted, args, conventions):
    run = main(capsys, "check", *args)
    assert run.code == 0, run.out + run.err
    assert counted == {c: 1 for c in conventions}


def test_a_variant_is_reconciled_once_and_the_errata_read_the_report_s_scenario(capsys, counted):
    run = main(capsys, "check", "--set", "population_bassin=50000", "--convention", "rapport")
    assert run.code == 0, run.out + run.err
    assert counted == {"rapport": 2, "corrige": 1}  # the variant's, then the report's for the errata


def test_the_decision_fails_on_an_unexplained_gap_and_the_text_names_it(monkeypatch):
    from aaas.formulas import coordination
    from aaas.present import verification as mots

    monkeypatch.setattr(coordination, "cout_formation", lambda effectif, cout: effectif * cout * 1.1)
    datastore.clear_cache()
    try:
        v = verification.verify(conventions=["rapport"])
        assert v.code == verification.EXIT_UNEXPLAINED
        assert "Total budget annuel de formation" in set(v.inexpliques["rapport"]["label"])
        text = mots.texte(v)
        assert "ÉCART INEXPLIQUÉ" in text and text.endswith("vérification ÉCHOUÉE")
    finally:
        monkeypatch.undo()
        datastore.clear_cache()


def test_the_report_s_check_passes_with_every_convention_s_total():
    v = verification.verify()
    assert v.code == 0 and v.errata == () and v.modifications == ""
    assert set(v.totaux) == {"rapport", "corrige", "actualise"}
    assert all(df.empty for df in v.inexpliques.values())
