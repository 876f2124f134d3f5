"""The parameter table: every hypothesis of the report, its bounds, and how a value is validated.

``data/parameters.csv`` holds one row per hypothesis (its schema is declared in
:mod:`aaas.schemas`):

* ``name``, ``value`` (the report's), ``unit``, ``mission``, ``section``, ``label``,
  ``source``;
* ``min``, ``max``: the validity bounds of a numeric parameter;
* ``choices``: the accepted values of a categorical parameter (a *reading* of the
  report, a scale year…), separated by ``|``;
* ``sens``: the direction of effect on the costs (see :attr:`Parameter.sens`);
* ``inerte_si``: when the parameter moves no cost line (see :attr:`Parameter.inerte_si`);
* ``entier``: ``oui`` for a parameter whose values are whole numbers, empty otherwise.
  They are the counts of discrete things the report states: people (the file active and
  its reference, the staff of a structure, the participants of a workshop or a
  consultation group, the professionals at a meeting or trained in a year), vehicles,
  alternative places, sessions, meetings, groups, campaigns, sub-territories, the long
  consultations per patient, and the 0/1 switch ``double_compte_groupes_qualite``.
  :meth:`Parameter.validate` refuses a fraction for them (every element of an array
  too).  The sensitivity analysis (:mod:`aaas.sensitivity.engine`) hands its draws to the
  model without this check and draws them as real numbers all the same: a draw stands for
  an average over territories, as the report's own 1,5 ETP per 20 000 inhabitants does.
  Not integers:
  ``nb_departements`` and ``nb_structures``, which a proportional reading splits
  (``echelle_departements``, ``echelle_structures``); the populations
  (``population_bassin``, ``population_reference``, ``population_departement``,
  ``habitants_par_etp_coordinateur``), which are average sizes of tens of thousands of
  inhabitants — the report's 20 000 is « un bassin de vie moyen », and 671 000 is 67,8
  millions over 101 départements — on which the model is proportional, so that a
  fraction of an inhabitant is a meaningful average and continuous draws are what the
  sensitivity analysis needs; and the rates, frequencies and durations counted in whole
  units by the report (visits per month, trips per week, weeks, months, days,
  consultations per hour, impressions), which are averages.

Scenarios are built on it by :mod:`aaas.models.scenario`.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .. import datastore, fmt
from ..errors import DataFileError, ParameterError, cite
from ..formulas._arrays import scalar_or_array


@dataclass(frozen=True)
class Parameter:
    r"""One hypothesis of the report, as a row of ``data/parameters.csv`` declares it.

    The fields are the file's columns and keep its names (``sens``, ``inerte_si``,
    ``entier``: the data's vocabulary); the methods and derived properties are machinery,
    named in English (:meth:`validate`, :meth:`accepted`, :meth:`bounds`,
    :meth:`inert_under`, :attr:`categorical`).

    Parameters
    ----------
    name : str
        The identifier (``population_bassin``).
    value : float or str
        The report's value (a choice for a categorical parameter).
    unit, mission, section, label, source : str
        Its unit, its mission (or ``transversal``), the report's section, its French label
        and where the report states it.
    min, max : float or None
        The validity bounds of a numeric parameter (None: unbounded on that side).
    choices : tuple of str or None
        The accepted values of a categorical parameter (None: numeric).
    sens : str
        The direction of effect on the costs (``+``, ``-``, ``0``, ``~``).
    inerte_si : str
        When it moves no cost line (``toujours``, ``lecture=choix`` or empty).
    entier : bool
        Whether its values must be whole numbers.

    Examples
    --------
    >>> p = lookup("file_active")
    >>> p.entier, p.categorical, p.bounds()
    (True, False, 'de 1 à 100\u202f000')
    """

    name: str
    value: Any
    unit: str
    mission: str
    section: str
    label: str
    source: str
    min: float | None
    max: float | None
    choices: tuple[str, ...] | None
    #: Effect of raising the parameter on the costs: "+" never lowers a total, "-" never
    #: raises one, "0" no effect, "~" non-monotone (rounding steps, readings, scale year).
    sens: str = "~"
    #: When the parameter moves no cost line: ``"toujours"``, or ``"lecture=choix"`` (it is
    #: not used under that reading, e.g. the hours per patient when the doctor's ETP is the
    #: stated 0,1 ETP), or empty (it always moves at least one line).
    inerte_si: str = ""
    #: The parameter counts discrete things (people, vehicles, places, meetings…): its
    #: values must be whole numbers (column ``entier`` of ``data/parameters.csv``).
    entier: bool = False

    def inert_under(self, values: Mapping[str, Any]) -> bool:
        """Does this parameter move no cost line under these values (its declared inertness)?"""
        if not self.inerte_si:
            return False
        if self.inerte_si == "toujours":
            return True
        name, _, choice = self.inerte_si.partition("=")
        value = values.get(name)
        if isinstance(value, str):
            return value == choice
        return bool(np.all(np.asarray(value, dtype=float) == float(choice)))

    @property
    def categorical(self) -> bool:
        """Whether the parameter takes one of its ``choices`` rather than a number."""
        return self.choices is not None

    def accepted(self) -> str:
        """The accepted values as a message states them (« plage acceptée : de 0 à 1 »)."""
        if self.categorical:
            return f"valeurs acceptées : {self.bounds()}"
        if self.entier:
            return f"plage acceptée : nombres entiers {self.bounds()}"
        return f"plage acceptée : {self.bounds()}"

    def bounds(self) -> str:
        """The accepted values in French (« de 0 à 1 », « fixe ou proportionnelle »)."""
        return fmt.bornes(self.min, self.max, self.choices)

    def validate(self, raw: Any, origin: str = "") -> Any:
        """The validated value: a float, an array of floats, or a choice.

        A number must lie within the bounds; an integer parameter's must be whole (every
        element of an array).

        Parameters
        ----------
        raw : str, float or ndarray
            As typed (``"50 000"``, ``"12,5 %"``, ``"0.125"``) or as a number or array.
        origin : str
            Where the value comes from, for the error message (``--set``, a file name).

        Raises
        ------
        ParameterError
            Naming the parameter and its accepted range or choices.

        >>> lookup("part_demandeurs_asile").validate("12,5 %")
        0.125
        >>> lookup("population_bassin").validate("-1", "--set")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        aaas.errors.ParameterError: paramètre 'population_bassin' (--set) : -1 est hors bornes ; plage acceptée : ...
        >>> lookup("file_active").validate("2,5", "--set")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        aaas.errors.ParameterError: paramètre 'file_active' (--set) : 2,5 n'est pas un nombre entier ; ...
        """
        where = f" ({origin})" if origin else ""
        if self.categorical:
            text = _as_text(raw)
            choice = {_plain(c): c for c in self.choices}.get(_plain(text))
            if choice is None:
                raise ParameterError(
                    f"paramètre '{self.name}'{where} : valeur '{cite(text)}' invalide ; {self.accepted()}"
                )
            return choice
        arr = np.asarray(_as_number(raw, self.name, where, self.accepted()), dtype=float)
        problem = self._problem(arr.ravel(), raw.strip() if isinstance(raw, str) else None)
        if problem:
            raise ParameterError(f"paramètre '{self.name}'{where} : {problem} ; {self.accepted()}")
        return scalar_or_array(arr)

    def _problem(self, flat: np.ndarray, typed: str | None = None) -> str:
        """What is wrong with these numbers (empty if nothing): a non-finite value, a
        fraction for an integer parameter, a value out of bounds (shown as ``typed``, the
        text the user typed, when given; always shortened)."""
        if not np.all(np.isfinite(flat)):  # typed in decimals, it overflowed (1e999)
            return f"{cite(typed)} est hors bornes" if typed else "valeur non finie"
        fractions = flat[flat != np.round(flat)] if self.entier else flat[:0]
        if fractions.size:
            return f"{_exact(float(fractions[0]))} n'est pas un nombre entier"
        if self.min is not None and np.any(flat < self.min):
            return f"{cite(typed or _shown(float(np.min(flat))))} est hors bornes"
        if self.max is not None and np.any(flat > self.max):
            return f"{cite(typed or _shown(float(np.max(flat))))} est hors bornes"
        return ""


def _shown(x: float) -> str:
    """A number as a message shows it: as typed below 10^15, else in scientific notation
    (not the 309 digits of 1e308).

    >>> _shown(50000.0), _shown(1e308)
    ('50\u202f000', '1e+308')
    """
    return fmt.brut(x) if abs(x) < 1e15 else f"{x:.6g}"


def _exact(x: float) -> str:
    """A number as typed, with every decimal a fraction needs (55.00000000000001, not 55)."""
    shown = fmt.brut(x)
    return shown if "," in shown else fmt.saisie(x)


def _plain(text: str) -> str:
    """A choice as compared: without accents nor case (« Unités_entamées » is
    ``unites_entamees``).

    >>> _plain("Unités_Entamées")
    'unites_entamees'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _as_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


