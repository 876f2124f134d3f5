"""The dictionary on the command line (``aaas quantites``, ``aaas params --cherche``), the
options of ``aaas sec``, and every help that mentions conventions listing the three."""

import json

import pytest

from aaas import cli
from aaas.cli import commands, parser
from aaas.models import conventions, quantites


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_search_for_habitant_lists_the_per_inhabitant_quantities_with_labels_and_units(capsys):
    code, out, err = run(capsys, "quantites", "--cherche", "habitant")
    assert code == 0 and not err
    assert "total_par_habitant = 20,228233 €/habitant/an\n    Total des surcoûts par habitant du bassin" in out
    assert "cout_relais_par_habitant" in out and "aaas.models.aggregate.totaux_par_unite" in out


def test_quantites_as_json_gives_numbers_and_every_entry(capsys):
    code, out, _ = run(capsys, "quantites", "--format", "json", "--convention", "corrige")
    rows = {r["nom"]: r for r in json.loads(out)["quantites"]}
    assert code == 0 and len(rows) == len(quantites.dictionary())
    assert rows["total"]["valeur"] == pytest.approx(conventions.compute("corrige")["total"])
    assert rows["total"]["unite"] == "€/an" and rows["annee_bareme"]["valeur"] == "2021"


def test_quantites_takes_the_scenario_options(capsys):
    code, out, _ = run(capsys, "quantites", "--cherche", "total par habitant", "--format", "csv", "--set",
                       "population_bassin=40000")  # fmt: skip
    header, row = out.splitlines()[:2]
    assert code == 0 and header.startswith("nom,nature,libelle,valeur,unite,section,fonction")
    value = float(row.split(",")[3])
    assert value == pytest.approx(conventions.compute("rapport", {"population_bassin": 40000.0})["total"] / 40000)


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_a_search_without_result_says_so_with_the_nearest_names(capsys, form):
    code, out, err = run(capsys, "quantites", "--cherche", "populaton", "--format", form)
    assert code == 0 and not err
    assert out.strip().startswith("aucune quantité ni aucun paramètre ne contient « populaton » ; noms proches : ")
    assert "population_bassin" in out


def test_a_search_without_result_is_an_empty_table_in_csv_and_json(capsys):
    code, out, _ = run(capsys, "quantites", "--cherche", "zzzz", "--format", "json")
    assert code == 0 and json.loads(out)["quantites"] == []
    code, out, _ = run(capsys, "quantites", "--cherche", "zzzz", "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 1


def test_params_search_finds_both_coordinators(capsys):
    code, out, _ = run(capsys, "params", "--cherche", "coordinateur")
    names = {line.split(" = ")[0] for line in out.splitlines() if " = " in line and not line.startswith(" ")}
    assert code == 0
    assert {"etp_coordinateur", "etp_medecin_reference", "salaire_net_medecin_coordinateur"} <= names
    assert "population_bassin" not in names


def test_params_search_without_result_names_the_nearest_parameters(capsys):
    code, out, _ = run(capsys, "params", "--cherche", "sans coordinateur")
    assert code == 0
    assert out.strip().startswith("aucun paramètre ne contient « sans coordinateur » ; noms proches : ")
    assert "etp_coordinateur" in out


def test_params_search_filters_json_and_says_the_search(capsys):
    code, out, _ = run(capsys, "params", "--cherche", "Médecin", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["provenance"]["recherche"] == "Médecin"
    assert {r["name"] for r in data["parametres"]} >= {"etp_medecin_reference", "tarif_consultation_mg"}


def test_sec_takes_set_on_its_own_parameter_set(capsys):
    code, out, _ = run(capsys, "sec", "--file-active-mg", "2500", "--taux-pauvrete", "0.2", "--set", "cout_etp=60000",
                       "--format", "json")  # fmt: skip
    data = json.loads(out)
    assert code == 0
    assert data["dotations"]["a_non_professionnels_sante"] == pytest.approx(5.5 * 60000)
    assert data["provenance"]["parametres_modifies"] == {"cout_etp": 60000.0}


def test_sec_takes_its_inputs_from_a_scenario_file(capsys, tmp_path):
    f = tmp_path / "sec.yaml"
    f.write_text("file_active_mg: 4500\ntaux_pauvrete: 20 %\npsychologue_etp: 0,5\ninterpretariat_par_1000: 30000\n")
    code, out, _ = run(capsys, "sec", "--scenario", str(f), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["provenance"]["fichier_scenario"] == "sec.yaml"
    assert data["dotations"]["c_interpretariat"] == pytest.approx(4.5 * 30000)
    assert data["dotations"]["d_psychologue"] == pytest.approx(33000)


def test_sec_text_header_names_the_changed_values(capsys):
    code, out, _ = run(capsys, "sec", "--set", "file_active_mg=2500", "--set", "taux_pauvrete=0.2", "--set",
                       "psychologue_plafond=50000")  # fmt: skip
    assert code == 0 and "Paramètres SEC modifiés : psychologue_plafond = 50\u202f000" in out


def _helps(capsys) -> dict[str, str]:
    """Every help text: the program's and each subcommand's."""
    p = parser.build_parser(commands.COMMANDS)
    sub = next(a for a in p._actions if a.__class__.__name__ == "_SubParsersAction")
    texts = {"aaas": p.format_help()}
    texts.update({name: sp.format_help() for name, sp in sub.choices.items()})
    return texts


def test_every_help_that_mentions_conventions_lists_the_three(capsys):
    helps = _helps(capsys)
    assert set(commands.COMMANDS) <= set(helps)
    mentioning = [name for name, text in helps.items() if "convention" in text.lower()]
    assert len(mentioning) >= 7, mentioning
    for name in mentioning:
        flat = " ".join(helps[name].split())
        for conv in conventions.CONVENTIONS:
            assert conv in flat, (name, conv)


def test_the_dictionary_commands_say_what_an_empty_search_does(capsys):
    helps = _helps(capsys)
    for name in ("quantites", "params"):
        assert "sans résultat, une ligne le dit (statut 0)" in " ".join(helps[name].split())
    assert "--set" in helps["sec"] and "--scenario" in helps["sec"]
