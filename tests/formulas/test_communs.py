"""Shared formulas and array helpers: ratios 0 with nothing to divide by (no NaN, no warning), sums in order,
the fleet, the synthesis, the prose checks."""

import numpy as np
import pytest

from aaas.formulas import _arrays, communs, controles, flotte, synthese


@pytest.mark.filterwarnings("error")
def test_ratio_is_zero_where_the_denominator_is_zero():
    assert communs.ratio(13245, 20) == pytest.approx(662.25)
    with np.errstate(all="raise"):
        assert communs.ratio(13245, 0) == 0.0
        assert communs.ratio(0, 0) == 0.0
        out = communs.ratio(np.array([10.0, 10.0]), np.array([2.0, 0.0]))
        assert list(out) == [5.0, 0.0]
        assert list(communs.ratio(10.0, np.array([0.0, 5.0]))) == [0.0, 2.0]
    assert controles.ratio is communs.ratio
    assert isinstance(communs.ratio(1.0, 4.0), float)


def test_quotient_and_scalar_or_array():
    assert _arrays.quotient(3, 0) == 0.0 and _arrays.quotient(3, 2) == 1.5
    assert isinstance(_arrays.scalar_or_array(np.float64(2.0)), float)


def test_somme_adds_left_to_right():
    assert communs.somme([]) == 0.0
    terms = [0.1, 0.2, 0.3]
    assert communs.somme(terms) == (0.1 + 0.2) + 0.3


def test_fleet():
    assert flotte.km_par_vehicule(15000, 2) == 7500
    assert flotte.km_par_vehicule(15000, 0) == 0.0
    assert flotte.taxe_vehicules(1400, 2) == 2800
    assert flotte.cout_deplacements(6107, 2800) == 8907


def test_synthesis():
    assert synthese.part_complementaire(0.25) == 0.75
    assert synthese.montant_mutualise(1000, 0.4) == pytest.approx(400)
    assert synthese.reste_a_financer(1000, 0.4) == pytest.approx(600)
    parts = [np.array([0.4, 0.6]), 0.5]
    assert np.array_equal(synthese.minimum(parts), [0.4, 0.5])
    assert np.array_equal(synthese.maximum(parts), [0.5, 0.6])
    assert synthese.marge_sous([0.7, 0.6], 0.4) == pytest.approx(0.2)


def test_prose_checks():
    assert controles.allers_retours(6) == 3
    assert controles.km_aller_retour(20) == 40
    assert controles.places(13, 8) == 104
    assert controles.indemnisation_par_participant(3240, 36, 5) == pytest.approx(18)
    assert controles.part_partagee(0.5, 2) == pytest.approx(0.25)
    fonctions = [controles.repartition_fonctions(58800, p, b) for p, b in [(0.5, 3852), (0.25, 15000), (0.25, 25000)]]
    assert fonctions == pytest.approx([33252, 29700, 39700])
    assert controles.rapport_max_min(*fonctions) == pytest.approx(39700 / 29700)
    assert controles.part_hors(37800, 15000) == pytest.approx(22800 / 37800)
    assert controles.surcout_consultation_prorata(25, 20, 25) == pytest.approx(31.25)
