"""The data layer: each file read once, checked against its schema, never shared mutable."""

import shutil

import pytest

from aaas import datastore
from aaas.errors import DataFileError, InputError


def test_every_data_file_has_a_schema_and_every_schema_a_file():
    files = {p.name for p in (datastore.ROOT / "data").glob("*.csv")}
    assert files == set(datastore.SCHEMAS)
    for name in files:
        assert len(datastore.table(name)) > 0


def test_callers_cannot_change_what_others_read():
    df = datastore.published()
    df.loc[0, "value"] = -1.0
    df["nouvelle"] = 1
    again = datastore.published()
    assert again.loc[0, "value"] != -1.0 and "nouvelle" not in again.columns


def test_tables_are_read_once(monkeypatch):
    datastore.clear_cache()
    datastore.lignes()
    calls = []
    monkeypatch.setattr(datastore, "_read", lambda name, schema: calls.append(name))
    datastore.lignes()
    assert calls == []
    datastore.clear_cache()


def test_scale_bands_are_read_only():
    bornes, taux, fixes = datastore.bareme_tranches("2021", "4")
    assert list(taux) == [0.575, 0.323, 0.387]
    with pytest.raises(ValueError):
        taux[0] = 1.0


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(datastore.ROOT / "data", folder)
    monkeypatch.setenv("AAAS_DATA_DIR", str(folder))
    datastore.clear_cache()
    yield folder
    monkeypatch.delenv("AAAS_DATA_DIR")
    datastore.clear_cache()


def test_a_missing_column_is_named(data_copy):
    text = (data_copy / "lignes.csv").read_text(encoding="utf-8").replace(",echelle,", ",scale,", 1)
    (data_copy / "lignes.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="lignes.csv : colonnes manquantes : echelle"):
        datastore.lignes()


def test_a_missing_file_and_a_non_numeric_column_are_input_errors(data_copy):
    (data_copy / "porteurs.csv").unlink()
    with pytest.raises(InputError, match="introuvable"):
        datastore.porteurs()
    text = (data_copy / "mutualisation.csv").read_text(encoding="utf-8").replace(",1,", ",un,", 1)
    (data_copy / "mutualisation.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="« part_mutualisee » doit être numérique"):
        datastore.mutualisation()
