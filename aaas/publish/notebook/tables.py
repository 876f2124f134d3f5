"""The book's one HTML table renderer: every table a notebook shows goes through
:func:`table_html` (and :func:`show`, which displays it).

A table is a frame of display strings (French, formatted by :mod:`aaas.fmt`).  Each column
has a kind:

* ``number``: right-aligned, never wrapped, digits aligned (``td.nombre``);
* ``text``: left-aligned, wraps (``td.texte``);
* ``status``: a status badge (:func:`status_badge`) that never wraps nor hyphenates
  (``td.cellule-statut``);
* ``detail``: a long explanation, hypothesis or source, shown on a line of its own under
  its row (``tr.detail``, one cell spanning the row), so that the main row stays narrow.

Columns not given a kind are ``number`` when every value reads as a French figure, else
``text``.  A table may be split into groups (``group_by``: one heading row per value, the
column itself not repeated).  The table sits in a region that scrolls only when the window
is narrower than the table (a phone), reachable by keyboard (``tabindex``, ``role``,
``aria-label``); its first column stays in view (CSS, ``_static/aaas.css``).

Markup is deterministic (no memory address, no random id), so that nbval compares it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from ...checks import reconcile

#: Column kinds and the CSS class of their cells.
KINDS = {"number": "nombre", "text": "texte", "status": "cellule-statut", "detail": "detail"}
#: CSS class of a row by status key: the shading follows the weight on the totals (an
#: error carried into the totals or unexplained is shaded, an error without effect lightly).
STATUS_ROW = {
    "conforme": "ok",
    "reconstitue": "ok",
    "non_verifiable": "na",
    "non_chiffre": "na",
    "scenario": "scenario",
    "actualise": "scenario",
    "sans_effet": "sans-effet",
    "reportee": "ecart",
    "inexplique": "ecart",
}
#: A value read as a number: a French amount, share, gap or count, with an optional short
#: unit (« 1 700 € brut », « 0,5 ETP », « −3,2 pt »), or a dash for none.
NUMBER = re.compile(r"[+\u2212-]?\d[\d\u202f\xa0 ]*(,\d+)?([\xa0 ][^\s\d]{1,8}){0,2}|[–—-]")
#: Accessible name of a table region without a caption.
DEFAULT_LABEL = "Tableau"


def status_badge(status: str) -> str:
    """A status label in its badge (``span.statut.statut-<key>``)."""
    key = reconcile.CLES.get(status, "inexplique").replace("_", "-")
    return f'<span class="statut statut-{key}">{html.escape(status)}</span>'


def status_row_class(status: str) -> str:
    """The row class of a status label (:data:`STATUS_ROW`), ``ok`` for an unknown one."""
    return STATUS_ROW[reconcile.CLES.get(status, "conforme")]


def is_number(values: Sequence) -> bool:
    """Whether every non-empty value of a column reads as a figure (:data:`NUMBER`).

    >>> is_number(["1\\u202f700\\xa0€", "−0,5\\xa0pt", ""]), is_number(["2.2.3"]), is_number(["Relais"])
    (True, False, False)
    """
    texts = [str(v) for v in values if str(v)]
    return bool(texts) and all(NUMBER.fullmatch(t) for t in texts)


def column_kinds(df: pd.DataFrame, kinds: Mapping[str, str] | None = None) -> dict[str, str]:
    """The kind of each column: as given in ``kinds``, else inferred (:func:`is_number`)."""
    kinds = dict(kinds or {})
    unknown = set(kinds) - set(df.columns) or {k for k in kinds.values() if k not in KINDS}
    if unknown:
        raise ValueError(f"colonnes ou genres inconnus : {sorted(unknown)}")
    return {c: kinds.get(c) or ("number" if is_number(df[c]) else "text") for c in df.columns}


def _cell(value, kind: str, raw: bool) -> str:
    text = str(value) if raw else html.escape(str(value))
    if kind == "status" and not raw:
        text = status_badge(str(value)) if str(value) else ""
    return f'<td class="{KINDS[kind]}">{text}</td>'


def _details(row: Mapping, columns: Sequence[str], raw: set[str]) -> str:
    """The detail line's content: each non-empty detail value after its header."""
    parts = [
        f'<p><span class="detail-titre">{html.escape(c[:1].upper() + c[1:])} :</span> '
        f"{row[c] if c in raw else html.escape(str(row[c]))}</p>"
        for c in columns
        if str(row[c]).strip()
    ]
    return "".join(parts)


