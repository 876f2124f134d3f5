"""The two conventions of evaluation, and the errata that separate them.

* ``rapport`` (default) reproduces the report's figures as it carries them into its later
  totals (404 565 €): every erratum of ``data/errata.csv`` whose error the report carries
  forward names a ``cible`` (a parameter or a model quantity) and the ``valeur_rapport``
  that reproduces the error; these are forced on the model.
* ``corrige`` evaluates the stated hypotheses with the errors fixed (nothing forced).

A value the user sets explicitly (scenario file, ``--set``, papermill) always wins over a
forced value.
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from . import data, model, params

CONVENTIONS = ("rapport", "corrige")
LIBELLES = {
    "rapport": "rapport (erreurs reportées comme dans le rapport)",
    "corrige": "corrigé (erreurs du rapport corrigées)",
}


def errata() -> pd.DataFrame:
    """``data/errata.csv`` with numeric columns parsed."""
    return data.table("errata.csv", ("valeur_imprimee", "valeur_recalculee", "valeur_rapport"))


def check_convention(convention: str) -> str:
    if convention not in CONVENTIONS:
        raise params.ParameterError(
            f"convention inconnue '{convention}' ; valeurs acceptées : {', '.join(CONVENTIONS)}"
        )
    return convention


def is_variant(scenario: params.Scenario, convention: str) -> bool:
    """True when results differ from the report's edition (changed parameters or convention)."""
    return bool(scenario.changed) or convention != "rapport"


def forced(convention: str, user_set: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Quantities the convention forces on the model (empty for ``corrige``)."""
    check_convention(convention)
    if convention == "corrige":
        return {}
    table = params.parameters()
    out: dict[str, Any] = {}
    for row in errata().itertuples(index=False):
        if not row.cible or (user_set and row.cible in user_set):
            continue
        value = row.valeur_rapport
        if row.cible in table and table[row.cible].categorical:
            value = str(value)
        out[row.cible] = value
    return out


def evaluate(values: Mapping[str, Any], convention: str = "rapport",
             user_set: Mapping[str, Any] | None = None) -> model.Results:
    """Evaluate the model under a convention."""
    return model.evaluate(values, forced(convention, user_set))


def evaluate_scenario(scenario: params.Scenario, convention: str = "rapport") -> model.Results:
    """Evaluate a resolved :class:`~aaas.params.Scenario` under a convention."""
    return evaluate(scenario.values, convention, scenario.explicit)
