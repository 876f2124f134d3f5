"""``make release``'s files but the book's build and the packages' (tools/release.py): the
built site as an archive, the PDF and the spreadsheet, named with the version, and
``SHA256SUMS`` that ``sha256sum -c`` accepts.  The book here is a stand-in folder."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile

import pytest

from tools import release


@pytest.fixture
def html(tmp_path):
    site = tmp_path / "html"
    (site / "_static").mkdir(parents=True)
    (site / "index.html").write_text("<html>livre</html>", encoding="utf-8")
    (site / "_static" / "style.css").write_text("body {}", encoding="utf-8")
    (site / release.PDF).write_bytes(b"%PDF-1.7 livre")
    (site / release.CLASSEUR).write_bytes(b"PK classeur")
    return site


def test_the_release_files_and_their_checksums(html, tmp_path):
    dist = tmp_path / "dist"
    (dist / "ancien").mkdir(parents=True)  # a former release's leftovers are removed
    made = release.release(html, dist, "0.2.0", build_packages=False)
    names = sorted(p.name for p in dist.iterdir())
    assert names == ["SHA256SUMS", "aaas-0.2.0.pdf", "aaas-site-0.2.0.tar.gz", "aaas-tableaux-0.2.0.xlsx"]
    assert {p.name for p in made} == set(names)
    assert (dist / "aaas-0.2.0.pdf").read_bytes() == b"%PDF-1.7 livre"
    with tarfile.open(dist / "aaas-site-0.2.0.tar.gz") as tar:
        members = tar.getnames()
        assert "aaas-site-0.2.0/index.html" in members and "aaas-site-0.2.0/_static/style.css" in members
        assert tar.extractfile("aaas-site-0.2.0/index.html").read() == b"<html>livre</html>"
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == 3 and all(len(line.split("  ")[0]) == 64 for line in sums)
    if shutil.which("sha256sum"):
        done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_site_archive_is_reproducible(html, tmp_path):
    digests = []
    for n in (1, 2):
        out = tmp_path / f"d{n}"
        out.mkdir()
        digests.append(hashlib.sha256(release.site_archive(html, out, "0.2.0").read_bytes()).hexdigest())
        (html / "index.html").touch()  # a newer date changes nothing
    assert digests[0] == digests[1]


def test_a_book_without_its_pdf_is_refused_in_one_line(html, tmp_path, capsys):
    (html / release.PDF).unlink()
    code = release.main(["--html", str(html), "--dist", str(tmp_path / "dist"), "--sans-paquets"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "aaas.pdf" in err and "aaas build --pdf" in err
