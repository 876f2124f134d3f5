"""Participation formulas against hand computations from section 2.5."""

import pytest

from aaas.formulas import communs
from aaas.formulas import participation as pp


def test_quality_groups():
    assert communs.nb_personnes(50, 0.6) == pytest.approx(30)
    assert pp.effectif_par_groupe(30, 2) == pytest.approx(15)
    # each participant counted once: 30 x 3 x 4 h x 30 €
    assert pp.cout_echanges_pratiques(30, 3, 4, 30, 2, 0) == pytest.approx(10800)
    # the report's double count (erratum E16)
    assert pp.cout_echanges_pratiques(30, 3, 4, 30, 2, 1) == pytest.approx(21600)
