"""Plausible ranges when posts are paid by the URSSAF rules (``actualise``): a salary never
drawn below the SMIC of the year."""

import numpy as np

from aaas.models import conventions, paie
from aaas.sensitivity import montecarlo, oneway, presets
from aaas.sensitivity.ranges import plages


def test_under_the_rules_a_salarys_range_starts_at_the_smic_of_the_year():
    values = conventions.defaults("actualise")
    p = {x.nom: x for x in plages("actualise")}["salaire_net_mediateur"]
    lo, _ = paie.bornes(values, "salaire_net_mediateur")
    assert p.bas == lo > p.valeur * 0.85  # -15 % would pay less than the SMIC
    rapport = {x.nom: x for x in plages("rapport")}["salaire_net_mediateur"]
    assert rapport.bas == rapport.valeur * 0.85  # the report's flat rates know no SMIC


def test_every_analysis_runs_under_the_rules():
    df = oneway.oneway("actualise", outputs=["total"])
    assert "salaire_net_mediateur" in set(df["parametre"])
    res = montecarlo.montecarlo("actualise", n=300, seed=3, outputs=["total"])
    assert np.all(np.isfinite(res["total"]))
    assert (
        presets.preset("bas_15", "actualise")["salaire_net_mediateur"]
        >= paie.bornes(conventions.defaults("actualise"), "salaire_net_mediateur")[0]
    )
