"""``render_sec``: every format of the SEC dotations, numbers as numbers in JSON and CSV."""

import csv
import io
import json

import pytest

from aaas.models import sec
from aaas.present.sec import FORMATS, render_sec


def test_json_gives_every_dotation_as_a_number():
    out = json.loads(render_sec(sec.dotations(4500, 0.20, base_pauvrete=100000), "json"))
    assert out["dotations"] == {
        "a_non_professionnels_sante": 357500,
        "b_professionnels_sante": 10000,
        "c_interpretariat": 102600,
        "d_psychologue": 66000,
    }
    assert out["total"] == 536100 and out["total_inclut_b"]
    assert out["provenance"]["entrees"]["file_active_mg"] == 4500


def test_json_without_base_says_b_is_undefined():
    out = json.loads(render_sec(sec.dotations(4500, 0.20), "json"))
    assert out["dotations"]["b_professionnels_sante"] is None
    assert out["majoration_pauvrete"] == pytest.approx(0.1)
    assert out["total"] == 526100 and not out["total_inclut_b"]


@pytest.mark.parametrize(("form", "sep"), [("csv", ","), ("csv-fr", ";")])
def test_csv_rows(form, sep):
    text = render_sec(sec.dotations(8000, 0.30), form).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=sep))
    assert [r["dotation"] for r in rows][-1] == "total"
    montant = rows[0]["montant"].replace(",", ".")
    assert float(montant) == 385000


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_readable_forms_show_rules_and_what_is_undefined(form):
    out = render_sec(sec.dotations(2500, 0.10), form)
    assert "302\u202f500\xa0€" in out and "Financement 1) c." in out
    assert "ne définit pas" in out and "non défini" in out


def test_formats():
    assert set(FORMATS) == {"text", "json", "csv", "csv-fr", "markdown"}
