"""Where a book may be written: the output folder is checked before any notebook runs,
and a build writes only inside a folder it owns (aaas/publish/outdir.py).

Most refusals are checked on the real repository (they happen before anything runs);
the builds run on a minimal temporary repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aaas.errors import OutputPathError, ParameterError
from aaas.present import exports
from aaas.publish import build, outdir
from aaas.publish.build import build_book

ROOT = build.ROOT


class Recorder(list):
    """Progress callback recording the messages: empty if nothing ran."""

    def __call__(self, message: str) -> None:
        self.append(message)


def tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes | None]:
    """Every file (content) and folder (None) under ``folder``, by relative path."""
    found: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if any(rel == s or rel.startswith(s + "/") for s in skip) or "__pycache__" in path.parts:
            continue
        found[rel] = path.read_bytes() if path.is_file() else None
    return found


def refused(**kwargs) -> str:
    """Build with ``kwargs``; assert a one-line OutputPathError before anything ran; return it."""
    messages = Recorder()
    with pytest.raises(OutputPathError) as err:
        build_book(progress=messages, **kwargs)
    message = str(err.value)
    assert "\n" not in message and message.startswith("--out « ")
    assert messages == [], "quelque chose a tourné avant le refus"
    return message


# ----------------------------------------------------------------------------------
# Refusals, before any notebook runs
# ----------------------------------------------------------------------------------


def test_user_files_in_a_foreign_folder_are_never_deleted(tmp_path):
    """Observed: build_book(out=DIR) deleted DIR/src/book/chapitre_perso.md."""
    out = tmp_path / "livre"
    (out / "src" / "book").mkdir(parents=True)
    (out / "src" / "book" / "chapitre_perso.md").write_text("# Mon chapitre\n", encoding="utf-8")
    before = tree(out)
    message = refused(out=out)
    assert "n'est pas vide" in message and outdir.MARKER in message
    assert tree(out) == before


@pytest.mark.parametrize("where", ["root", "dot", "parent"])
def test_the_repository_or_a_folder_containing_it_is_refused(where, monkeypatch):
    """Observed: --out . in the repository left src/, .build-key, jupyter-book.log there."""
    monkeypatch.chdir(ROOT)
    out = {"root": ROOT, "dot": ".", "parent": ROOT.parent}[where]
    before = {p.name for p in ROOT.iterdir()}
    assert "le dépôt lui-même ou le contient" in refused(out=out)
    assert {p.name for p in ROOT.iterdir()} == before


@pytest.mark.parametrize("target", ["/dev/null", "/proc/aaas-livre", "/sys/aaas-livre", "/dev/aaas-livre"])
def test_system_places_are_refused(target):
    """Observed: --out /dev/null, /proc/x, /sys/x ended in a traceback after the notebooks ran."""
    refused(out=target)
    assert not Path(target).exists() or target == "/dev/null"


def test_a_file_is_refused(tmp_path):
    out = tmp_path / "livre.html"
    out.write_text("pas un dossier", encoding="utf-8")
    assert "est un fichier, pas un dossier" in refused(out=out)
    assert "ne peut pas être créé" in refused(out=out / "sous-dossier")
    assert out.read_text(encoding="utf-8") == "pas un dossier"


@pytest.mark.parametrize("name", ["book", "data", "notebooks", "aaas"])
def test_the_repository_sources_are_refused(name):
    out = ROOT / name / "livre"
    assert f"sources du dépôt ({name}/)" in refused(out=out)
    assert not out.exists()


def test_a_folder_inside_another_book_is_refused(tmp_path):
    book = tmp_path / "livre"
    book.mkdir()
    (book / outdir.MARKER).write_text(outdir.MARKER_TEXT, encoding="utf-8")
    assert "à l'intérieur d'un autre livre" in refused(out=book / "_build" / "html")
    assert not (book / "_build").exists()


def test_the_notebook_cache_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("AAAS_CACHE_DIR", str(tmp_path / "cache"))
    assert "recouvre le cache des notebooks" in refused(out=tmp_path / "cache")
    assert "recouvre le cache des notebooks" in refused(out=tmp_path / "cache" / "livre")


def test_an_unwritable_place_is_refused(tmp_path, monkeypatch):
    def no_write(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(exports.tempfile, "mkdtemp", no_write)
    assert "écriture impossible dans" in refused(out=tmp_path / "livre")
    assert not (tmp_path / "livre").exists()


@pytest.mark.parametrize("jobs", [0, -2, 1.5, True, 33])
def test_jobs_outside_their_range_are_refused_on_one_line(jobs, tmp_path):
    with pytest.raises(ParameterError) as err:
        build_book(out=tmp_path / "livre", jobs=jobs, progress=Recorder())
    assert "--jobs" in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "livre").exists()


def test_check_accepts_new_empty_and_owned_folders(tmp_path):
    outdir.check(tmp_path / "nouveau" / "livre", ROOT)
    (tmp_path / "vide").mkdir()
    outdir.check(tmp_path / "vide", ROOT)
    (tmp_path / "vide" / outdir.MARKER).write_text("", encoding="utf-8")
    (tmp_path / "vide" / "autre.txt").write_text("", encoding="utf-8")
    outdir.check(tmp_path / "vide", ROOT)
    outdir.check(ROOT / "_build" / "livre", ROOT)  # the build's own folder


# ----------------------------------------------------------------------------------
# Builds write only in their folder and the cache
# ----------------------------------------------------------------------------------


def test_a_build_writes_only_in_its_folder_and_the_cache(make_repo, tmp_path):
    root = make_repo()
    before = tree(root)
    out = tmp_path / "ailleurs" / "livre"
    (tmp_path / "voisin.txt").write_text("à garder", encoding="utf-8")
    index = build_book(root=root, out=out, progress=Recorder())
    assert index == out / "_build" / "html" / "index.html" and index.is_file()
    assert tree(root, skip=("_build",)) == before
    assert sorted(p.name for p in (root / "_build").iterdir()) == ["cache"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ailleurs", "repo", "voisin.txt"]
    assert (out / outdir.MARKER).is_file()
    # The folder is now owned: building again into it is accepted.
    build_book(root=root, out=out, progress=Recorder())
    # An empty folder the user made is accepted too.
    (tmp_path / "vide").mkdir()
    assert build_book(root=root, out=tmp_path / "vide", progress=Recorder()).is_file()


def test_a_failed_build_removes_the_folder_it_created(make_repo, make_notebook, tmp_path):
    from nbformat.v4 import new_code_cell

    root = make_repo(make_notebook("boum", new_code_cell("1 / 0")), "boum")
    out = tmp_path / "nouveau" / "livre"
    with pytest.raises(Exception, match="ZeroDivisionError"):
        build_book(root=root, out=out, progress=Recorder())
    assert not (tmp_path / "nouveau").exists()


@pytest.mark.parametrize("named", [False, True])
def test_the_default_folder_of_an_older_version_is_adopted(make_repo, named):
    """_build/book made by an earlier version (no marker) belongs to the build: reused,
    whether it is chosen by default or named with --out."""
    root = make_repo()
    old = root / "_build" / "book"
    (old / "src" / "book").mkdir(parents=True)
    (old / "src" / "book" / "intro.md").write_text("# Vieux\n", encoding="utf-8")
    (old / ".build-key").write_text("0" * 64, encoding="utf-8")
    index = build_book(root=root, out=old if named else None, progress=Recorder())
    assert index == old / "_build" / "html" / "index.html" and index.is_file()
    assert outdir.is_owned(old) and not (old / "src").exists()


def test_claimed_folder_is_marked_and_locked(tmp_path):
    path = tmp_path / "livre"
    with outdir.claimed(path) as out:
        assert out.path == path and outdir.is_owned(path)
        assert os.path.isfile(path / ".aaas-lock")
    assert outdir.is_owned(path)  # kept: it will receive a book