def _rows(df: pd.DataFrame, kinds: dict[str, str], raw: set[str], classes: Sequence[str]) -> list[str]:
    main = [c for c in df.columns if kinds[c] != "detail"]
    details = [c for c in df.columns if kinds[c] == "detail"]
    out = []
    for i, values in enumerate(df.itertuples(index=False)):
        row = dict(zip(df.columns, values, strict=True))
        cls = classes[i] if classes else ""
        out.append(f"<tr{_class_attr(cls)}>" + "".join(_cell(row[c], kinds[c], c in raw) for c in main) + "</tr>")
        inner = _details(row, details, raw)
        if inner:
            out.append(
                f'<tr class="{" ".join(["detail", *cls.split()])}">'
                f'<td colspan="{len(main)}"><div class="detail-contenu">{inner}</div></td></tr>'
            )
    return out


def _class_attr(cls: str) -> str:
    return f' class="{cls}"' if cls else ""


def _header(df: pd.DataFrame, kinds: dict[str, str]) -> str:
    heads = "".join(
        f'<th scope="col"{_class_attr(KINDS[kinds[c]] if kinds[c] == "number" else "")}>{html.escape(str(c))}</th>'
        for c in df.columns
        if kinds[c] != "detail"
    )
    return f"<thead><tr>{heads}</tr></thead>"


def table_html(
    df: pd.DataFrame,
    uid: str,
    caption: str = "",
    *,
    kinds: Mapping[str, str] | None = None,
    raw: Sequence[str] = (),
    row_classes: Sequence[str] | None = None,
    group_by: str | None = None,
) -> str:
    """A frame of display strings as a book table (see the module's docstring).

    ``kinds`` gives a column's kind; ``raw`` the columns already HTML (links, badges), the
    others are escaped; ``row_classes`` a CSS class per row (``ecart``, ``sous-total``…);
    ``group_by`` a column whose values head groups of consecutive rows.
    """
    kind = column_kinds(df, kinds)
    classes = list(row_classes) if row_classes is not None else [""] * len(df)
    lines = [f'<table class="aaas-tableau" id="{html.escape(uid)}">']
    if caption:
        lines.append(f"<caption>{html.escape(caption)}</caption>")
    shown = df.drop(columns=[group_by]) if group_by else df
    kind.pop(group_by, None)
    lines.append(_header(shown, kind))
    span = sum(k != "detail" for k in kind.values())
    for title, positions in _groups(df, group_by):
        lines.append("<tbody>")
        if title is not None:
            lines.append(
                f'<tr class="groupe"><th colspan="{span}" scope="rowgroup">'
                f'<span class="groupe-titre">{html.escape(str(title))}</span></th></tr>'
            )
        part = shown.iloc[positions]
        lines += _rows(part, kind, set(raw), [classes[p] for p in positions])
        lines.append("</tbody>")
    lines.append("</table>")
    return region("\n".join(lines), caption)


def _groups(df: pd.DataFrame, group_by: str | None) -> list[tuple[object, list[int]]]:
    """Runs of consecutive rows sharing ``group_by``'s value (one run of all rows without)."""
    if not group_by:
        return [(None, list(range(len(df))))]
    runs: list[tuple[object, list[int]]] = []
    for i, value in enumerate(df[group_by]):
        if not runs or runs[-1][0] != value:
            runs.append((value, []))
        runs[-1][1].append(i)
    return runs


def region(table: str, label: str = "") -> str:
    """A table in its region: it scrolls inside itself only when wider than the window,
    and can then be reached and scrolled with the keyboard."""
    name = html.escape(label or DEFAULT_LABEL, quote=True)
    return f'<div class="aaas-scrolling" role="region" tabindex="0" aria-label="{name}">\n{table}\n</div>'


def show(df: pd.DataFrame, uid: str, caption: str = "", **options) -> None:
    """Display :func:`table_html` in the notebook (``options``: its keyword arguments)."""
    show_html(table_html(df, uid, caption, **options))


def show_html(text: str) -> None:
    """Display HTML in the notebook."""
    from IPython.display import HTML, display

    display(HTML(text))


def show_markdown(text: str) -> None:
    """Display Markdown in the notebook (a note or a list beside a table)."""
    from IPython.display import Markdown, display

    display(Markdown(text))
