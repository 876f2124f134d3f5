"""Conventions: what the rapport convention forces, and user overrides win."""

import pytest

from aaas import conventions, params


def test_corrige_forces_nothing():
    assert conventions.forced("corrige") == {}


def test_rapport_forces_the_carried_errors():
    forced = conventions.forced("rapport")
    assert forced["double_compte_groupes_qualite"] == 1
    assert forced["heures_patient_expert_atelier"] == 16


def test_user_value_wins_over_forced_value():
    s = params.resolve(overrides={"double_compte_groupes_qualite": "0"})
    r = conventions.evaluate_scenario(s, "rapport")
    assert r.scalar("cout_echanges_pratiques") == pytest.approx(10800)


def test_unknown_convention():
    with pytest.raises(params.ParameterError, match="convention inconnue 'corrigé'"):
        conventions.forced("corrigé")


def test_difference_between_conventions(rapport, corrige):
    assert rapport.scalar("total") - corrige.scalar("total") == pytest.approx(13866.39, abs=0.5)
