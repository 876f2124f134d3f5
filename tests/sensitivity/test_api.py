"""The researcher's sensitivity API (issue 19, parts 4 and 6): each analysis called with a
scenario or a mapping, the modules still usable as the book's notebook uses them, the
draws of a Monte Carlo, the tornado's ties, Sobol's indices and intervals as SALib's."""

from __future__ import annotations

import inspect
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import aaas
import aaas.sensitivity as sa
from aaas.errors import InputError, ParameterError
from aaas.models import conventions
from aaas.sensitivity import engine, montecarlo, oneway, scale, sobol


def test_each_analysis_is_the_module_of_its_name_and_callable():
    for name in ("oneway", "montecarlo", "sobol", "scale"):
        module = sys.modules[f"aaas.sensitivity.{name}"]
        assert getattr(sa, name) is module and callable(module)
        assert "scenario" in inspect.signature(module).parameters
    assert callable(oneway.oneway) and callable(montecarlo.resume) and montecarlo.CONFIANCE == 0.95
    assert set(sa.__all__) <= set(dir(sa))


def test_the_api_does_not_depend_on_what_was_imported_first():
    """Imported as a module first, then called from the package: one object."""
    code = (
        "from aaas.sensitivity import montecarlo as mc\nimport aaas.sensitivity as sa\n"
        "r = sa.montecarlo(draws=10, outputs='total')\nprint(type(r).__name__, mc.montecarlo(n=10)['total'].size)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["MonteCarlo", "10"]


def test_montecarlo_returns_the_draws_and_the_summary_of_the_command_line():
    scenario = aaas.resolve(overrides={"taux_recours_mg": 4.0})
    mc = sa.montecarlo(scenario, draws=3000, seed=4)
    legacy = montecarlo.montecarlo(n=3000, seed=4, base=scenario)  # a Scenario as base: no TypeError
    np.testing.assert_array_equal(mc.draws["total"].to_numpy(), legacy["total"])
    assert mc.draws.index.name == "draw" and list(mc.draws.columns[-5:]) == engine.sorties_par_defaut()
    assert mc.draws["taux_recours_mg"].between(4.0 * 0.85, 4.0 * 1.15).all()
    expected = montecarlo.resume(legacy, montecarlo.printed_totals())
    pd.testing.assert_frame_equal(mc.summary, expected)
    same = sa.montecarlo({"taux_recours_mg": 4.0}, draws=3000, seed=4, inputs=False)
    assert list(same.draws.columns) == engine.sorties_par_defaut()
    np.testing.assert_array_equal(same.draws["total"], mc.draws["total"])


def test_montecarlo_draws_reproduce_their_outputs():
    mc = sa.montecarlo(draws=50, seed=2, outputs="total", convention="corrige")
    row = mc.draws.iloc[17]
    values = {k: float(v) for k, v in row.drop("total").items()}
    assert conventions.compute("corrige", values).scalar("total") == pytest.approx(row["total"], rel=1e-12)


def test_counts_are_bounded_in_python_as_on_the_command_line():
    with pytest.raises(ParameterError, match="inputs=True"):
        sa.montecarlo(draws=2_000_000)
    with pytest.raises(ParameterError, match="puissance de 2"):
        sa.sobol(base_samples=1000)
    with pytest.raises(ParameterError, match="sortie 'rien'"):
        sa.oneway(outputs="rien")


def test_an_analysis_starts_from_one_value_per_parameter():
    with pytest.raises(ParameterError, match="population_bassin"):
        sa.tornado({"population_bassin": np.array([1e4, 2e4])})
    with pytest.raises(ParameterError, match="type int"):
        sa.oneway(42)
    with pytest.raises(InputError, match="lune"):
        sa.tornado({"lune": 1})


def test_oneway_is_sorted_by_effect_output_by_output():
    df = sa.oneway(outputs=["total", "mission_relais"])
    assert list(dict.fromkeys(df["sortie"])) == ["total", "mission_relais"]
    for _, sel in df.groupby("sortie"):
        assert sel["amplitude"].is_monotonic_decreasing
    top = oneway.tornade(oneway.oneway(outputs=["total"]), "total", 3)
    assert list(df["parametre"][:12:4]) == list(top["parametre"])


def test_the_tornado_names_factors_of_one_product():
    t = sa.tornado(output="total")
    assert t["amplitude"].is_monotonic_decreasing and (t["amplitude"] > 0).all()
    row = t.set_index("parametre").loc["etp_coordinateur"]
    assert row["ex_aequo"] == "salaire_net_coordinateur" and row["valeur"] == 1
    assert t.set_index("parametre").loc["file_active_par_etp_referent", "ex_aequo"] == ""
    assert oneway.ex_aequo(["a", "b"], [1.0, 1.0 + 1e-6]) == ["", ""]


def test_sobol_is_salib_to_rounding_for_every_output():
    from SALib.analyze import sobol as salib

    problem = sobol.probleme()
    plan = sobol.evaluer_plan(problem, 64, 3, lambda d: engine.evaluate_draws(d))
    ours = sobol.sobol(base_samples=64, seed=3).set_index(["sortie", "parametre"])
    for out, y in plan.items():
        si = salib.analyze(problem, y, calc_second_order=False, num_resamples=sobol.REECHANTILLONS, seed=3)
        got = ours.loc[out].loc[problem["names"]]
        for key in ("S1", "S1_conf", "ST", "ST_conf"):
            np.testing.assert_allclose(got[key.lower().replace("_conf", "_ic")], si[key], rtol=1e-9, atol=1e-12)


def test_sobol_and_scale_start_from_the_scenario():
    here = sa.sobol(base_samples=64, outputs="mission_relais").set_index("parametre")
    there = sa.sobol({"population_bassin": 60000}, base_samples=64, outputs="mission_relais").set_index("parametre")
    assert not np.allclose(here["st"], there["st"])
    curve = sa.scale("file_active", [100, 200], {"population_bassin": 60000}, outputs="total")
    point = aaas.evaluate({"population_bassin": 60000, "file_active": 200}).total
    assert curve["total"].iloc[1] == pytest.approx(point, rel=1e-12)
    with pytest.raises(ParameterError, match="lecture"):
        scale.run("annee_bareme")
