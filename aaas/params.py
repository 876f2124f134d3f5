"""The parameter table: every hypothesis of the report, its bounds, and scenario resolution.

``data/parameters.csv`` holds one row per hypothesis (name, value, unit, mission, section,
label, source, min, max, choices, sens).  Numeric parameters carry validity bounds; categorical
parameters (a *reading* of the report, a scale year...) carry their accepted ``choices``.

A :class:`Scenario` is the full set of values used for one evaluation: the defaults,
then a YAML scenario file, then ``--set name=value`` overrides, each validated.  Values may
be scalars or NumPy arrays (draws for sensitivity analysis); the model is vectorised.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
import yaml

from . import data


class ParameterError(ValueError):
    """A bad parameter name or value, a malformed scenario: one line for the user."""


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
            return "valeurs acceptées : " + ", ".join(self.choices)
        lo = "-inf" if self.min is None else _fmt(self.min)
        hi = "+inf" if self.max is None else _fmt(self.max)
        return f"plage acceptée : [{lo} ; {hi}]"

    def validate(self, raw: Any, origin: str = "") -> Any:
        """Return the validated value (float, array of floats, or a choice string)."""
        where = f" ({origin})" if origin else ""
        if self.categorical:
            text = _as_text(raw)
            if text not in self.choices:
                raise ParameterError(
                    f"paramètre '{self.name}'{where} : valeur {text!r} invalide ; {self.accepted()}"
                )
            return text
        value = _as_number(raw, self.name, where, self.accepted())
        arr = np.asarray(value, dtype=float)
        if not np.all(np.isfinite(arr)):
            raise ParameterError(
                f"paramètre '{self.name}'{where} : valeur non finie ; {self.accepted()}"
            )
        if self.min is not None and np.any(arr < self.min):
            bad = float(np.min(arr))
            raise ParameterError(
                f"paramètre '{self.name}'{where} : {_fmt(bad)} est hors bornes ; {self.accepted()}"
            )
        if self.max is not None and np.any(arr > self.max):
            bad = float(np.max(arr))
            raise ParameterError(
                f"paramètre '{self.name}'{where} : {_fmt(bad)} est hors bornes ; {self.accepted()}"
            )
        return float(arr) if arr.ndim == 0 else arr


def _fmt(x: float) -> str:
    return f"{x:g}"


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
            raise ParameterError(
                f"paramètre '{name}'{where} : {raw!r} n'est pas un nombre ; {accepted}"
            ) from None
        if math.isnan(value):
            raise ParameterError(f"paramètre '{name}'{where} : valeur NaN refusée ; {accepted}")
        return value / 100 if percent else value
    raise ParameterError(
        f"paramètre '{name}'{where} : type {type(raw).__name__} refusé (nombre attendu) ; {accepted}"
    )


def _opt_float(x) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or str(x).strip() == "":
        return None
    return float(x)


def load_parameters(path: Path | None = None) -> dict[str, Parameter]:
    """Read ``data/parameters.csv`` into an ordered mapping name -> :class:`Parameter`."""
    df = data.read_csv(path or data.path("parameters.csv"))
    params: dict[str, Parameter] = {}
    for row in df.itertuples(index=False):
        choices = None
        if isinstance(row.choices, str) and row.choices.strip():
            choices = tuple(c.strip() for c in row.choices.split("|"))
        value: Any = row.value if choices else float(row.value)
        if choices:
            value = _as_text(value)
        p = Parameter(
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
            inerte_si=str(getattr(row, "inerte_si", "") or ""),
        )
        if p.name in params:
            raise ParameterError(f"parameters.csv : paramètre '{p.name}' défini deux fois")
        p.validate(p.value, "valeur par défaut")
        params[p.name] = p
    return params


_PARAMS: dict[str, Parameter] | None = None


def parameters() -> dict[str, Parameter]:
    """The parameter table (cached)."""
    global _PARAMS
    if _PARAMS is None:
        _PARAMS = load_parameters()
    return _PARAMS


#: The named parameter sets (see :func:`defaults`).
CONVENTIONS = ("rapport", "corrige")


def check_convention(convention: str) -> str:
    """``convention`` if it is known, else a :class:`ParameterError` listing the known ones."""
    if convention not in CONVENTIONS:
        raise ParameterError(
            f"convention inconnue '{convention}' ; valeurs acceptées : {', '.join(CONVENTIONS)}"
        )
    return convention


def convention_rows() -> pd.DataFrame:
    """``data/conventions.csv``: for each convention other than ``rapport``, the parameters
    whose value differs from the report's, and the erratum that motivates it."""
    return data.table("conventions.csv")


_SETS: dict[str, dict[str, Any]] = {}


def defaults(convention: str = "rapport") -> dict[str, Any]:
    """The full parameter set of a convention.

    ``rapport`` is ``data/parameters.csv`` (the report's values and readings, its carried
    errors included); any other convention is that set with the values of
    ``data/conventions.csv`` (each validated like a user's value).  A fresh dict each call.
    """
    check_convention(convention)
    if convention not in _SETS:
        values = {name: p.value for name, p in parameters().items()}
        for row in convention_rows().itertuples(index=False):
            if row.convention not in CONVENTIONS:
                raise ParameterError(f"conventions.csv : convention inconnue '{row.convention}'")
            if row.convention == convention:
                values[row.parametre] = lookup(row.parametre).validate(row.valeur, "conventions.csv")
        _SETS[convention] = values
    return dict(_SETS[convention])


