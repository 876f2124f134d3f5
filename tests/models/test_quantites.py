"""The dictionary of quantities: one entry per parameter and per quantity computed, each
with a label, a unit, a section and (for a quantity) the function that computes it; the
totals per unit are the quantities they say."""

import importlib

import numpy as np
import pandas as pd
import pytest

from aaas import datastore
from aaas.errors import DataFileError, ParameterError
from aaas.models import conventions, declarations, parameters, quantites
from aaas.schemas.quantites import UNITES


@pytest.fixture(scope="module")
def d():
    return quantites.dictionary()


@pytest.mark.parametrize(
    "changes",
    [{}, {"population_bassin": np.array([5000.0, 50000.0]), "nb_departements": np.array([0.0, 2.5])}],
    ids=["point", "tirages"],
)
@pytest.mark.parametrize("convention", conventions.CONVENTIONS)
def test_every_quantity_computed_has_exactly_one_entry_and_every_entry_is_computed(d, convention, changes):
    results = conventions.compute(convention, changes)
    assert d["nom"].is_unique
    assert set(d["nom"]) == set(results)
    computed = set(results) - set(parameters.parameters())
    assert set(d.loc[d["nature"] == quantites.QUANTITE, "nom"]) == computed


def test_quantites_csv_names_only_quantities_no_other_file_names(d):
    own = set(datastore.table("quantites.csv")["nom"])
    assert own <= set(d.loc[d["nature"] == quantites.QUANTITE, "nom"])
    assert not own & set(declarations._derivees())
    assert not own & set(parameters.parameters())


def test_every_entry_has_a_label_a_unit_and_a_section_and_every_quantity_a_function(d):
    for column in ("libelle", "unite", "section"):
        assert (d[column] != "").all(), d.loc[d[column] == "", "nom"].tolist()
    q = d[d["nature"] == quantites.QUANTITE]
    assert (q["fonction"] != "").all(), q.loc[q["fonction"] == "", "nom"].tolist()
    assert set(q["unite"]) <= set(UNITES)
    assert q["libelle"].is_unique, q.loc[q["libelle"].duplicated(keep=False), ["nom", "libelle"]]


def test_each_function_named_is_the_callable_or_the_quantity_copied(d):
    q = d[d["nature"] == quantites.QUANTITE]
    for nom, fonction in zip(q["nom"], q["fonction"], strict=True):
        if fonction.startswith("copie de "):
            assert fonction.removeprefix("copie de ") in set(d["nom"]), nom
            continue
        module, _, attr = fonction.rpartition(".")
        assert callable(getattr(importlib.import_module(module), attr)), nom


def test_shares_are_parts_and_amounts_are_euros(d):
    q = d[d["nature"] == quantites.QUANTITE].set_index("nom")["unite"]
    for nom, unite in q.items():
        if nom.startswith(("part_", "plage_")):
            assert unite == quantites.PART, nom
        if nom.startswith(("ligne_", "mission_", "montant_", "demarche_")) and "_par_" not in nom:
            assert unite == "€/an", nom
    assert q["total"] == "€/an"


def test_components_lines_and_missions_take_their_labels_from_their_files(d):
    q = d.set_index("nom")
    lig = datastore.lignes()
    for r in lig.itertuples():
        assert q.loc[f"ligne_{r.ligne}", "libelle"] == r.libelle
        assert q.loc[f"ligne_{r.ligne}", "section"] == r.section
    for r in datastore.composantes().itertuples():
        assert q.loc[r.composante, "libelle"].startswith(r.libelle)
    vad = "Indemnités kilométriques (barème fiscal) — déplacements visites à domicile"
    assert q.loc["vad_indemnites", "libelle"] == vad
    assert q.loc["ligne_mediateur", "fonction"] == "aaas.models.aggregate.lignes_et_missions"
    assert q.loc["cout_interpretariat", "fonction"] == "aaas.formulas.relais.cout_consultations"
    assert q.loc["deplacements_relais_taxe", "fonction"] == "copie de taxe_vehicules_relais"


def test_parameters_carry_their_short_and_long_labels(d):
    p = datastore.parameters().set_index("name")
    q = d.set_index("nom")
    for name in ("population_bassin", "etp_coordinateur"):
        assert q.loc[name, "nature"] == quantites.PARAMETRE
        assert q.loc[name, "libelle"] == p.loc[name, "libelle_court"]
        assert q.loc[name, "description"] == p.loc[name, "label"]
        assert q.loc[name, "unite"] == p.loc[name, "unit"]


