"""Every input bounded before it is read (issue 18, part 4): scenario files of every odd
kind, YAML that would exhaust memory or recursion, counts and seeds beyond what the
machine can do, a parameter given twice, number forms YAML alone would read, values
echoed whole.

Cases that could hang or grow run the real entry point in a child process with a
timeout (:func:`tests.faults.harness.aaas`); the others call :func:`aaas.cli.main` in
process.  Each refusal is one French line naming the parameter, option or file.
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest

from aaas import cli
from aaas.errors import ParameterError
from aaas.models import scenario as scenarios
from aaas.sensitivity import limits, montecarlo, oneway, scale, sobol
from tests.faults.harness import aaas, refused
from tests.faults.inprocess import main

#: A child that refuses a bad file starts, reads its arguments and stops: far below this.
DELAI = 60


class Writer(threading.Thread):
    """Feeds ``head`` then comment lines, ``size`` bytes in all, into the FIFO ``path``
    whenever a reader opens it, until stopped (never blocks: the FIFO is opened and
    written without blocking)."""

    def __init__(self, path: Path, size: int, head: bytes):
        super().__init__(daemon=True)
        self.path, self.size = path, size
        self.data = head + b"#" * 60 + b"\n"
        self.stop = threading.Event()

    def run(self) -> None:
        fd, sent = None, 0
        while not self.stop.is_set() and sent < self.size:
            try:
                if fd is None:
                    fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO while no reader
                sent += os.write(fd, self.data if sent == 0 else b"#" * 60 + b"\n")
            except OSError:  # no reader yet, a full pipe, or the reader gone
                time.sleep(0.01)
        if fd is not None:
            os.close(fd)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "tube.yaml"
    os.mkfifo(path)
    return path


# --- scenario files of every kind ----------------------------------------------------------


def test_a_scenario_linked_to_dev_zero_is_refused_before_reading(tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    run = aaas("tables", "synthese", "--scenario", str(link), timeout=DELAI)
    assert "périphérique" in refused(run, "zero.yaml")


def test_a_fifo_with_no_writer_does_not_hang(fifo):
    run = aaas("tables", "synthese", "--scenario", str(fifo), timeout=DELAI)
    assert "FIFO" in refused(run, "tube.yaml")


def test_a_fifo_fed_two_megabytes_is_refused(fifo):
    writer = Writer(fifo, 2 * 2**20, b"population_bassin: 30000\n")
    writer.start()
    try:
        run = aaas("tables", "synthese", "--scenario", str(fifo), timeout=DELAI)
    finally:
        writer.stop.set()
        writer.join(5)
    assert "FIFO" in refused(run, "tube.yaml")


@pytest.mark.parametrize("kind", ["dossier", "socket"])
def test_a_folder_or_socket_is_not_a_scenario_file(capsys, tmp_path, kind):
    path = tmp_path / "s.yaml"
    if kind == "dossier":
        path.mkdir()
    else:
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
    assert kind in refused(main(capsys, "tables", "synthese", "--scenario", str(path)), "s.yaml")


def test_a_large_scenario_file_is_refused_by_its_size(capsys, tmp_path):
    big = tmp_path / "gros.yaml"
    big.write_text("# " + "x" * (scenarios.TAILLE_MAX_SCENARIO + 10) + "\npopulation_bassin: 1\n", encoding="utf-8")
    assert "trop grand" in refused(main(capsys, "params", "--scenario", str(big)), "gros.yaml", "256 ko")


def test_a_scenario_file_in_latin_1_names_its_line_and_column(capsys, tmp_path):
    f = tmp_path / "latin.yaml"
    f.write_bytes("# Hypothèse\npopulation_bassin: 30000 # bassin rural\n# côté\n".encode("latin-1"))
    refused(main(capsys, "params", "--scenario", str(f)), "latin.yaml", "ligne 1, colonne 9", "0xE8")


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="no /proc")
def test_the_cap_holds_whatever_size_the_file_announces():
    """A file of /proc announces 0 bytes and holds more: the bytes read are capped too."""
    from aaas import inputs
    from aaas.errors import ScenarioFileError

    with pytest.raises(ScenarioFileError, match="maps' trop grand \\(plus de 16 octets ; au plus 16 octets\\)"):
        inputs.read_bounded("/proc/self/maps", 16, ScenarioFileError, "fichier '/proc/self/maps'")


# --- YAML: keys, nesting ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["tables", "compare"])
@pytest.mark.parametrize(
    "content,line",
    [
        ("? [a, b]\n: 1\n", "ligne 1"),
        ("population_bassin: 30000\n? {a: 1}\n: 2\n", "ligne 2"),
        ("true: 1\n", "ligne 1"),
        ("~: 1\n", "ligne 1"),
    ],
    ids=["liste", "dictionnaire", "booleen", "nul"],
)
def test_a_key_that_is_not_a_name_is_refused(capsys, tmp_path, command, content, line):
    f = tmp_path / "cle.yaml"
    f.write_text(content, encoding="utf-8")
    argv = ["tables", "synthese", "--scenario", str(f)] if command == "tables" else ["compare", "rapport", str(f)]
    refused(main(capsys, *argv), "cle.yaml", "clé", line)


@pytest.mark.parametrize(
    "content",
    [
        "[" * 60_000,
        "{a: " * 30_000,
        "".join(f"{' ' * i}k{i}:\n" for i in range(200)),
        "- " * 5_000 + "1\n",
    ],
    ids=["crochets", "accolades", "indentation", "tirets"],
)
def test_deep_nesting_is_refused_without_recursion(capsys, tmp_path, content):
    f = tmp_path / "profond.yaml"
    f.write_text(content, encoding="utf-8")
    line = refused(main(capsys, "tables", "synthese", "--scenario", str(f)), "profond.yaml", "imbrication")
    assert str(scenarios.PROFONDEUR_MAX) in line


# --- one parameter given twice ------------------------------------------------------------


def test_a_parameter_set_twice_is_refused_as_a_repeated_key(capsys, tmp_path):
    run = main(capsys, "tables", "synthese", "--set", "population_bassin=30000", "--set", "population_bassin=40000")
    refused(run, "population_bassin", "--set répété")
    f = tmp_path / "double.yaml"
    f.write_text("population_bassin: 30000\npopulation_bassin: 40000\n", encoding="utf-8")
    refused(main(capsys, "tables", "synthese", "--scenario", str(f)), "population_bassin", "répétée")


def test_twoway_refuses_one_parameter_twice(capsys):
    run = main(capsys, "sensitivity", "twoway", "--parametres", "population_bassin,population_bassin")
    refused(run, "--parametres", "population_bassin", "deux fois")
    with pytest.raises(ParameterError, match="population_bassin"):
        scale.deux_parametres("population_bassin", [1.0], "population_bassin", [2.0])


# --- one number syntax -----------------------------------------------------------------------

NON_DECIMAUX = ["0x10", "0o17", "0b101", "1_000", ".inf", "-.inf", ".nan", "inf", "nan", "1:30", "1e5e5"]


@pytest.mark.parametrize("how", ["yaml", "set"])
@pytest.mark.parametrize("form", NON_DECIMAUX)
def test_non_decimal_numbers_are_refused_in_yaml_and_set_alike(capsys, tmp_path, how, form):
    if how == "yaml":
        f = tmp_path / "forme.yaml"
        f.write_text(f"population_bassin: {form}\n", encoding="utf-8")
        run = main(capsys, "params", "--scenario", str(f))
    else:
        run = main(capsys, "params", "--set", f"population_bassin={form}")
    refused(run, "population_bassin", form, "nombre décimal")


@pytest.mark.parametrize("tagged", ["!!int 0x10", "!!float .inf", "!!int 1_000"])
def test_an_explicit_yaml_tag_is_no_way_around_the_number_syntax(capsys, tmp_path, tagged):
    f = tmp_path / "balise.yaml"
    f.write_text(f"population_bassin: {tagged}\n", encoding="utf-8")
    refused(main(capsys, "params", "--scenario", str(f)), "population_bassin", tagged.split()[1], "nombre décimal")


@pytest.mark.parametrize(
    "form,value",
    [
        ("30000", 30000),
        ("030000", 30000),
        ("30 000", 30000),
        ("2,5e4", 25000),
        ("25000.0", 25000),
        ("+3e4", 30000),
        ("1e4", 10000),
    ],
)
def test_decimal_numbers_read_the_same_in_yaml_and_set(tmp_path, form, value):
    f = tmp_path / "forme.yaml"
    f.write_text(f"population_bassin: {form}\ntaux_recours_mg: 3,5\n", encoding="utf-8")
    from_file = scenarios.resolve(f).values
    from_set = scenarios.resolve(overrides={"population_bassin": form, "taux_recours_mg": "3,5"}).values
    assert from_file["population_bassin"] == from_set["population_bassin"] == value
    assert from_file["taux_recours_mg"] == from_set["taux_recours_mg"] == 3.5


# --- values echoed shortened -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv,name",
    [
        (["tables", "synthese", "--set", "population_bassin=1e308"], "population_bassin"),
        (["tables", "synthese", "--set", "population_bassin=" + "9" * 100_000], "population_bassin"),
        (["tables", "synthese", "--set", "population_bassin=" + "x" * 100_000], "population_bassin"),
        (["tables", "synthese", "--set", "p" * 100_000 + "=1"], "paramètre inconnu"),
        (["tables", "synthese", "--set", "annee_bareme=" + "x" * 100_000], "annee_bareme"),
        (["tables", "--format", "x" * 100_000], "--format"),
        (["tables", "synthese", "x" * 100_000], "arguments inconnus"),
        (["sensitivity", "oneway", "--sortie", "x" * 100_000], "--sortie"),
        (["sensitivity", "montecarlo", "--draws", "9" * 100_000], "--draws"),
        (["compare", "rapport", "x" * 100_000], "terme de comparaison"),
        (["compare", "rapport", "xy" * 50_000 + ".yaml"], "trop long"),
        (["tables", "--scenario", "xy" * 50_000 + ".yaml"], "trop long"),
        (["tables", "x" * 100_000], "tableau inconnu"),
        (["tables", "--convention", "x" * 100_000], "--convention"),
        (["financements", "--mission", "x" * 100_000], "mission"),
    ],
    ids=[
        "1e308",
        "chiffres",
        "texte",
        "nom",
        "choix",
        "format",
        "argument",
        "sortie",
        "tirages",
        "compare",
        "compare-fichier",
        "scenario",
        "tableau",
        "convention",
        "mission",
    ],  # fmt: skip
)
def test_echoed_values_are_shortened(capsys, argv, name):
    line = refused(main(capsys, *argv), name)
    echo = line.split(" ; ")[0]  # what is wrong; then come the accepted values
    assert len(echo) < 400 and not re.search(r"(.)\1{40}", line), line  # no 41 same characters in a row


# --- counts and seeds --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv,option",
    [
        (["sensitivity", "sobol", "--base-samples", "16777216"], "--base-samples"),
        (["sensitivity", "sobol", "--base-samples", str(2**40)], "--base-samples"),
        (["sensitivity", "sobol", "--base-samples", str(2 * limits.ECHANTILLON_MAX)], "--base-samples"),
        (["sensitivity", "montecarlo", "--draws", str(limits.TIRAGES_MAX + 1)], "--draws"),
    ],
)
def test_counts_above_their_ceiling_are_refused_with_their_cost(capsys, argv, option):
    refused(main(capsys, *argv), option, "hors bornes", "de mémoire", "de calcul")


@pytest.mark.parametrize(
    "argv,option",
    [
        (["sensitivity", "montecarlo", "--seed", "-1"], "--seed"),
        (["sensitivity", "sobol", "--seed", "-1"], "--seed"),
        (["sensitivity", "montecarlo", "--seed", str(2**32)], "--seed"),
        (["sensitivity", "montecarlo", "--seed", "1.5"], "--seed"),
        (["sensitivity", "sobol", "--base-samples", "1000"], "--base-samples"),
        (["sensitivity", "sobol", "--base-samples", "0x400"], "--base-samples"),
        (["sensitivity", "montecarlo", "--draws", "0"], "--draws"),
        (["build", "--jobs", "1000"], "--jobs"),
        (["variants", "--prune", str(10**9)], "--prune"),
        (["sensitivity", "scale", "--parametres", ","], "--parametres"),
    ],
)
def test_bad_counts_and_seeds_are_refused(capsys, argv, option):
    refused(main(capsys, *argv), option)


def test_the_ceilings_are_stated_in_the_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["sensitivity", "--help"])
    text = re.sub(r"[ \n]+", " ", capsys.readouterr().out)  # the help's wrapping; not its narrow spaces
    for ceiling in ("2^18", "262\u202f144", "10\u202f000\u202f000", "4\u202f294\u202f967\u202f295"):
        assert ceiling in text, ceiling


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: sobol.sobol(base_samples=2**24, outputs=["total"]), "échantillon de base"),
        (lambda: sobol.sobol(base_samples=1024, seed=-1), "graine"),
        (lambda: montecarlo.montecarlo(n=limits.TIRAGES_MAX + 1), "nombre de tirages"),
        (lambda: montecarlo.montecarlo(n=10, seed=-1), "graine"),
        (lambda: montecarlo.tirages(n=10, seed=2**40), "graine"),
        (lambda: montecarlo.montecarlo(n=2.5), "nombre de tirages"),
        (lambda: scale.courbe("population_bassin", range(limits.POINTS_MAX + 1)), "nombre de valeurs"),
        (lambda: scale.seuil("file_active", "total", 1, 1, 2, points=10**9), "nombre de points"),
        (lambda: scale.deux_parametres("population_bassin", range(2000), "file_active", range(1000)), "grille"),
        (lambda: oneway.oneway(variations=[0.1] * (limits.VARIATIONS_MAX + 1)), "variations"),
    ],
    ids=[
        "sobol",
        "sobol-graine",
        "montecarlo",
        "mc-graine",
        "tirages-graine",
        "fraction",
        "courbe",
        "seuil",
        "grille",
        "variations",
    ],  # fmt: skip
)
def test_the_python_api_checks_counts_as_the_command_line_does(call, name):
    with pytest.raises(ParameterError, match=name):
        call()


def test_the_nominal_count_of_drawn_hypotheses_is_the_reports():
    from aaas.sensitivity.ranges import plages

    assert len(plages("rapport")) == limits.HYPOTHESES_TIREES


def test_seed_zero_gives_reproducible_sobol_intervals():
    a = sobol.sobol(base_samples=64, seed=0, outputs=["total"])
    b = sobol.sobol(base_samples=64, seed=0, outputs=["total"])
    assert a.equals(b)
