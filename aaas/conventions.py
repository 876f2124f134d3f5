"""The conventions of evaluation: named parameter sets, and the errata that separate them.

A convention is a complete set of parameter values and readings, visible to the user
(``aaas params --convention X``):

* ``rapport`` (default) is ``data/parameters.csv``: the report's values and readings,
  including the errors it carries into its totals (404 565 €).  Each carried error is
  written as the report's own value or formula (a rounding step, a reading, a count), so
  it still responds to the parameters it depends on.
* ``corrige`` is that set with the values of ``data/conventions.csv``, one row per carried
  error, each naming its erratum of ``data/errata.csv``.

Nothing is forced on the model: a scenario is a convention's set with the user's values on
top, so setting a parameter to the value the convention shows changes nothing.
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from . import data, model, params

CONVENTIONS = params.CONVENTIONS
LIBELLES = {
    "rapport": "rapport (erreurs reportées comme dans le rapport)",
    "corrige": "corrigé (erreurs du rapport corrigées)",
}

check_convention = params.check_convention
values = params.defaults


def errata() -> pd.DataFrame:
    """``data/errata.csv`` with numeric columns parsed."""
    return data.table("errata.csv", ("valeur_imprimee", "valeur_recalculee"))


def differences(convention: str) -> pd.DataFrame:
    """Parameters whose value under ``convention`` differs from the report's, with the
    erratum that motivates each (empty for ``rapport``)."""
    check_convention(convention)
    rows = params.convention_rows()
    rows = rows[rows["convention"] == convention]
    rapport = values("rapport")
    conv = values(convention)
    return pd.DataFrame(
        {
            "parametre": rows["parametre"].to_list(),
            "rapport": [rapport[n] for n in rows["parametre"]],
            convention: [conv[n] for n in rows["parametre"]],
            "erratum": rows["erratum"].to_list(),
        }
    )


def is_variant(scenario: params.Scenario, convention: str | None = None) -> bool:
    """True when results differ from the report's edition (changed parameters or convention)."""
    return bool(scenario.changed) or (convention or scenario.convention) != "rapport"


def evaluate(convention: str = "rapport", changes: Mapping[str, Any] | None = None) -> model.Results:
    """Evaluate the model on a convention's parameter set, with ``changes`` on top
    (already-validated values: scalars or arrays of draws)."""
    return model.evaluate({**values(convention), **(changes or {})})


def evaluate_scenario(scenario: params.Scenario, convention: str | None = None) -> model.Results:
    """Evaluate a resolved :class:`~aaas.params.Scenario`, under its own convention or the
    same user settings applied to ``convention``'s set."""
    return model.evaluate(scenario.under(convention or scenario.convention).values)
