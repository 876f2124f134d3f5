"""Small Sphinx extension loaded by the book (``_config.yml``, ``sphinx.extra_extensions``).

It fixes details of the HTML pages that Sphinx and its extensions generate; it is
imported by Sphinx from the repository being built (see
:func:`aaas.publish.jupyterbook.run_jupyter_book`).
"""

from __future__ import annotations


def setup(app) -> dict:
    """Sphinx entry point: connect :func:`dedupe_inline_scripts` to every HTML page."""
    app.connect("html-page-context", dedupe_inline_scripts, priority=999)
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
