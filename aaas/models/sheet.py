"""The sheet of one evaluation: the parameter values, and the named quantities the model's
steps compute from them, one at a time.

A step reads quantities by name (``s["cout_mediateur"]``: a computed quantity, else a
parameter) and writes each one once, under its name, with :meth:`Sheet.calc` (a formula
applied to named quantities), :meth:`Sheet.copy` or :meth:`Sheet.update`.  The sheet
records how each quantity was written (:attr:`Sheet.origines`: the formula, or the name of
the quantity copied), which the dictionary of quantities reads
(:mod:`aaas.models.quantites`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class Sheet:
    """Parameter values ``p``, the quantities ``v`` computed so far, and how each was
    written (``origines``: the formula of :meth:`calc`, the source name of :meth:`copy`,
    None for :meth:`put` and :meth:`update`).

    >>> s = Sheet({"a": 2.0, "b": 3.0})
    >>> s.calc("produit", lambda x, y: x * y, "a", "b"), s.copy("autre", "produit")
    (6.0, 6.0)
    >>> s.origines["autre"]
    'produit'
    """

    def __init__(self, values: Mapping[str, Any]):
        self.p = dict(values)
        self.v: dict[str, Any] = {}
        self.origines: dict[str, Callable[..., Any] | str | None] = {}

    def __getitem__(self, name: str) -> Any:
        return self.v[name] if name in self.v else self.p[name]

    def put(self, name: str, value: Any) -> Any:
        """Write the quantity ``name`` (once: neither a quantity nor a parameter is ever
        overwritten)."""
        if name in self.v or name in self.p:
            raise KeyError(f"quantité déjà définie : {name}")
        self.v[name] = value
        self.origines.setdefault(name, None)
        return value

    def calc(self, name: str, formula: Callable[..., Any], *args: Any) -> Any:
        """``name = formula(*args)``, each ``str`` argument being the name of a quantity of
        the sheet (any other argument is passed as it is)."""
        value = self.put(name, formula(*(self[a] if isinstance(a, str) else a for a in args)))
        self.origines[name] = formula
        return value

    def copy(self, name: str, source: str) -> Any:
        """The quantity ``source`` under another name (a line's component named after it)."""
        value = self.put(name, self[source])
        self.origines[name] = source
        return value

    def update(self, quantities: Mapping[str, Any]) -> None:
        """Write several quantities computed together (the aggregation)."""
        for name, value in quantities.items():
            self.put(name, value)

    def results(self) -> dict[str, Any]:
        """The parameters, then every quantity in the order computed."""
        return {**self.p, **self.v}
