"""The conventions of evaluation: named strategies, each a visible parameter set and a model.

A convention is a complete set of parameter values and readings, visible to the user
(``aaas params --convention X``), and the model that evaluates it:

* ``rapport`` (default) is ``data/parameters.csv``: the report's values and readings,
  including the errors it carries into its totals (404 565 €).  Each carried error is
  written as the report's own value or formula (a rounding step, a reading, a count), so
  it still responds to the parameters it depends on.
* ``corrige`` is that set with the values of ``data/conventions.csv``, one row per carried
  error, each naming its erratum of ``data/errata.csv``.
* ``actualise`` is ``corrige``'s set with its own rows of ``data/conventions.csv``, each
  citing its source: posts paid by the official URSSAF rules of ``annee_paie``
  (:mod:`aaas.models.paie`), the newest mileage scale, the consultation fee in force.
  Every other euro hypothesis keeps its 2022 value (:func:`gardees_2022`).

Nothing is forced on the model: a scenario is a convention's set with the user's values on
top, so setting a parameter to the value the convention shows changes nothing.  A
convention may also bring its own model (:attr:`Convention.model`); ``actualise`` needs
none: paying posts by the rules is a reading of the model (``calcul_cotisations``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd

from .. import datastore
from ..errors import ChoiceError, cite
from . import surcouts
from .parameters import lookup, parameters

errata = datastore.errata


@dataclass(frozen=True)
class Convention:
    """A named way of evaluating: its parameter set and the model applied to it."""

    name: str
    libelle: str
    #: The convention whose set this one starts from (``None``: ``data/parameters.csv``).
    base: str | None = None
    #: Does it update values (sources, not errata): figures it moves are *actualisé*.
    met_a_jour: bool = False
    #: The model evaluating a complete parameter set (``surcouts.evaluate`` for both
    #: conventions of the report).
    model: Callable[[Mapping[str, Any]], surcouts.Results] = surcouts.evaluate

    def evaluate(self, values: Mapping[str, Any], **options: Any) -> surcouts.Results:
        """Evaluate this convention's model on a complete parameter set (``options``: the
        model's, e.g. ``complet=False``)."""
        return self.model(values, **options)


#: The known conventions, by name.
REGISTRE: Mapping[str, Convention] = MappingProxyType(
    {
        "rapport": Convention("rapport", "rapport (erreurs reportées comme dans le rapport)"),
        "corrige": Convention("corrige", "corrigé (erreurs du rapport corrigées)", base="rapport"),
        "actualise": Convention(
            "actualise",
            "actualisé (erreurs corrigées, paie par les règles URSSAF, barème et tarif en vigueur)",
            base="corrige",
            met_a_jour=True,
        ),
    }
)
CONVENTIONS = tuple(REGISTRE)
LIBELLES = {name: c.libelle for name, c in REGISTRE.items()}


def check_convention(convention: str) -> str:
    """``convention`` if it is known, else a :class:`~aaas.errors.ChoiceError` listing the known ones.

    >>> check_convention("corrige")
    'corrige'
    """
    if convention not in REGISTRE:
        raise ChoiceError(f"convention inconnue '{cite(convention)}' ; valeurs acceptées : {', '.join(CONVENTIONS)}")
    return convention


def get(convention: str) -> Convention:
    """The :class:`Convention` called ``convention``."""
    return REGISTRE[check_convention(convention)]


def lignee(convention: str) -> tuple[str, ...]:
    """The conventions whose rows make ``convention``'s set, from the first applied.

    >>> lignee("actualise")
    ('corrige', 'actualise')
    """
    out: tuple[str, ...] = ()
    c: str | None = check_convention(convention)
    while c and c != "rapport":
        out = (c, *out)
        c = REGISTRE[c].base
    return out


def _rows(convention: str) -> pd.DataFrame:
    """The rows of ``data/conventions.csv`` that make ``convention``'s set, in order."""
    rows = datastore.conventions()
    unknown = set(rows["convention"]) - set(REGISTRE)
    if unknown:
        raise ChoiceError(f"conventions.csv : convention inconnue '{sorted(unknown)[0]}'")
    return pd.concat([rows[rows["convention"] == c] for c in lignee(convention)] or [rows.iloc[:0]])


@datastore.cached
def _parameter_set(convention: str) -> Mapping[str, Any]:
    values = {name: p.value for name, p in parameters().items()}
    for row in _rows(convention).itertuples(index=False):
        values[row.parametre] = lookup(row.parametre).validate(row.valeur, "conventions.csv")
    return MappingProxyType(values)


def defaults(convention: str = "rapport") -> dict[str, Any]:
    """The full parameter set of a convention (a fresh dict each call).

    ``rapport`` is ``data/parameters.csv`` (the report's values and readings, its carried
    errors included); any other convention is that set with the values of
    ``data/conventions.csv`` (each validated like a user's value).

    >>> defaults("rapport")["population_bassin"], defaults("corrige")["lecture_heures_patient_expert"]
    (20000.0, 'seances_x_duree')
    """
    return dict(_parameter_set(check_convention(convention)))


def differences(convention: str) -> pd.DataFrame:
    """Parameters whose value under ``convention`` differs from the report's, with the
    erratum or the source that motivates each and the step it belongs to (empty for
    ``rapport``)."""
    rows = _rows(convention)
    rapport = defaults("rapport")
    conv = defaults(convention)
    return pd.DataFrame(
        {
            "parametre": rows["parametre"].to_list(),
            "rapport": [rapport[n] for n in rows["parametre"]],
            convention: [conv[n] for n in rows["parametre"]],
            "erratum": rows["erratum"].to_list(),
            "source": rows["source"].to_list(),
            "etape": rows["etape"].to_list(),
            "convention": rows["convention"].to_list(),
        }
    )


def gardees_2022(convention: str = "actualise") -> pd.DataFrame:
    """The euro hypotheses ``convention`` keeps at the report's 2022 value (every parameter
    in euros that its rows do not change, and that is not a payroll rate made inert by the
    rules), as ``data/parameters.csv`` gives them."""
    changed = set(differences(convention)["parametre"])
    values = defaults(convention)
    rows = datastore.parameters()
    keep = [
        r.name
        for r in rows.itertuples(index=False)
        if "€" in r.unit
        and not r.name.startswith("pas_arrondi_")
        and r.name not in changed
        and not parameters()[r.name].inert_under(values)
    ]
    return rows.set_index("name").loc[keep, ["value", "unit", "section", "label"]].reset_index()


def is_variant(scenario, convention: str | None = None) -> bool:
    """True when results differ from the report's edition (changed parameters or convention)."""
    return bool(scenario.changed) or (convention or scenario.convention) != "rapport"


@datastore.cached
def _default_results(convention: str) -> surcouts.Results:
    return get(convention).evaluate(defaults(convention))


def compute(convention: str = "rapport", changes: Mapping[str, Any] | None = None) -> surcouts.Results:
    """The model's results on a convention's parameter set, with ``changes`` on top
    (already-validated values: scalars or arrays of draws).  Without changes, the results
    are computed once per process (they are read-only)."""
    if not changes:
        return _default_results(check_convention(convention))
    return get(convention).evaluate({**defaults(convention), **changes})


def compute_scenario(scenario, convention: str | None = None) -> surcouts.Results:
    """The model's results on a resolved :class:`~aaas.models.scenario.Scenario`, under its
    own convention or the same user settings applied to ``convention``'s set."""
    conv = convention or scenario.convention
    if not scenario.explicit and not scenario.changed:
        return compute(conv)
    return get(conv).evaluate(scenario.under(conv).values)
