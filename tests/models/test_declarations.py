"""Every name the model reads or writes is declared (``data/quantites.csv``, the other data
files, ``data/parameters.csv``): the steps' sources are checked before any evaluation, and
the sheet refuses a misspelt name where it is written, naming the nearest declared one."""

import pytest

from aaas.models import communs, conventions, declarations, surcouts
from aaas.models.sheet import Sheet, UndeclaredName

STEPS = {s.__name__: s for s in (*surcouts.STEPS, *surcouts.STEPS_COUTS, communs.chaine_salariale)}


@pytest.mark.parametrize("step", STEPS.values(), ids=STEPS.keys())
def test_every_name_a_step_writes_or_reads_is_declared_before_any_evaluation(step):
    names = declarations.step_names(step)
    assert names.undeclared(declarations.names()) == []


@pytest.mark.parametrize("convention", conventions.CONVENTIONS)
def test_the_static_reading_finds_every_name_the_steps_write_and_only_names_they_read(convention):
    """What the sources say is what the evaluation does: every name a step wrote (the
    aggregation's apart, written together by ``s.update``) is read from the sources, and
    nothing the sources name is missing from the sheet."""
    static = [declarations.step_names(step) for step in surcouts.STEPS]
    writes = set().union(*(n.writes for n in static))
    reads = set().union(*(n.reads for n in static))
    s = Sheet(conventions.defaults(convention), declarations.names())
    for step in surcouts.STEPS:
        step(s)
    written = {n for n, f in s.origines.items() if f is not None}  # calc and copy (put: the URSSAF rules)
    assert written <= writes <= set(s.v)
    assert reads <= set(s.p) | set(s.v)
    if convention == "rapport":
        assert writes == written


def test_the_static_reading_sees_the_names_held_in_variables_tables_and_fstrings():
    from aaas.models import coordination, pair_aidance, relais

    n = declarations.step_names(pair_aidance.reunions_pluripro_couts)
    assert {"reunion_medecin", "reunion_autre_pro", "cout_reunions_pluripro"} <= n.writes
    assert {"nb_idel_reunion", "cout_horaire_as_reunion", "reunion_as", "duree_reunion_pluripro"} <= n.reads
    interpretariat = declarations.step_names(relais.interpretariat)
    assert {"part_population_immigree", "taux_recours_mg", "cout_consultation_interpretariat"} <= interpretariat.reads
    assert "salaire_net_.+" in declarations.step_names(communs.chaine_salariale).patterns
    plaidoyer = declarations.step_names(coordination.plaidoyer)  # the gross is a parameter: no net
    assert {"cout_mensuel_plaidoyer", "taux_patronal_effectif_plaidoyer"} <= plaidoyer.writes
    assert "salaire_net_plaidoyer" not in plaidoyer.reads and not plaidoyer.patterns


def _misspelt(s):
    s.calc("cout_mediatuer", lambda x: x, "etp_mediateur")


def _misread(s):
    s.calc("cout_mediateur", lambda x: x, "etp_mediatuer")


@pytest.mark.parametrize("step", [_misspelt, _misread])
def test_a_misspelt_name_is_named_with_the_nearest_declared_one_before_any_evaluation(step):
    assert declarations.step_names(step).undeclared(declarations.names()) == [
        f"{'cout_mediatuer' if step is _misspelt else 'etp_mediatuer'} (le plus proche : "
        f"{'cout_mediateur' if step is _misspelt else 'etp_mediateur'})"
    ]


def test_the_sheet_refuses_a_misspelt_write_before_its_formula_runs():
    calls = []
    s = Sheet(conventions.defaults("rapport"), declarations.names())
    with pytest.raises(UndeclaredName, match=r"nom non déclaré : cout_mediatuer \(le plus proche : cout_mediateur\)"):
        s.calc("cout_mediatuer", lambda x: calls.append(x), "etp_mediateur")
    assert calls == []
    with pytest.raises(UndeclaredName, match="cout_mediatuer"):
        s.put("cout_mediatuer", 1.0)
    with pytest.raises(UndeclaredName, match="cout_mediatuer"):
        s.copy("cout_mediatuer", "etp_mediateur")


def test_the_sheet_names_a_misspelt_read_and_a_quantity_read_before_it_is_written():
    s = Sheet(conventions.defaults("rapport"), declarations.names())
    with pytest.raises(UndeclaredName, match=r"etp_mediatuer \(le plus proche : etp_mediateur\)"):
        s.calc("cout_mediateur", lambda x: x, "etp_mediatuer")
    with pytest.raises(UndeclaredName, match="lue avant d'être calculée : cout_mediateur"):
        s["cout_mediateur"]


def test_a_value_under_an_undeclared_name_is_refused():
    values = {**conventions.defaults("rapport"), "population_basin": 1.0}
    with pytest.raises(UndeclaredName, match=r"population_basin \(le plus proche : population_bassin\)"):
        surcouts.evaluate(values)


def test_a_step_writing_an_undeclared_name_fails_the_evaluation(monkeypatch):
    monkeypatch.setattr(surcouts, "STEPS", (*surcouts.STEPS, _misspelt))
    with pytest.raises(UndeclaredName, match="cout_mediatuer"):
        surcouts.evaluate(conventions.defaults("rapport"))


def test_the_declared_names_are_the_parameters_and_the_dictionary_s_quantities():
    from aaas.models import parameters, quantites

    assert declarations.names() == set(parameters.parameters()) | set(quantites.dictionary()["nom"])
    assert set(declarations.quantities()) == set(quantites.dictionary().query("nature == 'quantité'")["nom"])


def test_a_quantity_declared_under_a_parameter_s_name_is_refused(data_copy):
    from aaas import datastore

    with (data_copy / "quantites.csv").open("a", encoding="utf-8") as f:
        f.write("population_bassin,Population du bassin,personnes,2.2.2.1\n")
    datastore.clear_cache()
    with pytest.raises(ValueError, match="sous le nom d'un paramètre : population_bassin"):
        declarations.names()
