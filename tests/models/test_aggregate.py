"""Properties of the aggregation: sums, monotonicity, scaling rules (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aaas.models import aggregate, conventions, parameters
from aaas.models import surcouts as model

PARAMS = parameters.parameters()
NUMERIC = [n for n, p in PARAMS.items() if not p.categorical]
MONOTONE = [n for n, p in PARAMS.items() if p.sens in {"+", "-"}]
SCALERS = {
    "habitants": "population_bassin",
    "file_active": "file_active",
    "departements": "nb_departements",
    "structures": "nb_structures",
}


def _bounded(p, lo_factor=0.5, hi_factor=2.0):
    lo = p.value * lo_factor if p.value else 0.0
    hi = p.value * hi_factor if p.value else 1.0
    if p.min is not None:
        lo = max(lo, p.min)
    if p.max is not None:
        hi = min(hi, p.max)
    return st.floats(min_value=lo, max_value=max(lo, hi), allow_nan=False)


def scenarios():
    """Random changes: every numeric hypothesis within half to twice its value and its bounds."""
    return st.fixed_dictionaries({n: _bounded(PARAMS[n]) for n in NUMERIC})


#: Readings under which every line scales in proportion to its unit (no rounding of budgets).
PROPORTIONNEL = {
    "echelle_vehicules_relais": "proportionnelle",
    "echelle_lieux_alternatifs": "proportionnelle",
    "echelle_vehicules_vad": "proportionnelle",
    "echelle_reunions_pluripro": "proportionnelle",
    "echelle_ateliers": "proportionnelle",
    "echelle_departements": "proportionnelle",
    "echelle_structures": "proportionnelle",
    "repartition_bareme": "par_vehicule",
    "pas_arrondi_deplacements_relais": 0.0,
}


SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(values=scenarios(), convention=st.sampled_from(["rapport", "corrige"]))
def test_totals_are_sums_of_their_lines(values, convention):
    r = conventions.compute(convention, values)
    lignes = aggregate.lignes()
    for mission in aggregate.missions()["mission"]:
        ids = lignes.loc[lignes["mission"] == mission, "ligne"]
        assert r[f"mission_{mission}"] == pytest.approx(sum(r[f"ligne_{i}"] for i in ids))
    assert r["total"] == pytest.approx(sum(r[f"mission_{m}"] for m in aggregate.missions()["mission"]))
    assert r["total"] == pytest.approx(sum(r[f"montant_{c}"] for c in aggregate.categories()["categorie"]))
    assert r["total"] == pytest.approx(sum(r[f"demarche_{d}"] for d in aggregate.demarches()["demarche"]))


@SETTINGS
@given(
    values=scenarios(),
    name=st.sampled_from(MONOTONE),
    factor=st.floats(1.0, 3.0),
    convention=st.sampled_from(["rapport", "corrige"]),
)
def test_raising_a_cost_input_never_lowers_a_total(values, name, factor, convention):
    p = PARAMS[name]
    values = dict(conventions.defaults(convention), **values)
    raised = dict(values)
    raised[name] = values[name] * factor + (0.5 if values[name] == 0 else 0)
    if p.max is not None:
        raised[name] = min(raised[name], p.max)
    before = model.evaluate(values)
    after = model.evaluate(raised)
    sign = 1 if p.sens == "+" else -1
    for key in ["total"] + [f"mission_{m}" for m in aggregate.missions()["mission"]]:
        assert sign * (after[key] - before[key]) >= -1e-6 * max(1.0, abs(before[key])), (name, key)


@SETTINGS
@given(values=scenarios(), k=st.floats(0.1, 20.0), convention=st.sampled_from(["rapport", "corrige"]))
def test_population_driven_lines_scale_linearly_under_proportional_readings(values, k, convention):
    values = dict(values, **PROPORTIONNEL)
    base = conventions.compute(convention, values)
    scaled = conventions.compute(convention, dict(values, population_bassin=values["population_bassin"] * k))
    for row in aggregate.lignes().itertuples(index=False):
        key = f"ligne_{row.ligne}"
        expected = base[key] * k if row.echelle == "habitants" else base[key]
        assert scaled[key] == pytest.approx(expected, rel=1e-9, abs=1e-6), key


@pytest.mark.parametrize("echelle,name", sorted(SCALERS.items()))
def test_each_scale_moves_its_lines_and_only_those(defaults, echelle, name):
    base = conventions.compute("rapport", PROPORTIONNEL)
    moved = conventions.compute("rapport", dict(PROPORTIONNEL, **{name: defaults[name] * 2.5}))
    for row in aggregate.lignes().itertuples(index=False):
        key = f"ligne_{row.ligne}"
        if row.echelle == echelle and base[key] != 0:
            assert moved[key] != pytest.approx(base[key]), key
        elif row.echelle != echelle:
            assert moved[key] == pytest.approx(base[key]), key


def test_departements_and_structures_multiply_their_missions():
    base = conventions.compute("rapport")
    moved = conventions.compute("rapport", dict(nb_departements=3, nb_structures=7))
    assert moved.scalar("mission_coordination") == pytest.approx(3 * base.scalar("mission_coordination"))
    assert moved.scalar("mission_participation") == pytest.approx(7 * base.scalar("mission_participation"))


@pytest.mark.parametrize("lecture,attendu", [("unites_entamees", 3), ("proportionnelle", 2.5)])
def test_a_started_departement_has_a_whole_budget(lecture, attendu):
    base = conventions.compute("rapport")
    moved = conventions.compute("rapport", dict(nb_departements=2.5, echelle_departements=lecture))
    assert moved.scalar("mission_coordination") == pytest.approx(attendu * base.scalar("mission_coordination"))
    assert moved.scalar("nb_departements_couts") == attendu


def test_classification_ranges_contain_this_editions_classification(rapport):
    for cat in list(aggregate.categories()["categorie"]) + ["travail_collectif_et_tiers"]:
        share = rapport.scalar(f"part_{cat}")
        assert (
            rapport.scalar(f"plage_min_part_{cat}") <= share + 1e-12 <= rapport.scalar(f"plage_max_part_{cat}") + 2e-12
        )


def test_every_component_belongs_to_a_line_and_category():
    comp = aggregate.composantes()
    assert set(comp["ligne"]) == set(aggregate.lignes()["ligne"])
    assert set(comp["categorie"]) <= set(aggregate.categories()["categorie"])
    assert set(aggregate.mutualisation()["ligne"]) <= set(aggregate.lignes()["ligne"])
    assert set(aggregate.mutualisation()["porteur"]) <= set(aggregate.porteurs()["porteur"])
    assert aggregate.mutualisation()["part_mutualisee"].between(0, 1).all()


def test_every_unit_of_the_lines_has_a_count_decided_by_the_model():
    assert set(aggregate.lignes()["echelle"]) == set(model.COMPTES)


def test_aggregate_multiplies_every_line_by_the_count_of_its_unit(rapport):
    # the report's scenario counts one unit of each kind: any other count scales its lines only
    assert rapport.scalar("nb_departements_couts") == rapport.scalar("nb_structures_couts") == 1
    comptes = {"habitants": 2.0, "file_active": 3.0, "departements": 5.0, "structures": 7.0}
    out = aggregate.aggregate(rapport, comptes)
    for row in aggregate.lignes().itertuples(index=False):
        key = f"ligne_{row.ligne}"
        assert out[key] == pytest.approx(comptes[row.echelle] * rapport[key]), key


def test_a_unit_without_a_count_is_an_error(rapport):
    with pytest.raises(ValueError, match="structures"):
        aggregate.aggregate(rapport, {"habitants": 1.0, "file_active": 1.0, "departements": 1.0})
