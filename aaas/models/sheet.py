"""The sheet of one evaluation: the parameter values, and the named quantities the model's
steps compute from them, one at a time.

A step reads quantities by name (``s["cout_mediateur"]``: a computed quantity, else a
parameter) and writes each one once, under its name, with :meth:`Sheet.calc` (a formula
applied to named quantities), :meth:`Sheet.copy` or :meth:`Sheet.update`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class Sheet:
    """Parameter values ``p`` and the quantities ``v`` computed so far."""

    def __init__(self, values: Mapping[str, Any]):
        self.p = dict(values)
        self.v: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        return self.v[name] if name in self.v else self.p[name]

    def put(self, name: str, value: Any) -> Any:
        """Write the quantity ``name`` (once: neither a quantity nor a parameter is ever
        overwritten)."""
        if name in self.v or name in self.p:
            raise KeyError(f"quantité déjà définie : {name}")
        self.v[name] = value
        return value

    def calc(self, name: str, formula: Callable[..., Any], *args: Any) -> Any:
        """``name = formula(*args)``, each ``str`` argument being the name of a quantity of
        the sheet (any other argument is passed as it is)."""
        return self.put(name, formula(*(self[a] if isinstance(a, str) else a for a in args)))

    def copy(self, name: str, source: str) -> Any:
        """The quantity ``source`` under another name (a line's component named after it)."""
        return self.put(name, self[source])

    def update(self, quantities: Mapping[str, Any]) -> None:
        """Write several quantities computed together (the aggregation)."""
        for name, value in quantities.items():
            self.put(name, value)

    def results(self) -> dict[str, Any]:
        """The parameters, then every quantity in the order computed."""
        return {**self.p, **self.v}
