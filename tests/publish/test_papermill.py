"""The papermill interface of the notebooks: the generated parameters cell, the values
passed alone, the refusals in one French line, the figures collected as numbers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import aaas
from aaas.errors import InputError, ParameterError
from aaas.publish import notebook
from aaas.publish.notebook import namespace, parameters_cell

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_every_committed_parameters_cell_is_the_generated_one():
    assert len(NOTEBOOKS) == 11
    assert parameters_cell.stale(NOTEBOOKS) == [], "make refresh-notebooks réécrit les cellules de paramètres"


def test_every_notebook_sets_up_from_its_globals():
    for path in NOTEBOOKS:
        assert "notebook.setup_from(globals())" in path.read_text(encoding="utf-8"), path.name


def test_a_changed_cell_is_stale_and_rewritten(tmp_path):
    copy = tmp_path / "relais.ipynb"
    text = (ROOT / "notebooks" / "relais.ipynb").read_text(encoding="utf-8")
    copy.write_text(text.replace("population_bassin: Optional[float]", "population_bassin: float"), encoding="utf-8")
    assert parameters_cell.stale([copy]) == [copy]
    assert parameters_cell.rewrite([copy]) == [copy]
    assert parameters_cell.stale([copy]) == [] and parameters_cell.rewrite([copy]) == []


def test_papermill_reads_every_parameter_with_its_type_and_help():
    from papermill.translators import PythonTranslator

    params = {p.name: p for p in PythonTranslator.inspect({"source": parameters_cell.source()})}
    assert list(params) == list(parameters_cell.declared())
    p = params["tarif_horaire_interpretariat"]
    assert (p.inferred_type_name, p.default) == ("Optional[float]", "None")
    assert "Tarif horaire" in p.help and "€/h" in p.help and "de 0 à 500" in p.help
    assert params["file_active_reference"].inferred_type_name == "Optional[int]"
    assert params["echelle_vehicules_relais"].inferred_type_name == "Optional[str]"
    assert params["convention"].help.endswith("rapport, corrige ou actualise")
    sec = {p.name for p in PythonTranslator.inspect({"source": parameters_cell.source("sec_participatives")})}
    assert {"file_active_mg", "taux_pauvrete"} <= sec


def _globals(**values):
    ns = {"__annotations__": dict.fromkeys(parameters_cell.declared()), "notebook": os, "Optional": object()}
    ns.update({name: None for name in parameters_cell.declared()}, scenario_file="", convention="rapport")
    ns["overrides"] = {}
    ns.update(values)
    return ns


def test_a_parameter_passed_alone_changes_the_scenario():
    ctx = notebook.setup_from(_globals(population_bassin=50000))
    assert ctx.scenario.changed == {"population_bassin": 50000.0}
    assert "Variante du rapport" in ctx.markdown_scenario()
    both = notebook.setup_from(_globals(population_bassin=50000, overrides='{"taux_recours_mg": 4}'))
    assert set(both.scenario.changed) == {"population_bassin", "taux_recours_mg"}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"populaton_bassin": 5}, "paramètre inconnu 'populaton_bassin' (paramètre papermill) ; vouliez-vous dire "
         "'population_bassin' (plage acceptée : de 1 à 10\u202f000\u202f000) ?"),
        ({"population_bassin": -5}, "paramètre 'population_bassin' (paramètre papermill) : -5 est hors bornes"),
        ({"overrides": "population_bassin"}, "paramètre 'overrides' (paramètre papermill) : texte JSON illisible"),
        ({"overrides": "[1, 2]"}, "paramètre 'overrides' (paramètre papermill) : list reçu"),
        ({"overrides": {"population_bassin": 1}, "population_bassin": 2}, "paramètre 'population_bassin' "
         "(paramètre papermill) : donné seul (2) et dans overrides (1)"),
        ({"convention": 3}, "paramètre 'convention' (paramètre papermill) : int reçu"),
        ({"overrides": {"population_basin": 1}}, "paramètre inconnu 'population_basin' (paramètre papermill) ; "
         "vouliez-vous dire 'population_bassin' (plage acceptée"),
    ],
)  # fmt: skip
def test_bad_values_are_refused_in_one_french_line(values, expected):
    with pytest.raises(InputError) as caught:
        notebook.setup_from(_globals(**values))
    message = str(caught.value)
    assert message.startswith(expected) and "\n" not in message and "--set" not in message
    assert caught.value._render_traceback_() == [f"aaas : erreur : {message}"]


def test_globals_the_notebook_defines_itself_are_not_parameters():
    assert namespace.unknown(_globals(np=os, ctx=object(), _i3="x"), parameters_cell.declared()) == []
    assert namespace.unknown({"In": ["x = 1"], "Out": {}, "x": 1}, ()) == []
    injected = "# Parameters\npopulaton_bassin = 5\npopulation_bassin = 1\n"
    assert namespace.unknown({"In": ["", injected, "annee = 2026"], "annee": 2026}, parameters_cell.declared()) == [
        "populaton_bassin"
    ]


def test_overrides_as_json_text_or_mapping():
    assert namespace.overrides_of('{"population_bassin": 50000}') == {"population_bassin": 50000}
    assert namespace.overrides_of({"a": 1}) == {"a": 1}
    with pytest.raises(ParameterError):
        namespace.overrides_of({1: 2})


def test_glued_figures_are_collected_as_numbers_from_a_committed_notebook():
    df = notebook.results(ROOT / "notebooks" / "synthese.ipynb")
    assert list(df.columns) == ["cle", "quantite", "valeur", "unite", "convention", "nature", "texte"]
    assert df["cle"].is_unique and len(df) > 10
    total = df[df["quantite"] == "total"]
    assert not total.empty and total["unite"].eq("€").all()
    assert set(df["nature"]) <= {"calculé", "imprimé", "paramètre", "variante", "lu"}


def _papermill(tmp_path, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "relais.ipynb"), str(tmp_path / "out.ipynb")]
    command += [*args, "--no-progress-bar", "--log-level", "WARNING", "--cwd", str(ROOT)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)


def test_papermill_runs_a_parameter_and_its_results_are_numbers(tmp_path):
    run = _papermill(tmp_path, "-p", "population_bassin", "50000")
    assert run.returncode == 0, run.stderr
    df = notebook.results(tmp_path / "out.ipynb")
    relais = df[(df["quantite"] == "mission_relais") & (df["convention"] == "rapport")]
    expected = aaas.evaluate(aaas.resolve(overrides={"population_bassin": 50000})).value("mission_relais")
    assert "retenir_rapport" in set(relais["cle"])
    assert relais["valeur"].tolist() == [pytest.approx(expected, rel=1e-12)] * len(relais)
    assert expected > 1.5 * 105540  # the scenario, not the report's
    assert "Variante du rapport" in (tmp_path / "out.ipynb").read_text(encoding="utf-8")


def test_papermill_stops_an_unknown_parameter_in_one_french_line(tmp_path):
    run = _papermill(tmp_path, "-p", "populaton_bassin", "5")
    assert run.returncode != 0
    lines = [line for line in run.stderr.splitlines() if "aaas : erreur" in line]
    assert len(lines) == 1 and "'population_bassin'" in lines[0] and "plage acceptée" in lines[0]
    assert "/aaas/" not in run.stderr and "Traceback" not in run.stderr.split("PapermillExecutionError")[1]
