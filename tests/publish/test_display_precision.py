"""Displayed figures never lie by rounding (issue 17, item 2).

Every number cell of every report table (``table.aaas-tableau``: printed, recomputed under
``rapport``, under the book's third convention, and the gap) is parsed back from the HTML
and compared with the evaluation's own values (:class:`aaas.checks.evaluation.Evaluation`),
never with the formatter: a displayed figure rounds its true value at the precision it shows
(a part of a total, within one unit: it is rounded so that parts add up), a gap shown empty is
a true zero at the comparison's tolerance, and parts add up to their displayed total.

The default book is parsed as built (its chapters' HTML); the other scenarios and conventions
are rendered with the function the chapters call (:func:`html_tables.tableau_html`).  The
parser reads columns by their header text and number cells by their class ``nombre``, so that
it survives a new layout of the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import aaas
from aaas import datastore
from aaas.checks import actualisation, reconcile, tables
from aaas.models import conventions
from aaas.present import render
from aaas.publish.notebook import actualisation as act
from aaas.publish.notebook import html_tables

SCENARIOS = [{}, {"population_bassin": 36000}, {"file_active": 250}]
NUMBER = re.compile(r"([+\u2212-]?)(\d[\d\u202f]*(?:,(\d+))?)")


@dataclass(frozen=True)
class Shown:
    """A number as displayed: its value (a share as a fraction) and the precision it shows."""

    value: float
    precision: float


def shown(text: str) -> Shown | None:
    """The number a cell displays (None for an empty cell or a dash)."""
    m = NUMBER.search(text.replace("\xa0", " "))
    if not m:
        return None
    decimals = len(m.group(3) or "")
    value = float(m.group(2).replace("\u202f", "").replace(",", ".")) * (
        -1 if m.group(1) in "\u2212-" and m.group(1) else 1
    )
    if "%" in text or text.strip().endswith("pt"):
        return Shown(value / 100, 10.0 ** -(decimals + 2))
    return Shown(value, 10.0**-decimals)


def _text(node) -> str:
    """A node's text, ASCII whitespace collapsed (the narrow no-break space of thousands kept)."""
    return re.sub(r"[ \t\r\n]+", " ", node.get_text(" ")).strip()


def rows_of(table) -> tuple[list[str], list[tuple[str, dict[str, str]]]]:
    """The header texts and, for each body row holding number cells, its first cell's text
    and its number cells' texts by header."""
    headers = [_text(th) for th in table.select("thead th")]
    rows = []
    for tr in table.select("tbody tr"):
        cells = tr.find_all("td", recursive=False)
        if not any("nombre" in (td.get("class") or []) for td in cells):
            continue
        numbers = {
            headers[i]: _text(td)
            for i, td in enumerate(cells)
            if i < len(headers) and "nombre" in (td.get("class") or [])
        }
        rows.append((_text(cells[0]), numbers))
    return headers, rows


def close(s: Shown, truth: float, part: bool) -> bool:
    slack = 1e-9 * max(1.0, abs(truth))
    return abs(s.value - truth) < s.precision + slack if part else abs(s.value - truth) <= s.precision / 2 + slack


def check_table(table, evaluations: dict[str, aaas.Evaluation], third: str, where: str) -> int:
    """Check every number cell of one rendered report table; returns how many were checked."""
    table_id = table.get("id", "").removeprefix("tableau-")
    frames = {c: evaluations[c].table(table_id) for c in ("rapport", third)}
    affiches = {c: evaluations[c].affiches for c in frames}
    headers, rows = rows_of(table)
    assert len(rows) == len(frames["rapport"]), (where, table_id)
    checked = 0
    for (first, cells), (label, r) in zip(rows, frames["rapport"].iterrows(), strict=True):
        assert re.sub(r"[ \t\r\n]+", " ", str(label)).strip() in first, (where, table_id, label, first)
        ctx = (where, table_id, label)
        for header, text in cells.items():
            s = shown(text)
            if header == "Imprimé":
                assert (s is None) == (r["comparaison"] == "-") and (s is None or close(s, r["rapport"], False)), ctx
                continue
            conv = "rapport" if header.startswith("Rapport") else third
            row = frames[conv].loc[label]
            row = row.iloc[0] if row.ndim > 1 else row
            part = row["unite"] == "€" and row["variable"] in affiches[conv]
            if header.startswith("Écart"):
                checked += _check_gap(s, row, part, ctx + (text,))
            elif s is not None:
                assert close(s, row["recalcule"], part), ctx + (header, text, row["recalcule"])
                checked += 1
    _check_parts(rows, frames, headers, third, (where, table_id))
    return checked


