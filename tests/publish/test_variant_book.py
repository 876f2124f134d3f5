"""A variant book tells the truth (issue 17, item 7): its prose says which values are the
scenario's, its tables show the scenario's effect (as ``aaas tables --baseline defaut``)
and its home page says why its counts differ from the report's scenario.

Built once from ``scenarios/territoire_rural.yaml`` (40 km per trip instead of 20, two
vehicles instead of one…), like ``aaas build --scenario``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aaas import fmt
from aaas.checks import reconcile
from aaas.checks.evaluation import Evaluation
from aaas.models import scenario as scenarios
from aaas.publish import build
from aaas.publish.build import build_book

ROOT = build.ROOT
SCENARIO = ROOT / "scenarios" / "territoire_rural.yaml"
TOTAL = "Total des surcoûts des missions"


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


@pytest.fixture(scope="module")
def rural_book() -> Path:
    return build_book(str(SCENARIO), progress=quiet).parent


def text(site: Path, docname: str) -> str:
    """The page's main text, every run of spaces (thin and non-breaking ones too) as one space."""
    soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    return spaces(soup.find("main").get_text(" "))


def spaces(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def test_the_prose_says_which_values_are_the_scenario_s(rural_book):
    relais = text(rural_book, "notebooks/relais")
    assert "Le rapport prévoit" not in relais
    itinerance = relais[relais.index("L’itinérance") :]
    assert "Ce scénario retient, pour 20 000 habitants, 6 déplacements de 40 km (rapport : 20 km)" in itinerance
    assert "avec 2 voitures (rapport : 1)" in itinerance
    assert "ne suivent pas la population (le relais compte ici 2 voitures (rapport : 1))" in relais


def test_the_tables_show_the_scenario_s_effect(rural_book):
    soup = BeautifulSoup((rural_book / "notebooks/synthese.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", id="tableau-synthese")
    heads = [th.get_text(strip=True) for th in table.find_all("th")]
    assert "Écart (rapport recalculé − paramètres du rapport)" in heads
    gap = heads.index("Écart (rapport recalculé − paramètres du rapport)")
    rows = {tr.find("td").get_text(strip=True): tr.find_all("td") for tr in table.find_all("tr") if tr.find("td")}
    effect = Evaluation(scenarios.resolve(str(SCENARIO))).total - Evaluation().total
    assert rows[TOTAL][gap].get_text(strip=True) == fmt.ecart(effect, "€")
    assert effect > 0  # the rural scenario adds to the total (the old column showed corrigé − imprimé < 0)


def test_the_home_page_says_why_its_counts_differ(rural_book):
    accueil = text(rural_book, "notebooks/accueil")
    ev = Evaluation(scenarios.resolve(str(SCENARIO)))
    b, d = reconcile.bilan(ev.reconciliation), reconcile.bilan()
    deplaces = b.par_statut[reconcile.STATUTS["scenario"]]
    assert deplaces > 0 and b.reproduits != d.reproduits
    sentence = (
        f"les {fmt.nombre(deplaces)} chiffres imprimés qu'il déplace ont le statut « scénario »"
        f", car ils ne se comparent plus à l'imprimé ; d'où {fmt.nombre(b.reproduits)} reproduits"
        f" au lieu de {fmt.nombre(d.reproduits)}"
    )
    assert spaces(sentence).replace("'", "’") in accueil
    assert "Ce scénario chiffre le surcoût annuel des quatre missions" in accueil
    assert "recalculé avec les valeurs de ce scénario et les lectures du rapport" in accueil
    assert "avec ses propres valeurs" not in accueil
    assert spaces(f"l’effet du scénario est de {fmt.ecart(ev.total - Evaluation().total, '€')}") in accueil
