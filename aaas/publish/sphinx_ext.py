"""Small Sphinx extension loaded by the book (``_config.yml``, ``sphinx.extra_extensions``).

It fixes details of the HTML pages that Sphinx and its extensions generate; it is
imported by Sphinx from the repository being built (see
:func:`aaas.publish.jupyterbook.run_jupyter_book`).
"""

from __future__ import annotations

from pathlib import Path

#: Labels that sphinx-book-theme 1.3 writes in English whatever the language (its
#: templates hold them as plain text, outside Sphinx's translations), and their French.
THEME_LABELS_FR = {
    'title="Toggle primary sidebar"': 'title="Afficher ou masquer le sommaire"',
    'title="Toggle secondary sidebar"': 'title="Afficher ou masquer le plan de la page"',
    'aria-label="Main"': 'aria-label="Sommaire du livre"',
    'aria-label="Toggle hidden content"': 'aria-label="Afficher ou masquer le contenu"',
}


def setup(app) -> dict:
    """Sphinx entry point: connect :func:`dedupe_inline_scripts` and :func:`translate_theme_labels`."""
    app.connect("html-page-context", dedupe_inline_scripts, priority=999)
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


def translate_theme_labels(app, exception) -> None:
    """Put :data:`THEME_LABELS_FR` in French in every HTML page written (after a successful build)."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        french_labels(path)


def french_labels(path: Path) -> bool:
    """Replace the English labels of one page, in place; return whether it changed.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "p.html"
    >>> _ = page.write_text('<nav aria-label="Main"></nav>', encoding="utf-8")
    >>> french_labels(page), page.read_text(encoding="utf-8"), french_labels(page)
    (True, '<nav aria-label="Sommaire du livre"></nav>', False)
    """
    text = path.read_text(encoding="utf-8")
    new = text
    for english, french in THEME_LABELS_FR.items():
        new = new.replace(english, french)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True
