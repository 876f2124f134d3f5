"""The parameter table and scenario resolution, including every kind of bad input."""

import numpy as np
import pytest

from aaas import datastore
from aaas.errors import InputError, ParameterError, ScenarioFileError
from aaas.models import parameters
from aaas.models import scenario as scenarios


def test_table_has_the_report_hypotheses():
    table = parameters.parameters()
    assert 90 <= len(table) <= 160
    assert table["population_bassin"].value == 20000
    assert table["file_active"].value == 100
    for p in table.values():
        assert p.unit and p.section and p.label and p.source, p.name
        assert p.name.isascii() and p.name == p.name.lower(), p.name
        assert p.sens in {"+", "-", "0", "~"}, p.name
        if not p.categorical:
            assert p.min is not None and p.max is not None and p.min <= p.value <= p.max, p.name


def test_resolution_layers(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("population_bassin: 30000\nfile_active: 80\n", encoding="utf-8")
    s = scenarios.resolve(f, {"file_active": "120"})
    assert s.values["population_bassin"] == 30000
    assert s.values["file_active"] == 120  # --set wins over the file
    assert set(s.changed) == {"population_bassin", "file_active"}
    assert s.hash() != scenarios.resolve().hash()
    assert list(s.differences()["parametre"]) == ["population_bassin", "file_active"]


def test_restating_a_default_is_not_a_change():
    assert scenarios.resolve(overrides={"file_active": "100"}).changed == {}


def test_french_number_forms_are_accepted():
    s = scenarios.resolve(overrides={"part_sans_medecin_traitant": "18 %", "taux_recours_mg": "3,8"})
    assert s.values["part_sans_medecin_traitant"] == pytest.approx(0.18)
    assert s.values["taux_recours_mg"] == pytest.approx(3.8)


def test_arrays_are_accepted_and_bounds_checked():
    p = parameters.lookup("population_bassin")
    out = p.validate(np.array([1000.0, 50000.0]))
    assert out.shape == (2,)
    with pytest.raises(ParameterError, match="population_bassin"):
        p.validate(np.array([1000.0, -5.0]))


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"population_basin": "5"}, "paramètre inconnu 'population_basin' ; vouliez-vous dire 'population_bassin'"),
        (
            {"population_bassin": "beaucoup"},
            "'beaucoup' n'est pas un nombre décimal .* ; plage acceptée : de 1 à 10\u202f000\u202f000",
        ),
        (
            {"population_bassin": "-20000"},
            "'population_bassin'.*hors bornes ; plage acceptée : de 1 à 10\u202f000\u202f000",
        ),
        ({"part_demandeurs_asile": "120%"}, "'part_demandeurs_asile'.*hors bornes ; plage acceptée : de 0 à 1"),
        ({"file_active_par_etp_referent": "0"}, "'file_active_par_etp_referent'.*hors bornes"),
        ({"file_active": "nan"}, "'file_active'.*'nan' n'est pas un nombre décimal"),
        ({"annee_bareme": "1999"}, "'annee_bareme'.*valeurs acceptées : 2018"),
        ({"base_indemnisation_concertation": "mensuel"}, "valeurs acceptées : reunion ou participant"),
        ({"file_active": True}, "booléenne"),
    ],
)
def test_bad_values_name_the_parameter_and_range(overrides, message):
    with pytest.raises(ParameterError, match=message):
        scenarios.resolve(overrides=overrides)


@pytest.mark.parametrize(
    "content,message",
    [
        ("population_bassin: [1, 2]\n", "valeur simple"),
        ("- population_bassin\n", "dictionnaire nom: valeur est attendu"),
        ("population_bassin: 5\n  : : :\n", "YAML mal formé"),
        ("!!python/object/apply:os.system ['true']\n", "balise YAML non autorisée « tag:yaml.org,2002:python/object"),
        ("true: 2\n", r"clé true \(ligne 1\) : un nom de paramètre est attendu"),
        ("1: 2\n", "paramètre inconnu '1'"),
        ("population_bassin: -1\n", "hors bornes"),
    ],
)
def test_bad_scenario_files(tmp_path, content, message):
    f = tmp_path / "bad.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        scenarios.resolve(f)