def lookup(name: str) -> Parameter:
    """The parameter called ``name``, or a :class:`ParameterError` suggesting the nearest."""
    table = parameters()
    if name in table:
        return table[name]
    near = difflib.get_close_matches(name, list(table), n=1, cutoff=0.5)
    hint = f" ; vouliez-vous dire '{near[0]}' ?" if near else " ; voir `aaas params`"
    raise ParameterError(f"paramètre inconnu '{name}'{hint}")


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``name=value`` strings (the ``--set`` option)."""
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"--set attend nom=valeur, reçu {pair!r}")
        name, value = pair.split("=", 1)
        name = name.strip()
        if not name:
            raise ParameterError(f"--set attend nom=valeur, reçu {pair!r}")
        out[name] = value.strip()
    return out


def load_scenario(path: str | Path) -> dict[str, Any]:
    """Read a YAML scenario file: a mapping of parameter names to values (safe loading)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"fichier de scénario illisible '{p}' : {exc.__class__.__name__}") from None
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" (ligne {line + 1})" if line is not None else ""
        raise ParameterError(f"fichier de scénario '{p}' : YAML mal formé{at}") from None
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise ParameterError(
            f"fichier de scénario '{p}' : un dictionnaire nom: valeur est attendu, "
            f"reçu {type(content).__name__}"
        )
    for key, value in content.items():
        if not isinstance(key, str):
            raise ParameterError(f"fichier de scénario '{p}' : clé {key!r} non textuelle")
        if isinstance(value, (dict, list)):
            raise ParameterError(
                f"fichier de scénario '{p}' : paramètre '{key}' doit être une valeur simple"
            )
    return dict(content)


@dataclass
class Scenario:
    """The full, validated set of parameter values for one evaluation."""

    values: dict[str, Any]
    #: Parameters whose value differs from the convention's set.
    changed: dict[str, Any] = field(default_factory=dict)
    scenario_file: str | None = None
    #: Every parameter the user set explicitly (even to the convention's value).
    explicit: dict[str, Any] = field(default_factory=dict)
    #: The parameter set the user's values were applied to.
    convention: str = "rapport"

    def under(self, convention: str) -> "Scenario":
        """The same user settings applied to another convention's parameter set."""
        if convention == self.convention:
            return self
        return _scenario(defaults(convention), self.explicit, convention, self.scenario_file)

    def hash(self) -> str:
        """Short stable hash of the values (for cache keys and the book's footer)."""
        return values_hash(self.values)

    def differences(self) -> pd.DataFrame:
        """Parameters that differ from the report, with default and scenario value."""
        rows = []
        for name, value in self.changed.items():
            p = parameters()[name]
            rows.append(
                {
                    "parametre": name,
                    "libelle": p.label,
                    "section": p.section,
                    "rapport": defaults(self.convention)[name],
                    "scenario": value,
                    "unite": p.unit,
                }
            )
        return pd.DataFrame(
            rows, columns=["parametre", "libelle", "section", "rapport", "scenario", "unite"]
        )


def values_hash(values: Mapping[str, Any]) -> str:
    def enc(v):
        if isinstance(v, np.ndarray):
            return {"array": hashlib.sha256(np.ascontiguousarray(v).tobytes()).hexdigest()}
        if isinstance(v, float):
            return repr(v)
        return v

    blob = json.dumps({k: enc(values[k]) for k in sorted(values)}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def resolve(
    scenario_file: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    convention: str = "rapport",
) -> Scenario:
    """The convention's parameter set <- scenario file <- overrides, every name and value
    validated.

    Raises :class:`ParameterError` on the first problem; nothing is evaluated before all
    inputs are known to be valid.  A value equal to the convention's changes nothing.
    """
    base = defaults(convention)
    explicit: dict[str, Any] = {}
    layers: list[tuple[str, Mapping[str, Any]]] = []
    if scenario_file:
        layers.append((f"scénario {Path(scenario_file).name}", load_scenario(scenario_file)))
    if overrides:
        layers.append(("--set", overrides))
    for origin, layer in layers:
        for name, raw in layer.items():
            explicit[name] = lookup(name).validate(raw, origin)
    return _scenario(base, explicit, convention, str(scenario_file) if scenario_file else None)


def _scenario(base: Mapping[str, Any], explicit: Mapping[str, Any], convention: str,
              scenario_file: str | None) -> Scenario:
    values = {**base, **explicit}
    # Keep only true differences from the convention (a scenario may restate a value).
    changed = {
        k: v for k, v in explicit.items()
        if isinstance(v, np.ndarray) or v != base[k]
    }
    return Scenario(values=values, changed=changed, scenario_file=scenario_file,
                    explicit=dict(explicit), convention=convention)


def scenario_yaml(values: Mapping[str, Any], origin: str) -> str:
    """A scenario file (YAML) setting every parameter to ``values``, in the table's order,
    with each parameter's unit as a comment; read back by :func:`resolve` it reproduces
    ``values`` exactly (floats are written with ``repr``)."""
    lines = [f"# Scénario complet : {origin}", "# Chaque ligne est un paramètre de data/parameters.csv."]
    for name, p in parameters().items():
        v = values[name]
        text = yaml.safe_dump(v if isinstance(v, str) else float(v), default_flow_style=True).strip()
        text = text.removesuffix("\n...").strip()
        lines.append(f"{name}: {text}  # {p.unit}")
    return "\n".join(lines)


def table() -> pd.DataFrame:
    """The parameter table as a DataFrame (for ``aaas params`` and the book)."""
    return data.read_csv(data.path("parameters.csv"))
