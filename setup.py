"""The package's files (the rest of the metadata is in pyproject.toml).

``data/`` and ``scenarios/`` stay at the repository's root, where the book, the tests and
the guides point; the wheel carries them inside the package, as ``aaas/_data`` and
``aaas/_scenarios`` (read through :mod:`importlib.resources` by :mod:`aaas.datastore` when
the package does not run from a checkout).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["aaas", "aaas.*"]), "aaas._data", "aaas._scenarios"],
    package_dir={"aaas._data": "data", "aaas._scenarios": "scenarios"},
    package_data={"aaas._data": ["*.csv"], "aaas._scenarios": ["*.yaml"]},
)
