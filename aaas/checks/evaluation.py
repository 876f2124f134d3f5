"""One evaluation: a scenario under a convention, its results, its reference and its
reconciliation with the report, each computed once, when first asked for.

This is what the command line, the notebooks and researchers working in Python use
(``aaas.evaluate``)::

    >>> import aaas
    >>> ev = aaas.evaluate(aaas.resolve(overrides={"population_bassin": 50000}), convention="corrige")
    >>> round(ev.total) > round(aaas.evaluate().total)
    True
    >>> ev.table("synthese").loc["Total des surcoûts des missions", "statut"]
    'scénario'

A scenario may give NumPy arrays of draws for numeric parameters (one dimension, lengths
that broadcast together): the model runs once on all of them, :attr:`Evaluation.total` and
:meth:`Evaluation.value` return one number per draw, :meth:`Evaluation.missions` and
:meth:`Evaluation.table` return long tables with a ``draw`` index level::

    >>> import numpy as np
    >>> ev = aaas.evaluate({"population_bassin": np.array([10000, 20000, 50000])})
    >>> ev.total.round().tolist()
    [357985.0, 404565.0, 542505.0]
    >>> float(ev.missions().loc[(2, "relais"), "surcout"].round())
    243480.0

Two conventions of naming to know: a table's column ``rapport`` is the figure the report
prints (not the convention of that name), and choice parameters (readings such as
``annee_bareme`` = ``"2021"`` or ``puissance_fiscale_cv`` = ``"4"``) are text, as the
choices of ``data/parameters.csv`` are: labels of the rows of a reference table (``"7"``
stands for 7 CV and more), compared as text everywhere; :meth:`Evaluation.value` returns
them as text, ``int(ev.value("annee_bareme"))`` gives the year as a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from .. import datastore, inputs
from ..errors import ParameterError
from ..models import conventions
from ..models import scenario as scenarios
from ..models.surcouts import Results
from . import affichage, reconcile, tables

#: Draws of an array scenario a table is reconciled for at most (:meth:`Evaluation.table`:
#: about 10 ms a draw).
TIRAGES_TABLE_MAX = 10_000


class Evaluation:
    """A scenario evaluated under a convention (results, reference, reconciliation, tables).

    Parameters
    ----------
    scenario : Scenario, optional
        A resolved scenario (:func:`aaas.resolve`); the report's parameters when omitted.
    convention : str, optional
        ``"rapport"``, ``"corrige"`` or ``"actualise"``; the scenario's own convention when
        omitted.
    """

    def __init__(self, scenario: scenarios.Scenario | None = None, convention: str | None = None):
        convention = conventions.check_convention(convention or (scenario.convention if scenario else "rapport"))
        self.convention = convention
        self.scenario = (scenario or scenarios.resolve(convention=convention)).under(convention)
        #: Number of draws of an array scenario (its values broadcast together), None for a
        #: scalar one.
        self.n_draws = n_draws(self.scenario.values)

    def __repr__(self) -> str:
        draws = f", tirages={self.n_draws}" if self.n_draws is not None else ""
        return f"Evaluation(convention={self.convention!r}, changements={sorted(self.scenario.changed)}{draws})"

    @cached_property
    def results(self):
        """Every named quantity of the model (read-only mapping)."""
        return conventions.compute_scenario(self.scenario)

    @property
    def autre_convention(self) -> str:
        """The convention the reference is computed under: ``corrige`` for ``rapport``,
        ``rapport`` for any other."""
        return "corrige" if self.convention == "rapport" else "rapport"

    @cached_property
    def reference(self):
        """The same user settings under the other convention."""
        return conventions.compute_scenario(self.scenario, self.autre_convention)

    @cached_property
    def reconciliation(self) -> pd.DataFrame:
        """Every published figure with its recomputation, gap, status and errata."""
        return reconcile.reconcile(self.scenario, self.convention, results=self.results)

    @cached_property
    def affiches(self) -> dict[str, float]:
        """The amounts displayed for the lines, missions and total, adding up
        (:func:`aaas.checks.affichage.montants_affiches`); of a scalar scenario (a draw's:
        ``ev.draw(i).affiches``)."""
        return affichage.montants_affiches(self.results)

    @cached_property
    def affiches_defaut(self) -> dict[str, float]:
        """The same for the convention's default (the report's scenario)."""
        return affichage.montants_affiches(conventions.compute(self.convention))

    @property
    def total(self) -> float | np.ndarray:
        """The grand total (€/year): a float, or one per draw (an array) for an array scenario."""
        return self.value("total")

    def value(self, name: str) -> float | np.ndarray | str:
        """One quantity of the model: a float, or an array of one value per draw for an array
        scenario (a quantity the draws do not move repeated); a choice parameter as its text.

        Parameters
        ----------
        name : str
            A parameter or a quantity of the model (:func:`aaas.quantities`).

        Returns
        -------
        float, ndarray or str
            Its value, one per draw for an array scenario, or the text of a choice.

        >>> ev = evaluate({"population_bassin": np.array([20000, 40000])})
        >>> ev.value("mission_relais").round().tolist(), ev.value("mission_participation").tolist()
        ([105540.0, 197500.0], [37800.0, 37800.0])
        >>> evaluate().value("annee_bareme")
        '2021'
        """
        v = self.results[name]
        if isinstance(v, str):
            return v
        if self.n_draws is None:
            return float(np.asarray(v))
        return np.broadcast_to(np.asarray(v, dtype=float), (self.n_draws,)).copy()

    def missions(self) -> pd.DataFrame:
        """The four missions and the total (``surcout``, €/year) with their French label:
        one row per mission (index ``mission``; ``total`` last), or per draw and mission
        (index ``draw``, ``mission``) for an array scenario.

        Returns
        -------
        DataFrame
            Columns ``libelle`` and ``surcout``.

        >>> float(evaluate().missions().loc["total", "surcout"].round())
        404565.0
        """
        m = datastore.missions()
        names = [*m["mission"], "total"]
        pub = datastore.published()
        total = pub.loc[(pub["tableau"] == "synthese") & (pub["variable"] == "total"), "label"].iloc[0]
        labels = [*m["libelle"], total]
        values = {n: self.value("total" if n == "total" else f"mission_{n}") for n in names}
        if self.n_draws is None:
            index = pd.Index(names, name="mission")
            return pd.DataFrame({"libelle": labels, "surcout": [values[n] for n in names]}, index=index)
        index = pd.MultiIndex.from_product([range(self.n_draws), names], names=["draw", "mission"])
        amounts = np.column_stack([values[n] for n in names]).reshape(-1)
        return pd.DataFrame({"libelle": labels * self.n_draws, "surcout": amounts}, index=index)

    def draw(self, i: int) -> Evaluation:
        """Draw ``i`` (0 to ``n_draws − 1``) of an array scenario as a scalar evaluation: its
        scenario's values and the model's results at that draw (taken, not recomputed).

        Parameters
        ----------
        i : int
            The draw, from 0 to ``n_draws − 1``.

        Returns
        -------
        Evaluation
            A scalar evaluation.

        Raises
        ------
        ParameterError
            When the scenario has no draws or ``i`` is out of range.

        >>> one = evaluate({"population_bassin": np.array([20000, 40000])}).draw(1)
        >>> one.scenario.changed, round(one.total) == round(evaluate({"population_bassin": 40000}).total)
        ({'population_bassin': 40000.0}, True)
        """
        if self.n_draws is None:
            raise ParameterError("draw : le scénario n'a pas de tirages (aucun paramètre n'est un tableau)")
        i = inputs.count("draw", i, 0, self.n_draws - 1)
        sc, base = self.scenario, conventions.defaults(self.convention)
        at = lambda v: v if isinstance(v, str) or not np.ndim(v) else float(np.broadcast_to(v, (self.n_draws,))[i])  # noqa: E731
        explicit = {k: at(v) for k, v in sc.explicit.items()}
        scenario = scenarios.Scenario(
            values={k: at(v) for k, v in sc.values.items()},
            changed={k: v for k, v in explicit.items() if v != base[k]},
            scenario_file=sc.scenario_file,
            explicit=explicit,
            convention=sc.convention,
        )
        one = Evaluation(scenario, self.convention)
        one.__dict__["results"] = Results({k: at(v) for k, v in self.results.items()})
        return one

    def under(self, convention: str) -> Evaluation:
        """The same user settings evaluated under another convention.

        Parameters
        ----------
        convention : str
            ``rapport``, ``corrige`` or ``actualise``.

        Returns
        -------
        Evaluation
            A new evaluation (computed when first asked for).
        """
        return Evaluation(self.scenario, convention)

    def table(self, table_id: str, baseline: str = "rapport") -> pd.DataFrame:
        """One table of the report, shaped by :func:`aaas.checks.tables.shape` (``baseline``:
        what the gap is measured against, ``rapport`` or ``defaut``).  Its column ``rapport``
        is the printed figure.  For an array scenario, the table of every draw, one under
        the other (index ``draw``, ``libelle``; at most :data:`TIRAGES_TABLE_MAX` draws).

        Parameters
        ----------
        table_id : str
            A table of the report (``aaas tables --list``).
        baseline : str
            ``rapport`` (the printed figure) or ``defaut`` (the convention's default).

        Returns
        -------
        DataFrame
            One row per figure (index ``libelle``): printed, recomputed, gap, status, errata.
        """
        tables.check_table(table_id)
        if self.n_draws is not None:
            return self._tables_per_draw(table_id, baseline)
        rec = self.reconciliation
        return tables.shape(rec[rec["tableau"] == table_id], baseline, self.affiches, self.affiches_defaut)

    def _tables_per_draw(self, table_id: str, baseline: str) -> pd.DataFrame:
        self._check_table_draws()
        return self._stack([self.draw(i).table(table_id, baseline) for i in range(self.n_draws)], baseline)

    def _check_table_draws(self) -> None:
        inputs.count("tirages d'un tableau", self.n_draws, 1, TIRAGES_TABLE_MAX,
                     f"il faudrait environ {self.n_draws // 100} s de calcul")  # fmt: skip

    def _stack(self, frames: list[pd.DataFrame], baseline: str) -> pd.DataFrame:
        """The tables of the draws one under the other (index ``draw``, ``libelle``)."""
        df = pd.concat(frames, keys=range(self.n_draws), names=["draw", "libelle"])
        df.attrs = {"baseline": baseline, "draws": self.n_draws}
        return df

    def tables(self, baseline: str = "rapport") -> dict[str, pd.DataFrame]:
        """Every table of the report, in its order (for an array scenario, each draw
        reconciled once for all tables).

        Parameters
        ----------
        baseline : str
            As for :meth:`table`.

        Returns
        -------
        dict of str -> DataFrame
            Each table by its identifier.
        """
        if self.n_draws is None:
            return {t: self.table(t, baseline) for t in tables.ids()}
        self._check_table_draws()
        per_draw = [self.draw(i).tables(baseline) for i in range(self.n_draws)]
        return {t: self._stack([d[t] for d in per_draw], baseline) for t in tables.ids()}


def evaluate(
    scenario: scenarios.Scenario | Mapping[str, Any] | str | PathLike | None = None,
    convention: str | None = None,
) -> Evaluation:
    """Evaluate a scenario: a resolved :class:`~aaas.models.scenario.Scenario`, a mapping of
    parameter values (validated like ``--set``; numeric values may be NumPy arrays of
    draws), the path of a YAML scenario file, or nothing (the report's parameters).

    Parameters
    ----------
    scenario : Scenario, mapping, str or PathLike, optional
        What to evaluate (None: the report's parameters).
    convention : str, optional
        ``rapport``, ``corrige`` or ``actualise`` (default: the scenario's, else ``rapport``).

    Returns
    -------
    Evaluation
        Its results, reference, reconciliation and tables, each computed when first asked for.

    Raises
    ------
    InputError
        A bad name, value, file or convention, with one French line.

    >>> evaluate(convention="corrige").total < evaluate().total
    True
    """
    if scenario is None or isinstance(scenario, scenarios.Scenario):
        return Evaluation(scenario, convention)
    conv = convention or "rapport"
    if isinstance(scenario, Mapping):
        return Evaluation(scenarios.resolve(overrides=scenario, convention=conv), conv)
    return Evaluation(scenarios.resolve(scenario, convention=conv), conv)


def n_draws(values: Mapping[str, Any]) -> int | None:
    """The number of draws of a parameter set whose numeric values may be arrays (one
    dimension, lengths that broadcast together), None when every value is a scalar.

    >>> n_draws({"a": 1.0, "b": np.arange(3.0)}), n_draws({"a": 1.0})
    (3, None)
    """
    shapes = {k: np.shape(v) for k, v in values.items() if isinstance(v, np.ndarray) and v.ndim}
    if not shapes:
        return None
    try:
        shape = np.broadcast_shapes(*shapes.values())
    except ValueError:
        sizes = ", ".join(f"{k} ({np.prod(s)})" for k, s in shapes.items())
        raise ParameterError(f"tableaux de tirages de longueurs incompatibles : {sizes}") from None
    if len(shape) != 1:
        name = next(k for k, s in shapes.items() if len(s) != 1)
        raise ParameterError(f"paramètre '{name}' : un tableau à une dimension (un tirage par valeur) est attendu")
    return shape[0]
