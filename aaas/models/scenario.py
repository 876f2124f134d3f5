"""Scenarios: a convention's parameter set with the user's values on top.

A :class:`Scenario` is the full set of values used for one evaluation: a convention's
set (:func:`aaas.models.conventions.defaults`), then a YAML scenario file, then ``--set
name=value`` overrides, each validated.  Values may be scalars or NumPy arrays (draws for
sensitivity analysis); the model is vectorised.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ..errors import ParameterError, ScenarioFileError
from . import conventions
from .parameters import lookup, parameters


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``name=value`` strings (the ``--set`` option).

    >>> parse_assignments(["population_bassin=50000", "taux_recours_mg = 3,2"])
    {'population_bassin': '50000', 'taux_recours_mg': '3,2'}
    """
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
        raise ScenarioFileError(f"fichier de scénario illisible '{p}' : {exc.__class__.__name__}") from None
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" (ligne {line + 1})" if line is not None else ""
        raise ScenarioFileError(f"fichier de scénario '{p}' : YAML mal formé{at}") from None
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise ScenarioFileError(
            f"fichier de scénario '{p}' : un dictionnaire nom: valeur est attendu, reçu {type(content).__name__}"
        )
    for key, value in content.items():
        if not isinstance(key, str):
            raise ScenarioFileError(f"fichier de scénario '{p}' : clé {key!r} non textuelle")
        if isinstance(value, (dict, list)):
            raise ScenarioFileError(f"fichier de scénario '{p}' : paramètre '{key}' doit être une valeur simple")
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

    def under(self, convention: str) -> Scenario:
        """The same user settings applied to another convention's parameter set."""
        if convention == self.convention:
            return self
        return _scenario(conventions.defaults(convention), self.explicit, convention, self.scenario_file)

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
                    "rapport": conventions.defaults(self.convention)[name],
                    "scenario": value,
                    "unite": p.unit,
                }
            )
        return pd.DataFrame(rows, columns=["parametre", "libelle", "section", "rapport", "scenario", "unite"])


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

    Parameters
    ----------
    scenario_file : str or Path, optional
        A YAML mapping ``nom: valeur``.
    overrides : mapping, optional
        Values as typed on the command line (``--set``), or numbers, or arrays of draws.
    convention : str
        The parameter set the values are applied to (``rapport`` or ``corrige``).

    Raises :class:`~aaas.errors.InputError` on the first problem; nothing is evaluated
    before all inputs are known to be valid.  A value equal to the convention's changes
    nothing.

    >>> s = resolve(overrides={"population_bassin": "50 000", "taux_recours_mg": 3.5})
    >>> s.changed
    {'population_bassin': 50000.0}
    """
    base = conventions.defaults(convention)
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


def _scenario(
    base: Mapping[str, Any], explicit: Mapping[str, Any], convention: str, scenario_file: str | None
) -> Scenario:
    values = {**base, **explicit}
    # Keep only true differences from the convention (a scenario may restate a value).
    changed = {k: v for k, v in explicit.items() if isinstance(v, np.ndarray) or v != base[k]}
    return Scenario(
        values=values, changed=changed, scenario_file=scenario_file, explicit=dict(explicit), convention=convention
    )


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
