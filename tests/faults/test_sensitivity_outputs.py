"""The sensitivity outputs' bad inputs (issue 19, part 6): an output the model does not
have (``--sortie``, for every analysis that takes one), a draws file that cannot or must
not be written (``--draws-out``: its kind, a system place, a folder, a missing folder, a
file aaas did not write, Parquet without pyarrow, too many draws), ``--draws-out`` with an
analysis that has no draws.  Each is refused with one French line naming the option,
before any draw; a draws file is whole or absent.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from aaas.sensitivity import limits
from tests.faults.harness import ROOT, aaas, clean, refused
from tests.faults.inprocess import main


@pytest.mark.parametrize("analyse", ["oneway", "tornado", "structural", "montecarlo", "sobol", "scale", "twoway"])
def test_an_unknown_output_is_refused_naming_it_and_the_nearest(capsys, analyse):
    line = refused(main(capsys, "sensitivity", analyse, "--sortie", "totl"), "--sortie", "totl")
    assert "quantité inconnue" in line and "'total'" in line


def test_a_quantity_that_is_not_a_number_is_no_output(capsys):
    line = refused(main(capsys, "sensitivity", "tornado", "--sortie", "annee_bareme"), "--sortie", "annee_bareme")
    assert "quantité inconnue" in line


@pytest.mark.parametrize(
    "name,words",
    [
        ("tirages.txt", ".csv"),
        ("tirages", ".csv"),
        ("tirages.xlsx", ".csv"),
    ],
)
def test_a_draws_file_of_another_kind_is_refused(capsys, tmp_path, name, words):
    target = tmp_path / name
    run = main(capsys, "sensitivity", "montecarlo", "--draws", "10", "--draws-out", str(target))
    assert words in refused(run, "--draws-out") and not target.exists()


def test_a_draws_file_in_a_system_place_is_refused_and_nothing_is_written(capsys):
    target = Path("/dev/aaas-essai-tirages.csv")
    try:
        run = main(capsys, "sensitivity", "montecarlo", "--draws-out", str(target))
        assert "emplacement système" in refused(run, "--draws-out", str(target)) and not target.exists()
    finally:
        target.unlink(missing_ok=True)


def test_a_folder_or_a_missing_folder_is_refused(capsys, tmp_path):
    folder = tmp_path / "dossier.csv"
    folder.mkdir()
    assert "est un dossier" in refused(main(capsys, "sensitivity", "montecarlo", "--draws-out", str(folder)))
    missing = tmp_path / "absent" / "t.csv"
    line = refused(main(capsys, "sensitivity", "montecarlo", "--draws-out", str(missing)), "--draws-out")
    assert "absent" in line and not missing.parent.exists()


def test_a_file_aaas_did_not_write_is_not_replaced(capsys, user_folder):
    mine = user_folder / "mes_donnees.csv"
    mine.write_text("patient,age\n1,40\n", encoding="utf-8")
    line = refused(main(capsys, "sensitivity", "montecarlo", "--draws", "10", "--draws-out", str(mine)), "--draws-out")
    assert "n'a pas été écrit par aaas" in line
    assert mine.read_text(encoding="utf-8") == "patient,age\n1,40\n"


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is not None, reason="pyarrow installé : Parquet accepté")
def test_parquet_without_pyarrow_is_refused_before_any_draw(capsys, tmp_path):
    target = tmp_path / "t.parquet"
    line = refused(main(capsys, "sensitivity", "montecarlo", "--draws-out", str(target)), "--draws-out", "pyarrow")
    assert ".csv" in line and not target.exists()


@pytest.mark.parametrize("analyse", ["oneway", "sobol", "tornado"])
def test_draws_out_belongs_to_montecarlo(capsys, tmp_path, analyse):
    target = tmp_path / "t.csv"
    refused(main(capsys, "sensitivity", analyse, "--draws-out", str(target)), "--draws-out", "montecarlo")
    assert not target.exists()


def test_too_many_draws_for_a_file_are_refused_with_its_size(capsys, tmp_path):
    n = str(limits.TIRAGES_GARDES_MAX + 1)
    line = refused(
        main(capsys, "sensitivity", "montecarlo", "--draws", n, "--draws-out", str(tmp_path / "t.csv")), "--draws"
    )
    assert "fichier d'environ" in line and not list(tmp_path.iterdir())


def test_the_draws_file_is_whole_replaces_its_own_and_matches_the_summary(tmp_path):
    """The real entry point: the file is renamed into place (no temporary left), a second
    run replaces the file aaas wrote, and the file's draws give the printed quantiles."""
    target = tmp_path / "tirages.csv"
    for seed in ("1", "2"):
        run = aaas("sensitivity", "montecarlo", "--draws", "3000", "--seed", seed, "--sortie", "total",
                   "--format", "json", "--draws-out", str(target))  # fmt: skip
        clean(run)
        assert [p.name for p in tmp_path.iterdir()] == ["tirages.csv"]
    draws = pd.read_csv(target, index_col="draw")
    assert len(draws) == 3000 and set(draws["graine"]) == {2}
    assert "tarif_horaire_interpretariat" in draws.columns and "mission_relais" not in draws.columns
    summary = json.loads(run.out)["resultats"][0]
    assert summary["p50"] == pytest.approx(draws["total"].quantile(0.5), rel=1e-9)


def test_an_interrupted_draws_file_leaves_nothing(tmp_path):
    """Ctrl-C while the draws are written: exit 130, neither the file nor its temporary."""
    target = tmp_path / "tirages.csv"
    env = {k: v for k, v in os.environ.items() if k != "AAAS_CACHE_DIR"}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-m", "aaas", "sensitivity", "montecarlo", "--draws", "1000000", "--draws-out", str(target)],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not any(p.stat().st_size > 0 for p in tmp_path.glob(".aaas-*.tmp")):  # the first lot written
            assert proc.poll() is None and time.monotonic() < deadline, "les tirages n'ont pas commencé"
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert len([line for line in err.decode().splitlines() if line.strip()]) == 1 and b"Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_parquet_draws_carry_their_provenance(capsys, tmp_path):
    """With pyarrow (not in the pinned stack: skipped there), the same columns and the
    provenance in the file's metadata."""
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "t.parquet"
    run = main(capsys, "sensitivity", "montecarlo", "--draws", "500", "--seed", "3", "--draws-out", str(target))
    clean(run)
    draws = pd.read_parquet(target)
    assert len(draws) == 500 and draws.columns[0] == "draw" and "total" in draws.columns
    assert json.loads(pq.read_schema(target).metadata[b"aaas"])["graine"] == 3
