"""The tax mileage scale: the report's figures come out of the 2021 scale, 4 CV."""

import numpy as np
import pytest

from aaas import datastore
from aaas.errors import DataFileError
from aaas.formulas import bareme

_t = datastore.bareme_tranches


def test_report_figures_from_the_2021_scale():
    assert round(bareme.indemnite_kilometrique(5640, _t("2021", "4"))) == 3084  # 2.2.2.4
    assert round(bareme.indemnite_kilometrique(15000, _t("2021", "4"))) == 6107  # 2.3.2.3


def test_bands_and_years_differ():
    assert bareme.indemnite_kilometrique(4000, _t("2021", "4")) == pytest.approx(4000 * 0.575)
    assert bareme.indemnite_kilometrique(25000, _t("2021", "4")) == pytest.approx(25000 * 0.387)
    # the current scale (income years 2022 to 2024) is 5,4 % higher
    assert bareme.indemnite_kilometrique(5640, _t("2024", "4")) == pytest.approx(5640 * 0.340 + 1330)
    assert bareme.indemnite_kilometrique(5640, _t("2019", "4")) == pytest.approx(5640 * 0.294 + 1147)


def test_every_year_and_power_has_three_bands():
    for year in datastore.bareme_annees():
        for cv in "34567":
            assert all(len(a) == 3 for a in _t(year, cv))


def test_vectorised_over_distances():
    km = np.array([1000.0, 5640.0, 15000.0, 30000.0])
    out = bareme.indemnite_kilometrique(km, _t("2021", "4"))
    assert out.shape == (4,)
    assert out[1] == pytest.approx(3083.72)


def test_scale_jumps_at_band_limits_are_small():
    """The published scale is not exactly continuous; the jumps stay below 0,5 %."""
    for year in datastore.bareme_annees():
        for cv in "34567":
            for limit in (5000, 20000):
                before = bareme.indemnite_kilometrique(limit, _t(year, cv))
                after = bareme.indemnite_kilometrique(limit + 1e-6, _t(year, cv))
                assert abs(after - before) / before < 0.005


def test_fleet_readings():
    flotte = bareme.indemnites_flotte(15000, 2, _t("2021", "4"), "flotte")
    par_vehicule = bareme.indemnites_flotte(15000, 2, _t("2021", "4"), "par_vehicule")
    assert flotte == pytest.approx(6107)
    assert par_vehicule == pytest.approx(2 * (7500 * 0.323 + 1262))
    with pytest.raises(ValueError):
        bareme.indemnites_flotte(15000, 2, _t("2021", "4"), "autre")


def test_unknown_year_is_an_error():
    with pytest.raises(DataFileError, match="1999"):
        _t("1999", "4")
