"""The README's architecture matches the tree: every path it names exists, and its
Architecture section names every subpackage and top-level module of ``aaas/``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The folders of the repository whose paths the README names in backticks.
FOLDERS = ("aaas", "tests", "data", "benchmarks", "notebooks", "tools", "payroll", "scenarios", "book")
#: Paths named that a checkout does not hold, with the reason.
ELSEWHERE = {
    "aaas/_data": "the copy of data/ inside a built wheel (setup.py)",
    "aaas/_scenarios": "the copy of scenarios/ inside a built wheel (setup.py)",
}
PATH = re.compile(rf"`((?:{'|'.join(FOLDERS)})/[A-Za-z0-9_./-]*)`")


def _section(title: str) -> str:
    """The text of the README's section ``## title`` (up to the next ``## ``)."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else len(README)]


def named_paths(text: str) -> list[str]:
    """The repository paths a text names in backticks (no glob, no placeholder).

    >>> named_paths("see `aaas/cli/` and `data/*.csv`, `aaas.evaluate`, `tests/x.py`")
    ['aaas/cli/', 'tests/x.py']
    """
    return [p for p in PATH.findall(text) if "*" not in p]


@pytest.mark.parametrize("rel", sorted(set(named_paths(README))))
def test_every_path_the_readme_names_exists(rel):
    if rel.rstrip("/") in ELSEWHERE:
        return
    path = ROOT / rel
    assert path.exists(), f"README.md names `{rel}`, which does not exist"
    if rel.endswith("/"):
        assert path.is_dir(), f"`{rel}` is not a folder"


def _members() -> list[str]:
    """Every subpackage (``aaas/x/``) and top-level module (``aaas/x.py``) of the package."""
    package = ROOT / "aaas"
    subpackages = [f"aaas/{p.name}/" for p in package.iterdir() if (p / "__init__.py").is_file()]
    modules = [f"aaas/{p.name}" for p in package.glob("*.py")]
    return sorted(subpackages + modules)


@pytest.mark.parametrize("rel", _members())
def test_the_architecture_names_every_subpackage_and_module(rel):
    assert rel in named_paths(_section("Architecture")), f"the README's Architecture section does not name `{rel}`"


def _submodules() -> list[str]:
    """Every module of every subpackage (``aaas/models/sheet.py``), but the notebook helpers',
    which the Architecture section describes as a whole."""
    return sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "aaas").glob("*/*.py")
        if p.name != "__init__.py" and p.parent.name != "notebook"
    )


@pytest.mark.parametrize("rel", _submodules())
def test_the_architecture_names_every_module_of_a_subpackage(rel):
    """By its name in backticks (`` `sheet` ``, `` `engine.evaluate_draws` ``) or its path."""
    name = Path(rel).stem
    section = _section("Architecture")
    assert rel in named_paths(section) or re.search(rf"`{re.escape(name)}[`.]", section), rel


def test_the_architecture_names_no_former_module():
    """A module that became a package is named as a folder (``aaas/cli/``, not ``aaas/cli.py``)."""
    for rel in named_paths(_section("Architecture")):
        if rel.startswith("aaas/") and rel.endswith(".py"):
            assert not (ROOT / rel.removesuffix(".py")).is_dir(), rel


def test_the_scan_sees_a_missing_path():
    assert named_paths("`aaas/cli.py` and `aaas/nowhere/`") == ["aaas/cli.py", "aaas/nowhere/"]
    assert not (ROOT / "aaas/cli.py").exists() and "aaas/atlas/" in _members()
