"""Relais-accessibilité formulas against hand computations from section 2.2."""

import pytest

from aaas.formulas import echelle
from aaas.formulas import relais as r


def test_interpretariat_chain():
    # 2.2.2.3: 40 €/h x 30 min = 20 € ; 40 + 462 = 502 people ; x 3,5 = 1 757 ; x 20 € = 35 140 €
    assert r.cout_consultation_interpretariat(40, 30) == pytest.approx(20)
    assert r.effectif(20000, 0.002) == pytest.approx(40)
    assert r.population_immigree_concernee(20000, 0.077, 0.30) == pytest.approx(462)
    assert r.nb_consultations(502, 3.5) == pytest.approx(1757)


def test_itinerance_and_premises():
    assert r.km_annuels_itinerance(6, 20, 47) == pytest.approx(5640)
    assert r.cout_deplacements(3084, 1400, 1) == pytest.approx(4484)
    assert r.loyer_annuel(40, 16) == pytest.approx(7680)
    assert r.dotation_amortissement(16000, 5) == pytest.approx(3200)


def test_consultation_readings():
    longue = r.proportion_temps_supplementaire(20, 25, "duree_longue")
    assert longue == pytest.approx(25 / 45)
    assert r.surcout_consultation(25, longue) == pytest.approx(13.89, abs=0.01)
    courante = r.proportion_temps_supplementaire(20, 25, "duree_courante")
    assert r.surcout_consultation(25, courante) == pytest.approx(31.25)
    with pytest.raises(ValueError):
        r.proportion_temps_supplementaire(20, 25, "autre")
    assert r.cout_consultations(390, 2, 14) == pytest.approx(10920)


def test_scale_factor():
    assert echelle.facteur_echelle(50000, 20000) == pytest.approx(2.5)
