"""Payroll by the rules (``modele-social``): the committed table, the report's mediator,
and a sample regenerated with Node against the committed table."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from aaas import datastore
from aaas.checks.paie import comparaison, version_regles

ROOT = Path(__file__).resolve().parents[2]
POSTES = {"mediateur", "referent", "medecin_coordinateur", "secretariat", "coordinateur", "plaidoyer"}


def test_every_salaried_post_is_in_the_committed_table():
    params = set(datastore.parametres()["name"])
    salaries = {n.split("_", 2)[2] for n in params if n.startswith(("salaire_net_", "salaire_brut_"))}
    assert salaries == POSTES
    assert set(datastore.paie()["poste"]) == POSTES


def test_mediator_gross_2049_gives_net_1600_and_cost_2304():
    row = datastore.paie().set_index("poste").loc["mediateur"]
    assert row["net"] == 1600
    assert row["brut"] == pytest.approx(2049, abs=1)
    assert row["cout_employeur"] == pytest.approx(2304, abs=1)


def test_comparison_has_gaps_in_points_and_euros():
    c = comparaison().set_index("poste")
    assert set(c.index) == POSTES
    med = c.loc["mediateur"]
    assert med["cout_annuel_rapport"] == pytest.approx(2049 * (1 + 0.1957052) * 12, rel=1e-6)
    assert med["ecart_euros"] == pytest.approx(med["cout_annuel_rapport"] - med["cout_annuel_regles"])
    pin = json.loads((ROOT / "payroll/package.json").read_text())["dependencies"]["modele-social"]
    assert version_regles() == pin


def _node() -> str:
    node = shutil.which("node")
    assert node, "Node introuvable : installer Node ≥ 20 (la table de paie se régénère avec payroll/generate.mjs)"
    assert (ROOT / "payroll/node_modules/modele-social").is_dir(), (
        "payroll/node_modules absent : lancer « npm ci --prefix payroll » (fait par « make setup »)"
    )
    return node


def test_a_regenerated_sample_matches_the_committed_table():
    table = datastore.paie().set_index("poste")
    options = {(o.poste, o.regle): o.valeur for o in datastore.paie_options().itertuples()}
    sample = []
    for poste in ("mediateur", "secretariat", "medecin_coordinateur"):
        row = table.loc[poste]
        opts = {r: v for (p, r), v in options.items() if p in ("*", poste)}
        sample.append({"poste": poste, "base": row["base"], "montant": row["montant"], "options": opts})
    out = subprocess.run(
        [_node(), "payroll/generate.mjs"],
        input=json.dumps(sample),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    for got in json.loads(out.stdout):
        row = table.loc[got["poste"]]
        assert got["version_regles"] == row["version_regles"]
        for col in ("net", "brut", "cotisations_salariales", "cotisations_patronales", "cout_employeur"):
            assert got[col] == pytest.approx(row[col], abs=0.01), (got["poste"], col)
