"""The release files in ``dist/`` (``make release``): the wheel and the source archive, the
built book as an archive, its PDF and its spreadsheet, and their SHA-256 checksums.

    python tools/release.py [--html DIR] [--dist DIR] [--sans-paquets]

The book must be built first (``make release`` runs ``aaas build --pdf`` when its PDF is
missing); the wheel and the source archive are built by ``python -m build`` (setuptools-scm
gives their version from the tag ``vX.Y.Z``).  Every file is named with the version;
``SHA256SUMS`` is checked with ``sha256sum -c SHA256SUMS`` in ``dist/``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aaas import location  # noqa: E402 - the checkout's package, whatever the environment's

#: The built book (``make book``) and what is published beside its pages.
HTML = ROOT / "_build" / "book" / "_build" / "html"
PDF, CLASSEUR = "aaas.pdf", "aaas-tableaux.xlsx"
SOMMES = "SHA256SUMS"


class ReleaseError(Exception):
    """A release file cannot be made: one line saying what is missing."""


def site_archive(html: Path, dist: Path, version: str) -> Path:
    """The book's HTML as ``aaas-site-VERSION.tar.gz``: sorted, owner and dates fixed, so
    that the same book gives the same bytes."""
    name = f"aaas-site-{version}"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(html.rglob("*")):
            info = tar.gettarinfo(str(path), arcname=f"{name}/{path.relative_to(html).as_posix()}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = 0
            if path.is_file():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    out = dist / f"{name}.tar.gz"
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
        packed.write(buffer.getvalue())
    return out


def book_files(html: Path, dist: Path, version: str) -> list[Path]:
    """The book's archive, PDF and spreadsheet, copied into ``dist`` with the version in their names."""
    for needed in ("index.html", PDF, CLASSEUR):
        if not (html / needed).is_file():
            raise ReleaseError(f"{html / needed} introuvable : construire le livre d'abord (aaas build --pdf)")
    pdf, classeur = dist / f"aaas-{version}.pdf", dist / f"aaas-tableaux-{version}.xlsx"
    shutil.copyfile(html / PDF, pdf)
    shutil.copyfile(html / CLASSEUR, classeur)
    return [site_archive(html, dist, version), pdf, classeur]


def packages(dist: Path) -> list[Path]:
    """The wheel and the source archive of the checkout (``python -m build``)."""
    before = set(dist.iterdir())
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], check=True)
    return sorted(set(dist.iterdir()) - before)


def checksums(dist: Path) -> Path:
    """``SHA256SUMS``: the digest of every other file of ``dist``, in ``sha256sum``'s format."""
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n"
        for p in sorted(dist.iterdir())
        if p.is_file() and p.name != SOMMES
    ]
    out = dist / SOMMES
    out.write_text("".join(lines), encoding="utf-8")
    return out


def release(html: Path, dist: Path, version: str, build_packages: bool = True) -> list[Path]:
    """Every release file in a new ``dist`` (its former contents removed), checksums last."""
    if dist.exists():
        shutil.rmtree(dist)
    dist.mkdir(parents=True)
    made = book_files(html, dist, version)
    if build_packages:
        made += packages(dist)
    return [*made, checksums(dist)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="les fichiers de la publication dans dist/")
    parser.add_argument("--html", type=Path, default=HTML, help="le livre construit (_build/book/_build/html)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="le dossier des fichiers (dist)")
    parser.add_argument("--sans-paquets", action="store_true", help="sans la roue ni l'archive des sources")
    args = parser.parse_args(argv)
    try:
        made = release(args.html, args.dist, location.version(), not args.sans_paquets)
    except ReleaseError as exc:
        print(f"make release : {exc}", file=sys.stderr)
        return 2
    print("\n".join(str(p) for p in made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
