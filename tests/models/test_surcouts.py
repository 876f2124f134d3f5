"""The whole model on the report's scenario: every synthesis line against the report."""

import numpy as np
import pytest

from aaas.models import conventions
from aaas.models import surcouts as model

# (quantity, value printed by the report) — under the "rapport" convention
LIGNES_RAPPORT = {
    "ligne_mediateur": 44100,
    "ligne_interpretariat": 35140,
    "ligne_deplacements_relais": 4500,
    "ligne_lieux_alternatifs": 10880,
    "ligne_consultations_inclusion": 10920,
    "ligne_medecin_coordinateur": 8592,
    "ligne_referents_parcours": 91636,
    "ligne_visites_domicile": 8907,
    "ligne_ateliers": 36192,
    "ligne_reunions_pluripro": 13245,
    "ligne_poste_coordination": 58800,
    "ligne_communication": 15000,
    "ligne_formation": 25000,
    "ligne_concertation": 3852,
    "ligne_evaluation": 15000,
    "ligne_formation_gouvernance": 1200,
    "ligne_echanges_pratiques": 21600,
    "mission_relais": 105540,
    "mission_pair_aidance": 158573,
    "mission_coordination": 102652,
    "mission_participation": 37800,
    "total": 404565,
}


@pytest.mark.parametrize("name,printed", sorted(LIGNES_RAPPORT.items()))
def test_rapport_convention_reproduces_the_report(rapport, name, printed):
    assert round(rapport.scalar(name)) == printed


def test_corrected_total_by_hand(corrige):
    # each corrected line, computed by hand from the stated hypotheses
    relais = 44100 + 35140 + 4500 + 10880 + 390 * 2 * 25 * 25 / 45
    medecin = 5000 * 1.43205 * 12 * 0.1
    secretariat = 1700 * 1.3 * 12 * (13 * 7 * 2.5 / 1820)
    ateliers = 13 * 1400 + 13 * 7 * 30 + 13 * 17.5 * 40 + secretariat
    visites = 2 * (7500 * 0.323 + 1262) + 2 * 1400
    # the case manager's meeting hours at his employer cost per hour (E30): 4 200 € × 12 / 1 820 h
    reunions = 13245 - 1565 + 40 * 4200 * 12 / 1820
    pair = medecin + 4200 * 12 * 100 / 55 + visites + ateliers + reunions
    participation = 15000 + 1200 + 30 * 3 * 4 * 30
    assert corrige.scalar("mission_relais") == pytest.approx(relais)
    assert corrige.scalar("mission_pair_aidance") == pytest.approx(pair)
    assert corrige.scalar("total") == pytest.approx(relais + pair + 102652 + participation)


def test_patient_expert_hours_follow_the_reading():
    rapport = conventions.compute("rapport")
    assert rapport.scalar("heures_patient_expert_atelier") == 16
    texte = conventions.compute("rapport", {"lecture_heures_patient_expert": "seances_x_duree"})
    assert texte.scalar("cout_patient_expert_atelier") == pytest.approx(210)


def test_vectorised_evaluation_matches_scalar_evaluation(defaults):
    rng = np.random.default_rng(20221)
    pops = rng.uniform(5000, 80000, 50)
    fas = rng.uniform(20, 400, 50)
    out = conventions.compute("rapport", dict(population_bassin=pops, file_active=fas))
    assert out["total"].shape == (50,)
    for i in (0, 17, 49):
        one = conventions.compute("rapport", dict(population_bassin=pops[i], file_active=fas[i]))
        assert out["total"][i] == pytest.approx(one.scalar("total"))
        assert out["part_ressources_humaines"][i] == pytest.approx(one.scalar("part_ressources_humaines"))


def test_a_quantity_is_written_once_and_never_over_a_parameter(defaults):
    from aaas.models.sheet import Sheet

    s = Sheet(defaults)
    s.calc("facteur_bassin", lambda a, b: a / b, "population_bassin", "population_reference")
    with pytest.raises(KeyError):
        s.put("facteur_bassin", 2.0)
    with pytest.raises(KeyError):
        s.put("population_bassin", 1.0)


def test_evaluation_leaves_its_values_untouched(defaults):
    values = dict(defaults)
    model.evaluate(values)
    assert values == defaults
