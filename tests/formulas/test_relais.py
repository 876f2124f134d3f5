"""Relais-accessibilité formulas against hand computations from section 2.2."""

import pytest

from aaas.formulas import communs, echelle, flotte
from aaas.formulas import inclusion as inc
from aaas.formulas import relais as r


def test_interpretariat_chain():
    # 2.2.2.3: 40 €/h x 30 min = 20 € ; 40 + 462 = 502 people ; x 3,5 = 1 757 ; x 20 € = 35 140 €
    assert r.cout_consultation_interpretariat(40, 30) == pytest.approx(20)
    asile = communs.nb_personnes(20000, 0.002)
    immigres = r.population_immigree_concernee(20000, 0.077, 0.30)
    assert (asile, immigres) == pytest.approx((40, 462))
    concernee = r.population_concernee_interpretariat(asile, immigres)
    assert r.nb_consultations(concernee, 3.5) == pytest.approx(1757)
    assert r.cout_consultations(concernee, 3.5, 20) == pytest.approx(35140)
    assert communs.ratio(35140, 20000) == pytest.approx(1.757)


def test_itinerance_and_premises():
    assert r.km_hebdomadaires(6, 20) == pytest.approx(120)
    assert r.km_annuels_itinerance(6, 20, 47) == pytest.approx(5640)
    assert flotte.cout_deplacements(3084, flotte.taxe_vehicules(1400, 1)) == pytest.approx(4484)
    assert r.cout_surface(40, 16, 1) == pytest.approx(640)
    assert r.loyer_annuel(40, 16) == pytest.approx(7680)
    assert r.loyer_annuel_lieux(40, 16, 2) == pytest.approx(2 * 7680)
    amenagement = r.cout_surface(40, 400, 1)
    assert r.dotation_amortissement(amenagement, 5) == pytest.approx(3200)
    assert r.cout_lieux_alternatifs(7680, 3200) == pytest.approx(10880)


def test_consultation_readings():
    longue = inc.proportion_temps_supplementaire(20, 25, "duree_longue")
    assert longue == pytest.approx(25 / 45)
    assert inc.surcout_consultation(25, longue) == pytest.approx(13.89, abs=0.01)
    courante = inc.proportion_temps_supplementaire(20, 25, "duree_courante")
    assert inc.surcout_consultation(25, courante) == pytest.approx(31.25)
    with pytest.raises(ValueError):
        inc.proportion_temps_supplementaire(20, 25, "autre")
    assert r.cout_consultations(390, 2, 14) == pytest.approx(10920)
    assert inc.duree_consultation_longue(20, 25) == 45


@pytest.mark.parametrize("tarif,proportion", [(25, 25 / 45), (25, 1.25), (30, 0.1), (0, 0.5)])
def test_price_of_a_long_consultation_is_the_price_and_its_extra_cost(tarif, proportion):
    assert inc.cout_consultation_longue(tarif, proportion) == pytest.approx(
        tarif + inc.surcout_consultation(tarif, proportion), rel=1e-15
    )


def test_scale_factor():
    assert echelle.facteur_echelle(50000, 20000) == pytest.approx(2.5)
    assert echelle.proportionnel(1.5, 2.5) == pytest.approx(3.75)
