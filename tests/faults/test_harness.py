"""The harness itself: a refusal is recognised, and so is what is not one."""

import pytest

from tests.faults.harness import Run, aaas, clean, refused


def test_a_bad_value_is_one_line_naming_the_parameter():
    line = refused(aaas("tables", "synthese", "--set", "population_bassin=-5"), "population_bassin")
    assert line.startswith("aaas")


def test_a_traceback_is_not_a_refusal():
    run = Run(("x",), 2, "", "Traceback (most recent call last):\n  File x\nValueError: y\n")
    with pytest.raises(AssertionError):
        refused(run)
    with pytest.raises(AssertionError):
        clean(Run(("x",), 0, "", "RuntimeWarning: invalid value encountered in divide\n"))
