"""Glue for myst-nb: every figure of a chapter's prose, preformatted the French way.

``ctx.colle("cle", texte)`` glues a text; ``ctx.colle.valeur``, ``.parametre``,
``.publie``, ``.tableau`` and ``.variante`` glue a model quantity, a parameter, a printed
figure, a table's recomputed figure as the table shows it or a documented alternative value.
The prose shows them with ``{glue:}`cle```.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import datastore, fmt
from ...models import conventions, parameters
from ...present import render

if TYPE_CHECKING:  # pragma: no cover
    from .context import Contexte


class Texte:
    """A preformatted figure for myst-nb's glue: its plain representation is the text
    itself (a bare ``str`` would be glued with its quotes).

    >>> Texte("404 565 €")
    404 565 €
    """

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


class Colle:
    """Glue helper of a notebook's context; remembers what it glued (``glued``)."""

    def __init__(self, ctx: Contexte):
        self.ctx = ctx
        self.glued: dict[str, str] = {}

    def __call__(self, key: str, text: str) -> None:
        """Glue a preformatted text under ``key``.  Returns nothing, so that a glue call
        never prints as a cell's last line."""
        from myst_nb import glue

        self.glued[key] = text
        glue(key, Texte(text), display=False)

    def valeur(self, key: str, name: str, unit: str = "€", precision: float | None = 1.0) -> None:
        """Glue a quantity of the model (see :meth:`Contexte.texte`)."""
        self(key, self.ctx.texte(name, unit, precision))

    def parametre(self, key: str, name: str) -> None:
        """Glue a parameter's value with its unit; in a variant that changes it, followed by
        the value it replaces (« 40 km (rapport : 20 km) »), so the prose never passes a
        scenario's value for the report's."""
        self(key, self.ctx.parametre(name) + self.rappel(name))

    def rappel(self, *names: str) -> str:
        """« (rapport : 20 km) » for those of ``names`` this scenario changes, or ``""``.

        The value replaced is the convention's (the report's under ``rapport``)."""
        changed = [n for n in names if n in self.ctx.scenario.changed]
        if not changed:
            return ""
        defaults = conventions.defaults(self.ctx.convention)
        origine = "rapport" if self.ctx.convention == "rapport" else f"convention {self.ctx.convention}"
        valeurs = ", ".join(fmt.parametre(defaults[n], parameters.lookup(n).unit) for n in changed)
        return f" ({origine} : {valeurs})"

    def selon(self, key: str, names: list[str], rapport: str, scenario: str = "Ce scénario retient") -> None:
        """Glue who states the values of ``names``: ``rapport`` (« Le rapport prévoit ») with
        the report's values, ``scenario`` as soon as this scenario changes one of them."""
        self(key, scenario if any(n in self.ctx.scenario.changed for n in names) else rapport)

    def rapport(self, key: str, name: str) -> None:
        """Glue a parameter's value as the report states it (for a quotation of its text),
        whatever the scenario."""
        value = conventions.defaults("rapport")[name]
        self(key, fmt.parametre(value, parameters.lookup(name).unit))

    def publie(self, key: str, table_id: str, label: str) -> None:
        """Glue the figure the report prints for a row (as printed)."""
        row = self.ctx.ligne(table_id, label)
        self(key, fmt.imprime(row["value"], row["unit"], row["precision"]))  # with the decimals it has

    def tableau(self, key: str, table_id: str, label: str) -> None:
        """Glue the recomputed figure of a table's row exactly as the table shows it (same
        value, same rounding), for prose that stands beside the table."""
        df = self.ctx.tableau(table_id)
        shown = render.formatted(df)
        self(key, shown.iloc[list(df.index).index(label)]["Recalculé"])

    def variante(self, key: str, variante: str) -> None:
        """Glue a documented alternative value itself (formatted like its parameter)."""
        row = datastore.variantes().set_index("variante").loc[variante]
        self(key, fmt.parametre(float(row["valeur"]), parameters.lookup(row["parametre"]).unit))
