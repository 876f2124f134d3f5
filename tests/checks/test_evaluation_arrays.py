"""The Python API on arrays of draws (issue 19, part 4): ``aaas.evaluate`` of a scenario
whose values are NumPy arrays gives one total per draw, tidy tables with a ``draw`` level,
and each draw equal to the scalar evaluation of its values; the package lists its API."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import aaas
from aaas.checks import evaluation
from aaas.errors import ParameterError

POPULATIONS = np.array([10000, 20000, 50000])


@pytest.fixture(scope="module")
def ev():
    return aaas.evaluate(aaas.resolve(overrides={"population_bassin": POPULATIONS, "file_active": 250}), "corrige")


def test_the_total_of_an_array_scenario_is_one_number_per_draw(ev):
    total = aaas.evaluate(aaas.resolve(overrides={"population_bassin": POPULATIONS})).total
    assert isinstance(total, np.ndarray) and total.shape == (3,)
    assert round(total[1]) == 404565  # the report's catchment
    for i, p in enumerate(POPULATIONS):
        one = aaas.evaluate({"population_bassin": int(p), "file_active": 250}, "corrige")
        assert ev.total[i] == pytest.approx(one.total, rel=1e-13)
    assert isinstance(aaas.evaluate().total, float)


def test_value_broadcasts_what_the_draws_do_not_move(ev):
    assert ev.value("mission_participation").tolist() == [27000.0] * 3  # a mission the draws leave alone
    assert ev.value("annee_bareme") == "2021"  # a reading is text (see the module's docstring)
    assert ev.n_draws == 3 and aaas.evaluate().n_draws is None


def test_missions_are_tidy_with_a_draw_level(ev):
    df = ev.missions()
    assert df.index.names == ["draw", "mission"] and len(df) == 3 * 5
    wide = df["surcout"].unstack()
    np.testing.assert_allclose(wide["total"], wide.drop(columns="total").sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(wide["total"], ev.total, rtol=0)
    one = aaas.evaluate().missions()
    assert list(one.index) == ["relais", "pair_aidance", "coordination", "participation", "total"]
    assert one.loc["relais", "libelle"] == "Relais favorisant l'accessibilité à la santé"


def test_a_table_per_draw_is_the_scalar_table_of_that_draw(ev):
    df = ev.table("synthese", "defaut")
    assert df.index.names == ["draw", "libelle"] and df.attrs["draws"] == 3
    for i, p in enumerate(POPULATIONS):
        one = aaas.evaluate({"population_bassin": int(p), "file_active": 250}, "corrige").table("synthese", "defaut")
        got = df.xs(i, level="draw")
        pd.testing.assert_frame_equal(got, one, check_exact=False, rtol=1e-12)


def test_every_table_per_draw_at_once(ev):
    every = ev.tables()
    assert list(every) == list(aaas.evaluate().tables())
    pd.testing.assert_frame_equal(every["synthese"], ev.table("synthese"))


def test_the_scalar_table_is_unchanged():
    df = aaas.evaluate().table("synthese")
    assert df.index.name == "libelle" and "rapport" in df.columns
    assert df.loc["Total des surcoûts des missions", "recalcule"] == pytest.approx(404564.66, abs=0.01)


def test_draws_that_do_not_fit_are_refused():
    with pytest.raises(ParameterError, match="longueurs incompatibles"):
        aaas.evaluate({"population_bassin": np.array([1e4, 2e4]), "file_active": np.array([100.0, 200, 300])})
    with pytest.raises(ParameterError, match="une dimension"):
        aaas.evaluate({"population_bassin": np.full((2, 2), 2e4)})
    ev = aaas.evaluate({"population_bassin": np.array([1e4, 2e4])})
    with pytest.raises(ParameterError, match="draw"):
        ev.draw(2)
    with pytest.raises(ParameterError, match="pas de tirages"):
        aaas.evaluate().draw(0)


def test_a_table_over_too_many_draws_is_refused_with_its_cost():
    many = aaas.evaluate({"population_bassin": np.full(evaluation.TIRAGES_TABLE_MAX + 1, 2e4)})
    with pytest.raises(ParameterError, match="tirages d'un tableau"):
        many.table("synthese")


def test_the_package_lists_its_api_and_stays_light():
    names = dir(aaas)
    for name in ("evaluate", "resolve", "Evaluation", "Scenario", "sensitivity", "errors", "__version__"):
        assert name in names and name in aaas.__all__
        assert getattr(aaas, name) is not None
    code = "import sys, aaas.formulas; print(sorted(m for m in ('pandas', 'scipy', 'aaas.checks') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