def _check_gap(s: Shown | None, row, part: bool, ctx) -> int:
    if row["comparaison"] == "-":
        assert s is None, ctx
        return 0
    gap = row["recalcule"] - row["rapport"]
    if s is None:  # a gap shown as zero is a true zero at the comparison's tolerance
        tolerance = reconcile.tolerance(row["precision"]) if row["comparaison"] == "=" else 0.0
        assert abs(gap) <= tolerance + (1 if part else 0), ctx + (gap,)
    else:
        assert close(s, gap, part), ctx + (gap,)
    return 1


def _check_parts(rows, frames, headers, third: str, ctx) -> None:
    """Lines shown add up to their mission shown, missions to the total shown."""
    df = frames["rapport"].reset_index()
    lignes = datastore.lignes().set_index("ligne")["mission"]
    groups = {f"mission_{m}": [f"ligne_{ligne}" for ligne, mm in lignes.items() if mm == m] for m in set(lignes)}
    groups["total"] = [f"mission_{m}" for m in datastore.missions()["mission"]]
    columns = [h for h in headers if h.startswith("Rapport") or h in html_tables.COLONNE.values()]
    first_row = {v: i for i, v in reversed(list(enumerate(df["variable"])))}
    for whole, parts in groups.items():
        if whole not in first_row or not all(p in first_row for p in parts):
            continue
        for column in columns:
            values = [shown(rows[first_row[v]][1][column]) for v in [whole, *parts]]
            assert sum(v.value for v in values[1:]) == pytest.approx(values[0].value, abs=1e-6), ctx + (whole, column)


def _evaluations(overrides: dict) -> dict[str, aaas.Evaluation]:
    return {c: aaas.evaluate(overrides, c) for c in conventions.CONVENTIONS}


@pytest.mark.parametrize("overrides", SCENARIOS, ids=["rapport", "bassin_36000", "file_active_250"])
@pytest.mark.parametrize("convention", conventions.CONVENTIONS)
def test_every_figure_of_every_report_table_rounds_its_true_value(overrides, convention):
    evaluations = _evaluations(overrides)
    checked = 0
    for table_id in tables.ids():
        third = convention if convention in html_tables.COLONNE else "corrige"
        par = {c: evaluations[c].table(table_id) for c in dict.fromkeys(("rapport", third, convention))}
        markup = html_tables.tableau_html(par, tables.info(table_id), convention)
        table = BeautifulSoup(markup, "html.parser").select_one("table.aaas-tableau")
        checked += check_table(table, evaluations, third, f"{overrides} {convention}")
    assert checked > 600


@pytest.fixture(scope="module")
def built_book() -> Path:
    from aaas.publish.build import build_book

    return build_book(progress=lambda _m: None, pdf=True).parent  # as make book builds it


