"""The funding atlas of section 4 against the report's tables, cell by cell where the text allows."""

import json

import pytest

from aaas import datastore
from aaas.atlas import financements as f
from aaas.errors import ChoiceError
from aaas.present.financements import FORMATS, render_programmes


def test_row_counts_per_part():
    df = f.table()
    # 4.2: 7 AAP (partie 1), 3 + 5 + 10 carriers (partie 2), 4 territorial (partie 3), 6 others (partie 4)
    assert (df["partie"] == "4.2").sum() == 35
    # 4.1 « Programmes et plans »: PRIAC, PRAPS, schémas, sport santé, PLIE, pauvreté, mutuelles, BdT, FNDS
    assert (df["partie"] == "4.1").sum() == 9
    counts = df[df["partie"] == "4.2"]["rubrique"].str.split(" ;").str[-1].str.strip().value_counts()
    assert counts["Partie 1 : Financements sur AAP thématiques"] == 7
    assert counts["Partie 3 : Financements territoriaux"] == 4


def test_schema_columns_agree_with_lookup():
    from aaas.schemas import files

    assert files.PUBLICS == f.PUBLICS
    assert f.missions() == tuple(datastore.missions()["mission"])
    assert set(f.missions()) <= set(f.table().columns)


def _row(pid):
    return f.table().set_index("id").loc[pid]


@pytest.mark.parametrize("pid", ["aci_cpts", "cpom_dac", "cls"])
def test_rows_with_every_cell_marked(pid):
    row = _row(pid)
    assert row["oui_imprimes"] == 10
    assert all(row[c] == "oui" for c in (*f.PUBLICS, *f.missions()))


def test_cells_cell_by_cell():
    msp = _row("aci_msp")  # 8 « Oui » out of 10: positions lost
    assert msp["oui_imprimes"] == 8 and msp["coordination"] == "nd" and "8 « Oui »" in msp["notes"]
    assert msp["financeurs"] == "Assurance maladie pour le versemement des ACI"
    veille = _row("veille_art51")  # no « Oui »: every cell non
    assert all(veille[c] == "non" for c in (*f.PUBLICS, *f.missions())) and veille["financeurs"] == ""
    priac = _row("priac")  # 4.1: publics only, missions not in the table
    assert priac["partie"] == "4.1" and priac["oui_imprimes"] == 3 and priac["relais"] == "nd"
    assert _row("cpom_communautes_360")["financeurs"] == "CNSA / CD / ARS"
    assert _row("gem")["oui_imprimes"] == 4


def test_coordination_for_handicap_psychique():
    df = f.programmes(mission="coordination", public="handicap_psychique")
    assert sorted(df["id"]) == ["aci_cpts", "cls", "cpom_dac"]
    wider = f.programmes(mission="coordination", public="handicap_psychique", incertains=True)
    assert set(df["id"]) < set(wider["id"]) and "veille_art51" not in set(wider["id"])


def test_alias_and_no_filter():
    assert f.programmes(public="precaire").equals(f.programmes(public="public_precaire"))
    assert len(f.programmes()) == 44


@pytest.mark.parametrize(("kw", "word"), [({"mission": "soins"}, "mission"), ({"public": "enfants"}, "public")])
def test_unknown_choice_refused(kw, word):
    with pytest.raises(ChoiceError) as err:
        f.programmes(**kw)
    message = str(err.value)
    assert word in message and "valeurs acceptées" in message and "\n" not in message


def test_matrice():
    m = f.matrice("publics")
    assert m.shape == (44, 6) and m.loc["CLS"].eq(1.0).all()
    assert f.matrice("missions").loc["Veille aux expérimentations Art51 passées dans le droit commun"].eq(0).all()
    with pytest.raises(ChoiceError):
        f.matrice("regions")


def test_modes_financement_reference_carriers():
    modes = datastore.modes_financement()
    assert modes.groupby("mission").size().to_dict() == {"coordination": 6, "pair_aidance": 6, "relais": 6}
    assert set(modes["porteur"]) <= set(datastore.porteurs()["porteur"])
    row = modes.set_index(["mission", "porteur"]).loc[("relais", "appui_coordination")]
    assert row["mode"] == "CPOM pour les DAC, ACI pour les CPTS"


@pytest.mark.parametrize("form", FORMATS)
def test_render_every_format(form):
    df = f.programmes(mission="coordination", public="handicap_psychique")
    out = render_programmes(df, form, {"mission": "coordination", "public": "handicap_psychique"})
    assert "CPOM DAC" in out
    if form == "json":
        data = json.loads(out)
        assert len(data["programmes"]) == 3 and data["provenance"]["filtre_mission"] == "coordination"
    if form == "csv-fr":
        assert out.startswith("\ufeff") and ";" in out


def test_render_unknown_format():
    with pytest.raises(ChoiceError):
        render_programmes(f.programmes(), "xml")
