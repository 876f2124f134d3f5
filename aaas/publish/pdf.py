"""The book as one PDF: a cover page carrying the edition's date and the stamp, a contents
page, then every page in the order of ``_toc.yml``, numbered « page X / Y ».

Each page of the built HTML is printed by headless Chromium (driven by Playwright, the
same browser as the browser tests; the theme's print stylesheet hides the sidebars, the
book's ``_static/aaas-print.css`` keeps figures whole and tables readable) and the PDFs
are merged with pypdf, one bookmark per chapter.  The pages are printed separately, so
Chromium's own header and footer cannot number the whole document: once the chapters'
page counts are known, the contents page is printed with each chapter's first page, then
one sheet of page numbers (a transparent page per page, printed by Chromium too) is laid
over the merged document (:func:`number_pages`).  Nothing is downloaded and no
LaTeX is needed.  Links to local files (``file://…``, which would name a path of the
machine that built the book) are dropped from the PDF; links to the web are kept.

Chromium is found through ``AAAS_CHROMIUM`` (a path or a command name), else as
``chromium``, ``chromium-browser`` or ``google-chrome`` on ``PATH`` (:func:`find_chromium`).
The PDF is written beside its destination then renamed: never half-written.
"""

from __future__ import annotations

import html
import io
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError

#: Environment variable naming the Chromium executable (path or command).
CHROMIUM_ENV = "AAAS_CHROMIUM"
#: Commands tried on PATH when the variable is not set.
CHROMIUM_COMMANDS = ("chromium", "chromium-browser", "google-chrome")
#: Headless flags: no sandbox (containers), nothing fetched from the network on start.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)
#: Page format of the PDF.
PDF_OPTIONS = {"format": "A4", "print_background": True, "margin": {"top": "15mm", "bottom": "15mm"}}
#: Name of the PDF in the output folder.
PDF_NAME = "aaas.pdf"
#: Title of the contents page (and of its bookmark).
CONTENTS_TITLE = "Sommaire"
#: Style of the page numbers' sheet: one A4 page per page, the number centred in the bottom margin.
NUMBERS_STYLE = (
    "@page{size:A4;margin:0}html,body{margin:0;background:transparent}"
    ".p{height:296mm;position:relative;overflow:hidden;break-after:page}.p:last-child{break-after:auto}"
    ".n{position:absolute;bottom:6mm;left:0;right:0;text-align:center;font:9pt sans-serif;color:#333}"
)


def find_chromium(environ: Mapping[str, str] | None = None) -> Path | None:
    """Chromium named by ``AAAS_CHROMIUM``, else the first of :data:`CHROMIUM_COMMANDS` on PATH.

    >>> find_chromium({"AAAS_CHROMIUM": "/nonexistent/chromium", "PATH": ""}) is None
    True
    """
    environ = os.environ if environ is None else environ
    configured = environ.get(CHROMIUM_ENV, "").strip()
    for command in [configured] if configured else CHROMIUM_COMMANDS:
        found = shutil.which(command, path=environ.get("PATH"))
        if found:
            return Path(found)
    return None


def chromium(environ: Mapping[str, str] | None = None) -> Path:
    """The Chromium executable, else a one-line :class:`~aaas.errors.BuildError` naming ``AAAS_CHROMIUM``.

    >>> chromium({"PATH": ""})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.BuildError: PDF : Chromium introuvable (ni AAAS_CHROMIUM, ...) ; définissez AAAS_CHROMIUM=...
    """
    found = find_chromium(environ)
    if found is None:
        environ = os.environ if environ is None else environ
        configured = environ.get(CHROMIUM_ENV, "").strip()
        where = f"{CHROMIUM_ENV}={configured!r} introuvable" if configured else f"ni {CHROMIUM_ENV}"
        raise BuildError(
            f"PDF : Chromium introuvable ({where}, ni {', '.join(CHROMIUM_COMMANDS)} dans le PATH) ; "
            f"définissez {CHROMIUM_ENV}=/chemin/vers/chromium"
        )
    return found


