"""Named variants (aaas/publish/variants.py) and the notebook cache (aaas/publish/cache.py):
folder names, manifests, listing, pruning, the cache's location and key, stale copies."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aaas import datastore, provenance
from aaas.errors import InputError, OutputPathError
from aaas.models import scenario as scenarios
from aaas.publish import build, cache, lock, outdir, variants
from aaas.publish.build import build_book

ROOT = build.ROOT


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


def fake_variant(root: Path, name: str, used: float, marked: bool = True, size: int = 10) -> Path:
    """A variant folder as a build leaves it, last used at ``used`` (seconds since the epoch)."""
    folder = root / variants.VARIANTS_DIR / name
    (folder / "_build" / "html").mkdir(parents=True)
    (folder / "_build" / "html" / "index.html").write_bytes(b"x" * size)
    variants.write_manifest(folder / "manifest.json", {"name": name, "parameters": {"file_active": 250.0}})
    if marked:
        (folder / outdir.MARKER).write_text(outdir.MARKER_TEXT, encoding="utf-8")
        os.utime(folder / outdir.MARKER, (used, used))
    return folder


# ----------------------------------------------------------------------------------
# Names and manifests
# ----------------------------------------------------------------------------------


def test_a_scenario_file_names_its_variant_folder(make_repo, tmp_path, monkeypatch):
    root = make_repo()
    (tmp_path / "territoire_rural.yaml").write_text("population_bassin: 30000\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    index = build_book("territoire_rural.yaml", root=root, progress=quiet)
    scenario = scenarios.resolve("territoire_rural.yaml")
    folder = root / "_build" / "variants" / f"territoire_rural-{scenario.hash()}"
    assert index == folder / "_build" / "html" / "index.html"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == folder.name and manifest["convention"] == "rapport"
    assert manifest["parameters"] == {"population_bassin": 30000.0}
    assert manifest["scenario_file"] == "territoire_rural.yaml"
    assert manifest["parameters_hash"] == scenario.hash()
    assert manifest["date"].endswith("+00:00")
    assert set(manifest["provenance"]) == set(provenance.stamp())
    assert manifest["provenance"]["empreinte_donnees"] == cache.data_digest(root)

    corrige = scenarios.resolve("territoire_rural.yaml", None, "corrige")
    assert variants.variant_name(corrige, "corrige") == f"territoire_rural-{corrige.hash()}-corrige"
    only_set = scenarios.resolve(None, {"population_bassin": 30000})
    assert variants.variant_name(only_set, "rapport") == f"variante-{only_set.hash()}"


# ----------------------------------------------------------------------------------
# Listing and pruning
# ----------------------------------------------------------------------------------


def test_list_variants_newest_first_with_size_and_changes(tmp_path):
    now = time.time()
    fake_variant(tmp_path, "ancienne-111", now - 3600, size=100)
    fake_variant(tmp_path, "recente-222", now, size=10)
    fake_variant(tmp_path, "etrangere", now, marked=False)
    (tmp_path / variants.VARIANTS_DIR / "fichier.txt").write_text("", encoding="utf-8")
    found = variants.list_variants(tmp_path)
    assert [v["name"] for v in found] == ["recente-222", "ancienne-111"]
    first = found[0]
    assert set(first) == {"name", "convention", "parameters", "scenario_file", "date", "used", "size", "path"}
    assert first["parameters"] == {"file_active": 250.0}
    assert first["path"] == tmp_path / variants.VARIANTS_DIR / "recente-222"
    assert found[1]["size"] > 100  # the page, the manifest and the marker
    assert variants.list_variants(tmp_path / "vide") == []


def test_prune_keeps_the_newest_marked_free_folders(tmp_path):
    now = time.time()
    folders = [fake_variant(tmp_path, f"v{i}", now - 100 * i) for i in range(4)]
    foreign = fake_variant(tmp_path, "etrangere", now - 1000, marked=False)
    with lock.locked(folders[3]):  # being built: kept
        removed = variants.prune(tmp_path, 1)
    assert removed == [folders[1], folders[2]]
    assert [p.exists() for p in folders] == [True, False, False, True] and foreign.exists()
    assert not [p for p in (tmp_path / variants.VARIANTS_DIR).iterdir() if p.name.startswith(".")]
    assert variants.prune(tmp_path, 5) == []
    for bad in (-1, 1.5, "2", True):
        with pytest.raises(InputError):
            variants.prune(tmp_path, bad)


def test_prune_cache_keeps_the_notebooks_of_the_latest_builds(make_repo):
    root = make_repo()
    build_book(root=root, progress=quiet)
    build_book(root=root, overrides={"population_bassin": 30000}, progress=quiet)
    folder = root / "_build" / "cache"
    newest = {p.name for p in folder.glob("*.ipynb")}
    assert len(newest) == 2
    build_book(root=root, progress=quiet)  # the first build's notebook is used again: now the newest
    removed = variants.prune_cache(root, 1)
    assert len(removed) == 1 and not removed[0].exists()
    kept = list(folder.glob("*.ipynb"))
    assert len(kept) == 1 and kept[0] != removed[0]
    messages: list[str] = []
    build_book(root=root, progress=messages.append)
    assert any("en cache" in m for m in messages), messages
    assert variants.prune_cache(root, 0) and not list(folder.glob("*.ipynb"))


# ----------------------------------------------------------------------------------
# The cache: location, key, stale copies
# ----------------------------------------------------------------------------------


def test_the_cache_follows_aaas_cache_dir(make_repo, tmp_path, monkeypatch):
    root = make_repo()
    monkeypatch.setenv("AAAS_CACHE_DIR", str(tmp_path / "cache partagé"))
    build_book(root=root, out=tmp_path / "livre", progress=quiet)
    assert len(list((tmp_path / "cache partagé").glob("*.ipynb"))) == 1
    assert not (root / "_build").exists()
    monkeypatch.setenv("AAAS_CACHE_DIR", "/proc/impossible")
    with pytest.raises(OutputPathError, match="AAAS_CACHE_DIR"):
        build_book(root=root, out=tmp_path / "livre", progress=quiet)


def test_a_read_only_checkout_caches_elsewhere(tmp_path, monkeypatch):
    checkout = tmp_path / "depot"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    writable = {checkout / "_build" / "cache": False}
    monkeypatch.setattr(cache, "_writable", lambda folder: writable.get(folder, True))
    assert cache.cache_dir(checkout, tmp_path / "livre") == tmp_path / "xdg" / "aaas" / "notebooks"
    writable[tmp_path / "xdg" / "aaas" / "notebooks"] = False
    assert cache.cache_dir(checkout, tmp_path / "livre") == tmp_path / "livre" / ".cache"
    outdir.check(tmp_path / "livre", ROOT, cache=tmp_path / "livre" / ".cache")  # its own cache: accepted


def test_the_cache_key_covers_the_data_folder(make_repo, tmp_path, monkeypatch):
    before = cache.environment_digest(ROOT, {}, "rapport")
    data = shutil.copytree(datastore.data_dir(), tmp_path / "donnees")
    monkeypatch.setenv("AAAS_DATA_DIR", str(data))
    assert cache.environment_digest(ROOT, {}, "rapport") == before  # same files
    with open(data / "parameters.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert cache.environment_digest(ROOT, {}, "rapport") != before
    monkeypatch.delenv("AAAS_DATA_DIR")
    root = make_repo()
    copy = cache.environment_digest(root, {}, "rapport")
    (root / "data" / "parameters.csv").write_text("autre\n", encoding="utf-8")
    assert cache.environment_digest(root, {}, "rapport") != copy
    assert cache.environment_digest(root, {"overrides": {"x": 1.0}}, "rapport") != cache.environment_digest(
        root, {"overrides": {"x": 2.0}}, "rapport"
    )


def test_stale_partial_copies_are_swept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    key = "ab" * 32
    gone = tmp_path / f"{key}.{dead.stdout.strip()}-1{cache.PARTIAL_SUFFIX}"
    mine = tmp_path / f"{key}.{os.getpid()}-1{cache.PARTIAL_SUFFIX}"
    old = tmp_path / f"{'de' * 32}.{os.getpid()}-2{cache.PARTIAL_SUFFIX}"
    foreign = tmp_path / f"mon_essai.{dead.stdout.strip()}-1{cache.PARTIAL_SUFFIX}"  # not a name the tool writes
    for path in (gone, mine, old, foreign):
        path.write_text("{}", encoding="utf-8")
    os.utime(old, (time.time() - 2 * cache.PARTIAL_MAX_AGE_S,) * 2)
    assert sorted(cache.sweep_partials(tmp_path)) == sorted([gone, old])
    assert mine.exists() and foreign.exists()


def test_the_command_lists_and_prunes_variants(tmp_path, monkeypatch, capsys):
    from aaas import cli

    monkeypatch.setattr(datastore, "ROOT", tmp_path)
    assert cli.main(["variants"]) == 0
    assert "Aucune variante" in capsys.readouterr().out
    now = time.time()
    for i in range(3):
        fake_variant(tmp_path, f"territoire-{i}", now - 100 * i, size=2_000_000)
    assert cli.main(["variants"]) == 0
    out = capsys.readouterr().out
    assert out.index("territoire-0") < out.index("territoire-1") < out.index("territoire-2")
    assert "file_active = 250" in out and "2,0 Mo" in out
    assert cli.main(["variants", "--prune", "1"]) == 0
    assert "2 élément(s) supprimé(s)" in capsys.readouterr().out
    assert [v["name"] for v in variants.list_variants(tmp_path)] == ["territoire-0"]
    assert cli.main(["variants", "--prune", "0"]) == 2
