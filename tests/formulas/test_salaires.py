"""Salary chains against hand computations from the report (2.2.2.2 to 2.4.2.1)."""

import numpy as np
import pytest

from aaas.formulas import salaires as s


def test_brut_from_net_rate_on_net():
    # 2.3.2.1: 2 400 € net, charges salariales 25 % -> 3 000 € brut
    assert s.salaire_brut(2400, 0.25) == pytest.approx(3000)
    # all-different values catch swapped arguments
    assert s.salaire_brut(1000, 0.1) == pytest.approx(1100)


def test_employer_cost_and_annual_cost():
    # 2.3.2.1: 3 000 € brut, 40 % -> 4 200 €/mois ; 1,8 ETP -> 100/55 x 4 200 x 12
    mensuel = s.cout_employeur_mensuel(3000, 0.40)
    assert mensuel == pytest.approx(4200)
    assert s.cout_annuel_poste(mensuel, 100 / 55) == pytest.approx(91636.36, abs=0.01)
    # 2.4.2.1: 2 800 net -> 3 500 brut -> 4 900 -> 58 800 € for 1 ETP
    assert s.cout_annuel_poste(s.cout_employeur_mensuel(s.salaire_brut(2800, 0.25), 0.40), 1) == pytest.approx(58800)


def test_share_of_gross_printed_for_the_mediator():
    # 2.2.2.2 prints 22 %: 1 - 1 600 / 2 049
    assert s.part_charges_salariales_du_brut(1600, 2049) == pytest.approx(0.2191, abs=1e-4)


def test_etp_helpers():
    assert s.etp_pour_file_active(100, 55) == pytest.approx(1.818, abs=1e-3)
    assert s.etp_pour_heures(150, 1607) == pytest.approx(0.0933, abs=1e-4)


def test_annual_and_hourly_amounts():
    assert s.salaire_annuel(2049) == 24588
    assert s.cout_horaire_employeur(4200, 1820) == pytest.approx(27.69, abs=0.01)
    assert s.ecart_arrondi(s.arrondi_au_pas(14819.47, 1000), 14819.47) == pytest.approx(180.53)


@pytest.mark.parametrize(
    "x,pas,expected",
    [
        (0.0933, 0.1, 0.1),
        (0.1416, 0.1, 0.1),
        (0.15, 0.1, 0.2),
        (4483.72, 100, 4500),
        (14819.47, 1000, 15000),
        (7.3, 0, 7.3),
    ],
)
def test_arrondi_au_pas(x, pas, expected):
    assert s.arrondi_au_pas(x, pas) == pytest.approx(expected)


def test_arrondi_vectorised():
    out = s.arrondi_au_pas(np.array([0.04, 0.06, 0.26]), 0.1)
    assert np.allclose(out, [0.0, 0.1, 0.3])


@pytest.mark.filterwarnings("error")
def test_a_post_paid_nothing_costs_nothing_and_bears_no_contribution():
    """A salary of 0 (inside the bounds) gives 0 €, and rates of 0, without dividing by
    zero, for scalars and arrays alike (issue 18)."""
    from aaas.formulas import paie

    with np.errstate(all="raise"):
        assert s.salaire_brut(0, 0.25) == 0 and s.cout_employeur_mensuel(0, 0.4) == 0
        assert s.part_charges_salariales_du_brut(0, 0) == 0.0
        assert paie.taux_implicite(0, 0) == 0.0
        shares = s.part_charges_salariales_du_brut(np.array([0.0, 1600.0]), np.array([0.0, 2049.0]))
        assert shares[0] == 0.0 and shares[1] == pytest.approx(0.2191, abs=1e-4)
        rates = paie.taux_implicite(np.array([0.0, 2450.0]), np.array([0.0, 2049.0]))
        assert rates[0] == 0.0 and rates[1] == pytest.approx(0.1957, abs=1e-4)
