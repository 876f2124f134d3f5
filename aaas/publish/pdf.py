"""The book as one PDF: a cover page carrying the stamp, then every page in the order of ``_toc.yml``.

Each page of the built HTML is printed by headless Chromium (driven by Playwright, the
same browser as the browser tests; the theme's print stylesheet hides the sidebars) and
the PDFs are merged with pypdf, one bookmark per chapter.  Nothing is downloaded and no
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


def cover_page(title: str, stamp_html: str, banner_html: str = "") -> str:
    """HTML of the cover: the title, the variant banner (if any) and the build stamp.

    >>> "commit" in cover_page("Livre", "commit <code>abc</code>")
    True
    """
    banner = f'<div class="banniere">{banner_html}</div>' if banner_html else ""
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>'
        f"{html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:30mm 20mm;color:#222}"
        "h1{font-size:26pt;line-height:1.2;margin-bottom:12mm}"
        ".banniere{border:2px solid #c2410c;background:#fff1e0;padding:4mm;margin:8mm 0}"
        ".aaas-stamp{font-size:11pt;line-height:1.6;margin-top:20mm}"
        f"</style></head><body><h1>{html.escape(title)}</h1>{banner}{stamp_html}</body></html>"
    )


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
        becomes its bookmark.
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
        parts, titles = _print(executable, uris, cover_html)
        _merge(parts, titles, tmp)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def _print(executable: Path, uris: list[str], cover_html: str) -> tuple[list[bytes], list[str]]:
    """PDF bytes of the cover, then of each page at ``uris``; their titles (the cover's, then each ``h1``)."""
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))
            try:
                page = browser.new_page()
                page.emulate_media(media="print")
                page.set_content(cover_html)
                parts, titles = [page.pdf(**PDF_OPTIONS)], [page.title()]
                for uri in uris:
                    page.goto(uri, wait_until="load")
                    parts.append(page.pdf(**PDF_OPTIONS))
                    heading = page.locator("article h1").first
                    titles.append(heading.inner_text().strip().rstrip("#¶ ") if heading.count() else page.title())
                return parts, titles
            finally:
                browser.close()
    except Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BuildError(f"PDF : Chromium ({executable}) a échoué : {first}") from exc


def _merge(parts: list[bytes], titles: list[str], dest: Path) -> None:
    """Merge ``parts`` into ``dest``, one bookmark per part, without links to local files.

    The document's title is the first part's (the cover's).
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part, title in zip(parts, titles, strict=True):
        writer.append(PdfReader(io.BytesIO(part)), outline_item=title)
    for page in writer.pages:
        _drop_local_links(page)
    writer.add_metadata({"/Title": titles[0], "/Creator": "aaas"})
    with open(dest, "wb") as f:
        writer.write(f)


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
