"""Every output path checked the same way (issue 18, part 5): an export (``aaas tables
--format xlsx --out``), a book's folder (``aaas build --out``, the default variant folder)
and the notebook cache meet one check (:func:`aaas.present.exports.check_output_path`):
system places, unwritable places, names and paths beyond the file system's limits are
refused with one French line naming the path, before any work; temporary names stay
within the limits.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aaas.errors import OutputPathError
from aaas.present import exports
from aaas.publish import build, outdir, variants
from tests.faults.harness import aaas, clean, refused
from tests.faults.inprocess import main
from tests.publish.conftest import mini_repo

NAME_MAX = 255


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A minimal repository (one page, one notebook), built by ``aaas build`` in this process."""
    monkeypatch.delenv("AAAS_CACHE_DIR", raising=False)
    root = mini_repo(tmp_path)
    monkeypatch.setattr(build, "ROOT", root)
    return root


def deep(base: Path, length: int) -> Path:
    """A path under ``base`` of about ``length`` characters (folders of 100 characters)."""
    parts = ["d" * 99] * max(1, (length - len(str(base))) // 100)
    return base.joinpath(*parts, "x.xlsx")


# ----------------------------------------------------------------------------------
# Exports: aaas tables --format xlsx --out
# ----------------------------------------------------------------------------------


def test_an_export_into_dev_is_refused_and_writes_nothing():
    """Observed: --out /dev/null.xlsx wrote a 78 kB file into /dev (builds refused /dev, exports did not)."""
    target = Path("/dev/aaas-essai-null.xlsx")
    try:
        line = refused(aaas("tables", "--format", "xlsx", "--out", str(target)), "--out", str(target))
        assert "emplacement système" in line
        assert not target.exists()
    finally:
        target.unlink(missing_ok=True)  # even if it failed: never leave a file in /dev


@pytest.mark.parametrize("target", ["/sys/x.xlsx", "/proc/x.xlsx"])
def test_an_export_into_a_system_place_is_refused(target, capsys):
    """Observed: --format xlsx --out /sys/x.xlsx ended in a PermissionError traceback."""
    refused(main(capsys, "tables", "--format", "xlsx", "--out", target), "--out", target)
    assert not Path(target).exists()


@pytest.mark.parametrize(
    "target", ["/", "/x.xlsx", "/livre", "/etc/aaas.xlsx", "/usr/share/livre", "/bin/x", "/dev/shm/livre"]
)
def test_system_places_are_refused_by_the_one_check(target):
    """Checked on the function (as root, a broken check through the command would write there)."""
    with pytest.raises(OutputPathError, match="emplacement système") as err:
        exports.check_output_path(target)
    assert str(err.value).startswith(f"--out « {target} »")
    assert exports.check_output_path("/usr/local/share/aaas-essai/x.xlsx", "--out").name == "x.xlsx"


def test_an_export_name_near_the_limit_is_written(tmp_path, capsys):
    """Observed: a 245-character file name: its temporary name was too long (traceback)."""
    target = tmp_path / ("a" * 240 + ".xlsx")
    run = main(capsys, "tables", "synthese", "--format", "xlsx", "--out", str(target))
    clean(run)
    assert target.is_file() and os.listdir(tmp_path) == [target.name]  # no temporary file left


def test_an_export_name_beyond_the_limit_is_refused(tmp_path, capsys):
    target = tmp_path / ("a" * 300 + ".xlsx")
    line = refused(main(capsys, "tables", "--format", "xlsx", "--out", str(target)), "--out", str(NAME_MAX))
    assert "305 octets" in line and os.listdir(tmp_path) == []


def test_an_export_path_beyond_the_limit_is_refused_on_a_short_line(tmp_path, capsys):
    """Observed: a 5 000-character path ended in an OSError traceback quoting it whole."""
    target = deep(tmp_path, 5000)
    line = refused(main(capsys, "tables", "--format", "xlsx", "--out", str(target)), "--out", "caractères")
    assert "octets" in line and len(line) < 400
    assert os.listdir(tmp_path) == []


def test_an_unwritable_export_folder_is_refused(tmp_path, capsys, monkeypatch):
    def no_write(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(exports.tempfile, "mkdtemp", no_write)
    target = tmp_path / "t.xlsx"
    line = refused(main(capsys, "tables", "--format", "xlsx", "--out", str(target)), "--out", str(target))
    assert "écriture impossible" in line and not target.exists()


# ----------------------------------------------------------------------------------
# Builds: aaas build --out, the default variant folder
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [300, 5000])
def test_a_build_out_beyond_the_limits_is_refused(repo, tmp_path, capsys, length):
    """Observed: build --out with a 300-character name ended in an OSError traceback."""
    out = tmp_path / ("b" * length) if length <= NAME_MAX + 100 else deep(tmp_path, length).parent
    line = refused(main(capsys, "build", "--sans-pdf", "--out", str(out)), "--out", "octets")
    assert len(line) < 400
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"] and not (repo / "_build").exists()


@pytest.mark.parametrize("target", ["/", "/livre", "/etc/livre", "/usr/share/livre", "/dev/shm/livre"])
def test_a_build_into_a_system_place_is_refused(repo, target):
    """On outdir.check, which every build runs before any work (a broken check must not build there)."""
    with pytest.raises(OutputPathError, match="emplacement système|le dépôt lui-même ou le contient"):
        outdir.check(Path(target), repo)  # « / » also contains the repository: said first


def test_a_build_command_into_a_system_place_is_refused(repo, capsys):
    refused(main(capsys, "build", "--sans-pdf", "--out", "/proc/aaas-livre"), "--out", "/proc/aaas-livre")
    assert not (repo / "_build").exists()


def test_one_check_for_exports_and_builds():
    """Exports and builds import the same function: one fact in one place."""
    from aaas.present import classeur

    assert classeur.exports.check_output_path is outdir.exports.check_output_path is exports.check_output_path


def test_a_long_scenario_file_name_gives_a_shortened_variant_folder(repo, tmp_path, capsys, monkeypatch):
    """Observed: a 245-character scenario file name: the variant folder's name was too long
    (traceback), and an empty _build/variants was left."""
    scenario = tmp_path / ("territoire_" + "r" * 234 + ".yaml")
    scenario.write_text("population_bassin: 36000\n", encoding="utf-8")
    run = main(capsys, "build", "--sans-pdf", "--scenario", str(scenario))
    clean(run)
    (folder,) = (repo / variants.VARIANTS_DIR).iterdir()
    assert len(folder.name) <= 100 and folder.name.startswith("territoire_rrr")
    assert (folder / "_build" / "html" / "index.html").is_file()
    assert variants.read_manifest(folder)["scenario_file"] == scenario.name  # the whole name, in the manifest


def test_a_variant_folder_that_cannot_be_made_leaves_no_empty_parent(repo):
    """Whatever stops the creation of an output folder, its new parents do not stay behind."""
    with pytest.raises(OSError), outdir.claimed(repo / variants.VARIANTS_DIR / ("v" * 300)):
        pass
    assert not (repo / "_build").exists()
