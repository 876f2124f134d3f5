"""Bad inputs of the dictionary's commands (``aaas quantites``, ``aaas params --cherche``)
and of ``aaas sec --set/--scenario`` (issue 19): each refused with one French line naming
the option or parameter (and the nearest name or the accepted range), exit 2, nothing on
stdout."""

from __future__ import annotations

import os

import pytest

from tests.faults.harness import aaas, refused
from tests.faults.inprocess import main

SEC = ("sec", "--file-active-mg", "2500", "--taux-pauvrete", "0.2")


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("quantites", "--format", "xml"), ("--format", "text")),
        (("quantites", "--cherche", "   "), ("--cherche", "un mot")),
        (("quantites", "--cherche", "x" * 5000), ("--cherche", "au plus 200")),
        (("quantites", "--cherche"), ("--cherche",)),
        (("quantites", "--set", "populaton_bassin=5"), ("populaton_bassin", "population_bassin")),
        (("quantites", "--set", "population_bassin=-1"), ("population_bassin", "plage acceptée")),
        (("quantites", "--convention", "corrigee"), ("convention inconnue", "actualise")),
        (("params", "--cherche", "coordinateur", "--format", "yaml"), ("--cherche", "yaml")),
        (("params", "--cherche", ""), ("--cherche",)),
        ((*SEC, "--set", "cout_etpp=1"), ("cout_etpp", "cout_etp")),
        ((*SEC, "--set", "majoration_pauvrete_max=2"), ("majoration_pauvrete_max", "de 0 à 1")),
        ((*SEC, "--set", "cout_etp=beaucoup"), ("cout_etp", "plage acceptée")),
        ((*SEC, "--set", "cout_etp=1e999"), ("cout_etp", "hors bornes")),
        ((*SEC, "--set", "cout_etp"), ("--set", "nom=valeur")),
        ((*SEC, "--set", "cout_etp=1", "--set", "cout_etp=2"), ("cout_etp", "répété")),
        ((*SEC, "--set", "file_active_mg=3000"), ("file_active_mg", "deux fois")),
        ((*SEC, "--set", "montee_en_charge=peut-etre"), ("montee_en_charge", "oui ou non")),
        ((*SEC, "--psychologue", "1", "--set", "psychologue_etp_max=0.5"), ("psychologue_etp", "de 0 à 0,5")),
        ((*SEC, "--convention", "corrige"), ("--convention",)),
        (("sec", "--set", "taux_pauvrete=0.2"), ("file_active_mg", "--file-active-mg")),
        (("sec", "--set", "file_active_mg=999", "--set", "taux_pauvrete=0.2"), ("file_active_mg", "1\u202f000")),
    ],
)
def test_refused_with_one_line(capsys, args, names):
    run = main(capsys, *args)
    refused(run, *names)
    assert run.out == ""


@pytest.mark.parametrize("kind", ["folder", "missing", "list", "unknown"])
def test_a_bad_sec_scenario_file_is_refused(capsys, tmp_path, kind):
    f = tmp_path / "sec.yaml"
    if kind == "folder":
        f.mkdir()
    elif kind == "list":
        f.write_text("- cout_etp\n- 1\n")
    elif kind == "unknown":
        f.write_text("file_active_mg: 2500\ntaux_pauvrete: 0.2\ncout_etap: 1\n")
    expected = {"folder": "dossier", "missing": "introuvable", "list": "dictionnaire", "unknown": "cout_etp"}[kind]
    refused(main(capsys, "sec", "--scenario", str(f)), expected)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_as_sec_scenario_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "sec.yaml"
    os.mkfifo(fifo)
    refused(aaas("sec", "--scenario", str(fifo), timeout=60), "FIFO")


def test_an_empty_search_result_is_not_an_error(capsys):
    run = main(capsys, "quantites", "--cherche", "zzzz")
    assert run.code == 0 and not run.err and "aucune quantité" in run.out
