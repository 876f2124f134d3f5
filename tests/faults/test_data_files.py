"""Damaged data files (issue 18, parts 4 and 8): a file of ``data/`` that is a device, a
FIFO, a folder or too large is refused before it is read; text that is not UTF-8 or a CSV
that cannot be parsed is named by its file, line and column, in French.

The data folder is a copy chosen with ``AAAS_DATA_DIR``.  Cases that could hang or grow
run the real entry point in a child process with a timeout; the others run in process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aaas import datastore
from tests.faults.harness import aaas, refused
from tests.faults.inprocess import main
from tests.faults.test_inputs import DELAI, Writer

#: The file damaged in most cases: small, read by every command.
VICTIME = "missions.csv"


@pytest.fixture
def data(data_copy) -> Path:
    """A copy of ``data/``, the folder of this process and of its children (tests/conftest.py)."""
    return data_copy


def replace(path: Path, make) -> None:
    path.unlink()
    make(path)


# --- files that are not regular files, or too large ---------------------------------------


def test_a_data_file_linked_to_dev_zero_is_refused_before_reading(data):
    replace(data / VICTIME, lambda p: p.symlink_to("/dev/zero"))
    run = aaas("tables", "synthese", env={"AAAS_DATA_DIR": str(data)}, timeout=DELAI)
    assert "périphérique" in refused(run, VICTIME)


def test_a_data_file_that_is_a_fifo_with_no_writer_does_not_hang(data):
    replace(data / VICTIME, os.mkfifo)
    run = aaas("tables", "synthese", env={"AAAS_DATA_DIR": str(data)}, timeout=DELAI)
    assert "FIFO" in refused(run, VICTIME)


def test_a_data_file_that_is_a_fifo_fed_two_megabytes_is_refused(data):
    content = (datastore.ROOT / "data" / VICTIME).read_bytes()
    replace(data / VICTIME, os.mkfifo)
    writer = Writer(data / VICTIME, 2 * 2**20, content)
    writer.start()
    try:
        run = aaas("tables", "synthese", env={"AAAS_DATA_DIR": str(data)}, timeout=DELAI)
    finally:
        writer.stop.set()
        writer.join(5)
    assert "FIFO" in refused(run, VICTIME)


def test_a_data_file_that_is_a_folder_is_refused(capsys, data):
    replace(data / VICTIME, Path.mkdir)
    assert "dossier" in refused(main(capsys, "tables", "synthese"), VICTIME)


def test_a_data_file_over_the_cap_is_refused_by_its_size(capsys, data):
    with open(data / VICTIME, "ab") as f:
        f.truncate(datastore.TAILLE_MAX_DONNEES + 1)
    assert "trop grand" in refused(main(capsys, "tables", "synthese"), VICTIME, "8 Mo")


def test_a_stray_file_of_the_data_folder_is_bounded_too(capsys, data):
    (data / "notes").mkdir()
    (data / "notes" / "zero.txt").symlink_to("/dev/zero")
    (data / "gros.bin").write_bytes(b"")
    os.truncate(data / "gros.bin", datastore.TAILLE_MAX_DONNEES + 1)
    refused(main(capsys, "tables", "synthese"), "gros.bin", "trop grand")


# --- text that is not UTF-8, CSV that cannot be parsed ----------------------------------------


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, from 1) of the byte at ``offset``."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8")) + 1


@pytest.mark.parametrize("name", [VICTIME, "lignes.csv", "parameters.csv", "paie_regles.csv"])
@pytest.mark.parametrize("where", ["premier", "dernier"])
def test_a_latin_1_byte_names_the_file_line_and_column(capsys, data, name, where):
    raw = (data / name).read_bytes()
    accent = raw.find("é".encode()) if where == "premier" else raw.rfind("é".encode())
    if accent < 0:  # a file without accents: its last line gets one
        raw, accent = raw + "é\n".encode(), len(raw)
    line, column = _position(raw, accent)
    (data / name).write_bytes(raw[:accent] + b"\xe9" + raw[accent + 2 :])
    text = refused(main(capsys, "tables", "synthese"), name, f"ligne {line}, colonne {column}", "0xE9")
    assert "UTF-8" in text and "codec" not in text


def test_an_unclosed_quote_names_its_line(capsys, data):
    lines = (data / "lignes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",", ',"', 1)
    (data / "lignes.csv").write_text("".join(lines), encoding="utf-8")
    refused(main(capsys, "tables", "synthese"), "lignes.csv", "ligne 4")


def test_a_nul_byte_names_its_line(capsys, data):
    (data / "porteurs.csv").write_bytes((data / "porteurs.csv").read_bytes() + b"autre\x00,x,y,1\n")
    refused(main(capsys, "tables", "synthese"), "porteurs.csv", "ligne")
