"""Pair-aidance formulas against hand computations from section 2.3."""

import pytest

from aaas.formulas import echelle
from aaas.formulas import pair_aidance as pa


def test_home_visits_distance():
    assert pa.km_visites_domicile(100, 0.6, 1, 10, 25) == pytest.approx(15000)


def test_workshops():
    assert echelle.nombre_groupes(100, 8, "unites_entamees") == 13
    assert echelle.nombre_groupes(96, 8, "unites_entamees") == 12
    assert pa.heures_par_atelier(5, 7) == pytest.approx(35)
    # the text: 2 sessions x (2,5 h + 1 h preparation) = 7 h (the table prints 16 h, erratum E07)
    assert pa.heures_patient_expert_atelier(2, 2.5, 1, 8, "seances_x_duree") == pytest.approx(7)
    assert pa.heures_patient_expert_atelier(3, 2.5, 1, 8, "seances_x_participants") == 24
    assert pa.cout_horaire_total(35, 40) == pytest.approx(1400)


def test_meetings():
    assert pa.cout_horaire_medecin_reunion(4, 25) == pytest.approx(100)
    assert pa.cout_participation_reunions(2, 34, 20, 2) == pytest.approx(2720)
    assert pa.cout_participation_reunions(1, 39.125, 20, 2) == pytest.approx(1565)
