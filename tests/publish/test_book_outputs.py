"""What a build publishes beside the pages: the spreadsheet of the book's tables
(``_build/html/aaas-tableaux.xlsx``) and, with ``pdf=True``, the whole book as one PDF
(``_build/html/aaas.pdf``, aaas/publish/pdf.py), with a cover carrying the stamp (see also
test_pdf.py).

The PDF tests need Chromium, found like the browser tests find it (``AAAS_CHROMIUM`` or
``PATH``); without it they fail with a message saying how to provide it.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from aaas.errors import BuildError
from aaas.models import scenario as scenarios
from aaas.provenance import git_commit
from aaas.publish import build, pdf, stage, toc
from aaas.publish.build import build_book, pdf_path

ROOT = build.ROOT
#: The report's total, in the synthesis table.
TOTAL_LABEL = "Total des surcoûts des missions"


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


def recomputed_total(workbook) -> float:
    """« Rapport (recalculé) » of the total row of the ``synthese`` sheet."""
    sheet = pd.read_excel(workbook, sheet_name="synthese")
    return float(sheet.loc[sheet["Libellé"] == TOTAL_LABEL, "Rapport (recalculé)"].iloc[0])


def pdf_reader(path):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(path.read_bytes()))


@pytest.fixture(scope="module")
def chromium_present():
    if pdf.find_chromium() is None:
        pytest.fail(f"Chromium introuvable : lancez « make test » (qui l'installe) ou définissez {pdf.CHROMIUM_ENV}")


def test_the_default_book_publishes_the_workbook_of_its_tables():
    index = build_book(progress=quiet, pdf=True)  # as make book (and the other tests) build it
    workbook = index.parent / stage.WORKBOOK
    assert workbook.is_file()
    assert round(recomputed_total(workbook)) == 404565


def test_the_default_book_as_one_pdf(chromium_present):
    index = build_book(progress=quiet, pdf=True)
    path = pdf_path(index)
    assert path == ROOT / "_build" / "book" / "_build" / "html" / "aaas.pdf" and path.is_file()
    reader = pdf_reader(path)
    chapters = toc.toc_files(ROOT)
    assert len(reader.pages) >= len(chapters) + 2
    assert len(reader.outline) == len(chapters) + 2  # the cover, the contents, then one bookmark per page
    cover = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert git_commit(ROOT).rstrip("+") in cover
    assert scenarios.resolve().hash() in cover and "convention : rapport" in cover
    assert b"file:" not in path.read_bytes()  # no link naming a path of this machine
    assert not list(path.parent.glob(".aaas.pdf*"))


def test_a_variant_publishes_its_own_figures_and_a_pdf_that_says_so(make_repo, tmp_path, chromium_present):
    root = make_repo()
    out = tmp_path / "variante"
    index = build_book(root=root, out=out, overrides={"population_bassin": 30000}, progress=quiet, pdf=True)
    assert round(recomputed_total(index.parent / stage.WORKBOOK)) != 404565
    reader = pdf_reader(pdf_path(index))
    assert len(reader.pages) >= 4  # cover, contents, home page, the notebook
    cover = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Variante" in cover and "population_bassin" in cover
    # A new book built without the PDF does not leave the previous book's PDF beside it.
    build_book(root=root, out=out, overrides={"population_bassin": 40000}, progress=quiet)
    assert not pdf_path(index).exists()
    assert (out / "_build" / "html" / stage.WORKBOOK).is_file()


def test_a_pdf_without_chromium_is_refused_before_anything_runs(make_repo, tmp_path, monkeypatch):
    root = make_repo()
    monkeypatch.setenv(pdf.CHROMIUM_ENV, str(tmp_path / "pas-de-chromium"))
    out = tmp_path / "sortie"
    with pytest.raises(BuildError, match=pdf.CHROMIUM_ENV) as refused:
        build_book(root=root, out=out, progress=quiet, pdf=True)
    assert "\n" not in str(refused.value)
    assert not out.exists()


def test_a_failed_pdf_leaves_the_previous_book_and_no_pdf(make_repo, tmp_path, monkeypatch):
    root = make_repo()
    out = tmp_path / "livre"
    index = build_book(root=root, out=out, progress=quiet)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "_build" / "html").rglob("*.html")}

    def failing(html_dir, pages, cover, dest, progress=print):
        dest.write_bytes(b"%PDF-1.7 partiel")
        raise BuildError("PDF : Chromium a échoué (simulé)")

    monkeypatch.setattr(pdf, "chromium", lambda environ=None: tmp_path)
    monkeypatch.setattr(pdf, "write_pdf", failing)
    with pytest.raises(BuildError, match="simulé"):
        build_book(root=root, out=out, overrides={"population_bassin": 30000}, progress=quiet, pdf=True)
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "_build" / "html").rglob("*.html")}
    assert after == before and index.is_file()
    assert not pdf_path(index).exists() and not list(out.rglob("*aaas.pdf*"))
