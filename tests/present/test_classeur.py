"""The spreadsheet (aaas/present/classeur.py): the three conventions side by side, French
headers, cells shown as the book rounds them while holding the full value."""

from __future__ import annotations

import re

import pytest

from aaas import cli
from aaas.checks.evaluation import Evaluation
from aaas.present import classeur

TOTAL = "Total des surcoûts des missions"
#: Headers of the old parameter and errata sheets (column names of data/, some English).
ANGLAIS = {"name", "value", "unit", "min", "max", "label", "source", "section", "choices", "id", "explanation"}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    from openpyxl import load_workbook

    out = tmp_path_factory.mktemp("classeur") / "t.xlsx"
    assert cli.main(["tables", "--format", "xlsx", "--out", str(out)]) == 0
    return load_workbook(out)


def _row(ws, label: str) -> dict:
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == label:
            return dict(zip(head, row, strict=True))
    raise KeyError(label)


def _shown(cell) -> float:
    """The value as its number format shows it (decimals of the format)."""
    m = re.search(r"0\.(0+)", cell.number_format)
    d = len(m.group(1)) if m else 0
    return round(cell.value * (100 if "%" in cell.number_format else 1), d)


def test_the_three_totals_are_numbers_shown_as_the_book_rounds_them(workbook):
    row = _row(workbook["synthese"], TOTAL)
    shown = {k: _shown(row[k]) for k in ("Rapport (recalculé)", "Corrigé", "Actualisé")}
    assert shown == {"Rapport (recalculé)": 404565, "Corrigé": 391636, "Actualisé": 389875}
    assert row["Imprimé"].value == 404565
    ev = Evaluation()
    assert row["Rapport (recalculé)"].value == pytest.approx(ev.total, abs=1e-6)  # full precision kept
    assert row["Corrigé"].value != round(row["Corrigé"].value)
    assert all(isinstance(row[k].value, float) for k in shown)


def test_every_header_is_french(workbook):
    for ws in workbook.worksheets:
        headers = {str(c.value).strip() for c in ws[1] if c.value is not None}
        assert not headers & ANGLAIS, (ws.title, headers & ANGLAIS)
        assert all(not re.fullmatch(r"[a-z]+(_[a-z]+)+", h) for h in headers), ws.title
    params = [c.value for c in workbook["parametres"][1]]
    assert params[:6] == ["Paramètre", "Libellé", "Valeur (ce scénario)", "Rapport", "Corrigé", "Actualisé"]
    assert {"Unité", "Min", "Max", "Source"} <= set(params)


def test_a_scenario_measures_the_gap_against_the_report_scenario(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "v.xlsx"
    args = ["tables", "synthese", "--set", "population_bassin=36000", "--format", "xlsx", "--out", str(out)]
    assert cli.main(args) == 0
    row = _row(load_workbook(out)["synthese"], TOTAL)
    gap = row["Écart (rapport recalculé − paramètres du rapport)"].value
    assert gap == pytest.approx(
        row["Rapport (recalculé)"].value - row["Paramètres du rapport (rapport recalculé)"].value
    )
    assert row["Paramètres du rapport (rapport recalculé)"].value == pytest.approx(Evaluation().total)
    assert gap > 0


def test_number_formats():
    assert classeur.format_nombre("€/h", 2) == '#,##0.00 "€"'
    assert classeur.format_nombre("%", 0, True) == "+0 %;-0 %;0 %"


def test_the_quantities_sheet_is_the_dictionary_with_values_in_each_convention(workbook):
    from aaas.models import conventions, quantites
    from aaas.present import exports

    ws = workbook["quantites"]
    head = [c.value for c in ws[1]]
    assert head[:6] == ["Nom", "Nature", "Libellé", "Rapport (recalculé)", "Corrigé", "Actualisé"]
    assert ws.max_row == len(quantites.dictionary()) + 1
    row = _row(ws, "total_par_habitant")
    assert row["Libellé"].value == "Total des surcoûts par habitant du bassin"
    assert row["Unité"].value == "€/habitant/an"
    assert row["Corrigé"].value == pytest.approx(conventions.compute("corrige")["total_par_habitant"])
    share = _row(ws, "part_ressources_humaines")
    assert share["Unité"].value == quantites.PART == exports.UNITE_PART
    assert share["Rapport (recalculé)"].number_format == "0.00 %"
