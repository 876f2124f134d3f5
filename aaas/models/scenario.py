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

from .. import inputs
from ..errors import ParameterError, ScenarioFileError, cite, cite_path
from . import conventions, paie
from .parameters import lookup, parameters


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``name=value`` strings (the ``--set`` option); a name given twice is refused,
    as a key repeated in a scenario file is (the last would silently win).

    >>> parse_assignments(["population_bassin=50000", "taux_recours_mg = 3,2"])
    {'population_bassin': '50000', 'taux_recours_mg': '3,2'}
    >>> parse_assignments(["population_bassin=30000", "population_bassin=40000"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: paramètre 'population_bassin' : --set répété (30000 puis 40000) ; ...
    """
    out: dict[str, str] = {}
    for pair in pairs:
        name, equal, value = pair.partition("=")
        name = name.strip()
        if not equal or not name:
            raise ParameterError(f"--set attend nom=valeur, reçu '{cite(pair)}'")
        if name in out:
            raise ParameterError(
                f"paramètre '{cite(name)}' : --set répété ({cite(out[name])} puis {cite(value.strip())}) ; "
                "une seule valeur par paramètre"
            )
        out[name] = value.strip()
    return out


#: Largest scenario file accepted (a complete scenario of every parameter is about 5 kB).
TAILLE_MAX_SCENARIO = 256 * 1024
#: Deepest nesting of a scenario file (a mapping of simple values has 2 levels); checked
#: while the YAML is composed, so that no nesting can exhaust Python's recursion.
PROFONDEUR_MAX = 10
_STR = "tag:yaml.org,2002:str"
#: The number forms YAML 1.1 would read itself (hexadecimal, octal, sexagesimal, ``1_000``,
#: ``.inf``, ``.nan``): every number is left as text and read by
#: :meth:`~aaas.models.parameters.Parameter.validate`, as a ``--set`` value is.
_NOT_RESOLVED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


class _Loader(yaml.SafeLoader):
    """Safe YAML loading for scenario files: keys are texts, none repeated (the last
    would silently win); nesting is at most :data:`PROFONDEUR_MAX` deep; numbers are left
    as text, read by the parameter's own validation."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NOT_RESOLVED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    #: Nodes being composed, one inside the other.
    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > PROFONDEUR_MAX:
                line = self.peek_event().start_mark.line + 1
                raise ScenarioFileError(
                    f"imbrication de plus de {PROFONDEUR_MAX} niveaux (ligne {line}) ; "
                    "un dictionnaire nom: valeur est attendu"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = cite(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "non scalaire"
                raise ScenarioFileError(f"clé {shown} (ligne {line}) : un nom de paramètre est attendu")
            if key_node.value in seen:
                raise ScenarioFileError(f"clé '{cite(key_node.value)}' répétée (ligne {line})")
            seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    """An explicit ``!!int`` or ``!!float`` is read as its text too (``!!int 0x10`` is no
    way around the number syntax)."""
    return loader.construct_scalar(node)


for _tag in _NOT_RESOLVED:
    _Loader.add_constructor(_tag, _as_text)


def _label(p: Path) -> str:
    """How messages name the scenario file (a long path shortened)."""
    return f"fichier de scénario '{cite_path(p)}'"


def _read_text(p: Path) -> str:
    """The file's text (a regular file, at most :data:`TAILLE_MAX_SCENARIO`, UTF-8), or a
    one-line error saying in words why it cannot be read."""
    label = _label(p)
    return inputs.decode_utf8(
        inputs.read_bounded(p, TAILLE_MAX_SCENARIO, ScenarioFileError, label), ScenarioFileError, label
    )


def _parse(text: str, p: Path) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except ScenarioFileError as exc:
        raise ScenarioFileError(f"{_label(p)} : {exc}") from None
    except yaml.constructor.ConstructorError as exc:
        tag = getattr(exc, "problem", "") or ""
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" (ligne {line + 1})" if line is not None else ""
        if "tag" in tag:
            name = tag.split("'")[1] if tag.count("'") >= 2 else tag
            raise ScenarioFileError(f"{_label(p)} : balise YAML non autorisée « {cite(name)} »{at}") from None
        raise ScenarioFileError(f"{_label(p)} : YAML mal formé{at}") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" (ligne {line + 1})" if line is not None else ""
        raise ScenarioFileError(f"{_label(p)} : YAML mal formé{at}") from None


def load_scenario(path: str | Path) -> dict[str, Any]:
    """Read a YAML scenario file: a mapping of parameter names to simple values.

    Safe loading: a file that is not a regular file (a FIFO, a device, a folder), a file
    over :data:`TAILLE_MAX_SCENARIO`, text that is not UTF-8 (its line and column named),
    nesting deeper than :data:`PROFONDEUR_MAX`, a key that is not a name or is repeated,
    unsafe tags and an empty file are refused; numbers are left as text (read as a
    ``--set`` value is)."""
    p = Path(path)
    content = _parse(_read_text(p), p)
    if content is None:
        raise ScenarioFileError(f"{_label(p)} vide : au moins une ligne nom: valeur est attendue")
    if not isinstance(content, dict):
        raise ScenarioFileError(f"{_label(p)} : un dictionnaire nom: valeur est attendu, reçu {type(content).__name__}")
    for key, value in content.items():
        if isinstance(value, (dict, list)):
            raise ScenarioFileError(f"{_label(p)} : paramètre '{cite(key)}' doit être une valeur simple")
    return dict(content)


@dataclass
class Scenario:
    """The full, validated set of parameter values for one evaluation.

    Attributes
    ----------
    values : dict of str -> value
        Every parameter's value (a float, an array of draws, or a choice's text).
    changed : dict
        The parameters whose value differs from the convention's set.
    scenario_file : str or None
        The YAML file the values came from, if any.
    explicit : dict
        Every parameter the user set explicitly (even to the convention's value).
    convention : str
        The parameter set the user's values were applied to.
    """

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
    origin: str = "--set",
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
        The parameter set the values are applied to (``rapport``, ``corrige`` or ``actualise``).
    origin : str
        How messages name where ``overrides`` come from (``--set``, « paramètre papermill »).

    Returns
    -------
    Scenario
        The validated values; ``changed`` lists those that differ from the convention's.

    Raises
    ------
    InputError
        On the first problem, before anything is evaluated (a value equal to the convention's changes nothing).

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
        layers.append((origin, overrides))
    for origin, layer in layers:
        for name, raw in layer.items():
            explicit[name] = lookup(name).validate(raw, origin)
    return _scenario(base, explicit, convention, str(scenario_file) if scenario_file else None)


def _scenario(
    base: Mapping[str, Any], explicit: Mapping[str, Any], convention: str, scenario_file: str | None
) -> Scenario:
    values = {**base, **explicit}
    paie.verifie_salaires(values)  # a salary the rules of the year refuse, before any evaluation
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
