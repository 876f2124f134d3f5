"""The home page's scope, verdict and citation (aaas/publish/notebook/citation.py): figures
from the evaluation, and the same title, version and licences as CITATION.cff and LICENSE."""

from __future__ import annotations

import yaml

import aaas
from aaas import fmt, location
from aaas.checks.evaluation import Evaluation
from aaas.models import scenario as scenarios
from aaas.provenance import edition_date, git_commit
from aaas.publish import build, stage
from aaas.publish.notebook import citation, context

ROOT = build.ROOT


def test_scope_and_verdict_come_from_the_evaluation():
    ctx = context.setup()
    rapport, corrige = Evaluation().total, Evaluation(convention="corrige").total
    assert fmt.variation(corrige / rapport - 1) == "\u22123,2\xa0%"
    verdict = citation.verdict(ctx)
    assert f"de {fmt.euros(rapport)} à {fmt.euros(corrige)} ({fmt.variation(corrige / rapport - 1)})" in verdict
    portee = citation.portee(ctx)
    assert "404\u202f565\xa0€" in portee and "20\u202f000 habitants" in portee
    assert "100\xa0personnes suivies" in portee and "pour un département" in portee
    assert "« scénario »" in citation.comptes_scenario(ctx)


def test_a_variant_s_scope_names_the_values_it_replaces():
    ctx = context.setup(overrides={"population_bassin": 36000})
    assert "36\u202f000 habitants (rapport : 20\u202f000)" in citation.portee(ctx)
    assert ctx.scenario.hash() in citation.edition(ctx.scenario)


def test_citation_agrees_with_citation_cff_license_and_config():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cff["version"] == location.release() and aaas.__version__.startswith(location.release().rsplit(".", 1)[0])
    assert cff["title"] == config["title"] == citation.TITRE
    assert cff["authors"][0]["name"] == config["author"] == citation.AUTEUR
    assert cff["license"] == [citation.LICENCE_CODE, "etalab-2.0"]
    assert cff["references"][0]["title"] == citation.TITRE_RAPPORT
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert f"{citation.LICENCE_CODE} License" in licence and "Licence Ouverte / Open Licence version 2.0" in licence
    scenario = context.setup().scenario
    text = citation.citation(scenario)
    assert aaas.__version__ in text and git_commit(ROOT).rstrip("+") in text and edition_date(ROOT) in text
    assert citation.substitutions(scenario) == {"edition": citation.edition(scenario), "citation": text}


def test_the_build_stamps_the_citation_as_substitutions():
    config = yaml.safe_load(stage.staged_config(ROOT, scenarios.resolve(), "rapport"))
    stamped = config["parse"]["myst_substitutions"]
    assert stamped["citation"].startswith(citation.AUTEUR) and git_commit(ROOT).rstrip("+") in stamped["edition"]
    variant = scenarios.resolve(None, {"population_bassin": 36000})
    config = yaml.safe_load(stage.staged_config(ROOT, variant, "rapport"))
    assert f"variante {variant.hash()}" in config["parse"]["myst_substitutions"]["citation"]
