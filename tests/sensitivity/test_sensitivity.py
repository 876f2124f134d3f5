"""The sensitivity layer: ranges from the parameter table, vectorised evaluation in chunks,
one-way, structural, Monte Carlo, Sobol, scale and the command line."""

import json

import numpy as np
import pytest

from aaas import cli
from aaas.errors import InputError
from aaas.models import conventions, parameters
from aaas.sensitivity import engine, montecarlo, oneway, ranges, scale, sobol, structural


def test_ranges_are_15_percent_within_bounds_and_never_on_excluded_parameters():
    ps = {p.nom: p for p in ranges.plages()}
    table = parameters.parameters()
    assert "pas_arrondi_deplacements_relais" not in ps and "population_reference" not in ps
    assert not any(table[n].categorical for n in ps)
    for p in ps.values():
        t = table[p.nom]
        assert t.min is None or p.bas >= t.min
        assert t.max is None or p.haut <= t.max
        assert p.bas < p.haut
    p = ps["taux_recours_mg"]
    assert (p.bas, p.haut) == pytest.approx((3.5 * 0.85, 3.5 * 1.15))


def test_chunks_do_not_change_results():
    rng = np.random.default_rng(0)
    draws = {
        "tarif_horaire_interpretariat": rng.uniform(30, 50, 1000),
        "salaire_net_referent": rng.uniform(2000, 2800, 1000),
    }
    one = engine.evaluate_draws(draws, chunk=1000)
    many = engine.evaluate_draws(draws, chunk=77)
    for name in one:
        np.testing.assert_array_equal(one[name], many[name])
    scalar = conventions.compute("rapport", {k: float(v[5]) for k, v in draws.items()}).scalar("total")
    assert one["total"][5] == pytest.approx(scalar, rel=1e-12)


def test_oneway_is_the_same_as_moving_one_parameter_by_hand():
    df = oneway.oneway(outputs=["total", "mission_pair_aidance"])
    row = df[(df.parametre == "salaire_net_referent") & (df.variation == -0.15) & (df.sortie == "total")].iloc[0]
    base = conventions.compute("rapport").scalar("total")
    moved = conventions.compute("rapport", {"salaire_net_referent": 2400 * 0.85}).scalar("total")
    assert row.resultat == pytest.approx(moved) and row.ecart == pytest.approx(moved - base)
    top = oneway.tornade(df, "total", 5)
    assert list(top["parametre"])[:2] == ["file_active_par_etp_referent", "salaire_net_referent"]


def test_structural_readings_and_conventions_one_at_a_time():
    df = structural.structurel(outputs=["total"])
    big = df.loc[df.ecart.abs().idxmax()]
    assert (big.parametre, big.choix) == ("base_etp_coordinateur", "habitants")
    assert df[df.parametre == "convention"].iloc[0].ecart == pytest.approx(-12928.97, abs=0.01)


def test_montecarlo_is_seeded_and_independent_variations_stay_within_the_claim():
    a = montecarlo.montecarlo(n=20_000, seed=3, outputs=["total"])
    b = montecarlo.montecarlo(n=20_000, seed=3, outputs=["total"])
    np.testing.assert_array_equal(a["total"], b["total"])
    s = montecarlo.resume(a).iloc[0]
    assert -0.15 < s.ecart_p5 < 0 < s.ecart_p95 < 0.15
    c = montecarlo.resume(montecarlo.montecarlo(n=20_000, seed=3, outputs=["total"], correle=True)).iloc[0]
    assert c.ecart_p95 > 0.3  # correlated territories go far beyond ±15 %
    with pytest.raises(InputError, match="nombre de tirages"):
        montecarlo.tirages(n=-5)


def test_sobol_ranks_the_same_leaders_as_the_tornado():
    df = sobol.sobol(base_samples=256, outputs=["total"])
    leaders = set(df.sort_values("st", ascending=False).head(2)["parametre"])
    assert leaders == {"file_active_par_etp_referent", "salaire_net_referent"}
    with pytest.raises(InputError, match="puissance de 2"):
        sobol.sobol(base_samples=1000)


def test_scale_curve_and_break_even():
    df = scale.courbe("file_active", [50, 100, 200], outputs=["total"])
    assert df["total"].is_monotonic_increasing
    x = scale.seuil("file_active_par_etp_referent", "cout_pair_aidance_par_personne", 1500, 30, 120)
    below = conventions.compute("rapport", {"file_active_par_etp_referent": x + 0.1}).scalar(
        "cout_pair_aidance_par_personne"
    )
    assert (
        below
        < 1500
        < conventions.compute("rapport", {"file_active_par_etp_referent": x - 0.1}).scalar(
            "cout_pair_aidance_par_personne"
        )
    )
    with pytest.raises(InputError, match="lune"):
        scale.deux_parametres("population_bassin", [1.0], "lune", [1.0])


def test_the_command_line_montecarlo_is_reproducible(capsys):
    runs = []
    for _ in range(2):
        assert cli.main(["sensitivity", "montecarlo", "--draws", "5000", "--seed", "1", "--format", "json"]) == 0
        runs.append(json.loads(capsys.readouterr().out)["resultats"])
    assert runs[0] == runs[1]
    total = [r for r in runs[0] if r["sortie"] == "total"][0]
    assert total["p5"] < 404565 < total["p95"]


@pytest.mark.parametrize(
    "argv,message",
    [
        (["sensitivity", "twoway", "--parametres", "population_bassin,lune"], "paramètre inconnu 'lune'"),
        (["sensitivity", "montecarlo", "--draws", "-3"], "--draws"),
        (["sensitivity", "twoway", "--parametres", "population_bassin"], "deux paramètres attendus"),
        (["sensitivity", "oneway", "--set", "part_demandeurs_asile=120%"], "hors bornes"),
        (["sensitivity", "oneway", "--sortie", "rien"], "quantité inconnue"),
    ],
)
def test_bad_input_is_refused(capsys, argv, message):
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


def test_presets_and_named_scenarios():
    from aaas.sensitivity import presets

    df = presets.tableau().set_index("scenario")
    assert df.loc["bas_15", "total"] < df.loc["bas_10", "total"] < df.loc["rapport", "total"]
    assert df.loc["rapport", "total"] < df.loc["haut_10", "total"] < df.loc["haut_15", "total"]
    assert round(df.loc["rapport", "total"]) == 404565
    named = {p.stem for p in presets.fichiers()}
    assert {"territoire_qpv", "territoire_rural", "petite_structure", "grand_departement"} <= named
    for name in named:
        assert df.loc[name, "total"] != df.loc["rapport", "total"], name


def test_triangular_draws_stay_in_range_around_the_value():
    p = ranges.Plage("x", 10.0, 8.0, 14.0, "triangulaire", "", False)
    x = p.tirer(np.random.default_rng(0), 200_000)
    assert x.min() >= 8.0 and x.max() <= 14.0
    assert np.mean(x) == pytest.approx((8 + 10 + 14) / 3, abs=0.02)
