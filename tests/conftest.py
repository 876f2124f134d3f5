"""Shared fixtures: the report's scenario evaluated under both conventions."""

import pytest

from aaas import conventions, params


@pytest.fixture(scope="session")
def defaults():
    return params.defaults()


@pytest.fixture(scope="session")
def rapport(defaults):
    return conventions.evaluate("rapport")


@pytest.fixture(scope="session")
def corrige(defaults):
    return conventions.evaluate("corrige")
