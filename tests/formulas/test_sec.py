"""SEC participatives dotation formulas against hand computations (seed 001, Financement 1))."""

import numpy as np
import pytest

from aaas.formulas import sec as f

TIERS = (1000, 4, 1000, 3000, 6, 3000, 7)


@pytest.mark.parametrize(
    ("n", "etp"),
    [(1000, 4.0), (2500, 5.5), (3000, 6.0), (4500, 6.5), (6000, 7.0), (8000, 7.0)],
)
def test_etp_by_tier(n, etp):
    # 2 500: 4 + 1 500/1 000; 4 500: 6 + 1 500/3 000; 8 000: ceiling 7
    assert f.etp_non_professionnels_sante(n, *TIERS) == pytest.approx(etp)


def test_tiers_join_and_never_decrease():
    n = np.arange(1000, 9001, 50)
    etp = f.etp_non_professionnels_sante(n, *TIERS)
    assert np.all(np.diff(etp) >= 0)
    assert etp.max() == 7


@pytest.mark.parametrize(("n", "euros"), [(1000, 220000), (2500, 302500), (4500, 357500), (8000, 385000)])
def test_dotation_a(n, euros):
    etp = f.etp_non_professionnels_sante(n, *TIERS)
    assert f.dotation_non_professionnels_sante(etp, 55000) == pytest.approx(euros)


def test_ramp_up_as_written():
    assert f.etp_montee_en_charge(1000, 4) == 4.0
    assert f.etp_montee_en_charge(2000, 4) == 8.0  # erratum S03: the tiers give 5


@pytest.mark.parametrize(("t", "share"), [(0.10, 0.0), (0.15, 0.0), (0.20, 0.10), (0.25, 0.20), (0.30, 0.20)])
def test_poverty_share(t, share):
    assert f.majoration_pauvrete(t, 0.15, 0.25, 0.20) == pytest.approx(share)


def test_poverty_dotation_needs_its_base():
    with pytest.raises(TypeError):
        f.dotation_professionnels_sante(0.1)  # no invented default base
    assert f.dotation_professionnels_sante(250000, 0.2) == pytest.approx(50000)


@pytest.mark.parametrize(("n", "euros"), [(1000, 22800), (2500, 57000), (4500, 102600), (6000, 136800), (8000, 136800)])
def test_interpreting(n, euros):
    assert f.dotation_interpretariat(n, 22800, 6000) == pytest.approx(euros)


def test_psychologist_and_training():
    assert f.dotation_psychologue(0.5, 66000, 1, 66000) == 33000
    assert f.dotation_psychologue(3, 66000, 1, 66000) == 66000
    assert f.plafond_formation(425500, 0.02) == pytest.approx(8510)
