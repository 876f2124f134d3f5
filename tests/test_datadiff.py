"""Edits to the data are named: in the provenance, the text headers, the notebooks' header
and a failed ``aaas check`` (:mod:`aaas.datadiff`)."""

import shutil
import subprocess

import pytest

from aaas import datadiff, datastore, provenance
from aaas.publish import notebook
from tests.faults.inprocess import main as aaas_main

EDIT = "tarif_horaire_interpretariat 40 → 45"


def _edit(folder, old, new):
    p = folder / "parameters.csv"
    text = p.read_text(encoding="utf-8")
    assert text.count(old) == 1
    p.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def edited(data_copy):
    _edit(data_copy, "\ntarif_horaire_interpretariat,40,", "\ntarif_horaire_interpretariat,45,")
    datastore.clear_cache()
    return data_copy


def test_the_committed_data_have_no_edits():
    assert datastore.modifications() == ""
    assert provenance.stamp()["donnees_modifiees"] == ""


def test_an_edited_value_is_named_with_both_values(edited):
    assert datastore.modifications() == EDIT
    assert provenance.stamp()["donnees_modifiees"] == EDIT


def test_other_files_are_named_by_file(data_copy):
    (data_copy / "errata.csv").write_text((data_copy / "errata.csv").read_text(encoding="utf-8") + "\n")
    (data_copy / "variantes.csv").unlink()
    (data_copy / "notes.txt").write_text("x")
    assert datastore.modifications() == "errata.csv ; notes.txt (ajouté) ; variantes.csv (supprimé)"


def test_against_a_folder_reference(tmp_path):
    """An installed package: a user's folder against the shipped folder (no git)."""
    shipped, user = tmp_path / "shipped", tmp_path / "user"
    shutil.copytree(datastore.ROOT / "data", shipped)
    shutil.copytree(shipped, user)
    _edit(user, "\npopulation_bassin,20000,", "\npopulation_bassin,50000,")
    assert datadiff.describe(user, shipped) == "population_bassin 20000 → 50000"
    assert datadiff.describe(shipped, shipped) == ""


def test_against_the_commit_of_a_repository(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(datastore.ROOT / "data", repo / "data")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "data"], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    reference = datadiff.Reference.of(repo / "data")
    assert reference.blobs is not None and "parameters.csv" in reference.blobs
    assert datadiff.changes(repo / "data", reference) == ()
    _edit(repo / "data", "\ntarif_horaire_interpretariat,40,", "\ntarif_horaire_interpretariat,45,")
    assert datadiff.summary(datadiff.changes(repo / "data", reference)) == EDIT


def test_a_label_edit_names_the_file(tmp_path):
    shipped, user = tmp_path / "shipped", tmp_path / "user"
    shutil.copytree(datastore.ROOT / "data", shipped)
    shutil.copytree(shipped, user)
    _edit(user, "Tarif horaire de l'interprétariat", "Tarif horaire de l'interprétation")
    assert datadiff.describe(user, shipped) == "parameters.csv"


def test_text_headers_and_the_notebook_header_name_the_edit(edited, capsys):
    run = aaas_main(capsys, "tables", "synthese")
    assert run.code == 0 and f"Données modifiées : {EDIT}" in run.out
    assert EDIT in notebook.setup().markdown_scenario()


def test_a_failed_check_names_the_edit(edited, capsys):
    run = aaas_main(capsys, "check", "--convention", "rapport")
    assert run.code == 1 and "vérification ÉCHOUÉE" in run.out
    assert f"données modifiées (par rapport aux données publiées) : {EDIT}" in run.out
