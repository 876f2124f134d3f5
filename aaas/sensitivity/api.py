"""What the public sensitivity API shares: the scenario an analysis starts from, and the
modules that are also the analysis they are named after.

``aaas.sensitivity.oneway`` is both a module (its functions keep the engine's signatures,
convention first: ``oneway.oneway("rapport", base=values)``, as the book's notebook calls
them) and the researcher's analysis: calling the module, ``aaas.sensitivity.oneway(scenario)``,
runs its public function (:func:`aaas.sensitivity.oneway.run`).  One object under one name,
whatever was imported first: a function beside a module of the same name would be replaced
by the module as soon as the module is imported.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Mapping
from os import PathLike
from typing import Any

from ..errors import ParameterError


class Analysis(types.ModuleType):
    """A module that, called, runs its analysis (the function given to :func:`callable_module`)."""

    def __call__(self, *args, **kwargs):
        return self.__wrapped__(*args, **kwargs)


def callable_module(name: str, function: Callable) -> None:
    """Make the module ``name`` callable: calling it calls ``function`` (``inspect.signature``
    and IPython's ``?`` show ``function``'s signature through ``__wrapped__``).

    >>> import aaas.sensitivity.sobol as module
    >>> callable(module), module.__wrapped__ is module.run, isinstance(module, Analysis)
    (True, True, True)
    """
    module = sys.modules[name]
    module.__wrapped__ = function
    module.__class__ = Analysis


def scenario_of(scenario: Any = None, convention: str | None = None):
    """The resolved, scalar scenario an analysis starts from: a
    :class:`~aaas.models.scenario.Scenario` (under ``convention`` when given), a mapping of
    parameter values (validated as ``--set``), the path of a YAML scenario file, or None
    (the report's parameters); ``convention`` defaults to the scenario's own, else
    ``rapport``.

    >>> s = scenario_of({"population_bassin": 50000}, "corrige")
    >>> s.convention, s.values["population_bassin"]
    ('corrige', 50000.0)
    >>> import numpy as np
    >>> scenario_of({"population_bassin": np.array([1e4, 2e4])})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: paramètre 'population_bassin' : une analyse de sensibilité part d'une valeur ...
    """
    import numpy as np

    from ..models import conventions
    from ..models import scenario as scenarios

    if isinstance(scenario, scenarios.Scenario):
        resolved = scenario.under(conventions.check_convention(convention or scenario.convention))
    else:
        conv = conventions.check_convention(convention or "rapport")
        if scenario is None:
            resolved = scenarios.resolve(convention=conv)
        elif isinstance(scenario, Mapping):
            resolved = scenarios.resolve(overrides=scenario, convention=conv)
        elif isinstance(scenario, str | PathLike):
            resolved = scenarios.resolve(scenario, convention=conv)
        else:
            raise ParameterError(
                f"scénario de type {type(scenario).__name__} : un Scenario (aaas.resolve), un dictionnaire "
                "nom: valeur, un fichier YAML ou None (le rapport) est attendu"
            )
    for name, value in resolved.changed.items():
        if np.ndim(value):
            raise ParameterError(
                f"paramètre '{name}' : une analyse de sensibilité part d'une valeur par paramètre, "
                f"pas d'un tableau de {np.size(value)} valeurs (les tirages sont ceux de l'analyse)"
            )
    return resolved