#: A number as typed in a scenario file or a ``--set`` value, once spaces are removed and the
#: decimal comma read as a point: decimal digits, an optional exponent, an optional
#: « % ».  Hexadecimal (``0x10``), octal, binary, ``1_000``, ``inf`` and ``nan`` are not.
NOMBRE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")
#: The accepted form, as messages state it.
FORME = "nombre décimal (ex. 50000, 50 000, 12,5, 12.5, 1e5 ou 18 %)"


def nombre(text: str) -> float | None:
    """The number ``text`` writes (the one reader of numbers typed in a scenario file or
    with ``--set``), or None if it is not written as :data:`NOMBRE` says.

    >>> nombre("50 000"), nombre("12,5 %"), nombre("1e5"), nombre("0x10"), nombre("1_000"), nombre(".inf")
    (50000.0, 0.125, 100000.0, None, None, None)
    """
    plain = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not NOMBRE.fullmatch(plain):
        return None
    if plain.endswith("%"):
        return float(plain[:-1]) / 100
    return float(plain)


def _as_number(raw: Any, name: str, where: str, accepted: str):
    if isinstance(raw, bool):
        raise ParameterError(f"paramètre '{name}'{where} : valeur booléenne refusée ; {accepted}")
    if isinstance(raw, (int, float, np.integer, np.floating)):
        return float(raw)
    if isinstance(raw, np.ndarray):
        if raw.dtype.kind not in "iuf":
            raise ParameterError(f"paramètre '{name}'{where} : tableau non numérique ; {accepted}")
        return raw.astype(float)
    if isinstance(raw, str):
        value = nombre(raw)
        if value is None:
            shown = cite(raw.strip())
            raise ParameterError(f"paramètre '{name}'{where} : '{shown}' n'est pas un {FORME} ; {accepted}")
        return value
    raise ParameterError(f"paramètre '{name}'{where} : type {type(raw).__name__} refusé (nombre attendu) ; {accepted}")


