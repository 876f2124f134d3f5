"""The SEC dotation model: values from data/sec_parametres.csv, hand computations, bad input."""

import json

import pytest

from aaas.errors import ParameterError
from aaas.models import sec

# file active -> (ETP, dotation a, dotation c), by hand from Financement 1) a. and c.
HAND = {1000: (4, 220000, 22800), 2500: (5.5, 302500, 57000), 4500: (6.5, 357500, 102600), 8000: (7, 385000, 136800)}
# poverty rate -> share of dotation b (Financement 1) b.)
SHARE = {0.10: 0.0, 0.20: 0.10, 0.30: 0.20}


@pytest.mark.parametrize("n", sorted(HAND))
@pytest.mark.parametrize("t", sorted(SHARE))
def test_every_dotation_by_hand(n, t):
    etp, a, c = HAND[n]
    r = sec.dotations(n, t, base_pauvrete=100000)
    d = r["dotations"]
    assert d["a_non_professionnels_sante"]["etp"] == pytest.approx(etp)
    assert d["a_non_professionnels_sante"]["montant"] == pytest.approx(a)
    assert d["b_professionnels_sante"]["majoration"] == pytest.approx(SHARE[t])
    assert d["b_professionnels_sante"]["montant"] == pytest.approx(100000 * SHARE[t])
    assert d["c_interpretariat"]["montant"] == pytest.approx(c)
    assert d["d_psychologue"]["montant"] == 66000
    assert r["total"] == pytest.approx(a + 100000 * SHARE[t] + c + 66000)
    assert r["plafond_formation"] == pytest.approx(0.02 * r["total"])


def test_without_base_b_is_left_out_and_said():
    r = sec.dotations(4500, 0.20)
    assert r["dotations"]["b_professionnels_sante"]["montant"] is None
    assert r["dotations"]["b_professionnels_sante"]["majoration"] == pytest.approx(0.10)
    assert r["total"] == pytest.approx(357500 + 102600 + 66000)
    assert not r["total_inclut_b"]
    assert any("base" in line for line in r["non_defini"])


def test_psychologist_and_french_input():
    r = sec.dotations("4 500", "20 %", psychologue_etp="0,5")
    assert r["entrees"]["taux_pauvrete"] == pytest.approx(0.2)
    assert r["dotations"]["d_psychologue"]["montant"] == 33000


def test_ramp_up_accepts_below_floor():
    r = sec.dotations(500, 0.2, montee_en_charge=True)
    assert r["dotations"]["a_non_professionnels_sante"]["etp"] == 2.0
    assert r["dotations"]["c_interpretariat"]["montant"] == pytest.approx(11400)


@pytest.mark.parametrize(
    ("kwargs", "name", "accepted"),
    [
        ({"file_active_mg": 999, "taux_pauvrete": 0.2}, "file_active_mg", "de 1\u202f000 à +∞"),
        ({"file_active_mg": 2000, "taux_pauvrete": 1.2}, "taux_pauvrete", "de 0 à 1"),
        ({"file_active_mg": 2000, "taux_pauvrete": -0.01}, "taux_pauvrete", "de 0 à 1"),
        ({"file_active_mg": "beaucoup", "taux_pauvrete": 0.2}, "file_active_mg", "plage acceptée"),
        ({"file_active_mg": 2000, "taux_pauvrete": None}, "taux_pauvrete", "plage acceptée"),
        ({"file_active_mg": 2000.5, "taux_pauvrete": 0.2}, "file_active_mg", "entier"),
        ({"file_active_mg": 2000, "taux_pauvrete": 0.2, "psychologue_etp": 1.5}, "psychologue_etp", "de 0 à 1"),
        ({"file_active_mg": 2000, "taux_pauvrete": 0.2, "base_pauvrete": -1}, "base_pauvrete", "de 0 à +∞"),
    ],
)
def test_bad_input_names_parameter_and_range(kwargs, name, accepted):
    with pytest.raises(ParameterError) as e:
        sec.dotations(**kwargs)
    msg = str(e.value)
    assert "\n" not in msg and f"'{name}'" in msg and accepted in msg


def test_result_is_json_ready():
    r = sec.dotations(4500, 0.2)
    json.dumps(r)


def test_the_sec_set_takes_changes_within_its_bounds():
    r = sec.resolve_sec(overrides={"cout_etp": "60 000", "taux_pauvrete": "20 %", "palier_1_etp": "4"})
    assert r["modifies"] == {"cout_etp": 60000.0} and r["entrees"] == {"taux_pauvrete": "20 %"}
    out = sec.dotations(2500, 0.2, parametres=r["valeurs"])
    assert out["dotations"]["a_non_professionnels_sante"]["montant"] == pytest.approx(5.5 * 60000)
    with pytest.raises(ParameterError, match="'taux_pauvrete_seuil' \\(--set\\) : 1,5 est hors bornes ; plage"):
        sec.resolve_sec(overrides={"taux_pauvrete_seuil": "1,5"})
    assert set(sec.parametres_sec()) == set(sec.valeurs())


def test_the_psychologist_defaults_to_the_ceiling_of_the_set():
    v = {**sec.valeurs(), "psychologue_etp_max": 0.5}
    r = sec.dotations(2500, 0.2, parametres=v)
    assert r["entrees"]["psychologue_etp"] == 0.5
    assert r["dotations"]["d_psychologue"]["montant"] == pytest.approx(33000)


def test_inputs_from_options_and_set_are_each_given_once():
    args = sec.arguments({"file_active_mg": "2500", "montee_en_charge": None}, {"taux_pauvrete": "0.2"})
    assert args == {"file_active_mg": "2500", "taux_pauvrete": "0.2"}
    assert (
        sec.arguments({"file_active_mg": 1, "taux_pauvrete": 0}, {"montee_en_charge": "Non"})["montee_en_charge"]
        is False
    )
