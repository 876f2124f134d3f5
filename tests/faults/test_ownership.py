"""Ownership before deletion (issue 18, parts 1 and 2): the notebook cache is a folder the
tool owns, prune removes only what the tool wrote and never what a running build uses,
and every path is resolved before a removal or an adoption.

Each case is an observation of the fault trial; the user's files are hashed before and
after (:func:`~tests.faults.harness.digest_tree`): not a byte may be lost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aaas import datastore
from aaas.errors import OutputPathError
from aaas.publish import build, cache, variants
from tests.faults.harness import ROOT, digest_tree, refused
from tests.faults.inprocess import main
from tests.publish.conftest import mini_repo

KEY = "0123456789abcdef" * 4  # a cache key: 64 hexadecimal digits


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A minimal repository (one page, one notebook) with its own cache."""
    monkeypatch.delenv("AAAS_CACHE_DIR", raising=False)
    return mini_repo(tmp_path)


def older_notebook(folder: Path) -> Path:
    """A second notebook of the user's, older than the others (an old prune kept only the newest)."""
    path = folder / "brouillon.ipynb"
    path.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', encoding="utf-8")
    os.utime(path, (time.time() - 3600,) * 2)
    return path


# ----------------------------------------------------------------------------------
# AAAS_CACHE_DIR: a folder the tool owns
# ----------------------------------------------------------------------------------


def test_prune_with_aaas_cache_dir_on_a_users_folder_is_refused(user_folder, tmp_path, capsys, monkeypatch):
    """Observed: AAAS_CACHE_DIR=DIR aaas variants --prune 1 deleted the user's notebooks of DIR."""
    older_notebook(user_folder)
    before = digest_tree(user_folder)
    monkeypatch.setattr(datastore, "ROOT", tmp_path)  # no variant of the checkout is touched
    monkeypatch.setenv("AAAS_CACHE_DIR", str(user_folder))
    refused(main(capsys, "variants", "--prune", "1"), "AAAS_CACHE_DIR", str(user_folder))
    assert digest_tree(user_folder) == before


def test_the_checkouts_notebooks_are_never_the_cache(repo, tmp_path, monkeypatch):
    """Observed: AAAS_CACHE_DIR=<checkout>/notebooks: prune deleted the committed notebooks,
    and a build wrote its cache files there."""
    notebooks = repo / "notebooks"
    older_notebook(notebooks)
    before = digest_tree(notebooks)
    monkeypatch.setenv("AAAS_CACHE_DIR", str(notebooks))
    for action in (
        lambda: variants.prune_cache(repo, 1),
        lambda: build.build_book(root=repo, out=tmp_path / "livre", progress=quiet),
        lambda: build.build_book(root=repo, progress=quiet),
    ):
        with pytest.raises(OutputPathError) as err:
            action()
        assert "AAAS_CACHE_DIR" in str(err.value) and str(notebooks) in str(err.value)
        assert "\n" not in str(err.value)
    assert digest_tree(notebooks) == before
    assert not (tmp_path / "livre").exists()


def test_prune_removes_only_the_tools_entries(tmp_path):
    """In a cache the tool owns, a notebook the user dropped there later is not an entry."""
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / ".aaas-cache").write_text("", encoding="utf-8")  # cache.MARKER: a cache the tool owns
    entry = folder / f"{KEY}.ipynb"
    entry.write_text("{}", encoding="utf-8")
    (folder / "mon_analyse.ipynb").write_text("{}", encoding="utf-8")
    (folder / "photos").mkdir()
    (folder / "photos" / "1.jpg").write_bytes(b"\xff\xd8")
    users = ("mon_analyse.ipynb", "photos/1.jpg")
    before = {k: v for k, v in digest_tree(folder).items() if k in users}
    assert cache.prune_cache(folder, 0) == [entry]
    assert {k: v for k, v in digest_tree(folder).items() if k in users} == before


