"""The parameter table: every hypothesis of the report, its bounds, and how a value is validated.

``data/parameters.csv`` holds one row per hypothesis (name, value, unit, mission, section,
label, source, min, max, choices, sens, inerte_si).  Numeric parameters carry validity
bounds; categorical parameters (a *reading* of the report, a scale year...) carry their
accepted ``choices``.  Scenarios are built on it by :mod:`aaas.models.scenario`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .. import datastore, fmt
from ..errors import ParameterError
from ..formulas._arrays import scalar_or_array


@dataclass(frozen=True)
class Parameter:
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
        return self.choices is not None

    def accepted(self) -> str:
        """Human description of the accepted values."""
        if self.categorical:
            return f"valeurs acceptées : {self.bornes()}"
        return f"plage acceptée : {self.bornes()}"

    def bornes(self) -> str:
        """The accepted values in French (« de 0 à 1 », « fixe ou proportionnelle »)."""
        return fmt.bornes(self.min, self.max, self.choices)

    def validate(self, raw: Any, origin: str = "") -> Any:
        """The validated value: a float, an array of floats, or a choice.

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
        """
        where = f" ({origin})" if origin else ""
        if self.categorical:
            text = _as_text(raw)
            if text not in self.choices:
                raise ParameterError(f"paramètre '{self.name}'{where} : valeur {text!r} invalide ; {self.accepted()}")
            return text
        value = _as_number(raw, self.name, where, self.accepted())
        arr = np.asarray(value, dtype=float)
        if not np.all(np.isfinite(arr)):
            raise ParameterError(f"paramètre '{self.name}'{where} : valeur non finie ; {self.accepted()}")
        if self.min is not None and np.any(arr < self.min):
            bad = float(np.min(arr))
            raise ParameterError(
                f"paramètre '{self.name}'{where} : {fmt.brut(bad)} est hors bornes ; {self.accepted()}"
            )
        if self.max is not None and np.any(arr > self.max):
            bad = float(np.max(arr))
            raise ParameterError(
                f"paramètre '{self.name}'{where} : {fmt.brut(bad)} est hors bornes ; {self.accepted()}"
            )
        return scalar_or_array(arr)


def _as_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


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
        text = raw.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        percent = text.endswith("%")
        if percent:
            text = text[:-1]
        text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise ParameterError(f"paramètre '{name}'{where} : {raw!r} n'est pas un nombre ; {accepted}") from None
        if math.isnan(value):
            raise ParameterError(f"paramètre '{name}'{where} : valeur NaN refusée ; {accepted}")
        return value / 100 if percent else value
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
    )


@datastore.cached
def parameters() -> Mapping[str, Parameter]:
    """The parameter table, read-only: name -> :class:`Parameter`, in the file's order."""
    params: dict[str, Parameter] = {}
    for row in datastore.parametres().itertuples(index=False):
        p = _parameter(row)
        if p.name in params:
            raise ParameterError(f"parameters.csv : paramètre '{p.name}' défini deux fois")
        p.validate(p.value, "valeur par défaut")
        params[p.name] = p
    return MappingProxyType(params)


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
    raise ParameterError(f"paramètre inconnu '{name}'{hint}")


def table() -> pd.DataFrame:
    """The parameter table as a DataFrame (for ``aaas params`` and the book)."""
    return datastore.parametres()