def cover_page(title: str, stamp_html: str, banner_html: str = "", edition: str = "") -> str:
    """HTML of the cover: the title, the edition's date, the variant banner (if any) and the build stamp.

    >>> page = cover_page("Livre", "commit <code>abc</code>", edition="Édition du 2 décembre 2026")
    >>> "commit" in page and "Édition du 2 décembre 2026" in page
    True
    """
    banner = f'<div class="banniere">{banner_html}</div>' if banner_html else ""
    date = f'<p class="edition">{html.escape(edition)}</p>' if edition else ""
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>'
        f"{html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:30mm 20mm;color:#222}"
        "h1{font-size:26pt;line-height:1.2;margin-bottom:12mm}"
        ".edition{font-size:14pt;margin:0 0 8mm}"
        ".banniere{border:2px solid #c2410c;background:#fff1e0;padding:4mm;margin:8mm 0}"
        ".aaas-stamp{font-size:11pt;line-height:1.6;margin-top:20mm}"
        f"</style></head><body><h1>{html.escape(title)}</h1>{date}{banner}{stamp_html}</body></html>"
    )


def contents_page(entries: Sequence[tuple[str, int]]) -> str:
    """HTML of the contents page: each chapter's title and first page, with dotted leaders.

    >>> page = contents_page([("Accueil", 3), ("Méthode", 7)])
    >>> "Sommaire" in page and ">Méthode<" in page and ">7<" in page
    True
    """
    rows = "".join(
        f'<li><span class="t">{html.escape(title)}</span><span class="p">{number}</span></li>'
        for title, number in entries
    )
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{CONTENTS_TITLE}</title><style>"
        "body{font-family:sans-serif;margin:10mm 20mm;color:#222}h1{font-size:20pt;margin-bottom:8mm}"
        "ol{list-style:none;padding:0;margin:0}li{display:flex;align-items:baseline;margin:0 0 3mm;font-size:11pt}"
        ".t{flex:none;max-width:85%}.p{flex:none;margin-left:auto}"
        "li::after{content:'';order:1;flex:1;border-bottom:1px dotted #777;margin:0 2mm}.p{order:2}"
        f"</style></head><body><h1>{CONTENTS_TITLE}</h1><ol>{rows}</ol></body></html>"
    )


def numbers_sheet(total: int, first: int = 2) -> str:
    """HTML of ``total`` transparent A4 pages, page ``n`` reading « page n / total » from ``first`` on.

    >>> sheet = numbers_sheet(3)
    >>> sheet.count('class="p"'), "page 2 / 3" in sheet, "page 1 / 3" in sheet
    (3, True, False)
    """
    pages = "".join(
        f'<div class="p"><div class="n">{f"page {n} / {total}" if n >= first else ""}</div></div>'
        for n in range(1, total + 1)
    )
    head = f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>{NUMBERS_STYLE}</style></head>'
    return f"{head}<body>{pages}</body></html>"


def write_pdf(
    html_dir: Path,
    pages: Sequence[str],
    cover_html: str,
    dest: Path,
    progress: Callable[[str], object] = print,
) -> Path:
    """Print the cover and ``pages`` of the HTML book in ``html_dir`` into one PDF, ``dest``.

    Parameters
    ----------
    html_dir : Path
        The built book (``index.html``'s folder).
    pages : sequence of str
        Docname of each page (e.g. ``notebooks/relais``), in reading order; its heading
        becomes its bookmark and its line in the contents.
    cover_html : str
        The cover page (:func:`cover_page`).
    dest : Path
        The PDF written (through a temporary file beside it, then renamed).

    Raises
    ------
    BuildError
        No Chromium (:func:`chromium`), a missing page, or Chromium failed.
    """
    executable = chromium()
    missing = [name for name in pages if not (html_dir / f"{name}.html").is_file()]
    if missing:
        raise BuildError(f"PDF : page(s) absente(s) du livre HTML : {', '.join(missing)}")
    progress(f"PDF : impression de {len(pages)} pages …")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        uris = [(html_dir / f"{name}.html").resolve().as_uri() for name in pages]
        printed = _print(executable, uris, cover_html)
        _merge(printed, tmp)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


