"""Pair-aidance formulas against hand computations from section 2.3."""

import numpy as np
import pytest

from aaas.formulas import echelle
from aaas.formulas import pair_aidance as pa


def test_coordinating_doctor():
    # 2.3.2.2: 1,5 h a year for each of 100 people = 150 h; the stated 0,1 ETP is the basis
    assert pa.heures_medecin(100, 1.5) == pytest.approx(150)
    assert pa.etp_medecin_coordinateur(0.1, 150 / 1820, "heures_par_patient") == pytest.approx(0.0824, abs=1e-4)
    with pytest.raises(ValueError):
        pa.etp_medecin_coordinateur(0.1, 0.08, "autre")


def test_home_visits_distance():
    assert pa.km_visites_domicile(100, 0.6, 1, 10, 25) == pytest.approx(15000)


def test_meetings():
    assert echelle.nombre_groupes(96, 8, "unites_entamees") == 12
    assert pa.cout_horaire_medecin_reunion(4, 25) == pytest.approx(100)
    assert pa.heures_reunions(20, 2) == pytest.approx(40)
    assert pa.cout_participation_reunions(2, 34, 20, 2) == pytest.approx(2720)
    assert pa.cout_participation_reunions(1, 39.125, 20, 2) == pytest.approx(1565)
    assert pa.nb_professionnels_reunion([1, 1, 2, 2, 2]) == 8
    assert pa.cout_reunions_pluripro([4000, 1565, 2720, 1920, 3040]) == pytest.approx(13245)
    # the case manager at his employer cost per hour (erratum E30)
    assert pa.cout_horaire_referent_reunion(39.125, 27.69, "cout_employeur") == pytest.approx(27.69)


def test_sums_follow_the_order_of_their_terms_and_broadcast():
    couts = [np.array([1.0, 2.0]), 3.0, np.array([0.5, 0.25])]
    assert np.array_equal(pa.cout_reunions_pluripro(couts), (couts[0] + couts[1]) + couts[2])