def test_a_default_cache_linked_to_a_users_folder_is_refused(repo, user_folder):
    """<root>/_build/cache as a link to a user's folder: resolved, refused, nothing deleted."""
    older_notebook(user_folder)
    before = digest_tree(user_folder)
    (repo / "_build").mkdir()
    (repo / "_build" / "cache").symlink_to(user_folder, target_is_directory=True)
    with pytest.raises(OutputPathError, match="cache des notebooks") as err:
        variants.prune_cache(repo, 0)
    assert str(user_folder) in str(err.value)
    assert digest_tree(user_folder) == before


def test_prune_never_follows_a_link_among_the_variants(repo, user_folder, tmp_path):
    """A link in _build/variants, or _build/variants itself a link, leads to folders the
    tool may not remove, even when they look like books (a marker)."""
    (user_folder / ".aaas-build").write_text("", encoding="utf-8")  # looks like a book
    before = digest_tree(user_folder)
    (repo / variants.VARIANTS_DIR).mkdir(parents=True)
    (repo / variants.VARIANTS_DIR / "lien").symlink_to(user_folder, target_is_directory=True)
    assert variants.prune(repo, 0) == []
    assert digest_tree(user_folder) == before
    elsewhere = tmp_path / "livres"
    (elsewhere / "utilisateur").mkdir(parents=True)
    (elsewhere / "utilisateur" / ".aaas-build").write_text("", encoding="utf-8")
    (elsewhere / "utilisateur" / "these.docx").write_bytes(b"PK")
    shutil.rmtree(repo / variants.VARIANTS_DIR)
    (repo / variants.VARIANTS_DIR).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputPathError, match="lien"):
        variants.prune(repo, 0)
    assert (elsewhere / "utilisateur" / "these.docx").is_file()


# ----------------------------------------------------------------------------------
# The default output folder behaves as --out does
# ----------------------------------------------------------------------------------


def test_a_default_book_folder_linked_to_a_users_folder_is_refused(repo, user_folder, capsys, monkeypatch):
    """Observed: _build/book as a link to an unmarked user folder: aaas build exited 0 and
    these.docx and photos/1.jpg were gone (the folder adopted and emptied)."""
    before = digest_tree(user_folder)
    (repo / "_build").mkdir()
    (repo / "_build" / "book").symlink_to(user_folder, target_is_directory=True)
    monkeypatch.setattr(build, "ROOT", repo)
    run = main(capsys, "build", "--sans-pdf")
    line = refused(run, str(user_folder), "n'est pas vide")
    assert "lien symbolique" in line
    assert digest_tree(user_folder) == before
    assert sorted(p.name for p in (repo / "_build").iterdir()) == ["book"]  # no cache, nothing written


# ----------------------------------------------------------------------------------
# Prune and build coordinate
# ----------------------------------------------------------------------------------

#: A prune keeping nothing, in its own process: ``python -c PRUNE ROOT``.
PRUNE = "import sys; from aaas.publish import variants as v; v.prune_cache(sys.argv[1], 0); v.prune(sys.argv[1], 0)"


def test_prune_during_a_build_spares_its_cache_entries_and_its_variant(repo):
    """Observed: aaas variants --prune 1 during aaas build --set population_bassin=36000
    removed the build's fresh cache entries; the build died (FileNotFoundError, stage.py)
    and no variant remained.

    Here a prune keeping nothing runs in another process at the worst moment: the
    notebook just executed into the cache, not yet read into the staged book.
    """
    pruned = []

    def progress(message: str) -> None:
        if message.startswith("[1/1]"):
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            done = subprocess.run([sys.executable, "-c", PRUNE, str(repo)], env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            pruned.append(message)

    index = build.build_book(root=repo, overrides={"population_bassin": 36000}, progress=progress)
    assert pruned and index.is_file()
    assert [v["path"] for v in variants.list_variants(repo)] == [index.parents[2]]
    assert len(list((repo / "_build" / "cache").glob("*.ipynb"))) == 1  # its entry, kept
    # Once the build is over, its entry is no longer protected.
    assert len(variants.prune_cache(repo, 0)) == 1 and variants.prune(repo, 0) == [index.parents[2]]