def test_unreadable_scenario_file(tmp_path):
    with pytest.raises(ScenarioFileError, match="fichier de scénario .*introuvable"):
        scenarios.resolve(tmp_path / "absent.yaml")
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ScenarioFileError, match="encodage non UTF-8"):
        scenarios.resolve(binary)
    with pytest.raises(ScenarioFileError, match="est un dossier"):
        scenarios.resolve(tmp_path)


@pytest.mark.parametrize(
    "content,message",
    [
        ("population_bassin: 1\npopulation_bassin: 2\n", "clé 'population_bassin' répétée \\(ligne 2\\)"),
        ("", "vide"),
        ("# rien\n", "vide"),
    ],
)
def test_duplicated_keys_and_empty_files_are_refused(tmp_path, content, message):
    f = tmp_path / "s.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ScenarioFileError, match=message):
        scenarios.resolve(f)


def test_a_huge_scenario_file_is_refused_before_parsing(tmp_path):
    f = tmp_path / "big.yaml"
    f.write_text("".join(f"p{i}: {i}\n" for i in range(60_000)), encoding="utf-8")
    with pytest.raises(ScenarioFileError, match="trop grand"):
        scenarios.resolve(f)


def test_empty_scenario_is_the_report():
    assert scenarios.load_scenario.__doc__
    assert scenarios.resolve(None, {}).changed == {}


def test_assignments_parsing():
    assert scenarios.parse_assignments(["a=1", "b = 2,5"]) == {"a": "1", "b": "2,5"}
    with pytest.raises(ParameterError, match="nom=valeur"):
        scenarios.parse_assignments(["population_bassin"])


def test_integer_parameters_are_counts_with_whole_defaults():
    table = parameters.parameters()
    entiers = {n for n, p in table.items() if p.entier}
    assert {"file_active", "effectif_structure", "nb_participants_atelier", "nb_vehicules_vad"} <= entiers
    assert not entiers & {"nb_departements", "nb_structures", "population_bassin", "population_departement"}
    for name in entiers:
        p = table[name]
        assert not p.categorical and float(p.value).is_integer(), name


@pytest.mark.parametrize("raw", ["2,5", 2.5, "2.5", 100.5, 55.00000000000001, np.array([100.0, 2.5])])
def test_an_integer_parameter_refuses_a_fraction(raw):
    with pytest.raises(ParameterError, match=r"^paramètre 'file_active' \(--set\) : .* n'est pas un nombre entier ; "):
        parameters.lookup("file_active").validate(raw, "--set")


def test_an_integer_parameter_message_shows_the_fraction():
    with pytest.raises(ParameterError, match="55.00000000000001 n'est pas un nombre entier ; plage acceptée : nombres"):
        parameters.lookup("effectif_structure").validate(50 * 1.1)


def test_an_integer_parameter_accepts_whole_numbers_and_arrays():
    p = parameters.lookup("file_active")
    assert p.validate("250") == 250.0 and p.validate(np.int64(3)) == 3.0
    assert list(p.validate(np.array([1, 50, 250]))) == [1.0, 50.0, 250.0]
    with pytest.raises(ParameterError, match="file_active.*: 2,5 n'est pas un nombre entier"):
        scenarios.resolve(overrides={"file_active": "2,5"})


def test_continuous_parameters_accept_fractions():
    for name in ("population_bassin", "nb_departements", "nb_structures", "nb_visites_mensuelles_vad"):
        assert parameters.lookup(name).validate("2,5") == 2.5


def test_every_value_of_the_data_files_validates():
    """The defaults of parameters.csv, and the values conventions.csv and variantes.csv give."""
    parameters.validate_data()
    for frame in (datastore.conventions(), datastore.variantes()):
        for name, value in zip(frame["parametre"], frame["valeur"], strict=True):
            parameters.lookup(name).validate(value)


def test_accents_and_case_are_accepted_in_choices():
    from aaas.models import parameters

    assert parameters.lookup("echelle_ateliers").validate("Unités_entamées") == "unites_entamees"
    s = scenarios.resolve(overrides={"base_surcout_consultation": "durée_courante"})
    assert s.changed == {"base_surcout_consultation": "duree_courante"}
