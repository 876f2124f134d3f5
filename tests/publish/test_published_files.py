"""What a published book holds: no path of the machine that built it, and the same bytes
for the same inputs (aaas/publish/executed.clean_executed, build.papermill_parameters).

Observed before: the downloadable notebooks (``_build/html/_sources/notebooks/*.ipynb``)
held papermill's absolute input and output paths (the checkout, the cache) and, with a
scenario file, its absolute path in the injected-parameters cell and the metadata.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from aaas.publish import build
from aaas.publish.build import build_book

ROOT = build.ROOT


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


def files_holding(folder: Path, needles: list[str]) -> dict[str, list[str]]:
    """Files under ``folder`` whose bytes hold one of ``needles``, with the needles found."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            hits = [n for n in needles if n.encode() in content]
            if hits:
                found[path.relative_to(folder).as_posix()] = hits
    return found


def notebooks(index: Path) -> dict[str, bytes]:
    folder = index.parent / "_sources" / "notebooks"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.ipynb"))}


def test_a_published_variant_holds_no_absolute_path(make_repo, tmp_path, monkeypatch):
    root = make_repo()
    scenarios = tmp_path / "mes scenarios"
    scenarios.mkdir()
    (scenarios / "territoire_rural.yaml").write_text("population_bassin: 30000\n", encoding="utf-8")
    out = tmp_path / "sortie"
    monkeypatch.chdir(scenarios)
    index = build_book("territoire_rural.yaml", root=root, out=out, progress=quiet)
    site = out / "_build" / "html"
    assert notebooks(index), "aucun notebook publié"
    needles = [str(tmp_path), str(root), str(out), str(scenarios), str(ROOT)]
    assert files_holding(site, needles) == {}
    record = json.loads(notebooks(index)["essai.ipynb"])["metadata"]["papermill"]
    assert record["input_path"] == record["output_path"] == "notebooks/essai.ipynb"
    injected = {"scenario_file": "", "convention": "rapport", "overrides": {"population_bassin": 30000.0}}
    assert record["parameters"] == injected
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["scenario_file"] == "territoire_rural.yaml" and manifest["name"].startswith("territoire_rural-")
    assert str(tmp_path) not in json.dumps(manifest)


def test_the_same_inputs_give_the_same_published_notebooks(make_repo, tmp_path, monkeypatch):
    root = make_repo()
    first = build_book(root=root, out=tmp_path / "un", overrides={"population_bassin": 30000}, progress=quiet)
    # Elsewhere, executed afresh (another cache), from a copy of the repository.
    monkeypatch.setenv("AAAS_CACHE_DIR", str(tmp_path / "autre-cache"))
    other = shutil.copytree(root, tmp_path / "copie", ignore=shutil.ignore_patterns("_build", "__pycache__"))
    second = build_book(root=other, out=tmp_path / "deux", overrides={"population_bassin": 30000}, progress=quiet)
    assert list((tmp_path / "autre-cache").glob("*.ipynb")), "non réexécuté"
    assert notebooks(first) == notebooks(second)
