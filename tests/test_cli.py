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
    rows = json.loads(out)["parametres"]
    assert code == 0 and len(rows) >= 90
    names = {r["name"]: r for r in rows}
    assert names["population_bassin"]["section"] == "2.2.2.1"
    assert names["double_compte_groupes_qualite"]["value"] == 1  # numbers are numbers
    assert names["lecture_heures_patient_expert"]["value"] == "seances_x_participants"
    code, out, _ = run(capsys, "params", "--format", "json", "--convention", "corrige")
    corrige = {r["name"]: r for r in json.loads(out)["parametres"]}
    assert corrige["double_compte_groupes_qualite"]["value"] == 0
    assert corrige["double_compte_groupes_qualite"]["valeur_rapport"] == 1
    assert corrige["double_compte_groupes_qualite"]["erratum"] == "E16"


def _json_tables(capsys, *sets):
    argv = ["tables", "--format", "json"]
    for s in sets:
        argv += ["--set", s]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    return {t: {l["libelle"]: l for l in v["lignes"]} for t, v in json.loads(out)["tableaux"].items()}


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
    assert code == 0 and "paramètres modifiés : file_active = 250, population_bassin = 50\u202f000" in out
    assert "Fichier de scénario : s.yaml" in out


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
        (["tables", "--scenario", "/nonexistent/x.yaml"], "introuvable"),
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


# --- the researcher's command line (issue 8) ------------------------------------------------


