"""A figure the report gives as a bound (« plus de 460 ») is shown at the report's
precision (« 462 », not « 462,0 »), finer only when that precision would hide on which side
of the bound it falls."""

import pandas as pd

from aaas.present import render


def row(recalcule, rapport, unite="nb", precision=1.0, comparaison=">"):
    return pd.Series({"recalcule": recalcule, "rapport": rapport, "unite": unite, "precision": precision,
                      "comparaison": comparaison})  # fmt: skip


def test_a_bound_shows_the_recomputed_figure_at_the_report_precision():
    assert render._display_precision(row(462.0, 460), 462.0) == 1.0
    assert render._display_precision(row(102652.0, 102000, "€"), 102652.0) == 1.0


def test_a_bound_goes_one_digit_finer_when_the_rounding_would_hide_the_side():
    assert render._display_precision(row(460.3, 460), 460.3) == 0.1
