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


def defaults() -> dict[str, Any]:
    return {name: p.value for name, p in parameters().items()}


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
    #: Parameters whose value differs from the report's.
    changed: dict[str, Any] = field(default_factory=dict)
    scenario_file: str | None = None
    #: Every parameter the user set explicitly (even to the report's value): these win
    #: over the values a convention forces.
    explicit: dict[str, Any] = field(default_factory=dict)

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
                    "rapport": p.value,
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
) -> Scenario:
    """Defaults <- scenario file <- overrides, every name and value validated.

    Raises :class:`ParameterError` on the first problem; nothing is evaluated before all
    inputs are known to be valid.
    """
    values = defaults()
    changed: dict[str, Any] = {}
    layers: list[tuple[str, Mapping[str, Any]]] = []
    if scenario_file:
        layers.append((f"scénario {Path(scenario_file).name}", load_scenario(scenario_file)))
    if overrides:
        layers.append(("--set", overrides))
    for origin, layer in layers:
        for name, raw in layer.items():
            p = lookup(name)
            value = p.validate(raw, origin)
            values[name] = value
            changed[name] = value
    # Keep only true differences from the report (a scenario may restate a default).
    changed_only = {
        k: v
        for k, v in changed.items()
        if isinstance(v, np.ndarray) or v != parameters()[k].value
    }
    explicit = {k: values[k] for layer in layers for k in layer[1]}
    return Scenario(values=values, changed=changed_only,
                    scenario_file=str(scenario_file) if scenario_file else None, explicit=explicit)


def table() -> pd.DataFrame:
    """The parameter table as a DataFrame (for ``aaas params`` and the book)."""
    return data.read_csv(data.path("parameters.csv"))