def test_the_built_book_shows_every_figure_faithfully(built_book):
    """The default book as built: every report table of every chapter."""
    evaluations = _evaluations({})
    checked, seen = 0, set()
    for page in sorted((built_book / "notebooks").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for table in soup.select("table.aaas-tableau"):
            if table.get("id", "").removeprefix("tableau-") in tables.ids():
                checked += check_table(table, evaluations, "corrige", page.name)
                seen.add(table["id"])
    assert len(seen) == len(tables.ids()) and checked > 600


@pytest.mark.parametrize("overrides", SCENARIOS, ids=["rapport", "bassin_36000", "file_active_250"])
def test_the_waterfall_and_the_lines_add_up_to_their_displayed_totals(overrides):
    scenario = aaas.resolve(overrides=overrides)
    etapes, _ = act.vue_etapes(actualisation.etapes(scenario))
    values = {c: [shown(x) for x in etapes[c]] for c in etapes.columns[1:]}
    totals = [v.value for v in values["Total après l’étape"][:-1]]
    effects = [v.value for v in values["Effet sur le total"][1:-1]]
    assert [a + e for a, e in zip(totals, effects, strict=False)] == totals[1:]
    for column in list(etapes.columns[1:-1]):
        steps = [v.value for v in values[column][1:-1]]
        assert sum(steps) == values[column][-1].value, column
    lignes, classes = act.vue_lignes(actualisation.par_ligne(scenario))
    for column in ("Rapport (recalculé)", "Corrigé", "Actualisé", "Écart (actualisé − rapport)"):
        amounts = [shown(x).value for x in lignes[column]]
        missions = [a for a, c in zip(amounts[:-1], classes[:-1], strict=True) if c]
        assert sum(missions) == amounts[-1], column
        start = 0
        for i, c in enumerate(classes[:-1]):
            if c:
                assert sum(amounts[start:i]) == amounts[i], (column, i)
                start = i + 1
    assert lignes["Actualisé"].iloc[-1] == etapes["Total après l’étape"].iloc[-1]


def test_an_erratum_shows_the_same_figure_on_every_page():
    """The errata page, the verification chapter and the chapters' tables agree."""
    evaluations = _evaluations({})
    rec = {c: evaluations[c].reconciliation for c in conventions.CONVENTIONS}
    chiffres = html_tables.tableau_chiffres(rec, {c: e.affiches for c, e in evaluations.items()})
    by_label = dict(
        zip(zip(rec["rapport"]["tableau"], chiffres["chiffre"], strict=True), chiffres["corrigé"], strict=True)
    )
    for e in conventions.errata().itertuples(index=False):
        shown_errata = render.errata_affiches()[e.id][1]
        assert shown_errata == by_label[(e.tableau, e.label)], e.id
        table = render.formatted(evaluations["corrige"].table(e.tableau)).set_index("Libellé")
        assert table.loc[e.label, "Recalculé"] == shown_errata, e.id


def test_the_verification_chapter_shows_every_figure_faithfully(built_book):
    """The built verification chapter: the table of every published figure (rapport and
    corrected) and the table of errata (corrected), against the evaluations' values."""
    evaluations = _evaluations({})
    soup = BeautifulSoup((built_book / "notebooks" / "verification.html").read_text(encoding="utf-8"), "html.parser")
    _, rows = rows_of(soup.select_one("table#chiffres"))
    rec = {c: evaluations[c].reconciliation.reset_index(drop=True) for c in ("rapport", "corrige")}
    assert len(rows) == len(rec["rapport"])
    for i, (_, cells) in enumerate(rows):
        for header, conv in (("rapport (recalculé)", "rapport"), ("corrigé", "corrige")):
            r = rec[conv].iloc[i]
            part = r["unit"] == "€" and r["variable"] in evaluations[conv].affiches
            assert close(shown(cells[header]), r["recalcule"], part), (i, header, cells[header], r["recalcule"])
    _, rows = rows_of(soup.select_one("table#errata"))
    pub = rec["corrige"].set_index(["tableau", "label"])
    for (erratum, cells), e in zip(rows, conventions.errata().itertuples(index=False), strict=True):
        assert erratum.startswith(e.id)
        r = pub.loc[(e.tableau, e.label)]
        part = r["unit"] == "€" and r["variable"] in evaluations["corrige"].affiches
        assert close(shown(cells["recalculé"]), r["recalcule"], part), (e.id, cells["recalculé"], r["recalcule"])
