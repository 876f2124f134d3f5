"""Shared fixtures: the report's scenario evaluated under both conventions; the slow tier;
the groups of the parallel run.

Tests marked ``@pytest.mark.slow`` (the exhaustive command-line sweeps) run only with
``pytest --slow`` (``make test-slow``, which ``.ci/run`` also runs).

``make test`` runs pytest on two workers (pytest-xdist, ``--dist loadscope`` with the
scopes of :func:`pytest_xdist_make_scheduler`): the modules
of :data:`LIVRE`, which build or read the checkout's own book in ``_build/``, run one after
another in one worker (group « livre »); the tests of every other module run together in
one worker (they share its module-scoped fixtures), the modules spread over the two.
"""

import shutil
from pathlib import Path

import pytest

from aaas import datastore
from aaas.models import conventions


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="run the slow tier too (tests marked slow)")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: exhaustive sweep, run with --slow (make test-slow)")


#: Test modules (in ``tests/publish``) that build, prune or read the checkout's own books
#: (``_build/book``, ``_build/variants``); builds of the checkout into other folders share
#: its notebook cache safely and run beside them.
LIVRE = frozenset(
    {
        "test_accessibility.py",
        "test_book_outputs.py",
        "test_browser.py",
        "test_build.py",
        "test_display_precision.py",
        "test_pdf.py",
        "test_variant_book.py",
        "test_variants.py",
    }
)


def _scope(nodeid: str) -> str:
    """The unit of work of a test: « livre » for the modules of :data:`LIVRE`, else its
    module (a module's tests share one worker and its module-scoped fixtures)."""
    path = Path(nodeid.split("::", 1)[0])
    return "livre" if path.parent.name == "publish" and path.name in LIVRE else path.as_posix()


def pytest_xdist_make_scheduler(config, log):
    """xdist's scheduling by scope, with :func:`_scope` as the scope (xdist's own
    ``xdist_group`` marks do not reach the scheduler under pytest 9)."""
    from xdist.scheduler import LoadScopeScheduling

    class ParLivre(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

    return ParLivre(config, log)


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


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of ``data/``, the data folder of this process and of its children
    (``AAAS_DATA_DIR``), to damage at will."""
    folder = tmp_path / "data"
    shutil.copytree(datastore.ROOT / "data", folder)
    monkeypatch.setenv("AAAS_DATA_DIR", str(folder))
    datastore.clear_cache()
    yield folder
    monkeypatch.delenv("AAAS_DATA_DIR")
    datastore.clear_cache()
