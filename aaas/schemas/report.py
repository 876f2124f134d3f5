"""A failed validation in one line: the file, the line of the CSV, the column, what is wrong.

:func:`describe` turns pandera's report (``SchemaErrors``, every failure of a file) into
the line the user reads, for its first failure in the file's order::

    errata.csv, ligne 4, colonne « id » : 'E02' en double (déjà ligne 3)
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Mapping, Sequence

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrorReason, SchemaErrors

from .declare import Reference

NOT_A_NUMBER = (SchemaErrorReason.DATATYPE_COERCION, SchemaErrorReason.WRONG_DATATYPE)
DUPLICATE = (SchemaErrorReason.SERIES_CONTAINS_DUPLICATES, SchemaErrorReason.DUPLICATES)


def describe(
    name: str,
    df: pd.DataFrame,
    exc: SchemaErrors,
    lines: Sequence[int],
    refs: Sequence[Reference] = (),
    targets: Mapping[str, pd.DataFrame] | None = None,
) -> str:
    """One line naming the file ``name``, the line (``lines[row]``: where each row of
    ``df`` starts in the file) and the column of the first failure, and how many other
    lines fail.  ``refs`` and their ``targets``: the references checked, if any."""
    failures = [(row, column, e) for e in exc.schema_errors for row, column in _failures(e, df)]
    if not failures:  # a failure of the whole table
        check = exc.schema_errors[0].check
        return f"{name} : {getattr(check, 'error', None) or check}"
    # a cell's own type or value first: a check across a row may fail because of it
    row, column, error = min(failures, key=lambda f: (_across_row(f[2]), f[0], _position(df, f[1])))
    ref = next((r for r in refs if r.label == column and _lacks(r, df, row, targets)), None)
    what = _reference_text(ref, df, row, targets) if ref else _check_text(error, df, row, column, lines)
    more = len({f[0] for f in failures if _across_row(f[2]) == _across_row(error)}) - 1
    tail = f" (et {more} autre{'s' if more > 1 else ''} ligne{'s' if more > 1 else ''} en erreur)" if more else ""
    label = "colonnes" if "," in column else "colonne"
    return f"{name}, ligne {lines[row]}, {label} « {column} » : {what}{tail}"


def _across_row(error) -> bool:
    return not isinstance(error.schema, pa.Column)


def _failures(error, df: pd.DataFrame) -> set[tuple[int, str]]:
    """(row position, blamed column) of each failure of one pandera error."""
    cases = error.failure_cases
    if not isinstance(cases, pd.DataFrame) or "index" not in cases:
        return set()
    column = error.schema.name if isinstance(error.schema, pa.Column) else getattr(error.check, "name", None)
    if column is None and "column" in cases:  # a tuple key: blame its columns
        column = ", ".join(dict.fromkeys(str(c) for c in cases["column"]))
    return {(df.index.get_loc(int(i)), str(column)) for i in cases["index"].dropna()}


def _position(df: pd.DataFrame, column: str) -> int:
    first = column.split(", ")[0]
    return list(df.columns).index(first) if first in df.columns else len(df.columns)


def _check_text(error, df: pd.DataFrame, row: int, column: str, lines: Sequence[int]) -> str:
    cols = [c for c in column.split(", ") if c in df.columns]
    cell = df.iloc[row][cols[0]] if cols else None
    if error.reason_code in NOT_A_NUMBER:
        return f"{cell!r} n'est pas un nombre (ex. 12.5)"
    if error.reason_code == SchemaErrorReason.SERIES_CONTAINS_NULLS:
        return "cellule vide ; nombre attendu"
    if error.reason_code in DUPLICATE:
        first = (df[cols] == df.iloc[row][cols]).all(axis=1).to_numpy().nonzero()[0][0]
        value = cell if len(cols) == 1 else tuple(df.iloc[row][cols])
        return f"{value!r} en double (déjà ligne {lines[first]})"
    text = getattr(error.check, "error", None) or str(error.check)
    return f"{text} (lu : {cell!r})" if isinstance(cell, str) and cell else text


def _lacks(ref: Reference, df: pd.DataFrame, row: int, targets) -> bool:
    return ref.missing(df.iloc[[row]], targets[ref.target]).iloc[0] is not None


def _reference_text(ref: Reference, df: pd.DataFrame, row: int, targets: Mapping[str, pd.DataFrame]) -> str:
    """What a row names that the target file lacks, and the nearest name it defines."""
    target = targets[ref.target]
    bad = ref.missing(df.iloc[[row]], target).iloc[0]
    text = f"{bad!r} absent de la colonne « {', '.join((ref.key, *ref.keys))} » de {ref.target}"
    if isinstance(bad, str):
        near = difflib.get_close_matches(bad, [str(k) for k in ref.known(target)], n=1, cutoff=0.6)
        text += f" ; vouliez-vous dire {near[0]!r} ?" if near else ""
    return text


def parse_error(detail: str, text: str) -> str:
    """A parser error of pandas (``detail``) on the CSV ``text``, in French, with its line
    when pandas gives its row.

    >>> parse_error("Error tokenizing data. C error: EOF inside string starting at row 2", 'a,b\\n1,2\\n"3,4\\n')
    "ligne 3 : guillemet ouvert jamais refermé (la cellule court jusqu'à la fin du fichier)"
    """
    found = re.search(r"EOF inside string starting at row (\d+)", detail)
    if found:
        line = row_line(text, int(found.group(1)))
        return f"ligne {line} : guillemet ouvert jamais refermé (la cellule court jusqu'à la fin du fichier)"
    return "illisible comme CSV : " + " ".join(detail.split())[:200]


def row_line(text: str, row: int) -> int:
    """The line of ``text`` where its CSV record ``row`` (0-based, header included) starts."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 1
    for i, _ in enumerate(reader):
        if i == row:
            return number
        number = reader.line_num + 1
    return number