def _opt_float(x) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or str(x).strip() == "":
        return None
    return float(x)


def _parameter(row) -> Parameter:
    choices = None
    if isinstance(row.choices, str) and row.choices.strip():
        choices = tuple(c.strip() for c in row.choices.split("|"))
    value: Any = _as_text(row.value) if choices else float(row.value)
    return Parameter(
        name=row.name,
        value=value,
        unit=str(row.unit),
        mission=str(row.mission),
        section=str(row.section),
        label=str(row.label),
        source=str(row.source),
        min=_opt_float(row.min),
        max=_opt_float(row.max),
        choices=choices,
        sens=str(row.sens),
        inerte_si=str(row.inerte_si or ""),
        entier=row.entier == "oui",
    )


@datastore.cached
def parameters() -> Mapping[str, Parameter]:
    """The parameter table, read-only: name -> :class:`Parameter`, in the file's order.

    Each value of ``data/parameters.csv`` is validated as a user's would be; a bad one
    raises :class:`~aaas.errors.DataFileError` naming the file, its line and the parameter.
    """
    params: dict[str, Parameter] = {}
    for i, row in enumerate(datastore.parameters().itertuples(index=False)):
        p = _parameter(row)
        _validate_in_file(p, p.value, "parameters.csv", i, "value")
        params[p.name] = p  # names are unique (the file's schema)
    return MappingProxyType(params)


def validate_data() -> None:
    """Check every file of ``data/`` (:func:`aaas.datastore.validate_all`: schemas and
    references), then every value the files give a parameter — the defaults of
    ``parameters.csv``, the values of ``conventions.csv`` and ``variantes.csv`` — as a
    user's value is validated (bounds, choices, integers).  Raises
    :class:`~aaas.errors.DataFileError` naming the file, the line and the parameter."""
    datastore.validate_all()
    table = parameters()
    for name, frame in (("conventions.csv", datastore.conventions()), ("variantes.csv", datastore.variantes())):
        for i, (parametre, valeur) in enumerate(zip(frame["parametre"], frame["valeur"], strict=True)):
            _validate_in_file(table[parametre], valeur, name, i, "valeur")


def _validate_in_file(p: Parameter, raw: Any, name: str, row: int, column: str) -> None:
    try:
        p.validate(raw)
    except ParameterError as exc:
        raise DataFileError(f"{name}, ligne {datastore.line(name, row)}, colonne « {column} » : {exc}") from None


def lookup(name: str) -> Parameter:
    """The parameter called ``name``, or a :class:`ParameterError` suggesting the nearest.

    >>> lookup("population_bassin").unit
    'hab.'
    >>> lookup("population_basin")
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: paramètre inconnu 'population_basin' ; vouliez-vous dire 'population_bassin' ?
    """
    table = parameters()
    if name in table:
        return table[name]
    near = difflib.get_close_matches(name, list(table), n=1, cutoff=0.5)
    hint = f" ; vouliez-vous dire '{near[0]}' ?" if near else " ; voir `aaas params`"
    raise ParameterError(f"paramètre inconnu '{cite(name)}'{hint}")


def table() -> pd.DataFrame:
    """The parameter table as a DataFrame (for ``aaas params`` and the book)."""
    return datastore.parameters()
