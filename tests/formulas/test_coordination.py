"""Coordination formulas against hand computations from section 2.4."""

import pytest

from aaas.formulas import coordination as co


def test_coordinator_etp_readings():
    assert co.etp_coordinateur(1, 671000, 225000, "etp_enonce") == 1
    assert co.etp_coordinateur(1, 671000, 225000, "habitants") == pytest.approx(2.98, abs=0.01)


def test_advocacy_etp_and_advertising():
    assert co.jours_plaidoyer(30, 2) == 60
    assert co.etp_pour_jours(30, 2, 302) == pytest.approx(60 / 302)
    assert co.budget_publicitaire(100000, [5.52, 6.67, 8.01], 1) == pytest.approx(2020)
    assert co.budget_publicitaire(100000, [5.52, 6.67, 8.01], 2) == pytest.approx(4040)
    assert co.cout_communication(9679.47, 1100, 4040) == pytest.approx(14819.47)


def test_training_and_consultation():
    assert co.cout_formation(50, 500) == pytest.approx(25000)
    assert co.nb_reunions_concertation(4, 3, 3) == 36
    assert co.indemnisation_concertation(36, 90, 5, "reunion") == pytest.approx(3240)
    assert co.indemnisation_concertation(36, 90, 5, "participant") == pytest.approx(16200)
    assert co.location_salles(36, 0) == 0
    assert co.cout_logistique_reunions(36, 0, 1, 17) == pytest.approx(612)
    assert co.cout_concertation(3240, 612) == pytest.approx(3852)
    with pytest.raises(ValueError):
        co.indemnisation_concertation(36, 90, 5, "autre")