@pytest.mark.parametrize(
    "argv,message",
    [
        (["tables", "synthese", "--table", "mediateur"], "deux tableaux demandés"),
        (["build", "--jobs", "0"], "--jobs : 0 hors bornes ; plage acceptée : de 1 à 32"),
        (["build", "--jobs", "-1"], "--jobs"),
        (["build", "--jobs", "x"], "un nombre entier"),
        (["tables", "--list", "--set", "population_bassin=abc"], "n'est pas un nombre"),
        (["compare", "rapport"], "arguments obligatoires manquants : B"),
        (["compare", "rapport", "lune"], "terme de comparaison inconnu 'lune'"),
        (["tables", "--nimporte"], "arguments inconnus : --nimporte"),
        (["check", "--set", "file_active=-3"], "hors bornes"),
        (["params", "--convention", "autre"], "convention inconnue 'autre'"),
    ],
)
def test_more_bad_input_is_refused_in_french(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1, err


@pytest.mark.parametrize("argv", [["--help"], ["tables", "--help"], ["compare", "--help"], ["build", "--help"]])
def test_help_is_in_french(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    out, _ = capsys.readouterr()
    assert exit_.value.code == 0
    assert "utilisation : aaas" in out and "affiche cette aide et quitte" in out
    for english in ("usage:", "show this help", "positional arguments", "show program"):
        assert english not in out


def test_accents_are_accepted_in_convention_names(capsys):
    code, out, _ = run(capsys, "tables", "synthese", "--convention", "corrigé")
    assert code == 0 and "391\u202f636\u00a0€" in out


def test_every_command_takes_the_shared_scenario_options(capsys, tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("file_active: 250\n", encoding="utf-8")
    code, out, _ = run(capsys, "params", "--set", "population_bassin=50000", "--scenario", str(f), "--format", "json")
    values = {r["name"]: r["value"] for r in json.loads(out)["parametres"]}
    assert code == 0 and values["population_bassin"] == 50000 and values["file_active"] == 250
    code, out, _ = run(capsys, "check", "--set", "population_bassin=50000", "--convention", "corrige")
    assert code == 0 and "convention corrige" in out and "convention rapport :" not in out.split("total")[0]


def test_a_scenario_gap_is_measured_against_the_default_and_says_so(capsys):
    code, out, _ = run(capsys, "tables", "synthese", "--convention", "corrige", "--set", "population_bassin=50000")
    assert code == 0 and "--baseline defaut" in out and "Défaut" in out
    participation = next(line for line in out.splitlines() if line.startswith("Appui à la participation"))
    assert "27\u202f000\u00a0€" in participation and "−10" not in participation  # no correction in the gap
    code, out, _ = run(
        capsys, "tables", "synthese", "--convention", "corrige", "--set", "population_bassin=50000",
        "--baseline", "rapport",
    )  # fmt: skip
    assert "−10\u202f800\u00a0€" in next(
        line for line in out.splitlines() if line.startswith("Appui à la participation")
    )


def test_compare_two_set_groups_side_by_side(capsys):
    code, out, _ = run(capsys, "compare", "population_bassin=20000", "population_bassin=40000", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    rows = {r["variable"]: r for r in payload["comparaison"]}
    assert rows["ligne_mediateur"]["b"] == pytest.approx(2 * rows["ligne_mediateur"]["a"])
    assert rows["ligne_mediateur"]["ecart_relatif"] == pytest.approx(1.0)
    assert rows["total"]["ecart"] == pytest.approx(rows["total"]["b"] - rows["total"]["a"])
    assert payload["provenance"]["b"]["parametres_modifies"] == {"population_bassin": 40000.0}
    code, out, _ = run(capsys, "compare", "rapport", "corrigé")
    assert code == 0 and "TOTAL DES SURCOÛTS DES MISSIONS" in out and "−12\u202f929\u00a0€" in out


def test_compare_scenario_files_in_csv(capsys, tmp_path):
    a, b = tmp_path / "rural.yaml", tmp_path / "urbain.yaml"
    a.write_text("population_bassin: 15000\n", encoding="utf-8")
    b.write_text("population_bassin: 80000\n", encoding="utf-8")
    code, out, _ = run(capsys, "compare", str(a), str(b), "--format", "csv")
    header = out.splitlines()[0].split(",")
    assert code == 0 and header[:8] == ["niveau", "mission", "libelle", "variable", "a", "b", "ecart", "ecart_relatif"]
    assert "a_fichier_scenario" in header and "rural.yaml" in out and str(tmp_path) not in out


def test_help_and_version_load_neither_numpy_nor_pandas():
    code = (
        "import sys\n"
        "from aaas.cli import main\n"
        "for argv in (['--version'], ['--help'], ['tables', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'numpy' not in sys.modules and 'pandas' not in sys.modules, sorted(sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_cli_constants_match_the_package():
    from aaas.cli import parser
    from aaas.models import conventions

    assert parser.CONVENTIONS == conventions.CONVENTIONS


def test_an_interruption_is_one_line_and_exit_130(capsys, monkeypatch):
    from aaas.cli import commands

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(commands.COMMANDS, "tables", interrupted)
    code, out, err = run(capsys, "tables")
    assert (code, out) == (130, "") and err.count("\n") == 1 and "interrompu" in err


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_real_signal_in_process_returns_130_and_spares_the_caller(capsys, monkeypatch, signame):
    """main() called in-process (not the process's entry point): the signal becomes
    KeyboardInterrupt, main returns 130, and the caller's handlers are back."""
    import os
    import signal
    import time

    from aaas.cli import commands

    def interrupted(args):
        os.kill(os.getpid(), getattr(signal, signame))
        time.sleep(5)
        raise AssertionError("pas interrompu")

    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    monkeypatch.setitem(commands.COMMANDS, "tables", interrupted)
    code, out, err = run(capsys, "tables")
    assert (code, out, err) == (130, "", "aaas : interrompu\n")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


def test_build_passes_pdf_and_jobs_to_the_book(capsys, monkeypatch, tmp_path):
    from aaas.publish import build

    seen = {}

    html_dir = tmp_path / "_build" / "html"

    def fake_build_book(**kwargs):
        seen.update(kwargs)
        html_dir.mkdir(parents=True, exist_ok=True)
        if kwargs["pdf"] is not False:
            (html_dir / "aaas.pdf").write_bytes(b"%PDF")
        return html_dir / "index.html"

    monkeypatch.setattr(build, "build_book", fake_build_book)
    code, out, _ = run(capsys, "build", "--pdf", "--jobs", "2", "--convention", "corrigé", "--set", "file_active=250")
    assert code == 0 and seen["pdf"] is True and seen["jobs"] == 2 and seen["convention"] == "corrige"
    assert seen["overrides"] == {"file_active": "250"} and f"PDF : {html_dir / 'aaas.pdf'}" in out


def test_build_prints_the_pdf_when_it_can_unless_told_not_to(capsys, monkeypatch, tmp_path):
    from aaas.publish import build

    seen = []
    monkeypatch.setattr(build, "build_book", lambda **kwargs: seen.append(kwargs["pdf"]) or tmp_path / "index.html")
    assert run(capsys, "build")[0] == 0 and run(capsys, "build", "--sans-pdf")[0] == 0
    assert seen == [None, False]  # None: the PDF when Chromium is found (aaas.publish.build.wants_pdf)
    assert run(capsys, "build", "--pdf", "--sans-pdf")[0] == 2


def test_financements_lists_the_matching_programmes(capsys):
    code, out, _ = run(capsys, "financements", "--mission", "coordination", "--public", "handicap_psychique")
    assert code == 0 and "CPOM DAC" in out and "CLS" in out
    code, out, _ = run(capsys, "financements", "--mission", "coordination", "--format", "json")
    assert code == 0 and json.loads(out)
    code, _, err = run(capsys, "financements", "--public", "martiens")
    assert code == 2 and "martiens" in err


def test_sec_gives_every_dotation_as_a_number(capsys):
    code, out, _ = run(capsys, "sec", "--file-active-mg", "4500", "--taux-pauvrete", "0.20", "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["total"] == 526100.0
    assert payload["dotations"]["a_non_professionnels_sante"] == 357500.0
    assert payload["dotations"]["c_interpretariat"] == 102600.0
    code, _, err = run(capsys, "sec", "--file-active-mg", "999", "--taux-pauvrete", "0.2")
    assert code == 2 and "file_active_mg" in err
