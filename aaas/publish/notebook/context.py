"""The context of one notebook: a scenario under a convention, evaluated once.

A notebook's set-up cell is ``ctx = notebook.setup_from(globals())``: it reads the
parameters papermill injected (:mod:`.namespace`: the scenario file, the convention,
``overrides`` and any model parameter passed alone); every figure of its prose then comes from
``ctx`` (``ctx.glue.valeur("cle", "quantite")``), every table from ``ctx.show(id)``.

The page-level summaries that take a context (:mod:`.resume`, :mod:`.citation`,
:mod:`.incertitude`) import it; it imports none of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import pandas as pd

from ... import datastore, fmt
from ...checks import tables
from ...checks.evaluation import Evaluation
from ...models import conventions, parameters, surcouts
from ...models import scenario as scenarios
from . import charts, glue, html_tables, namespace
from . import tables as book_tables


class Context:
    """One scenario under one convention, for a whole notebook (see :func:`setup`)."""

    def __init__(self, evaluation: Evaluation):
        self.evaluation = evaluation
        #: Glue helper: ``ctx.glue("cle", texte)``, ``ctx.glue.valeur(...)``...
        self.glue = glue.Glue(self)

    scenario = property(lambda self: self.evaluation.scenario)
    convention = property(lambda self: self.evaluation.convention)
    results = property(lambda self: self.evaluation.results)
    reference = property(lambda self: self.evaluation.reference)
    rec = property(lambda self: self.evaluation.reconciliation)

    @property
    def glued(self) -> dict[str, str]:
        """Every text glued so far, by key."""
        return self.glue.glued

    # --- values -------------------------------------------------------------------------
    def v(self, name: str) -> float:
        """A quantity of the model (or a parameter value) as a float."""
        return self.evaluation.value(name)

    def texte(self, name: str, unit: str = "€", precision: float | None = 1.0) -> str:
        """A quantity formatted the French way (``precision=None``: just the decimals the
        number needs, up to three); a line, a mission or the total in euros as every table
        shows it (:mod:`aaas.checks.affichage`)."""
        if precision is None:
            return fmt.valeur_auto(self.v(name), unit)
        if unit == "€" and precision == 1 and name in self.evaluation.affiches:
            return fmt.euros(self.evaluation.affiches[name])  # as the tables show it (parts add up)
        return fmt.valeur(self.v(name), unit, precision)

    def parametre(self, name: str) -> str:
        """A parameter's value with its unit, as used in this scenario."""
        return fmt.parametre(self.scenario.values[name], parameters.lookup(name).unit)

    def valeur_convention(self, name: str, convention: str):
        """A parameter's value in a convention's set (the report's, the corrected one)."""
        return conventions.defaults(convention)[name]

    def ligne(self, table_id: str, label: str) -> pd.Series:
        """One row of the reconciliation (printed, recomputed, gap, status)."""
        sel = self.rec[(self.rec["tableau"] == table_id) & (self.rec["label"] == label)]
        if len(sel) != 1:
            raise KeyError(f"{table_id} : pas de ligne « {label} »")
        return sel.iloc[0]

    def tableau(self, table_id: str, convention: str | None = None) -> pd.DataFrame:
        """A report table, shaped as for the command line (under this scenario's convention,
        or ``convention``)."""
        return self.evaluations[convention or self.convention].table(table_id)

    @cached_property
    def evaluations(self) -> dict[str, Evaluation]:
        """This scenario under each convention (this one's evaluation reused; the others
        evaluated when first asked for)."""
        return _Evaluations(self.evaluation)

    # --- other readings ------------------------------------------------------------------
    def autre(self, convention: str | None = None, **changes) -> Any:
        """The model under other readings or values (e.g. ``base_surcout_consultation=
        "duree_courante"``), same scenario otherwise."""
        scenario = self.scenario.under(convention or self.convention)
        values = dict(scenario.values)
        for name, raw in changes.items():
            values[name] = parameters.lookup(name).validate(raw)
        return surcouts.evaluate(values)

    def variante(self, *variantes: str, convention: str | None = None) -> Any:
        """The model with documented alternative values (``data/variantes.csv``)."""
        rows = _variantes().loc[list(variantes)]
        return self.autre(convention, **dict(zip(rows["parametre"], rows["valeur"], strict=True)))

    # --- display ------------------------------------------------------------------------
    def show(self, table_id: str) -> None:
        """Display a report table as HTML (deterministic markup, for nbval)."""
        book_tables.show_html(self.html(table_id))

    def html(self, table_id: str) -> str:
        """The HTML of a report table, with links to its hypotheses and errata."""
        par = {c: self.tableau(table_id, c) for c in dict.fromkeys(("rapport", "corrige", self.convention))}
        defaut = self.evaluation.table(table_id, "defaut") if self.scenario.changed else None
        return html_tables.tableau_html(par, tables.info(table_id), self.convention, defaut)

    def show_errata(self, table_id: str) -> None:
        """List the report's errors found in a table (from ``data/errata.csv``)."""
        book_tables.show_markdown(self.markdown_errata(table_id))

    def markdown_errata(self, table_id: str) -> str:
        """The Markdown list of a table's errata."""
        return html_tables.errata_markdown(table_id)

    def note_scenario(self) -> None:
        """Display, at the top of a chapter, what differs from the report."""
        book_tables.show_markdown(self.markdown_scenario())

    def markdown_scenario(self) -> str:
        """What differs from the report, in one Markdown line: the parameters this scenario
        changes, then the edits to the data in use (:func:`aaas.datastore.modifications`)."""
        text = html_tables.scenario_markdown(self.scenario, self.convention)
        edits = datastore.modifications()
        return f"{text} **Données modifiées** (par rapport aux données publiées) : {edits}." if edits else text

    def graphique_mission(self, mission: str) -> None:
        """A mission's lines: this scenario vs the other convention."""
        charts.graphique_mission(self, mission)

    @cached_property
    def par_convention(self) -> dict[str, Mapping[str, Any]]:
        """This scenario's results under each convention, by name."""
        return {self.convention: self.results, self.evaluation.autre_convention: self.reference}


class _Evaluations(dict):
    """Evaluations by convention name, each made when first asked for."""

    def __init__(self, evaluation: Evaluation):
        super().__init__({evaluation.convention: evaluation})
        self._evaluation = evaluation

    def __missing__(self, convention: str) -> Evaluation:
        self[convention] = self._evaluation.under(conventions.check_convention(convention))
        return self[convention]


def _variantes() -> pd.DataFrame:
    return datastore.variantes().set_index("variante")


def setup(
    scenario_file: str = "",
    convention: str = "rapport",
    overrides: Mapping[str, Any] | None = None,
    origin: str = namespace.ORIGINE,
) -> Context:
    """Resolve the papermill parameters of a notebook; the model is evaluated when first used.

    ``origin`` names, in the messages, where ``overrides`` come from."""
    conventions.check_convention(convention)
    scenario = scenarios.resolve(scenario_file or None, dict(overrides or {}), convention, origin)
    return Context(Evaluation(scenario, convention))


def setup_from(globals_: Mapping[str, Any]) -> Context:
    """A notebook's set-up: ``ctx = notebook.setup_from(globals())`` reads what its parameters
    cell declares and papermill injected (:func:`.namespace.settings`: a name the cell does
    not declare, or a value out of range, stops here with one French line)."""
    return setup(*namespace.settings(globals_))
