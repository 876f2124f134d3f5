"""The vocabulary of the schemas: column kinds, row checks, references, tables (pandera).

Every check carries its description in French (its ``error``).  A check across the cells
of a row is named after the column it blames (:func:`row_check`), so that the report of a
failure (:mod:`aaas.schemas.report`) can name the file, the line and the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

NON_EMPTY = pa.Check.str_length(min_value=1, error="cellule vide")
IDENT = pa.Check.str_matches(r"^[a-z][a-z0-9_]*$", error="identifiant attendu (minuscules ASCII, chiffres et _)")
SECTION = pa.Check.str_matches(r"^\d+(\.\d+)*$", error="numéro de section attendu (ex. 2.2.2.6)")

#: The longest short label of a parameter (``libelle_court``), in characters.
LIBELLE_COURT = 40
COURT = pa.Check.str_length(max_value=LIBELLE_COURT, error=f"au plus {LIBELLE_COURT} caractères")
#: What ``libelles.csv`` names: a reading value (``choix``: parameter and value), a
#: convention, a scenario (preset or file of ``scenarios/``), a source text, a salaried post.
KINDS = ("choix", "convention", "scenario", "source", "poste")
#: A number as the files write it: plain decimal notation, a dot for decimals.
NUMBER = r"-?\d+(\.\d+)?"


def text(*checks: pa.Check, empty: bool = False, unique: bool = False) -> pa.Column:
    """A text column, whose cells may be empty only if ``empty``."""
    return pa.Column(str, [*(() if empty else (NON_EMPTY,)), *checks], unique=unique, report_duplicates="exclude_first")


def ident(*checks: pa.Check, empty: bool = False, unique: bool = False) -> pa.Column:
    """A column of identifiers (snake_case ASCII)."""
    pattern = r"^([a-z][a-z0-9_]*)?$" if empty else r"^[a-z][a-z0-9_]*$"
    check = pa.Check.str_matches(pattern, error=IDENT.error)
    return pa.Column(str, [check, *checks], unique=unique, report_duplicates="exclude_first")


def choice(*values: str) -> pa.Column:
    """A column whose cells are one of ``values`` (``""``: an empty cell is accepted)."""
    shown = ", ".join(repr(v) if v else "vide" for v in values)
    return pa.Column(str, pa.Check.isin(values, error=f"valeurs acceptées : {shown}"))


def number(*checks: pa.Check, empty: bool = False) -> pa.Column:
    """A number column, read as floats (empty cells NaN, accepted only if ``empty``)."""
    return pa.Column(float, list(checks), coerce=True, nullable=empty)


def number_text(empty: bool = True) -> pa.Column:
    """A column of numbers kept as written (bounds: ``"1000"``, not ``1000.0``)."""
    pattern = rf"^({NUMBER})?$" if empty else rf"^{NUMBER}$"
    return pa.Column(str, pa.Check.str_matches(pattern, error="nombre attendu (ex. 12.5)"))


def row_check(column: str, func, error: str) -> pa.Check:
    """A check across the cells of a row (``func(df)`` gives a boolean per row), blaming ``column``."""
    return pa.Check(func, name=column, error=error)


def at_least(bound: float) -> pa.Check:
    return pa.Check.ge(bound, error=f"nombre ≥ {bound:g} attendu")


def between(lo: float, hi: float) -> pa.Check:
    return pa.Check.in_range(lo, hi, error=f"nombre de {lo:g} à {hi:g} attendu")


@dataclass(frozen=True)
class Reference:
    """The cells of ``column`` name rows of ``target`` by its column ``key`` (a foreign key).

    ``columns`` lists more columns when the key is a tuple (``("tableau", "label")``);
    ``also``: values accepted besides the target's; ``empty``: an empty cell names nothing;
    ``separator``: a cell lists several names; ``pattern``: the name is the first group of
    this regular expression (cells that do not match name nothing); ``only``: the
    reference holds for the rows whose column ``only[0]`` is ``only[1]``.
    """

    column: str
    target: str
    key: str
    columns: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    empty: bool = False
    separator: str = ""
    pattern: str = ""
    only: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        """The blamed column(s), as the message names them."""
        return ", ".join((self.column, *self.columns))

    def names(self, cell: str) -> list[str]:
        """The names a cell gives."""
        if self.pattern:
            match = re.match(self.pattern, cell)
            return [match.group(1)] if match else []
        if self.empty and cell == "":
            return []
        return cell.split(self.separator) if self.separator else [cell]

    def known(self, target: pd.DataFrame) -> set:
        """The names (tuples for a tuple key) the target defines."""
        if self.columns:
            return set(zip(*(target[k] for k in (self.key, *self.keys)), strict=True))
        return set(target[self.key]) | set(self.also)

    def missing(self, df: pd.DataFrame, target: pd.DataFrame) -> pd.Series:
        """For each row of ``df``, the first name it gives that ``target`` lacks, or None."""
        known = self.known(target)
        if self.columns:
            keys = zip(*(df[c] for c in (self.column, *self.columns)), strict=True)
            return pd.Series([None if k in known else k for k in keys], index=df.index, dtype=object)
        firsts = [next((n for n in self.names(c) if n not in known), None) for c in df[self.column]]
        out = pd.Series(firsts, index=df.index, dtype=object)
        return out.where(df[self.only[0]] == self.only[1], None) if self.only else out

    def check(self, target: pd.DataFrame) -> pa.Check:
        """The pandera check of this reference against the target's rows."""
        where = f"« {', '.join((self.key, *self.keys))} » de {self.target}"
        return row_check(self.label, lambda df: self.missing(df, target).isna(), f"absent de la colonne {where}")


@dataclass(frozen=True)
class ColumnsFrom:
    """One column per row of the file ``target``, named by its cell of ``key``, each of the
    kind ``column``: the columns follow another file's rows (a mission of ``missions.csv``
    is a column of ``financements.csv``), declared once, in that file."""

    target: str
    key: str
    column: pa.Column


@dataclass(frozen=True)
class Table:
    """What a data file must hold: its pandera ``schema``, its ``references`` to other
    files, whether it needs ``rows``, and the columns named by another file's rows
    (``columns_from``, see :meth:`widened`)."""

    schema: pa.DataFrameSchema
    references: tuple[Reference, ...] = ()
    rows: bool = True
    columns_from: ColumnsFrom | None = None

    def widened(self, target: pd.DataFrame) -> Table:
        """This table with a column for each row of ``target`` (its ``columns_from``)."""
        if self.columns_from is None:
            return self
        names = target[self.columns_from.key]
        schema = self.schema.add_columns({name: self.columns_from.column for name in names})
        return Table(schema, self.references, self.rows)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(self.schema.columns)

    @property
    def numeric(self) -> tuple[str, ...]:
        """The columns read as floats."""
        return tuple(n for n, c in self.schema.columns.items() if str(c.dtype).startswith("float"))

    def reference_schema(self, targets: dict[str, pd.DataFrame]) -> pa.DataFrameSchema:
        """A schema checking every reference against the target files' rows."""
        return pa.DataFrameSchema(checks=[r.check(targets[r.target]) for r in self.references])


def schema(columns: dict[str, pa.Column], unique: tuple[str, ...] = (), checks=()) -> pa.DataFrameSchema:
    """A file's schema: exactly these ``columns`` (in any order), ``unique`` as a tuple key."""
    return pa.DataFrameSchema(
        columns, checks=list(checks), unique=list(unique) or None, strict=True, report_duplicates="exclude_first"
    )
