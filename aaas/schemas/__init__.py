"""The declared schema of every file of ``data/``, checked with pandera.

A file is read as text (empty cells are ``""``) and its number columns are converted to
floats (empty cells are NaN where allowed).  Its :class:`Table` (:data:`TABLES`) declares

* ``schema``: a pandera ``DataFrameSchema`` — the columns (required, no others), the type
  of each, the accepted values, the unique keys, and the checks across the cells of a row;
* ``references``: the columns that name rows of another file (:class:`Reference`, a
  foreign key: an erratum's figure in ``published.csv``, a convention's parameter and
  erratum…), checked once both files are read;
* ``rows``: whether the file must hold at least one row.

:mod:`~aaas.schemas.declare` holds the vocabulary (column kinds, row checks, references),
:mod:`~aaas.schemas.files` the tables, :mod:`~aaas.schemas.report` the one-line report of a
failure.  This package declares and reports; :mod:`aaas.datastore` reads and checks.
"""

from . import files, quantites
from .declare import Reference, Table
from .files import ECHELLES
from .report import describe

#: Every file of ``data/`` and its schema.
TABLES = {**files.TABLES, **quantites.TABLES}

__all__ = ["ECHELLES", "TABLES", "Reference", "Table", "describe"]
