"""Shared fixtures: the report's scenario evaluated under both conventions; the slow tier.

Tests marked ``@pytest.mark.slow`` (the exhaustive command-line sweeps) run only with
``pytest --slow`` (``make test-slow``, which ``.ci/run`` also runs).
"""

import pytest

from aaas.models import conventions


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="run the slow tier too (tests marked slow)")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: exhaustive sweep, run with --slow (make test-slow)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow tier: pytest --slow (make test-slow)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def defaults():
    return conventions.defaults()


@pytest.fixture(scope="session")
def rapport(defaults):
    return conventions.compute("rapport")


@pytest.fixture(scope="session")
def corrige(defaults):
    return conventions.compute("corrige")
