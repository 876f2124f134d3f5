"""Helpers of the book's notebooks: deterministic HTML, glue text, documented variants."""

import pytest

from aaas import datastore
from aaas.errors import InputError
from aaas.models import conventions, parameters
from aaas.publish import notebook


@pytest.fixture(scope="module")
def ctx():
    return notebook.setup()


def test_glued_text_has_no_quotes():
    assert repr(notebook.GluedText("404 565 €")) == "404 565 €"


def test_table_html_is_deterministic_and_traceable(ctx):
    a, b = ctx.html("mediateur"), notebook.setup().html("mediateur")
    assert a == b
    assert 'href="../book/parametres.html#param-salaire_net_mediateur"' in a
    assert "2.2.2.2" in a


def test_synthesis_html_shows_the_total_and_errata(ctx):
    html = ctx.html("synthese")
    assert "404\u202f565\u00a0€" in html
    assert "E19" in html


def test_errata_markdown_lists_every_erratum_of_a_table(ctx):
    text = ctx.markdown_errata("ateliers")
    for eid in conventions.errata().query("tableau == 'ateliers'")["id"]:
        assert f"**{eid}**" in text
    assert ctx.markdown_errata("formation").startswith("*Aucune")


def test_variants_name_real_parameters_within_bounds():
    for row in datastore.variantes().itertuples(index=False):
        parameters.lookup(row.parametre).validate(row.valeur)


def test_variant_and_other_readings(ctx):
    assert ctx.variante("jours_ouvres_reels")["etp_plaidoyer"] == pytest.approx(60 / 251)
    alt = ctx.autre(base_indemnisation_concertation="participant")
    assert alt["concertation_indemnisation"] == pytest.approx(16200)


def test_scenario_note(ctx):
    assert "Scénario du rapport" in ctx.markdown_scenario()
    v = notebook.setup(overrides={"population_bassin": 50000})
    assert "population_bassin" in v.markdown_scenario() and "Variante" in v.markdown_scenario()
    with pytest.raises(InputError):
        notebook.setup(convention="autre")