def test_search_ignores_case_and_accents_and_needs_every_word():
    assert list(quantites.search("COÛT par habitant")["nom"]) == list(quantites.search("cout PAR habitant")["nom"])
    found = set(quantites.search("coordinateur")["nom"])
    assert {"etp_coordinateur", "etp_medecin_reference", "salaire_net_medecin_coordinateur"} <= found
    both = set(quantites.search("médecin coordinateur")["nom"])
    assert "etp_coordinateur" not in both and "etp_medecin_coordinateur" in both
    assert quantites.search("introuvablexyz").empty


def test_the_search_for_habitant_lists_the_per_inhabitant_quantities():
    found = quantites.search("habitant").set_index("nom")
    for nom in ("total_par_habitant", "cout_relais_par_habitant", "depense_interpretariat_par_habitant"):
        assert found.loc[nom, "unite"] == "€/habitant/an"


def test_an_empty_search_is_refused():
    with pytest.raises(ParameterError, match="--cherche"):
        quantites.search("  ")


def test_describe_names_the_nearest_of_an_unknown_name():
    assert quantites.describe("total")["libelle"] == "Total des surcoûts des quatre missions"
    with pytest.raises(ParameterError, match="vouliez-vous dire 'cout_relais_par_habitant'"):
        quantites.describe("cout_relai_par_habitant")
    with pytest.raises(ParameterError, match="aaas quantites"):
        quantites.describe("zzzz")


@pytest.mark.parametrize("convention", conventions.CONVENTIONS)
def test_the_totals_per_unit_divide_by_the_sizes_and_the_units_counted(convention):
    r = conventions.compute(
        convention, {"population_bassin": 50000.0, "file_active": 250.0, "nb_departements": 2.5, "nb_structures": 1.5}
    )
    assert r["total_par_habitant"] == pytest.approx(r["total"] / 50000.0)
    assert r["total_par_personne"] == pytest.approx(r["total"] / 250.0)
    assert r["total_par_departement"] == pytest.approx(r["total"] / r["nb_departements_couts"])
    assert r["total_par_structure"] == pytest.approx(r["total"] / r["nb_structures_couts"])
    assert r["nb_departements_couts"] == (2.5 if r["echelle_departements"] == "proportionnelle" else 3.0)


def test_the_scale_curve_reads_the_total_per_inhabitant_from_the_model():
    from aaas.sensitivity import scale

    df = scale.courbe("population_bassin", [10000.0, 40000.0])
    expected = [conventions.compute("rapport", {"population_bassin": x})["total_par_habitant"] for x in (1e4, 4e4)]
    assert list(df["total_par_unite"]) == pytest.approx(expected)
    other = scale.courbe("nb_departements", [1.0, 2.0])
    assert list(other["total_par_unite"]) == pytest.approx(list(other["total"] / other["nb_departements"]))


@pytest.mark.parametrize(
    "row,column",
    [
        ({"unite": "euros"}, "unite"),
        ({"section": "trois"}, "section"),
        ({"nom": "Total Par Habitant"}, "nom"),
    ],
)
def test_the_schema_of_quantites_csv_refuses_a_bad_cell(data_copy, row, column):
    path = data_copy / "quantites.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for key, value in row.items():
        df.loc[0, key] = value
    df.to_csv(path, index=False)
    with pytest.raises(DataFileError, match=f"quantites.csv, ligne 2, colonne « {column} »"):
        datastore.validate_all(force=True)


def test_a_quantity_named_twice_is_refused(data_copy):
    path = data_copy / "quantites.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write("ligne_mediateur,Poste de médiateur,€/an,2.2.2.2\n")
    with pytest.raises(ValueError, match="ligne_mediateur"):
        quantites.dictionary()


def test_a_share_the_report_prints_in_percent_is_a_part_in_the_dictionary(d):
    units = d.set_index("nom")["unite"]
    pub = datastore.published()
    shares = pub[(pub["unit"] == "%") & pub["variable"].isin(d.loc[d["nature"] == quantites.QUANTITE, "nom"])]
    assert len(shares) > 10
    wrong = {v: units[v] for v in shares["variable"] if units[v] != quantites.PART}
    assert not wrong, wrong