@dataclass
class Printed:
    """The printed parts, in order (cover, contents, pages), their titles and the page numbers' sheet."""

    parts: list[bytes]
    titles: list[str]
    numbers: bytes


def _print(executable: Path, uris: list[str], cover_html: str) -> Printed:
    """Print the cover, each page at ``uris``, the contents page and the page numbers (one browser)."""
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))
            try:
                page = browser.new_page()
                page.emulate_media(media="print")
                return _print_all(page, uris, cover_html)
            finally:
                browser.close()
    except Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BuildError(f"PDF : Chromium ({executable}) a échoué : {first}") from exc


def _print_all(page, uris: list[str], cover_html: str) -> Printed:
    """The :class:`Printed` book, with ``page`` (a Playwright page in print media)."""
    page.set_content(cover_html)
    cover, cover_title = page.pdf(**PDF_OPTIONS), page.title()
    chapters, titles = [], []
    for uri in uris:
        page.goto(uri, wait_until="load")
        chapters.append(page.pdf(**PDF_OPTIONS))
        heading = page.locator("article h1").first
        titles.append(heading.inner_text().strip().rstrip("#¶ ") if heading.count() else page.title())
    counts = [page_count(part) for part in (cover, *chapters)]
    contents, length = b"", 1
    for _ in range(3):  # the contents' own length shifts the chapters' first pages
        entries = list(zip(titles, first_pages(counts, length), strict=True))
        page.set_content(contents_page(entries))
        contents = page.pdf(**PDF_OPTIONS)
        if page_count(contents) == length:
            break
        length = page_count(contents)
    total = sum(counts) + length
    page.set_content(numbers_sheet(total))
    numbers = page.pdf(format="A4", print_background=False, margin={"top": "0", "bottom": "0"})
    return Printed([cover, contents, *chapters], [cover_title, CONTENTS_TITLE, *titles], numbers)


def first_pages(counts: Sequence[int], contents_length: int) -> list[int]:
    """First page of each chapter: ``counts`` are the cover's then each chapter's page counts.

    >>> first_pages([1, 2, 5, 1], contents_length=1)
    [3, 5, 10]
    """
    first, found = 1 + counts[0] + contents_length, []
    for count in counts[1:]:
        found.append(first)
        first += count
    return found


def page_count(part: bytes) -> int:
    """Number of pages of one printed PDF."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(part)).pages)


def _merge(printed: Printed, dest: Path) -> None:
    """Merge the parts into ``dest``: one bookmark per part, numbered pages, no link to a local file.

    The document's title is the first part's (the cover's).
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part, title in zip(printed.parts, printed.titles, strict=True):
        writer.append(PdfReader(io.BytesIO(part)), outline_item=title)
    number_pages(writer, printed.numbers)
    for page in writer.pages:
        _drop_local_links(page)
    writer.add_metadata({"/Title": printed.titles[0], "/Creator": "aaas"})
    with open(dest, "wb") as f:
        writer.write(f)


def number_pages(writer, numbers: bytes) -> None:
    """Lay each page of the ``numbers`` sheet over the same page of ``writer``.

    Raises
    ------
    BuildError
        The sheet and the document differ in length.
    """
    from pypdf import PdfReader

    sheet = PdfReader(io.BytesIO(numbers)).pages
    if len(sheet) != len(writer.pages):
        raise BuildError(f"PDF : {len(sheet)} numéros de page pour {len(writer.pages)} pages")
    for page, number in zip(writer.pages, sheet, strict=True):
        page.merge_page(number, over=True)


def _drop_local_links(page) -> None:
    """Remove the link annotations of ``page`` that point to a local file (``file:``)."""
    annots = page.get("/Annots")
    if annots is None:
        return
    kept = []
    for ref in annots.get_object():
        action = ref.get_object().get("/A")
        uri = str(action.get_object().get("/URI", "")) if action is not None else ""
        if not uri.startswith("file:"):
            kept.append(ref)
    from pypdf.generic import ArrayObject, NameObject

    page[NameObject("/Annots")] = ArrayObject(kept)
