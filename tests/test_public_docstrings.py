"""The public API beyond the formulas carries numpydoc docstrings.

What ``aaas.__all__`` exposes (``evaluate``, ``resolve``, ``Evaluation``, ``Scenario``,
``quantities``, ``describe``, the errors), the researcher's sensitivity analyses
(``aaas.sensitivity.__all__``), the methods of :class:`aaas.checks.evaluation.Evaluation`
and the public functions of :mod:`aaas.models.quantites`: each has a docstring; a callable
that takes arguments has a ``Parameters`` section, one that returns something a
``Returns`` (or ``Yields``) section; a class with fields lists them (``Parameters`` or
``Attributes``).  (The formulas are held to their own rules in ``tests/formulas``.)
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap

import pytest

import aaas
import aaas.errors
import aaas.sensitivity
from aaas.checks.evaluation import Evaluation
from aaas.models import quantites


def _api() -> dict[str, object]:
    out: dict[str, object] = {}
    for name in aaas.__all__:
        obj = getattr(aaas, name)
        if not inspect.ismodule(obj) and name != "__version__":
            out[f"aaas.{name}"] = obj
    for name in aaas.sensitivity.__all__:
        obj = getattr(aaas.sensitivity, name)
        out[f"aaas.sensitivity.{name}"] = getattr(obj, "__wrapped__", obj)  # a callable module runs its ``run``
    for name, obj in vars(aaas.errors).items():
        if inspect.isclass(obj) and issubclass(obj, Exception) and obj.__module__ == "aaas.errors":
            out[f"aaas.errors.{name}"] = obj
    for name, obj in vars(Evaluation).items():
        if not name.startswith("_") and (inspect.isfunction(obj) or isinstance(obj, property)):
            out[f"Evaluation.{name}"] = obj
    for name, obj in vars(quantites).items():
        if not name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == quantites.__name__:
            out[f"aaas.models.quantites.{name}"] = obj
    return out


def _returns_value(func) -> bool:
    """Whether ``func`` returns something: its annotation, else a ``return <value>`` in its body."""
    annotation = inspect.signature(func).return_annotation
    if annotation is not inspect.Signature.empty:
        return annotation not in (None, "None")
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    return any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(tree))


def missing_sections(obj) -> list[str]:
    """The numpydoc sections ``obj``'s docstring lacks (``["docstring"]`` if it has none).

    >>> def f(x):
    ...     '''Twice ``x``.'''
    ...     return 2 * x
    >>> missing_sections(f)
    ['Parameters', 'Returns']
    """
    doc = inspect.getdoc(obj.fget if isinstance(obj, property) else obj) or ""
    if not doc:
        return ["docstring"]
    if isinstance(obj, property) or (inspect.isclass(obj) and issubclass(obj, Exception)):
        return []
    sections = {
        line.strip()
        for line, under in zip(doc.splitlines(), doc.splitlines()[1:], strict=False)
        if under.strip().startswith("---")
    }
    if inspect.isclass(obj):
        fields = dataclasses.is_dataclass(obj) and dataclasses.fields(obj)
        return ["Parameters or Attributes"] if fields and not {"Parameters", "Attributes"} & sections else []
    out = []
    arguments = [p for p in inspect.signature(obj).parameters if p not in ("self", "cls")]
    if arguments and "Parameters" not in sections:
        out.append("Parameters")
    if _returns_value(obj) and not {"Returns", "Yields"} & sections:
        out.append("Returns")
    return out


API = _api()


@pytest.mark.parametrize("name", sorted(API))
def test_public_api_has_numpydoc_sections(name):
    assert missing_sections(API[name]) == [], name


def test_the_api_is_covered():
    assert {"aaas.evaluate", "aaas.sensitivity.montecarlo", "Evaluation.table", "aaas.errors.InputError"} <= set(API)
    assert "aaas.models.quantites.quantities" in API and "aaas.sensitivity.MonteCarlo" in API
