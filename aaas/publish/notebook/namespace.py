"""What papermill passed to a notebook, read back from the notebook's globals.

The parameters cell (:mod:`.parameters_cell`) declares, annotated, every name a researcher
may pass; papermill injects the values given (``-p population_bassin 50000``) in a cell of
its own after it, and warns only about an unknown name before injecting it all the same.
:func:`settings` turns the globals into the scenario's settings: the scenario file, the
convention and the user's values — ``overrides`` (a mapping, or a JSON text as ``-p``
passes it) merged with the parameters passed one by one — and refuses, in one French line
naming the parameter, a name the cell does not declare (with the nearest one and its
accepted range), a malformed ``overrides`` or a parameter given both ways.

Messages name their origin « paramètre papermill », not a command-line option.
"""

from __future__ import annotations

import ast
import difflib
import json
from collections.abc import Mapping
from typing import Any

from ...errors import ParameterError, cite
from ...models import parameters
from . import parameters_cell

#: How messages name a value passed to a notebook.
ORIGINE = "paramètre papermill"
#: The types papermill can inject (``-p``, ``-y``, ``-f``): outside IPython, any other
#: global (a module, a function, a typing object) was defined by the code itself.
INJECTABLE = (str, int, float, bool, list, dict, type(None))
#: The first line of the cell papermill injects (its Python translator's comment).
EN_TETE_INJECTE = "# Parameters"
#: An example of ``overrides`` as a JSON text, for the messages.
EXEMPLE = '{"population_bassin": 50000}'


def _declared(namespace: Mapping[str, Any]) -> tuple[str, ...]:
    """The names the parameters cell declared: its annotations, else every setting and
    model parameter."""
    annotations = namespace.get("__annotations__")
    if isinstance(annotations, Mapping) and "overrides" in annotations:
        return tuple(annotations)
    return parameters_cell.declared()


def injected(history: list[str]) -> list[str]:
    """The names the last cell papermill injected assigns (IPython's ``In``: the sources
    run so far), none when papermill injected nothing.

    >>> injected(["x = 1", "# Parameters\\npopulaton_bassin = 5\\nconvention = 'corrige'\\n", "ctx = 2"])
    ['populaton_bassin', 'convention']
    """
    for source in reversed(history):
        if isinstance(source, str) and source.lstrip().startswith(EN_TETE_INJECTE):
            try:
                body = ast.parse(source).body
            except SyntaxError:  # pragma: no cover - papermill writes Python
                return []
            return [
                t.id for node in body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)
            ]
    return []


def unknown(namespace: Mapping[str, Any], declared: tuple[str, ...]) -> list[str]:
    """The names passed to the notebook that its parameters cell does not declare: under
    IPython, those of papermill's injected cell (:func:`injected`; the notebook's own
    variables, defined later, are never taken for parameters, even when a cell is run
    again); elsewhere (a mapping given by hand), every public global of a type papermill
    can inject.

    >>> unknown({"populaton_bassin": 5, "np": __import__("math"), "_x": 1, "convention": "rapport"}, ("convention",))
    ['populaton_bassin']
    >>> unknown({"In": ["# Parameters\\nx = 1"], "x": 1, "annee": 2026}, ())
    ['x']
    """
    history = namespace.get("In")
    if isinstance(history, list):
        return [name for name in injected(history) if name not in declared]
    return [
        name
        for name, value in namespace.items()
        if not name.startswith("_") and name not in declared and isinstance(value, INJECTABLE)
    ]


def refuse_unknown(name: str, declared: tuple[str, ...]) -> ParameterError:
    """The error for a name the cell does not declare: the nearest declared one and what
    it accepts.

    >>> print(refuse_unknown("populaton_bassin", parameters_cell.declared()))  # doctest: +ELLIPSIS
    paramètre inconnu 'populaton_bassin' (paramètre papermill) ; vouliez-vous dire 'population_bassin' (...) ?
    """
    near = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.5)
    if not near:
        hint = " ; papermill --help-notebook liste les paramètres acceptés"
    elif near[0] in parameters.parameters():
        hint = f" ; vouliez-vous dire '{near[0]}' ({parameters.lookup(near[0]).accepted()}) ?"
    else:
        hint = f" ; vouliez-vous dire '{near[0]}' ?"
    return ParameterError(f"paramètre inconnu '{cite(name)}' ({ORIGINE}){hint}")


def overrides_of(raw: Any) -> dict[str, Any]:
    """``overrides`` as a mapping: a mapping as given (``-y``), a JSON text read (``-p``).

    >>> overrides_of('{"population_bassin": 50000}'), overrides_of(None)
    ({'population_bassin': 50000}, {})
    >>> overrides_of("population_bassin")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: paramètre 'overrides' (paramètre papermill) : texte JSON illisible ...
    """
    if raw is None or raw == "":
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ParameterError(
                f"paramètre 'overrides' ({ORIGINE}) : texte JSON illisible « {cite(raw)} » ; "
                f"un dictionnaire nom → valeur est attendu, ex. '{EXEMPLE}'"
            ) from None
    if not isinstance(raw, Mapping) or not all(isinstance(k, str) for k in raw):
        raise ParameterError(
            f"paramètre 'overrides' ({ORIGINE}) : {type(raw).__name__} reçu ; "
            f"un dictionnaire nom → valeur est attendu, ex. '{EXEMPLE}'"
        )
    return dict(raw)


def settings(namespace: Mapping[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """The scenario file, the convention and the user's values (``overrides`` and the
    parameters passed one by one) of a notebook's globals.

    Raises
    ------
    ParameterError
        An undeclared name, a malformed ``overrides``, a parameter in ``overrides`` and
        passed alone, or a setting of the wrong type.
    """
    declared = _declared(namespace)
    for name in unknown(namespace, declared):
        raise refuse_unknown(name, declared)
    scenario_file, convention = namespace.get("scenario_file") or "", namespace.get("convention") or "rapport"
    for name, value in (("scenario_file", scenario_file), ("convention", convention)):
        if not isinstance(value, str):
            raise ParameterError(f"paramètre '{name}' ({ORIGINE}) : {type(value).__name__} reçu ; un texte est attendu")
    values = overrides_of(namespace.get("overrides"))
    for name in (n for n in values if n not in parameters.parameters()):
        raise refuse_unknown(name, tuple(parameters.parameters()))
    direct = {n: namespace[n] for n in parameters.parameters() if namespace.get(n) is not None}
    for name in sorted(set(values) & set(direct)):
        raise ParameterError(
            f"paramètre '{name}' ({ORIGINE}) : donné seul ({cite(direct[name])}) et dans overrides "
            f"({cite(values[name])}) ; une seule valeur par paramètre"
        )
    return scenario_file, convention, {**values, **direct}
