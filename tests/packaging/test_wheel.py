"""The package installed from a wheel, outside the checkout, as a researcher installs it.

A wheel is built from this checkout into a temporary folder, installed without its extras
into a new virtual environment of the oldest supported Python (3.11) made outside the
checkout, and the commands are run from a folder outside the checkout: the data come from
the package (``aaas/_data``), the validation stamp goes to the user's cache, nothing is
written into the installation.  The dependencies come from the package registries or
pip's cache, as ``make setup`` takes them, pinned by ``requirements-core.txt``.

Never skipped: a missing interpreter fails with a line saying which one to install.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging import interpreters

ROOT = Path(__file__).resolve().parents[2]
#: The second test environment of ``make setup`` (setuptools and setuptools-scm in it build
#: the wheel without a build environment of its own); without it, pip builds in isolation.
VENV_NEWEST = ROOT / ".venv-3.13"
#: Bound of each command's run (the first ``aaas check`` compiles and validates: about 10 s).
DELAI = 300


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what would show the checkout to a child
    (``PYTHONPATH``: pip would take the checkout's ``aaas.egg-info`` for an installed aaas)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "AAAS_", "VIRTUAL_ENV"))}
    return {**env, **extra}


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = env or clean_env()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=DELAI)
    assert done.returncode == 0, f"{' '.join(command)} : code {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr}"
    return done


#: What the wheel is built from (setuptools writes ``build/`` and ``aaas.egg-info`` beside
#: its sources: a copy of these is built, never the checkout itself).
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "aaas", "data", "scenarios")


def build_wheel(out: Path) -> Path:
    """A wheel of this checkout's working tree, built into ``out`` with the version git
    gives the checkout (setuptools-scm's, :func:`aaas.location.version`)."""
    from aaas import location

    source = out / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    builder = VENV_NEWEST / "bin" / "python"
    if builder.exists():
        command = [str(builder), "-m", "pip", "wheel", "--no-build-isolation"]
    else:
        command = [sys.executable, "-m", "pip", "wheel"]
    command += ["--no-deps", "--quiet", "--disable-pip-version-check", "-w", str(out), str(source)]
    _run(command, cwd=out, env=clean_env(SETUPTOOLS_SCM_PRETEND_VERSION=location.version()))
    (wheel,) = out.glob("aaas-*.whl")
    return wheel


def site_digest(venv: Path) -> dict[str, str]:
    """SHA-256 of every file of the environment's site-packages, and the modification time
    of every folder (a file made and removed again, a probe, changes its folder's).  pip
    compiled every module at install: Python itself writes no bytecode there."""
    (site,) = venv.glob("lib/python3.*/site-packages")
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else str(p.stat().st_mtime_ns)
        for p in sorted([site, *site.rglob("*")])
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(aaas script, environment of its commands, folder to run in, wheel, site digest before)."""
    python = interpreters.find(interpreters.OLDEST)
    if python is None:
        pytest.fail(interpreters.missing(interpreters.OLDEST))
    base = tmp_path_factory.mktemp("installation")
    assert ROOT not in base.parents, "the test environment must lie outside the checkout"
    wheel = build_wheel(base)
    venv = base / "venv"
    _run([python, "-m", "venv", "--without-pip", str(venv)], cwd=base)
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet"]
    pip += ["--disable-pip-version-check", "-c", str(ROOT / "requirements-core.txt"), str(wheel)]
    _run(pip, cwd=base)
    elsewhere = base / "ailleurs"
    elsewhere.mkdir()
    env = clean_env(XDG_CACHE_HOME=str(base / "cache"), PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    return venv / "bin" / "aaas", env, elsewhere, wheel, site_digest(venv)


def aaas(installed, *args: str) -> subprocess.CompletedProcess:
    script, env, elsewhere, *_ = installed
    return _run([str(script), *args], cwd=elsewhere, env=env)


def test_the_wheel_carries_the_data_and_the_scenarios(installed):
    wheel = installed[3]
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in (("data", "aaas/_data"), ("scenarios", "aaas/_scenarios")):
        shipped = {p.name for p in (ROOT / folder).iterdir() if p.is_file()}
        assert shipped and {f"{package}/{n}" for n in shipped} <= names, folder
    assert not any(n.startswith(("tests/", "notebooks/", "data/")) for n in names)


def test_version_is_the_wheels(installed):
    version = installed[3].name.split("-")[1]
    assert aaas(installed, "--version").stdout.strip() == f"aaas {version}"


def test_check_passes_outside_the_checkout(installed):
    out = aaas(installed, "check").stdout
    assert "vérification réussie" in out
    stamps = list((Path(installed[1]["XDG_CACHE_HOME"]) / "aaas" / "data").glob("*.json"))
    assert len(stamps) == 1, "the validation stamp goes to the user's cache"


@pytest.mark.parametrize(("convention", "total"), [("rapport", 404_565), ("corrige", 391_636)])
def test_the_totals_from_the_packaged_data(installed, convention, total):
    payload = json.loads(aaas(installed, "tables", "synthese", "--format", "json", "--convention", convention).stdout)
    rows = payload["tableaux"]["synthese"]["lignes"]
    assert {round(r["recalcule"]) for r in rows if r["variable"] == "total"} == {total}
    provenance = payload["provenance"]
    assert provenance["commit"] == "inconnu" and provenance["version"] == installed[3].name.split("-")[1]


def test_monte_carlo_and_sec_on_the_core_install(installed):
    assert "total" in aaas(installed, "sensitivity", "montecarlo", "--draws", "300").stdout
    named = aaas(installed, "sensitivity", "scenarios", "--format", "csv").stdout  # the packaged scenarios/
    assert all(f"\n{p.stem}," in named for p in (ROOT / "scenarios").glob("*.yaml"))
    out = aaas(installed, "sec", "--file-active-mg", "4000", "--taux-pauvrete", "0.2").stdout
    assert "€" in out


def test_the_spreadsheet_names_its_extra(installed, tmp_path):
    script, env, elsewhere, *_ = installed
    done = subprocess.run(
        [str(script), "tables", "--format", "xlsx", "--out", str(tmp_path / "t.xlsx")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=DELAI,
    )
    assert done.returncode == 2 and 'pip install "aaas[tableur]"' in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_nothing_is_written_into_the_installation(installed):
    """Last of the module: every command above has run; then the others that could write."""
    assert aaas(installed, "variants", "--prune", "1").stdout.startswith("0 ")
    for command in (["params"], ["compare", "rapport", "corrige"], ["financements"], ["sensitivity", "oneway"]):
        aaas(installed, *command, "--format", "json")
    venv = installed[0].parent.parent
    assert site_digest(venv) == installed[4]
