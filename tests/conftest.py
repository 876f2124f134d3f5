"""Shared fixtures: the report's scenario evaluated under both conventions; the slow tier;
the groups of the parallel run.

Tests marked ``@pytest.mark.slow`` (the exhaustive command-line sweeps) run only with
``pytest --slow`` (``make test-slow``, which ``.ci/run`` also runs).

``make test`` runs pytest on two workers (pytest-xdist, ``--dist loadgroup``): the modules
of :data:`LIVRE`, which build or read the checkout's own book in ``_build/``, run one after
another in one worker (group « livre »); the tests of every other module run together in
one worker (they share its module-scoped fixtures), the modules spread over the two.
"""

from pathlib import Path

import pytest

from aaas.models import conventions


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="run the slow tier too (tests marked slow)")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: exhaustive sweep, run with --slow (make test-slow)")


#: Test modules (in ``tests/publish``) that build or read the checkout's own book.
LIVRE = frozenset(
    {
        "test_accessibility.py",
        "test_book_outputs.py",
        "test_browser.py",
        "test_build.py",
        "test_build_parts.py",
        "test_citation.py",
        "test_display_precision.py",
        "test_outdir.py",
        "test_pdf.py",
        "test_published_files.py",
        "test_variant_book.py",
        "test_variants.py",
    }
)


def _group(item) -> str:
    """The xdist group of a test: « livre » for the modules of :data:`LIVRE`, else its
    module (a module's tests share one worker and its module-scoped fixtures)."""
    path = Path(str(item.fspath))
    if path.parent.name == "publish" and path.name in LIVRE:
        return "livre"
    return path.stem if path.parent.name == "tests" else f"{path.parent.name}.{path.stem}"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_group(item)))
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
