"""A figure the report gives as a bound (« plus de 460 ») is shown at the report's
precision (« 462 », not « 462,0 »), finer only when that precision would hide on which side
of the bound it falls or show a gap the figure does not have (the display rule of
:func:`aaas.fmt.chiffre`)."""

from aaas import fmt
from aaas.checks import affichage


def test_a_bound_shows_the_recomputed_figure_at_the_report_precision():
    assert fmt.precision_chiffre(462.0, "nb", 1.0, 460, ">") == 1
    assert fmt.precision_chiffre(102652.0, "€", 1.0, 102000, ">") == 1


def test_a_bound_goes_finer_when_the_rounding_would_hide_the_side():
    assert fmt.precision_chiffre(460.3, "nb", 1.0, 460, ">") == 0.1
    assert fmt.precision_chiffre(459.7, "nb", 1.0, 460, ">") == 0.1


def test_the_figures_of_the_issue_are_shown_with_the_decimals_their_gap_needs():
    """« moins de 1,6 Smic » printed to the unit: 1,22 (−0,38), never 1 (−0,6); « un peu
    plus longue »: 1,5 (+0,5), never 2 (+1); « trois fonctions clefs »: 1,34 (−0,16)."""
    assert (fmt.chiffre(1.2237, "Smic", 1, 1.6, "<"), fmt.ecart_affiche(1.2237, "Smic", 1, 1.6, "<")) == (
        "1,22\u00a0Smic",
        "\u22120,38\u00a0Smic",
    )
    assert (fmt.chiffre(1.5, "nb", 1, 1.0, ">"), fmt.ecart_affiche(1.5, "nb", 1, 1.0, ">")) == ("1,5", "+0,5")
    assert (fmt.chiffre(1.3372, "nb", 1, 1.5, "<"), fmt.ecart_affiche(1.3372, "nb", 1, 1.5, "<")) == (
        "1,34",
        "\u22120,16",
    )


def test_a_gap_shown_as_zero_is_a_true_zero_at_the_tolerance():
    assert fmt.ecart_affiche(404564.66, "€", 1, 404565) == ""
    assert fmt.ecart_affiche(460.3, "nb", 1, 460, ">") == "+0,3"


def test_parts_add_up_to_their_displayed_total():
    parts = [105539.7, 158572.6, 102652.2, 37800.3]
    assert sum(affichage.repartition(parts)) == round(sum(parts))
    assert all(abs(a - b) < 1 for a, b in zip(affichage.repartition(parts), parts, strict=True))
    assert sum(affichage.repartition(parts, total=404566)) == 404566
