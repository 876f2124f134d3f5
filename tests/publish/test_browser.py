"""Browser checks of the built book: Chromium driven by Playwright over file://.

Every page of ``_toc.yml`` must load with a title and an ``h1``, without console errors
or broken images; screenshots go to ``_build/screenshots/``.  At a desktop (1 280 px) and
a phone (390 px) width, no page scrolls sideways, and no code (nor an English "Show code
cell source" toggle) is visible.  At 1 280 px, on every page of the default book and of a
variant book, no table scrolls or clips (neither the table nor any ancestor up to the
article is wider inside than it shows, no cell's text is cut); at 390 px a table that
scrolls does so in a region the keyboard reaches, its first column kept in view.  Two CONTENT CHECKS at the
end depend on the chapters' real content (search for "CONTENT CHECK").

Chromium is found through ``AAAS_CHROMIUM`` (a path or a command name), else as
``chromium``, ``chromium-browser`` or ``google-chrome`` on ``PATH``.  A test never
installs anything: ``make test`` installs Chromium beforehand (the ``.chromium`` stamp of
the Makefile).  These tests are part of ``make test``: without Chromium or Playwright
they FAIL, with a message saying how to provide them.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from aaas.publish import build, pdf, toc
from aaas.publish.build import build_book

ROOT = build.ROOT
CHROMIUM_ENV = pdf.CHROMIUM_ENV
CHROMIUM_COMMANDS = pdf.CHROMIUM_COMMANDS
CHROMIUM_ARGS = list(pdf.CHROMIUM_ARGS)
SCREENSHOTS = ROOT / "_build" / "screenshots"
#: Viewport widths checked: desktop and phone.
WIDTHS = (1280, 390)
#: Pages screenshotted at every width (full page): home, a mission chapter, the synthesis,
#: the verification chapter, the funding atlas.
WIDTH_SCREENSHOTS = (
    "index",
    "notebooks/relais",
    "notebooks/synthese",
    "notebooks/verification",
    "notebooks/financements",
)
#: The width at which no table may scroll nor clip, and the variant book checked too.
DESKTOP = 1280
#: How long a page may take to report network idleness after its load (ms).
SETTLE_MS = 5000
VARIANT = {"population_bassin": 50000}
#: Code input rendered in a page (myst-nb cells), or the theme's toggles for hidden code.
CODE_INPUT = ".cell .cell_input, .cell div.highlight, .cell details.hide, .cell .toggle-details"
#: The displayed and natural width of each image of the article (charts' text size).
IMAGES_JS = "() => Array.from(document.querySelectorAll('article img')).map(i => [i.clientWidth, i.naturalWidth])"
#: What a page's width and visible code are measured with.
LAYOUT_JS = """() => ({
  scroll: document.documentElement.scrollWidth,
  inner: window.innerWidth,
  wide: Array.from(document.querySelectorAll('article *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest('.aaas-scrolling, table, .cell_output, pre'))
    .slice(0, 5).map(e => e.tagName + '.' + e.className),
  code: Array.from(document.querySelectorAll(%r)).filter(e => e.offsetParent !== null).length,
  toggle: document.body.innerText.includes('Show code cell'),
  tables: %s,
})"""
#: Tables that scroll or clip: a table, or an ancestor up to the article, wider inside than
#: it shows; a cell whose text is cut; a table region that scrolls without being reachable
#: by keyboard or without its first column kept in view.
TABLES_JS = """(() => {
  const article = document.querySelector('article');
  const name = t => (t.id || t.className || 'table') + ' : '
    + (t.querySelector('caption, th, td') || t).innerText.slice(0, 40);
  const size = e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + ' > ' + e.clientWidth;
  const scrolling = [], clipped = [], unreachable = [];
  document.querySelectorAll('article table').forEach(t => {
    for (let e = t; e && e !== article.parentElement; e = e.parentElement) {
      if (e.scrollWidth > e.clientWidth + 1) { scrolling.push(name(t) + ' (' + size(e) + ')'); break; }
    }
    t.querySelectorAll('td, th').forEach(c => {
      if (c.scrollWidth > c.clientWidth + 1) clipped.push(name(t) + ' : ' + c.innerText.slice(0, 30));
    });
  });
  document.querySelectorAll('article .aaas-scrolling').forEach(r => {
    if (r.scrollWidth <= r.clientWidth + 1) return;
    const first = r.querySelector('tbody tr:not(.detail):not(.groupe) > :first-child');
    const ok = r.tabIndex === 0 && r.getAttribute('role') === 'region' && r.getAttribute('aria-label')
      && first && getComputedStyle(first).position === 'sticky';
    if (!ok) unreachable.push(name(r.querySelector('table')));
  });
  const labels = Array.from(document.querySelectorAll('article .aaas-scrolling'))
    .map(r => r.getAttribute('aria-label'));
  const unnamed = labels.filter((l, i) => !l || labels.indexOf(l) !== i);
  return {scrolling, clipped, unreachable, unnamed};
})()"""
#: Glued outputs as stored by myst-nb/papermill, and the inline glue roles of the prose.
GLUE_MIME = "application/papermill.record"
GLUE_ROLE = re.compile(r"\{glue(?::\w*)?\}`([^`]+)`")
#: Text of the placeholder notebooks: content checks are skipped while it is there.
PLACEHOLDER_MARK = "Page provisoire"
#: Inline glue as rendered by myst-nb 1.4: ``{glue:text}`` gives span.pasted-text,
#: ``{glue:}`` gives span.output.text_plain (or text_html) inside the paragraph.
INLINE_GLUE = (
    "article :is(p, li, td, dd, h1, h2, h3) "
    ":is(span.pasted-text, span.pasted-inline, span.output.text_plain, span.output.text_html)"
)


#: Chromium is found as the PDF build finds it (AAAS_CHROMIUM, else PATH).
find_chromium = pdf.find_chromium


def chromium_or_fail() -> Path:
    """The Chromium executable, or a failed test explaining how to provide it."""
    executable = find_chromium()
    if executable is None:
        configured = os.environ.get(CHROMIUM_ENV, "").strip()
        where = f"{CHROMIUM_ENV}={configured!r} n'est pas exécutable" if configured else f"{CHROMIUM_ENV} non défini"
        pytest.fail(
            f"Chromium introuvable ({where} ; ni {', '.join(CHROMIUM_COMMANDS)} dans le PATH) : "
            f"lancez « make test » (qui l'installe) ou définissez {CHROMIUM_ENV}=/chemin/vers/chromium"
        )
    return executable


def normalise_spaces(text: str) -> str:
    """Plain spaces for U+202F and U+00A0 (French typography), runs collapsed."""
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


def toc_docnames() -> list[str]:
    """Docnames of every page of the table of contents (extension stripped)."""
    return [re.sub(r"\.(ipynb|md)$", "", f) for f in toc.toc_files(ROOT)]


def page_slug(docname: str) -> str:
    return docname.replace("/", "_")


@pytest.fixture(scope="module")
def html_root() -> Path:
    """The default book as ``make book`` builds it, with its PDF (built before any browser
    starts: the PDF is printed with Playwright's synchronous API, which cannot run inside
    another one's event loop)."""
    return build_book(progress=lambda _m: None, pdf=True).parent


@pytest.fixture(scope="module")
def browser(html_root):
    executable = chromium_or_fail()
    try:
        from playwright import sync_api
    except ImportError as exc:
        pytest.fail(f"Playwright manquant ({exc}) : lancez « make setup » (requirements.txt)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def visited(layouts):
    """The home page and every toc page as visited once at 1 280 px (:func:`layouts`): what
    :func:`visit` records, with the layout measured on the same visit."""
    return {docname: info for (docname, width), info in layouts.items() if width == DESKTOP}


def settle(page) -> None:
    """Wait until a loaded page (or the page it redirects to) reports network idleness, if it
    does within a few seconds, then for its fonts: a file:// page fetches nothing after its
    load, but on a loaded machine Chromium may not report idleness in time (a timeout is not
    a failure of the book)."""
    from playwright.sync_api import Error as PlaywrightError

    with contextlib.suppress(PlaywrightError):
        page.wait_for_load_state("networkidle", timeout=SETTLE_MS)
    page.wait_for_load_state("load")
    with contextlib.suppress(PlaywrightError):  # a redirection under way
        page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("load")


def visit(context, path: Path, slug: str, measure=None) -> dict:
    """Open one page; return its title, h1, text, errors, broken images, glue count, and what
    ``measure(page)`` returns (a dict), measured before the page closes."""
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda msg: _record_console(msg, errors))
    page.on("pageerror", lambda exc: errors.append(f"pageerror : {exc}"))
    page.goto(path.as_uri(), wait_until="load")
    settle(page)
    result = {
        "url": page.url,
        "title": page.title(),
        "h1": page.locator("article h1").first.inner_text() if page.locator("article h1").count() else "",
        "text": page.locator("article").first.inner_text() if page.locator("article").count() else "",
        "broken_images": page.evaluate(
            "() => Array.from(document.images)"
            ".filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src)"
        ),
        "inline_glue": page.locator(INLINE_GLUE).count(),
        "prose": page.evaluate(
            "() => Array.from(document.querySelectorAll('article p, article li')).map(e => e.innerText).join('\\n')"
        ),
        "local_links": page.evaluate(
            "() => Array.from(document.links).map(a => a.href).filter(h => h.startsWith('file:'))"
        ),
        "errors": errors,
    }
    page.screenshot(path=str(SCREENSHOTS / f"{slug}.png"))  # the first screen (full pages: WIDTH_SCREENSHOTS)
    result.update(measure(page) if measure else {})
    page.close()
    return result


def _record_console(msg, errors: list[str]) -> None:
    """Keep console errors, except failed downloads from remote hosts (e.g. a CDN while
    offline): those say nothing about the book itself and are only printed."""
    if msg.type != "error":
        return
    source = (msg.location or {}).get("url", "")
    if source.startswith(("http://", "https://")):
        print(f"(réseau) {msg.text} : {source}")
        return
    errors.append(f"console : {msg.text} ({source})")


@pytest.fixture(scope="module")
def layouts(browser, html_root):
    """Width, visible code, tables, images (and at 1 280 px the identifiers shown) of every
    page at each of :data:`WIDTHS`, in one visit per page and width (at 1 280 px the visit of
    :func:`visit`, console errors included); screenshots of a few."""
    docnames = ["index", *toc_docnames()]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        for docname in docnames:
            path = html_root / f"{docname}.html"
            measure = functools.partial(measure_layout, width=width, docname=docname)
            if width == DESKTOP:
                found[docname, width] = visit(context, path, page_slug(docname), measure)
                continue
            page = context.new_page()
            page.goto(path.as_uri(), wait_until="load")
            settle(page)
            found[docname, width] = measure(page)
            page.close()
        context.close()
    return found


def measure_layout(page, width: int, docname: str) -> dict:
    """A loaded page's width, visible code, tables and images (at 1 280 px also the
    identifiers shown); a full-page screenshot of the pages of :data:`WIDTH_SCREENSHOTS`."""
    found = page.evaluate(LAYOUT_JS % (CODE_INPUT, TABLES_JS))
    found["images"] = page.evaluate(IMAGES_JS)
    if width == DESKTOP and docname != "index":  # index.html only redirects
        found["identifiers"] = page.evaluate(IDENTIFIERS_JS, IDENTIFIER)
    if docname in WIDTH_SCREENSHOTS:
        page.screenshot(path=str(SCREENSHOTS / f"{page_slug(docname)}-{width}.png"), full_page=True)
    return found


def test_no_page_scrolls_sideways(layouts):
    """At 1 280 and 390 px, the page is never wider than the window: wide tables scroll inside."""
    wide = {key: info for key, info in layouts.items() if info["scroll"] > info["inner"] + 1}
    assert not wide, wide


def test_no_table_scrolls_or_clips_at_a_desktop_width(layouts):
    """At 1 280 px every column of every table is visible: no table (nor its region, nor any
    ancestor) scrolls sideways and no cell cuts its text."""
    bad = {d: info["tables"] for (d, w), info in layouts.items() if w == DESKTOP}
    bad = {d: t for d, t in bad.items() if t["scrolling"] or t["clipped"]}
    assert not bad, bad


def test_every_table_region_has_a_name_of_its_own(layouts):
    """A table's region is named by its caption, once on its page (keyboard and screen
    reader users tell the tables apart)."""
    bad = {
        d: info["tables"]["unnamed"] for (d, w), info in layouts.items() if w == DESKTOP and info["tables"]["unnamed"]
    }
    assert not bad, bad


def test_a_table_scrolling_on_a_phone_is_reachable_with_its_first_column_in_view(layouts):
    bad = {key: info["tables"]["unreachable"] for key, info in layouts.items() if info["tables"]["unreachable"]}
    assert not bad, bad


@pytest.fixture(scope="module")
def variant_root() -> Path:
    return build_book(overrides=VARIANT, progress=lambda _m: None).parent


def table_faults(browser, root: Path, width: int, height: int, media: str) -> dict:
    """The pages of the book at ``root`` where a table scrolls or a cell clips, at ``width``
    under ``media`` (``print``: the printed layout)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    bad = {}
    for docname in toc_docnames():
        page = context.new_page()
        page.emulate_media(media=media)
        page.goto((root / f"{docname}.html").as_uri(), wait_until="load")
        found = page.evaluate(TABLES_JS)
        page.close()
        if found["scrolling"] or found["clipped"]:
            bad[docname] = found
    context.close()
    return bad


@pytest.fixture(scope="module")
def variant_pages(browser, variant_root) -> dict:
    """Tables and identifiers shown on every page of the variant book, at 1 280 px."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    found = {}
    for docname in toc_docnames():
        page = context.new_page()
        page.goto((variant_root / f"{docname}.html").as_uri(), wait_until="load")
        settle(page)
        found[docname] = {"tables": page.evaluate(TABLES_JS), "identifiers": page.evaluate(IDENTIFIERS_JS, IDENTIFIER)}
        page.close()
    context.close()
    return found


def test_no_table_scrolls_or_clips_in_a_variant_book(variant_pages):
    """The same check on a variant book (other figures, other widths)."""
    bad = {d: info["tables"] for d, info in variant_pages.items()}
    bad = {d: t for d, t in bad.items() if t["scrolling"] or t["clipped"]}
    assert not bad, bad


#: An A4 page's width at 96 px per inch (210 mm): the PDF is printed at this width.
A4_WIDTH = 794


def test_every_table_column_prints(browser, html_root):
    """Printed (print media, an A4 page's width) no table scrolls nor cuts a cell: the PDF
    shows every column."""
    bad = table_faults(browser, html_root, A4_WIDTH, height=1123, media="print")
    assert not bad, bad


def test_no_code_on_the_readers_path(layouts):
    shown = {key: info for key, info in layouts.items() if info["code"] or info["toggle"]}
    assert not shown, shown


def test_width_screenshots_saved(layouts):
    for docname in WIDTH_SCREENSHOTS:
        for width in WIDTHS:
            shot = SCREENSHOTS / f"{page_slug(docname)}-{width}.png"
            assert shot.is_file() and shot.stat().st_size > 1000, shot


def test_find_chromium_follows_the_variable_then_path(tmp_path):
    fake = tmp_path / "mon-chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    assert find_chromium({CHROMIUM_ENV: str(fake), "PATH": ""}) == fake
    assert find_chromium({CHROMIUM_ENV: str(tmp_path / "absent"), "PATH": str(tmp_path)}) is None
    (tmp_path / "chromium-browser").symlink_to(fake)
    assert find_chromium({"PATH": str(tmp_path)}) == tmp_path / "chromium-browser"
    assert find_chromium({"PATH": str(tmp_path / "vide")}) is None


def test_every_page_loads_with_title_and_heading(visited):
    for docname, info in visited.items():
        assert info["title"].strip(), docname
        if docname != "index":
            assert info["h1"].strip(), docname
    # index.html redirects to the root page of the toc.
    assert visited["index"]["url"].endswith(f"{toc.toc_files(ROOT)[0]}.html")


def test_no_console_errors(visited):
    errors = {d: info["errors"] for d, info in visited.items() if info["errors"]}
    assert not errors, errors


def test_every_image_is_rendered(visited):
    broken = {d: info["broken_images"] for d, info in visited.items() if info["broken_images"]}
    assert not broken, broken


def test_internal_links_resolve(visited):
    """Every local link (navigation, {ref}, raw HTML links of the notebooks) reaches an
    existing page and, when it has a fragment, an element with that id."""
    pages: dict[Path, str] = {}
    broken = []
    for docname, info in visited.items():
        for href in info["local_links"]:
            url = urlsplit(href)
            target = Path(unquote(url.path))
            if not target.is_file():
                broken.append(f"{docname} -> {href} (fichier absent)")
                continue
            if url.fragment and target.suffix == ".html":
                text = pages.setdefault(target, target.read_text(encoding="utf-8"))
                if f'id="{unquote(url.fragment)}"' not in text:
                    broken.append(f"{docname} -> {href} (ancre absente)")
    assert not broken, "\n".join(sorted(set(broken)))


def test_screenshots_saved(visited):
    for docname in visited:
        shot = SCREENSHOTS / f"{page_slug(docname)}.png"
        assert shot.is_file() and shot.stat().st_size > 1000, shot


# ==================================================================================
# CONTENT CHECKS — depend on the chapters' real content (main developer's notebooks).
# ==================================================================================


def test_content_synthese_shows_report_total(visited):
    """CONTENT CHECK: the synthesis page prints the report's total, 404 565 €."""
    text = normalise_spaces(visited["notebooks/synthese"]["text"])
    if PLACEHOLDER_MARK in text:
        pytest.skip("notebooks/synthese.ipynb est encore un notebook provisoire")
    assert "404 565 €" in text


def inline_glue_values(notebook: Path) -> list[str]:
    """Text of the values a notebook glues into its own prose (``{glue:}`key```)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    glued = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            data = out.get("data", {})
            text = data.get(f"{GLUE_MIME}/text/markdown") or data.get(f"{GLUE_MIME}/text/plain")
            if name and text:
                glued[name] = text.strip().strip("'\"")
    keys = [
        key
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for key in GLUE_ROLE.findall(cell.source)
        if "::" not in key and ":" not in key  # same page, no format spec
    ]
    return [glued[k] for k in keys if k in glued]


def test_content_inline_glue_in_prose(visited, html_root):
    """CONTENT CHECK: at least one glued value is rendered inline in the prose.

    myst-nb 1.4 wraps ``{glue:text}`` in span.pasted-text and plain-text glue in
    span.output.text_plain, but inlines glued Markdown (``_repr_markdown_``) without any
    wrapper: so the check also looks for the glued values themselves in the paragraphs.
    """
    staged = html_root / "_sources"  # the executed notebooks, as offered for download
    found = {}
    for docname, info in visited.items():
        source = staged / f"{docname}.ipynb"
        values = inline_glue_values(source) if source.is_file() else []
        prose = normalise_spaces(info["prose"])
        matched = [v for v in values if normalise_spaces(v) in prose]
        found[docname] = info["inline_glue"] + len(matched)
        assert "{glue" not in prose, f"rôle glue non résolu dans {docname}"
    assert sum(found.values()) > 0, found


#: A snake_case identifier (a parameter, a reading value, a file, a scenario): readers see
#: labels; an identifier shows only inside <code>/<pre> or in a tooltip (``title``).
IDENTIFIER = r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b"
#: Visible text nodes of the article outside code, and the identifiers they show.
IDENTIFIERS_JS = """(pattern) => {
  const re = new RegExp(pattern, 'g'); const found = []; const article = document.querySelector('article');
  if (!article) return found;  // the root page only redirects to the home page
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const p = n.parentElement;
    if (!p || p.closest('code, pre, script, style') || p.offsetParent === null) continue;
    for (const m of n.textContent.matchAll(re)) found.push(m[0] + ' ⟨' + n.textContent.trim().slice(0, 80) + '⟩');
  }
  return found;
}"""


def test_no_identifier_outside_code(layouts):
    """At 1 280 px, no page shows a snake_case identifier outside <code> (labels of
    ``aaas.labels`` instead: parameters, reading values, scenarios, conventions, sources)."""
    shown = {d: info["identifiers"][:10] for (d, w), info in layouts.items() if info.get("identifiers")}
    assert not shown, shown


def test_no_identifier_outside_code_in_a_variant_book(variant_pages):
    """Likewise in a variant book (its banner, notes and prose name the changed parameters)."""
    shown = {d: info["identifiers"][:10] for d, info in variant_pages.items() if info["identifiers"]}
    assert not shown, shown


def test_chart_text_stays_readable_on_a_phone(layouts):
    """At 390 px, a chart shrunk to the article keeps its smallest text (``charts.TAILLE_MIN``
    points at ``charts.STYLE`` dpi) at least 7 px tall; at 1 280 px it is not shrunk."""
    from aaas.publish.notebook import charts

    px = charts.TAILLE_MIN * charts.STYLE["savefig.dpi"] / 72
    least = {390: 7.0, DESKTOP: 0.99 * px}
    small = {}
    for (docname, width), info in layouts.items():
        shown = [px * c / n for c, n in info["images"] if n]
        if shown and min(shown) < least[width]:
            small[docname, width] = round(min(shown), 1)
    assert not small, small
