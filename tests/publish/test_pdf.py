"""The book as one PDF, as ``make book`` (``aaas build``) publishes it: in the HTML root
beside the spreadsheet, linked from every page, with a dated cover, a contents page giving
each chapter's first page, numbered pages and no status word lost by the print.

Needs Chromium (``AAAS_CHROMIUM`` or ``PATH``), like the browser tests.
"""

from __future__ import annotations

import io
import re
import unicodedata
from html.parser import HTMLParser

import pytest

from aaas.checks.reconcile import STATUTS
from aaas.provenance import edition_date
from aaas.publish import build, pdf, stage, toc
from aaas.publish.build import build_book, pdf_path

ROOT = build.ROOT


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


def plain(text: str) -> str:
    """Text compared between HTML and PDF: ligatures undone (NFKC), one space, lower case."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


class _Text(HTMLParser):
    """The text of a page's article, without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip, self.depth = [], 0, 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.depth += tag == "article"

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")
        self.depth -= tag == "article"

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def article_text(path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return plain(" ".join(parser.parts))


@pytest.fixture(scope="module")
def book():
    """The default book with its PDF; the PDF read with pypdf."""
    if pdf.find_chromium() is None:
        pytest.fail(f"Chromium introuvable : lancez « make test » (qui l'installe) ou définissez {pdf.CHROMIUM_ENV}")
    from pypdf import PdfReader

    index = build_book(progress=quiet, pdf=True)
    return index, PdfReader(io.BytesIO(pdf_path(index).read_bytes()))


@pytest.fixture(scope="module")
def texts(book) -> list[str]:
    """The text of every printed page, extracted once (pypdf takes a few seconds a pass)."""
    _, reader = book
    return [page.extract_text() for page in reader.pages]


def chapter_pages(reader, texts: list[str]) -> dict[str, list[str]]:
    """Text of the pages of each bookmark (cover, contents, then each chapter), by title."""
    starts = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    ends = [start for _, start in starts[1:]] + [len(reader.pages)]
    return {
        title: [plain(texts[n]) for n in range(start, end)] for (title, start), end in zip(starts, ends, strict=True)
    }


def test_the_pdf_is_in_the_html_root_beside_the_spreadsheet(book):
    index, _ = book
    assert pdf_path(index) == ROOT / "_build" / "book" / "_build" / "html" / pdf.PDF_NAME
    assert (index.parent / stage.WORKBOOK).is_file()
    assert not (ROOT / "_build" / "book" / pdf.PDF_NAME).exists()


def test_every_page_links_the_pdf_and_the_spreadsheet(book):
    index, _ = book
    for entry in toc.toc_files(ROOT):
        page = index.parent / f"{re.sub(r'[.](ipynb|md)$', '', entry)}.html"
        line = re.search(r'<p class="aaas-telechargements">.*?</p>', page.read_text(encoding="utf-8"))
        assert line, f"{entry} : pas de ligne « Télécharger »"
        targets = re.findall(r'href="([^"]+)"', line.group(0))
        assert [(page.parent / t).resolve() for t in targets] == [
            pdf_path(index).resolve(),
            (index.parent / stage.WORKBOOK).resolve(),
        ], entry


def test_the_cover_carries_the_edition_date(book):
    _, reader = book
    cover = plain(reader.pages[0].extract_text())
    assert plain(f"Édition du {stage.date_fr(edition_date(ROOT))}") in cover


def test_the_contents_page_gives_each_chapter_its_first_page(book):
    _, reader = book
    contents = plain(reader.pages[1].extract_text())
    assert contents.startswith(plain(pdf.CONTENTS_TITLE))
    chapters = reader.outline[2:]
    assert len(chapters) == len(toc.toc_files(ROOT))
    for item in chapters:
        first = reader.get_destination_page_number(item) + 1
        assert re.search(rf"{re.escape(plain(item.title))}\W*{first}(?!\d)", contents), (item.title, first)


def test_every_page_but_the_cover_is_numbered(texts):
    total = len(texts)
    assert f"page 1 / {total}" not in plain(texts[0])
    for n, text in enumerate(texts[1:], start=2):
        assert re.search(rf"(?<!\d)page {n} / {total}(?!\d)", plain(text)), n


DOCNAMES = [re.sub(r"[.](ipynb|md)$", "", entry) for entry in toc.toc_files(ROOT)]


@pytest.fixture(scope="module")
def printed_chapters(book, texts):
    """Text of each page's printed pages, by docname (the bookmarks follow the toc)."""
    _, reader = book
    by_title = chapter_pages(reader, texts)
    titles = [item.title for item in reader.outline[2:]]
    return {docname: " ".join(by_title[title]) for docname, title in zip(DOCNAMES, titles, strict=True)}


@pytest.mark.parametrize("docname", DOCNAMES)
def test_every_status_word_a_page_shows_is_printed_as_often(book, printed_chapters, docname):
    """Nothing is cut by the print: each status word appears in a page's printed pages at
    least as often as in its HTML (Chromium leaves out what falls outside the paper)."""
    index, _ = book
    shown = article_text(index.parent / f"{docname}.html")
    printed = printed_chapters[docname]
    short = {
        label: (shown.count(plain(label)), printed.count(plain(label)))
        for label in STATUTS.values()
        if printed.count(plain(label)) < shown.count(plain(label))
    }
    assert not short, f"{docname} : (HTML, PDF) {short}"


def test_every_status_word_is_shown_somewhere(book):
    index, _ = book
    shown = " ".join(article_text(index.parent / f"{docname}.html") for docname in DOCNAMES)
    assert [label for label in STATUTS.values() if plain(label) not in shown] == []


def test_no_caption_alone_on_a_page(book, texts):
    """A figure's caption (« Fig. n ») stays with its image: a page holding a caption holds an image."""
    _, reader = book
    caption = re.compile(r"^\s*Fig\.\s?\d+\s", re.MULTILINE)
    captioned = [n for n, text in enumerate(texts) if caption.search(text)]
    assert captioned
    alone = [n + 1 for n in captioned if not reader.pages[n].images]
    assert not alone, f"légende sans son image, pages {alone}"


def test_without_chromium_the_default_build_skips_the_pdf_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv(pdf.CHROMIUM_ENV, str(tmp_path / "pas-de-chromium"))
    said = []
    assert build.wants_pdf(None, said.append) is False
    assert len(said) == 1 and said[0].startswith("PDF non produit") and "\n" not in said[0]
    assert build.wants_pdf(False, said.append) is False and len(said) == 1


def test_pages_link_the_pdf_only_when_the_build_prints_it():
    from aaas.publish.sphinx_ext import WORKBOOK, download_links

    assert WORKBOOK == stage.WORKBOOK
    assert "aaas.pdf" in download_links("x.xlsx", "aaas.pdf") and "aaas.pdf" not in download_links("x.xlsx")
