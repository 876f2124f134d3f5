"""Small Sphinx extension loaded by the book (``_config.yml``, ``sphinx.extra_extensions``)."""

from __future__ import annotations

# --------------------------------------------------------------------------------------
# Sphinx extension (listed in _config.yml under sphinx.extra_extensions)
# --------------------------------------------------------------------------------------


def setup(app) -> dict:
    """Sphinx entry point: small fixes of the generated HTML pages."""
    app.connect("html-page-context", dedupe_inline_scripts, priority=999)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def dedupe_inline_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop duplicated ``<script>`` entries from a page.

    Sphinx 7.4 re-registers inline scripts added with ``filename=None`` as ``''`` before
    writing, so sphinx-thebe's ``const THEBE_JS_URL = ...`` is emitted twice and the
    browser reports "Identifier 'THEBE_JS_URL' has already been declared".
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
