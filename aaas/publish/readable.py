"""Prose and values from ``data/`` as a page shows them: identifiers (parameter names,
reading values, file names such as ``data/paie_options.csv``) inside ``<code>`` (HTML) or
backticks (Markdown), everything else as text; a reading value by its French label with
its identifier in code (for researchers who set it)."""

from __future__ import annotations

import html
import re

from .. import labels

#: A snake_case identifier, with the folders and the extension of a file name around it.
IDENTIFIANT = re.compile(r"(?<![\w/.-])(?:[\w-]+/)*[a-z0-9]+(?:_[a-z0-9]+)+(?:\.[a-z]{2,4})?(?![\w/])")


def _morceaux(text: str):
    """``(piece, is_identifier)`` of ``text``, in order (a span between backticks is code too)."""
    start = 0
    for m in re.finditer(rf"`([^`]+)`|{IDENTIFIANT.pattern}", text):
        yield text[start : m.start()], False
        yield m.group(1) or m.group(0), True
        start = m.end()
    yield text[start:], False


def html_text(text) -> str:
    """``text`` escaped for HTML, its identifiers in ``<code>``.

    >>> html_text("`aaas check` échoue")
    '<code>aaas check</code> échoue'
    >>> html_text("lecture base_etp_medecin = heures_par_patient (data/paie_options.csv)")
    'lecture <code>base_etp_medecin</code> = <code>heures_par_patient</code> (<code>data/paie_options.csv</code>)'
    """
    return "".join(
        f"<code>{html.escape(p)}</code>" if ident else html.escape(p) for p, ident in _morceaux(str(text)) if p
    )


def md_text(text, escape) -> str:
    """``text`` for a Markdown page: its identifiers in backticks, the rest through
    ``escape`` (the page's cell escaping)."""
    return "".join(f"`{p}`" if ident else escape(p) for p, ident in _morceaux(str(text)) if p)


def md_value(name: str, value, escape) -> str:
    """A parameter's value on a Markdown page: a reading value as « label (`identifier`) »,
    a number in French."""
    shown = escape(labels.valeur(name, value))
    if labels.est_lecture(name) and isinstance(value, str) and value != labels.valeur(name, value):
        return f"{shown} (`{value}`)"
    return shown
