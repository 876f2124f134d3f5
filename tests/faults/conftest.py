"""The fault-trial suite (``tests/faults/``): one case per way the tool could lose a file,
print a traceback, hang or lie; the harness is :mod:`tests.faults.harness`."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    """A folder of the user's own files the tool never wrote (a document, a photo, a notebook)."""
    folder = tmp_path / "utilisateur"
    (folder / "photos").mkdir(parents=True)
    (folder / "these.docx").write_bytes(b"PK\x03\x04 these de l'utilisateur")
    (folder / "photos" / "1.jpg").write_bytes(b"\xff\xd8\xff photo")
    (folder / "mon_analyse.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    return folder
