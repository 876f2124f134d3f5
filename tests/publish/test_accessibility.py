"""Accessibility of the default book: axe-core (the copy shipped by the pinned PyPI
package ``axe-playwright-python``) with its default rules, none disabled, on every page
of ``_toc.yml`` at a desktop and a phone width; the scrolling tables reachable with the
keyboard; the « Accessibilité » page naming what is tested.

Needs Chromium (``AAAS_CHROMIUM`` or ``PATH``) and Playwright, like the browser tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aaas.provenance import edition_date
from aaas.publish import build, pdf, toc
from aaas.publish.build import build_book
from aaas.publish.stage import date_fr

ROOT = build.ROOT
#: Viewport widths checked by axe-core: the desktop (the phone width's layout is checked by
#: tests/publish/test_browser.py, and its keyboard access below).
WIDTHS = (1280,)
#: The variant book checked (the one the browser and build tests build: built once).
VARIANT = {"population_bassin": 50000}
#: Impacts that fail the test (axe-core: minor, moderate, serious, critical).
FAILING = ("serious", "critical")
#: The book's pages, home page first (``index.html`` only redirects to it).
DOCNAMES = [re.sub(r"\.(ipynb|md)$", "", entry) for entry in toc.toc_files(ROOT)]


def axe_source() -> Path:
    """``axe.min.js`` as shipped by ``axe-playwright-python``."""
    try:
        import axe_playwright_python
    except ImportError as exc:
        pytest.fail(f"axe-playwright-python manquant ({exc}) : lancez « make setup » (requirements.txt)")
    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


def axe_version() -> str:
    """Version of axe-core in :func:`axe_source` (its licence header, « axe vX.Y.Z »)."""
    return re.search(r"axe v(\d+\.\d+\.\d+)", axe_source().read_text(encoding="utf-8")[:200]).group(1)


@pytest.fixture(scope="module")
def html_root() -> Path:
    """The default book, as ``make book`` builds it (with its PDF)."""
    return build_book(progress=lambda _m: None, pdf=True).parent


@pytest.fixture(scope="module")
def browser(html_root):  # the book (and its PDF, printed by Playwright) is built first
    executable = pdf.find_chromium()
    if executable is None:
        pytest.fail(f"Chromium introuvable : lancez « make test » (qui l'installe) ou définissez {pdf.CHROMIUM_ENV}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(executable), args=list(pdf.CHROMIUM_ARGS))
        yield launched
        launched.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations on ``page``, default rules (nothing disabled)."""
    page.evaluate(axe_source().read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


@pytest.fixture(scope="module")
def violations(browser, html_root):
    """axe-core's violations by (page, width)."""
    found = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        for docname in DOCNAMES:
            page = context.new_page()
            page.goto((html_root / f"{docname}.html").as_uri(), wait_until="load")
            found[docname, width] = axe_violations(page)
            page.close()
        context.close()
    return found


def test_axe_core_is_version_4():
    assert axe_version().startswith("4.")


def test_axe_finds_no_serious_or_critical_violation(violations):
    failures = [
        f"{docname} ({width} px) : {v['id']} ({v['impact']}) × {len(v['nodes'])}, p. ex. {v['nodes'][0]['target']}"
        for (docname, width), found in violations.items()
        for v in found
        if v["impact"] in FAILING
    ]
    assert not failures, "\n".join(failures)


def test_a_variant_book_has_no_serious_or_critical_violation(browser):
    """A variant book (its banner on every page) at 1 280 px."""
    index = build_book(overrides=VARIANT, progress=lambda _m: None)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    failures = []
    for docname in DOCNAMES:
        page = context.new_page()
        page.goto((index.parent / f"{docname}.html").as_uri(), wait_until="load")
        failures += [f"{docname} : {v['id']} ({v['impact']})" for v in axe_violations(page) if v["impact"] in FAILING]
        page.close()
    context.close()
    assert not failures, "\n".join(failures)


def test_every_page_was_checked(violations):
    assert {docname for docname, _ in violations} == set(DOCNAMES)


def test_a_scrolling_table_is_reached_with_the_tab_key(browser, html_root):
    """At 390 px the verification chapter's tables scroll; Tab reaches one of them."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto((html_root / "notebooks" / "verification.html").as_uri(), wait_until="load")
    reached = False
    for _ in range(200):
        page.keyboard.press("Tab")
        reached = page.evaluate(
            "() => { const e = document.activeElement;"
            " return !!e && !!e.closest('article') && e.scrollWidth > e.clientWidth + 1; }"
        )
        if reached:
            break
    context.close()
    assert reached


def test_the_accessibility_page_names_what_is_tested(html_root):
    text = (html_root / "book" / "accessibilite.html").read_text(encoding="utf-8")
    assert f"axe-core {axe_version()}" in text
    assert "partiellement conforme" in text and "RGAA 4.1" in text
    assert f"édition du {date_fr(edition_date(ROOT))}" in text
    assert DOCNAMES[-1] == "book/accessibilite"  # the last page of the toc
