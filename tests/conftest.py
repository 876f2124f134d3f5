"""Shared fixtures: the report's scenario evaluated under both conventions."""

import pytest

from aaas.models import conventions


@pytest.fixture(scope="session")
def defaults():
    return conventions.defaults()


@pytest.fixture(scope="session")
def rapport(defaults):
    return conventions.compute("rapport")


@pytest.fixture(scope="session")
def corrige(defaults):
    return conventions.compute("corrige")
