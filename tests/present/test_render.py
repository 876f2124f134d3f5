"""Rendering of the report's tables and parameter sets (one shape, four formats)."""

import json

import pytest

import aaas
from aaas.checks import tables
from aaas.present import render


def test_formatted_table_shows_printed_recomputed_and_gap():
    df = aaas.evaluate().table("synthese")
    shown = render.formatted(df).set_index("Libellé")
    assert shown.loc["Total des surcoûts des missions", "Rapport"] == "404\u202f565\u00a0€"
    assert shown.loc["Coordination territoriale en faveur de l'action sur l'environnement", "Écart"] == "+27\u00a0€"


def test_every_format_of_one_table():
    df = {"synthese": aaas.evaluate().table("synthese")}
    infos = {"synthese": tables.info("synthese")}
    assert "Total des surcoûts des missions" in render.render(df, infos, "text")
    assert render.render(df, infos, "markdown").startswith("### 3.1")
    assert render.render(df, infos, "csv").splitlines()[0].startswith("tableau,libelle,rapport,recalcule")
    assert json.loads(render.render(df, infos, "json"))["synthese"]["lignes"][4]["recalcule"] == pytest.approx(
        404564.66, abs=0.01
    )


def test_parameter_set_renders_its_convention():
    text = render.render_parametres("corrige", "text")
    assert text.startswith("Convention : corrigé")
    assert "heures_secretariat_par_seance = 2.5 h/séance (rapport : 2, erratum E08)" in text
    rows = json.loads(render.render_parametres("rapport", "json"))
    assert {r["name"]: r["value"] for r in rows}["population_bassin"] == "20000"
