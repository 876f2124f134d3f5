"""Small Sphinx extension loaded by the book (``_config.yml``, ``sphinx.extra_extensions``).

It fixes details of the HTML pages that Sphinx and its extensions generate, and puts at
the top of every page the links to the files published beside the book (the spreadsheet
and, when the build prints it, the PDF: the setting ``aaas_pdf`` written by
:func:`aaas.publish.stage.staged_config`).  It is imported by Sphinx from the repository
being built (see :func:`aaas.publish.jupyterbook.run_jupyter_book`).
"""

from __future__ import annotations

import html
from pathlib import Path

from .pdf import PDF_NAME

#: The spreadsheet of the book's tables (:data:`aaas.publish.stage.WORKBOOK`).
WORKBOOK = "aaas-tableaux.xlsx"

#: Labels that sphinx-book-theme 1.3 writes in English whatever the language (its
#: templates hold them as plain text, outside Sphinx's translations), and their French.
THEME_LABELS_FR = {
    'title="Toggle primary sidebar"': 'title="Afficher ou masquer le sommaire"',
    'title="Toggle secondary sidebar"': 'title="Afficher ou masquer le plan de la page"',
    'aria-label="Main"': 'aria-label="Sommaire du livre"',
    'aria-label="Toggle hidden content"': 'aria-label="Afficher ou masquer le contenu"',
    'aria-label="Announcement"': 'aria-label="Annonce"',
}
#: The theme's primary sidebar holds the book's title and the search button outside any
#: landmark (axe-core rule « region »): it becomes a complementary landmark.
THEME_LANDMARKS = {
    '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">': (
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="complementary"'
        ' aria-label="Navigation dans le livre">'
    ),
}
#: The scrolling frame of the report's tables (:func:`aaas.publish.notebook.tables.region`),
#: and the same frame reachable with the keyboard (axe-core rule « scrollable-region-focusable »).
SCROLL_FRAME = '<div class="aaas-scrolling">'
SCROLL_FRAME_FOCUSABLE = '<div class="aaas-scrolling" tabindex="0">'


def setup(app) -> dict:
    """Sphinx entry point: the setting ``aaas_pdf``, :func:`dedupe_inline_scripts`,
    :func:`add_download_links` and :func:`translate_theme_labels`."""
    app.add_config_value("aaas_pdf", False, "html", types=[bool])
    app.connect("html-page-context", dedupe_inline_scripts, priority=999)
    app.connect("html-page-context", add_download_links)
    app.connect("build-finished", translate_theme_labels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def dedupe_inline_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop duplicated ``<script>`` entries from a page's ``script_files``, in place.

    Sphinx 7.4 re-registers inline scripts added with ``filename=None`` as ``''`` before
    writing, so sphinx-thebe's ``const THEBE_JS_URL = ...`` is emitted twice and the
    browser reports "Identifier 'THEBE_JS_URL' has already been declared".  Two entries
    are the same when their file name and attributes are.

    >>> context = {"script_files": ["a.js", "b.js", "a.js"]}
    >>> dedupe_inline_scripts(None, "index", "page.html", context, None)
    >>> context["script_files"]
    ['a.js', 'b.js']
    """
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for js in scripts:
        attributes = getattr(js, "attributes", {}) or {}
        key = (str(getattr(js, "filename", js) or ""), tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique


def add_download_links(app, pagename, templatename, context, doctree) -> None:
    """Put :func:`download_links` at the top of the page's body (pages with a body only), and
    make the tables' scrolling frames focusable (:data:`SCROLL_FRAME_FOCUSABLE`)."""
    if "body" not in context or "pathto" not in context:
        return
    files = {
        "pdf": context["pathto"](PDF_NAME, 1) if app.config.aaas_pdf else "",
        "workbook": context["pathto"](WORKBOOK, 1),
    }
    context["body"] = download_links(**files) + context["body"].replace(SCROLL_FRAME, SCROLL_FRAME_FOCUSABLE)


def download_links(workbook: str, pdf: str = "") -> str:
    """The line « Télécharger : le livre en PDF · les tableaux (classeur) » with relative links.

    >>> download_links("../aaas-tableaux.xlsx", "../aaas.pdf")  # doctest: +ELLIPSIS
    '<p class="aaas-telechargements">Télécharger : <a href="../aaas.pdf" ...>le livre en PDF</a> · <a ...'
    >>> "PDF" in download_links("aaas-tableaux.xlsx")
    False
    """
    links = []
    if pdf:
        links.append(f'<a href="{html.escape(pdf)}" type="application/pdf">le livre en PDF</a>')
    links.append(
        f'<a href="{html.escape(workbook)}" type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">'
        "les tableaux (classeur)</a>"
    )
    return f'<p class="aaas-telechargements">Télécharger : {" · ".join(links)}</p>\n'


def translate_theme_labels(app, exception) -> None:
    """Apply :data:`THEME_LABELS_FR` and :data:`THEME_LANDMARKS` to every HTML page written
    (after a successful build)."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        french_labels(path)


def french_labels(path: Path) -> bool:
    """Replace the English labels of one page and give the sidebar its landmark, in place;
    return whether it changed.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "p.html"
    >>> _ = page.write_text('<nav aria-label="Main"></nav>', encoding="utf-8")
    >>> french_labels(page), page.read_text(encoding="utf-8"), french_labels(page)
    (True, '<nav aria-label="Sommaire du livre"></nav>', False)
    """
    text = path.read_text(encoding="utf-8")
    new = text
    for english, french in (*THEME_LABELS_FR.items(), *THEME_LANDMARKS.items()):
        new = new.replace(english, french)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True
