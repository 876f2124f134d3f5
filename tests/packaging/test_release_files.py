"""The release files a researcher cites: LICENSE, CITATION.cff (validated by cffconvert),
CHANGELOG.md, publiccode.yml (standard v0.4), agreeing with each other, with pyproject.toml
and with the version git gives (:func:`aaas.location.release`)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from aaas import cli, location
from tests.packaging import interpreters

ROOT = Path(__file__).resolve().parents[2]
#: cffconvert lives in the second test environment (its jsonschema 3 conflicts with the full stack's).
CFFCONVERT = ROOT / ".venv-3.13" / "bin" / "cffconvert"
LICENCES = ["MIT", "etalab-2.0"]


def _yaml(name: str):
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_for_cffconvert(tmp_path):
    assert CFFCONVERT.exists(), f"{CFFCONVERT} introuvable : lancer « make setup » (requirements-core.txt)"
    command = [str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "CITATION.cff"  # the validator does refuse a licence that is not SPDX
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("etalab-2.0", "etalab-9"), "utf-8")
    assert subprocess.run([*command[:-1], str(broken)], capture_output=True, timeout=60).returncode != 0


def test_citation_names_the_release_its_date_and_licences(project):
    cff = _yaml("CITATION.cff")
    assert cff["version"] == location.release()
    assert dt.date.fromisoformat(str(cff["date-released"])) <= dt.date.today()
    assert cff["license"] == LICENCES and project["project"]["license"] == " AND ".join(LICENCES)


def test_publiccode_has_the_keys_of_the_standard_and_agrees():
    code = _yaml("publiccode.yml")
    required = {
        "publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus",
        "softwareType", "description", "legal", "maintenance", "localisation",
    }  # fmt: skip
    assert required <= set(code) and code["publiccodeYmlVersion"] == "0.4"
    fr = code["description"]["fr"]
    assert {"shortDescription", "longDescription", "features"} <= set(fr) and len(fr["shortDescription"]) <= 150
    assert 150 <= len(fr["longDescription"]) <= 10_000
    assert code["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert code["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert {"localisationReady", "availableLanguages"} <= set(code["localisation"])
    cff = _yaml("CITATION.cff")
    assert code["softwareVersion"] == cff["version"] and str(code["releaseDate"]) == str(cff["date-released"])
    assert code["legal"]["license"] == " AND ".join(LICENCES)
    python = code["dependsOn"]["open"][0]
    assert (python["versionMin"], python["versionMax"]) == (interpreters.OLDEST, interpreters.NEWEST)


def test_the_changelog_has_this_release_and_the_earlier_one():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](?: — (\S+))?", text, flags=re.M)
    released = (location.release(), str(_yaml("CITATION.cff")["date-released"]))
    assert ("Non publié", location.release()) in headings or released in headings, headings
    assert any(h[0] == "0.1.0" for h in headings)
    for section in ("### Ajouté", "### Modifié"):
        assert section in text


def test_licence_code_mit_and_data_licence_ouverte():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in text and "Licence Ouverte / Open Licence version 2.0" in text


def test_python_versions_and_extras_are_the_ones_tested_and_documented(project):
    meta = project["project"]
    assert meta["requires-python"] == f">={interpreters.OLDEST}"
    minors = range(int(interpreters.OLDEST.split(".")[1]), int(interpreters.NEWEST.split(".")[1]) + 1)
    assert {f"Programming Language :: Python :: 3.{m}" for m in minors} <= set(meta["classifiers"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for extra in set(cli.EXTRAS.values()):
        assert f'pip install "aaas[{extra}]"' in readme or f"aaas[{extra}]" in readme, extra
    assert f"Python {interpreters.OLDEST}" in readme and interpreters.NEWEST in readme


def test_the_checkouts_version_is_setuptools_scms():
    """``aaas --version`` in the checkout and the version of a wheel built from it agree
    (the public part: the local part's hash length and the date of a dirty tree may differ)."""
    scm = ROOT / ".venv-3.13" / "bin" / "python"
    assert scm.exists(), f"{scm} introuvable : lancer « make setup » (requirements-core.txt)"
    done = subprocess.run([str(scm), "-m", "setuptools_scm"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    built = done.stdout.strip().splitlines()[-1]
    assert location.version().split("+")[0] == built.split("+")[0]
    assert built.split("+")[0].startswith(location.release().rsplit(".", 1)[0])


def test_the_readmes_citation_is_the_books():
    from aaas.publish.notebook import citation

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Comment citer") :].split("\n## ", 1)[0]
    quoted = " ".join(line[2:] for line in section.splitlines() if line.startswith("> "))
    for part in (citation.AUTEUR, citation.TITRE, citation.TITRE_RAPPORT, citation.LICENCE_CONTENU):
        assert part in quoted, part
    assert f"version {location.release()}" in quoted and f"licence {citation.LICENCE_CODE}" in quoted
