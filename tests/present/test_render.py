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


def test_every_format_of_one_table_carries_its_provenance():
    ev = aaas.evaluate()
    text = render.render_tables(ev, ["synthese"], "text")
    assert "Total des surcoûts des missions" in text and "Convention : rapport" in text and "commit" in text
    assert "### 3.1" in render.render_tables(ev, ["synthese"], "markdown")
    csv = render.render_tables(ev, ["synthese"], "csv")
    assert csv.splitlines()[0].startswith("tableau,libelle,rapport,defaut,recalcule")
    assert ",convention," in csv.splitlines()[0] and ",commit," in csv.splitlines()[0]
    payload = json.loads(render.render_tables(ev, ["synthese"], "json"))
    assert payload["provenance"]["convention"] == "rapport" and payload["provenance"]["version"] == aaas.__version__
    total = payload["tableaux"]["synthese"]["lignes"][4]
    assert total["recalcule"] == pytest.approx(404564.66, abs=0.01)


def test_csv_fr_reads_back_in_a_french_spreadsheet_setting():
    import io

    import pandas as pd

    ev = aaas.evaluate(convention="corrige")
    text = render.render_tables(ev, ["structure_couts", "synthese"], "csv-fr")
    assert text.startswith("\ufeff")
    df = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=";", decimal=",")
    assert df["recalcule"].dtype == float and len(df.columns) > 10
    total = df[(df["tableau"] == "synthese") & (df["variable"] == "total")]["recalcule"].iloc[0]
    assert total == pytest.approx(ev.total, abs=1e-5)
    assert set(df.loc[df["variable"].str.startswith("part_"), "unite"]) == {"part"}


def test_shares_travel_as_parts_and_their_gaps_in_points():
    ev = aaas.evaluate()
    rows = json.loads(render.render_tables(ev, ["structure_couts"], "json"))["tableaux"]["structure_couts"]["lignes"]
    shares = [r for r in rows if r["variable"].startswith("part_")]
    assert shares and all(r["unite"] == "part" and 0 <= r["recalcule"] <= 1 for r in shares)
    shown = render.formatted(ev.table("structure_couts"))
    gaps = [g for g in shown["Écart"] if g]
    assert gaps and all(g.endswith("\u00a0pt") for g in gaps if "%" not in g)


def _number(text: str) -> float:
    digits = text.replace("\u202f", "").replace("\u00a0", " ").replace("\u2212", "-").replace(",", ".")
    return float(digits.split(" ")[0].replace("plusde", "").replace("moinsde", "") or 0)


@pytest.mark.parametrize("overrides", [{}, {"population_bassin": 50000, "file_active": 37}, {"file_active": 250}])
def test_figures_shown_subtract(overrides):
    """Recomputed minus printed, as shown, is the gap shown (every row of every table)."""
    ev = aaas.evaluate(overrides)
    for table_id in tables.ids():
        df = ev.table(table_id)
        shown = render.formatted(df)
        for (_, r), (_, cells) in zip(df.iterrows(), shown.iterrows(), strict=True):
            if r["comparaison"] != "=" or not cells["Écart"]:
                continue
            factor = 100 if r["unite"] == "%" else 1
            got = _number(cells["Recalculé"]) - _number(cells["Rapport"])
            assert got == pytest.approx(_number(cells["Écart"]), abs=1e-9), (table_id, cells.to_dict())
            assert factor


def test_long_labels_wrap_and_are_never_cut():
    ev = aaas.evaluate()
    df = ev.table("structure_couts")
    lines = render.text_table(df, "3.3").splitlines()
    width = len(lines[3].split("  ")[0])  # the rule under the headers: one dash per character of the column
    column = " ".join(line[:width].strip() for line in lines[4:])
    assert any(len(line[:width].strip()) == 0 for line in lines[4:]) is False
    for label in df.index:
        assert " ".join(label.split()) in " ".join(column.split()), label
    assert max(len(line[:width].rstrip()) for line in lines[4:]) <= render.LARGEUR_LIBELLE


def test_the_workbook_opens_with_pandas_and_holds_the_report_total(tmp_path, capsys):
    import pandas as pd

    from aaas import cli

    out = tmp_path / "t.xlsx"
    assert cli.main(["tables", "--format", "xlsx", "--out", str(out)]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert {"provenance", "synthese", "parametres", "errata"} <= set(sheets)
    synthese = sheets["synthese"].set_index("Libellé")
    assert round(synthese.loc["Total des surcoûts des missions", "Rapport (recalculé)"]) == 404565
    assert synthese.loc["Total des surcoûts des missions", "Imprimé"] == 404565
    assert "commit" in set(sheets["provenance"]["Clé"])
    # written again over its own workbook; never over a file it did not write
    assert cli.main(["tables", "--format", "xlsx", "--out", str(out), "--convention", "corrige"]) == 0
    other = tmp_path / "autre.xlsx"
    other.write_bytes(b"not mine")
    capsys.readouterr()
    assert cli.main(["tables", "--format", "xlsx", "--out", str(other)]) == 2
    assert "n'a pas été écrit par aaas" in capsys.readouterr().err and other.read_bytes() == b"not mine"
    assert cli.main(["tables", "--format", "xlsx"]) == 2
    assert not list(tmp_path.glob(".*.tmp"))
