"""The sheet of one evaluation: the parameter values, and the named quantities the model's
steps compute from them, one at a time.

A step reads quantities by name (``s["cout_mediateur"]``: a computed quantity, else a
parameter) and writes each one once, under its name, with :meth:`Sheet.calc` (a formula
applied to named quantities), :meth:`Sheet.copy` or :meth:`Sheet.update`.  The sheet
records how each quantity was written (:attr:`Sheet.origines`: the formula, or the name of
the quantity copied), which the dictionary of quantities reads
(:mod:`aaas.models.quantites`).

Given the declared names (:func:`aaas.models.declarations.names`, as the model's
evaluation gives them), the sheet refuses a parameter or a quantity whose name is not
declared, and a read of a name it does not hold, naming the nearest declared name
(:class:`UndeclaredName`): a misspelt name fails where it is written, before its formula
runs.  A read needs no check (a name the sheet holds was checked when written); a write
costs one set lookup.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Set
from typing import Any


class UndeclaredName(KeyError):
    """A name the model reads or writes that is not declared (a misspelt name), or a
    quantity read before it is written."""

    def __str__(self) -> str:
        return str(self.args[0])


def nearest(name: str, declared: Set[str]) -> str:
    """The declared name closest to ``name`` (« aucun » when none is close).

    >>> nearest("cout_mediatuer", {"cout_mediateur", "cout_referents"})
    'cout_mediateur'
    """
    close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
    return close[0] if close else "aucun"


class Sheet:
    """Parameter values ``p``, the quantities ``v`` computed so far, and how each was
    written (``origines``: the formula of :meth:`calc`, the source name of :meth:`copy`,
    None for :meth:`put` and :meth:`update`); ``declared``: the names it accepts (any when
    omitted).

    >>> s = Sheet({"a": 2.0, "b": 3.0}, declared={"a", "b", "produit", "autre"})
    >>> s.calc("produit", lambda x, y: x * y, "a", "b"), s.copy("autre", "produit")
    (6.0, 6.0)
    >>> s.origines["autre"]
    'produit'
    >>> s.calc("prodiut", lambda x: x, "a")
    Traceback (most recent call last):
    ...
    aaas.models.sheet.UndeclaredName: nom non déclaré : prodiut (le plus proche : produit)
    """

    def __init__(self, values: Mapping[str, Any], declared: Set[str] | None = None):
        self.p = dict(values)
        self.v: dict[str, Any] = {}
        self.origines: dict[str, Callable[..., Any] | str | None] = {}
        self.declared = declared
        if declared is not None and not self.p.keys() <= declared:
            raise self._undeclared(sorted(self.p.keys() - declared)[0])

    def __getitem__(self, name: str) -> Any:
        if name in self.v:
            return self.v[name]
        try:
            return self.p[name]
        except KeyError:
            raise self._undeclared(name) from None

    def _undeclared(self, name: str) -> UndeclaredName:
        if self.declared is None:
            return UndeclaredName(f"quantité inconnue : {name}")
        if name in self.declared:
            return UndeclaredName(f"quantité lue avant d'être calculée : {name}")
        return UndeclaredName(f"nom non déclaré : {name} (le plus proche : {nearest(name, self.declared)})")

    def put(self, name: str, value: Any) -> Any:
        """Write the quantity ``name`` (once: neither a quantity nor a parameter is ever
        overwritten; a declared name, if the sheet was given them)."""
        self._check(name)
        return self._write(name, value, None)

    def _check(self, name: str) -> None:
        if self.declared is not None and name not in self.declared:
            raise self._undeclared(name)
        if name in self.v or name in self.p:
            raise KeyError(f"quantité déjà définie : {name}")

    def _write(self, name: str, value: Any, origine: Callable[..., Any] | str | None) -> Any:
        self.v[name] = value
        self.origines[name] = origine
        return value

    def calc(self, name: str, formula: Callable[..., Any], *args: Any) -> Any:
        """``name = formula(*args)``, each ``str`` argument being the name of a quantity of
        the sheet (any other argument is passed as it is); ``name`` is checked first."""
        self._check(name)
        return self._write(name, formula(*(self[a] if isinstance(a, str) else a for a in args)), formula)

    def copy(self, name: str, source: str) -> Any:
        """The quantity ``source`` under another name (a line's component named after it)."""
        self._check(name)
        return self._write(name, self[source], source)

    def update(self, quantities: Mapping[str, Any]) -> None:
        """Write several quantities computed together (the aggregation)."""
        for name, value in quantities.items():
            self.put(name, value)

    def results(self) -> dict[str, Any]:
        """The parameters, then every quantity in the order computed."""
        return {**self.p, **self.v}
