"""A command that needs an optional dependency group absent from the installation says, in
one French line, which group to install (``pip install "aaas[GROUPE]"``) and exits 2: no
ImportError traceback.  The missing module is simulated in this process (``sys.modules``
entries set to None make its import fail as if it were not installed)."""

from __future__ import annotations

import sys

import pytest

from aaas import cli
from tests.faults.harness import refused
from tests.faults.inprocess import main


def absent(monkeypatch, *modules: str) -> None:
    """Make ``modules`` (and their submodules already imported) unimportable."""
    for name in list(sys.modules):
        if name.split(".")[0] in modules:
            monkeypatch.setitem(sys.modules, name, None)
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def test_the_spreadsheet_without_openpyxl_names_the_tableur_group(capsys, monkeypatch, tmp_path):
    absent(monkeypatch, "openpyxl")
    out = tmp_path / "t.xlsx"
    run = main(capsys, "tables", "synthese", "--format", "xlsx", "--out", str(out))
    refused(run, "openpyxl", 'pip install "aaas[tableur]"')
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_sobol_without_scipy_names_the_sensibilite_group(capsys, monkeypatch):
    module = "scipy"  # its quasi-random design; SALib is not needed at run time (tests compare with it)
    absent(monkeypatch, module)
    run = main(capsys, "sensitivity", "sobol", "--base-samples", "64")
    refused(run, module, 'pip install "aaas[sensibilite]"')


def test_monte_carlo_needs_no_optional_group(capsys, monkeypatch):
    absent(monkeypatch, "scipy", "SALib", "openpyxl")
    run = main(capsys, "sensitivity", "montecarlo", "--draws", "200")
    assert run.code == 0 and run.err == "", str(run)


def test_a_module_no_group_brings_is_not_disguised(monkeypatch):
    def broken(argv):
        raise ModuleNotFoundError("No module named 'introuvable'", name="introuvable")

    monkeypatch.setattr(cli, "_command", broken)
    with pytest.raises(ModuleNotFoundError):
        cli.main(["params"])


def test_every_group_named_exists_in_pyproject():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(cli.__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert set(cli.EXTRAS.values()) <= set(project["optional-dependencies"])
