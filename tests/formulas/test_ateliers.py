"""Collective workshop formulas against hand computations from section 2.3.2.4."""

import pytest

from aaas.formulas import ateliers as at
from aaas.formulas import echelle


def test_hours():
    assert echelle.nombre_groupes(100, 8, "unites_entamees") == 13
    assert at.heures_par_atelier(5, 7) == pytest.approx(35)
    assert at.heures_patient_expert_par_seance(2.5, 1) == pytest.approx(3.5)
    # the text: 2 sessions x (2,5 h + 1 h preparation) = 7 h (the table prints 16 h, erratum E07)
    assert at.heures_patient_expert_atelier(2, 2.5, 1, 8, "seances_x_duree") == pytest.approx(7)
    assert at.heures_patient_expert_atelier(3, 2.5, 1, 8, "seances_x_participants") == 24
    with pytest.raises(ValueError):
        at.heures_patient_expert_atelier(2, 2.5, 1, 8, "autre")
    assert at.heures_secretariat_ateliers(13, 7, 2) == pytest.approx(182)


def test_costs_of_the_table():
    assert at.cout_horaire_total(35, 40) == pytest.approx(1400)
    intervenants, patients = at.cout_annuel_ateliers(13, 1400), at.cout_annuel_ateliers(13, 480)
    assert (intervenants, patients) == pytest.approx((18200, 6240))
    assert at.cout_intervenants_ateliers(intervenants, patients) == pytest.approx(24440)
    location = at.cout_location_ateliers(13, 17.5, 40)
    assert location == pytest.approx(9100)
    total = at.cout_ateliers(intervenants, patients, location, 2652)
    assert total == pytest.approx(36192)
    assert at.cout_ateliers_hors_location(total, location) == pytest.approx(27092)
