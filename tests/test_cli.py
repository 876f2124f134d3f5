"""The command line: outputs, variants, and bad input (one line, exit 2, nothing on stdout)."""

import json
import subprocess
import sys

import pytest

from aaas import cli


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_synthesis_prints_the_report_total(capsys):
    code, out, _ = run(capsys, "tables", "synthese")
    assert code == 0
    assert "404\u202f565\u00a0€" in out


def test_corrected_convention_shows_corrected_total(capsys):
    code, out, _ = run(capsys, "tables", "synthese", "--convention", "corrige")
    assert code == 0
    assert "391\u202f636\u00a0€" in out and "erreur reportée" in out


def test_check_passes(capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0, out
    assert "vérification réussie" in out


def test_check_fails_on_an_unexplained_gap(capsys, monkeypatch):
    from aaas import datastore
    from aaas.formulas import relais

    monkeypatch.setattr(relais, "loyer_annuel", lambda s, l: s * l * 12 + 1)
    datastore.clear_cache()
    code, out, _ = run(capsys, "check")
    monkeypatch.undo()
    datastore.clear_cache()
    assert code == 1
    assert "ÉCART INEXPLIQUÉ" in out and "Location annuelle" in out


def test_params_lists_every_hypothesis(capsys):
    code, out, _ = run(capsys, "params", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 90
    names = {r["name"]: r for r in rows}
    assert names["population_bassin"]["section"] == "2.2.2.1"
    assert names["double_compte_groupes_qualite"]["value"] == "1"
    code, out, _ = run(capsys, "params", "--format", "json", "--convention", "corrige")
    corrige = {r["name"]: r for r in json.loads(out)}
    assert corrige["double_compte_groupes_qualite"]["value"] == "0"
    assert corrige["double_compte_groupes_qualite"]["valeur_rapport"] == "1"
    assert corrige["double_compte_groupes_qualite"]["erratum"] == "E16"


def _json_tables(capsys, *sets):
    argv = ["tables", "--format", "json"]
    for s in sets:
        argv += ["--set", s]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    return {t: {l["libelle"]: l for l in v["lignes"]} for t, v in json.loads(out).items()}


def test_population_variant_is_fully_recomputed(capsys):
    base = _json_tables(capsys)
    var = _json_tables(capsys, "population_bassin=50000")
    relais = var["synthese_relais"]
    # the fleet and the place are fixed (« une seule voiture », one place): they do not scale
    for label, line in relais.items():
        if line["variable"] in {"ligne_mediateur", "ligne_interpretariat", "ligne_consultations_inclusion"}:
            assert line["recalcule"] == pytest.approx(2.5 * base["synthese_relais"][label]["recalcule"]), label
    assert (
        relais["Lieux d'accueil alternatifs"]["recalcule"]
        == base["synthese_relais"]["Lieux d'accueil alternatifs"]["recalcule"]
    )
    # one car drives 2,5 × 5 640 km: scale of income year 2021, 4 CV, beyond 5 000 km
    assert relais["Déplacements itinérance"]["recalcule"] == pytest.approx(round(14100 * 0.323 + 1262 + 1400, -2))
    assert var["interpretariat"]["Maille de population (en nb d'habitants)"]["recalcule"] == 50000
    assert var["interpretariat"]["Demandeurs d'asile (en nb)"]["recalcule"] == pytest.approx(100)
    assert var["synthese"]["Total des surcoûts des missions"]["recalcule"] == pytest.approx(
        base["synthese"]["Total des surcoûts des missions"]["recalcule"]
        + relais["Total mission"]["recalcule"]
        - base["synthese_relais"]["Total mission"]["recalcule"],
        abs=1e-5,
    )
    # nothing of the other missions moved
    for t in ("synthese_pair_aidance", "synthese_coordination", "synthese_participation"):
        for label, line in var[t].items():
            assert line["recalcule"] == base[t][label]["recalcule"], (t, label)


def test_file_active_variant_is_fully_recomputed(capsys):
    base = _json_tables(capsys)
    var = _json_tables(capsys, "file_active=250")
    pair = var["synthese_pair_aidance"]
    for label in ("Temps de médecin coordinateur", "Référents parcours", "Organisation d'ateliers collectifs"):
        assert pair[label]["recalcule"] >= 1.99 * base["synthese_pair_aidance"][label]["recalcule"], label
        assert pair[label]["statut"] == "scénario"
    # the two vehicles stay two, each driving 18 750 km; meetings stay one a fortnight
    assert var["visites_domicile"]["Nb de véhicules"]["recalcule"] == 2
    assert var["reunions_pluripro"]["Nb réunions annuelles (en nb)"]["recalcule"] == 20
    assert var["ateliers"]["Nb d'ateliers pour une file active de 100 personnes"]["recalcule"] == 32
    assert var["referent_parcours"]["Coût annuel"]["recalcule"] == pytest.approx(4200 * 12 * 250 / 55)
    for t in ("synthese_relais", "synthese_coordination", "synthese_participation"):
        for label, line in var[t].items():
            assert line["recalcule"] == base[t][label]["recalcule"], (t, label)


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown", "json"])
def test_every_format_renders_every_table(capsys, fmt):
    code, out, _ = run(capsys, "tables", "--format", fmt)
    assert code == 0 and "Total des surcoûts des missions" in out


def test_scenario_file(capsys, tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("file_active: 250\npopulation_bassin: 50000\n", encoding="utf-8")
    code, out, _ = run(capsys, "tables", "synthese", "--scenario", str(f))
    assert code == 0 and "Scénario différent du rapport" in out and "50\u202f000" in out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["tables", "--set", "population_basin=5"], "vouliez-vous dire 'population_bassin'"),
        (["tables", "--set", "population_bassin=beaucoup"], "n'est pas un nombre"),
        (["tables", "--set", "population_bassin=-1"], "hors bornes ; plage acceptée : de 1 à"),
        (["tables", "--set", "part_sans_medecin_traitant=130%"], "part_sans_medecin_traitant"),
        (["tables", "--set", "file_active_par_etp_referent=0"], "file_active_par_etp_referent"),
        (["tables", "--convention", "corrigee"], "convention inconnue"),
        (["tables", "--format", "xml"], "--format : valeur inconnue 'xml'"),
        (["tables", "synthes"], "tableau inconnu"),
        (["tables", "--scenario", "/nonexistent/x.yaml"], "illisible"),
        (["tables", "--set", "population_bassin"], "nom=valeur"),
        (["frobnicate"], "valeur inconnue 'frobnicate'"),
    ],
)
def test_bad_input_one_line_exit_2_no_output(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err and err.count("\n") == 1


def test_malformed_scenario_file(capsys, tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("population_bassin: [1\n", encoding="utf-8")
    code, out, err = run(capsys, "tables", "--scenario", str(f))
    assert (code, out) == (2, "") and "YAML mal formé" in err


def test_module_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "aaas", "tables", "synthese", "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert "404565.000000" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "aaas", "tables", "--set", "x=1"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2 and proc.stdout == ""
