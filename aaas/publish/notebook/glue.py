"""Glue for myst-nb: every figure of a chapter's prose, preformatted the French way.

``ctx.glue("cle", texte)`` glues a text; ``ctx.glue.valeur``, ``.parametre``,
``.publie``, ``.tableau`` and ``.variante`` glue a model quantity, a parameter, a printed
figure, a table's recomputed figure as the table shows it or a documented alternative value.
The prose shows them with ``{glue:}`cle```.

Each figure glued is also recorded as a number: the glue's output carries, in its
metadata (``aaas``: :func:`record`), the quantity, its exact value, its unit, the
convention and what the figure is (computed, printed, a parameter…), which the book does not
show and nbval does not compare; :func:`aaas.publish.notebook.results` collects them
from an executed notebook.  A text glued without its number (``ctx.glue("cle", texte)``)
is recorded as far as it reads as a number with its unit (:func:`read_figure`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np

from ... import datastore, fmt
from ...models import conventions, parameters
from ...present import render
from ...present.exports import UNITE_PART


class Source(Protocol):
    """What the glue reads from a notebook's context (:class:`.context.Context` is one): the
    glue module does not import the context, which imports it."""

    convention: str
    scenario: Any

    def v(self, name: str) -> float: ...
    def texte(self, name: str, unit: str = "€", precision: float | None = 1.0) -> str: ...
    def parametre(self, name: str) -> str: ...
    def ligne(self, table_id: str, label: str) -> Any: ...
    def tableau(self, table_id: str, convention: str | None = None) -> Any: ...
    def autre(self, convention: str | None = None, **changes: Any) -> Mapping[str, Any]: ...
    def variante(self, *variantes: str, convention: str | None = None) -> Mapping[str, Any]: ...


#: The key of the output's metadata that holds a glued figure's number.
METADATA_KEY = "aaas"
#: What a glued figure is (the ``nature`` of its record).
NATURES = ("calculé", "imprimé", "paramètre", "variante", "lu")
#: A figure as the book writes it: a signed number (thin spaces between thousands, a
#: decimal comma) and an optional unit.
_FIGURE = re.compile(r"(?P<signe>[−+-]?)(?P<nombre>\d{1,3}(?:[\u202f\xa0 ]\d{3})*(?:,\d+)?|\d+(?:,\d+)?)"
                     r"(?:[\u202f\xa0 ](?P<unite>[^\d\s(][^()]{0,30}))?")  # fmt: skip


def read_figure(text: str) -> tuple[float, str] | None:
    """The number and unit a glued text writes (a share as a fraction, unit ``part``), or
    None when it is not one figure.

    >>> read_figure("105\u202f540\xa0€"), read_figure("−5,3\xa0%"), read_figure("12"), read_figure("habitant")
    ((105540.0, '€'), (-0.053, 'part'), (12.0, ''), None)
    """
    m = _FIGURE.fullmatch(text.strip())
    if not m:
        return None
    value = float(re.sub(r"[\u202f\xa0 ]", "", m["nombre"]).replace(",", "."))
    value = -value if m["signe"] in ("−", "-") else value
    unit = (m["unite"] or "").strip()
    if unit == "%":
        return round(value / 100, 12), UNITE_PART
    return value, unit


def record(quantite: str, valeur: Any, unite: str, convention: str, nature: str) -> dict[str, Any] | None:
    """The number behind a glued figure, as its output's metadata holds it; None when the
    value is not one number (a reading, an array).

    >>> record("mission_relais", np.float64(105540.2), "€", "rapport", "calculé")["valeur"]
    105540.2
    >>> record("taux", 0.2, "%", "rapport", "paramètre")["unite"]
    'part'
    >>> record("echelle", "fixe", "lecture", "rapport", "paramètre") is None
    True
    """
    try:
        number = float(np.asarray(valeur, dtype=float))
    except (TypeError, ValueError):
        return None
    unit = UNITE_PART if unite == "%" else unite
    return {"quantite": quantite, "valeur": number, "unite": unit, "convention": convention, "nature": nature}


class GluedText:
    """A preformatted figure for myst-nb's glue: its plain representation is the text
    itself (a bare ``str`` would be glued with its quotes); its number, when it has one,
    goes into the output's metadata (:func:`record`).

    >>> GluedText("404 565 €")
    404 565 €
    >>> GluedText("5 €", {"valeur": 5.0})._repr_mimebundle_()[1]
    {'aaas': {'valeur': 5.0}}
    """

    def __init__(self, text: str, nombre: dict[str, Any] | None = None):
        self.text = text
        self.nombre = nombre

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict[str, str], dict[str, Any]]:
        """The text as Markdown and plain text; the number in the metadata."""
        return {"text/markdown": self.text, "text/plain": self.text}, (
            {METADATA_KEY: self.nombre} if self.nombre else {}
        )


class Glue:
    """Glue helper of a notebook's context; remembers what it glued (``glued``)."""

    def __init__(self, ctx: Source):
        self.ctx = ctx
        self.glued: dict[str, str] = {}

    def __call__(self, key: str, text: str, nombre: dict[str, Any] | None = None) -> None:
        """Glue a preformatted text under ``key``, with its number (:func:`record`; by
        default what the text reads as, :func:`read_figure`).  Returns nothing, so that a glue call
        never prints as a cell's last line."""
        from myst_nb import glue

        if nombre is None:
            lu = read_figure(text)
            nombre = record("", lu[0], lu[1], self.ctx.convention, "lu") if lu else None
        self.glued[key] = text
        glue(key, GluedText(text, nombre), display=False)

    def nombre(self, key: str, text: str, quantite: str, valeur: Any, unite: str, **options) -> None:
        """Glue ``text``, recording ``valeur`` (the exact number) of ``quantite`` in
        ``unite``; ``options``: ``convention`` (this notebook's by default) and ``nature``
        (``calculé`` by default, see :data:`NATURES`)."""
        convention = options.get("convention", self.ctx.convention)
        self(key, text, record(quantite, valeur, unite, convention, options.get("nature", "calculé")))

    def valeur(self, key: str, name: str, unit: str = "€", precision: float | None = 1.0) -> None:
        """Glue a quantity of the model (see :meth:`Context.texte`)."""
        nature = "paramètre" if name in parameters.parameters() else "calculé"
        self.nombre(key, self.ctx.texte(name, unit, precision), name, self.ctx.v(name), unit, nature=nature)

    def parametre(self, key: str, name: str) -> None:
        """Glue a parameter's value with its unit; in a variant that changes it, followed by
        the value it replaces (« 40 km (rapport : 20 km) »), so the prose never passes a
        scenario's value for the report's."""
        text = self.ctx.parametre(name) + self.rappel(name)
        value = self.ctx.scenario.values[name]
        self.nombre(key, text, name, value, parameters.lookup(name).unit, nature="paramètre")

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
        value, unit = conventions.defaults("rapport")[name], parameters.lookup(name).unit
        self.nombre(key, fmt.parametre(value, unit), name, value, unit, convention="rapport", nature="paramètre")

    def publie(self, key: str, table_id: str, label: str) -> None:
        """Glue the figure the report prints for a row (as printed)."""
        row = self.ctx.ligne(table_id, label)
        text = fmt.imprime(row["value"], row["unit"], row["precision"])  # with the decimals it has
        self.nombre(key, text, row["variable"], row["value"], row["unit"], convention="", nature="imprimé")

    def tableau(self, key: str, table_id: str, label: str) -> None:
        """Glue the recomputed figure of a table's row exactly as the table shows it (same
        value, same rounding), for prose that stands beside the table."""
        df = self.ctx.tableau(table_id)
        shown = render.formatted(df)
        row = list(df.index).index(label)
        line = df.iloc[row]
        self.nombre(key, shown.iloc[row]["Recalculé"], line["variable"], line["recalcule"], line["unite"])

    def variante(self, key: str, variante: str) -> None:
        """Glue a documented alternative value itself (formatted like its parameter)."""
        row = datastore.variantes().set_index("variante").loc[variante]
        value, unit = float(row["valeur"]), parameters.lookup(row["parametre"]).unit
        self.nombre(key, fmt.parametre(value, unit), row["parametre"], value, unit, nature="variante")

    def autre(self, key: str, name: str, unit: str = "€", precision: float | None = 1.0, **changes: Any) -> None:
        """Glue a quantity of the model under other readings or values (``changes``, see
        :meth:`Context.autre`; ``convention=`` another convention), formatted like
        :meth:`valeur` (``precision=None``: the decimals the number needs)."""
        convention = changes.pop("convention", None)
        value = self.ctx.autre(convention, **changes)[name]
        convention = convention or self.ctx.convention
        self.nombre(key, texte(value, unit, precision), name, value, unit, convention=convention)

    def en_variante(self, key: str, name: str, variantes: list[str], unit: str = "€", precision: float | None = 1.0):
        """Glue a quantity of the model with documented alternative values
        (``data/variantes.csv``, see :meth:`Context.variante`)."""
        value = self.ctx.variante(*variantes)[name]
        self.nombre(key, texte(value, unit, precision), name, value, unit)

    def par_unite(self, key: str, total: str, unites: str, convention: str | None = None, **changes: Any) -> None:
        """Glue a cost per unit, ``total`` / ``unites`` (two quantities of the model), in euros:
        of this scenario, or under another ``convention`` or readings (``changes``, see
        :meth:`Context.autre`)."""
        if convention or changes:
            r = self.ctx.autre(convention, **changes)
            value = r[total] / r[unites]
        else:
            value = self.ctx.v(total) / self.ctx.v(unites)
        self.nombre(
            key, fmt.euros(value), f"{total}/{unites}", value, "€", convention=convention or self.ctx.convention
        )


def texte(value: Any, unit: str, precision: float | None = 1.0) -> str:
    r"""A value formatted the French way (``precision=None``: the decimals it needs, up to three).

    >>> texte(1234.5, "€"), texte(0.1234, "", 0.001), texte(1.5, "h", None)
    ('1\u202f234\xa0€', '0,123', '1,5\xa0h')
    """
    return fmt.valeur_auto(value, unit) if precision is None else fmt.valeur(float(np.asarray(value)), unit, precision)
