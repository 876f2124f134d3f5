"""The costing model: from the parameter values to every quantity the report prints.

:func:`evaluate` runs the ordered :data:`STEPS` over a :class:`~aaas.models.sheet.Sheet`
and returns a :class:`Results` mapping of named quantities (the parameters as used,
intermediate values, cost components, lines, mission totals, shares, prose checks).  Each
step is one section of the report (:mod:`aaas.models.relais` 2.2,
:mod:`aaas.models.pair_aidance` 2.3, :mod:`aaas.models.coordination` 2.4,
:mod:`aaas.models.participation` 2.5), then the count of units, the aggregation (3.1–3.3,
:mod:`aaas.models.aggregate`) and the checks of the prose (:mod:`aaas.models.controles`);
every piece of arithmetic is a formula of :mod:`aaas.formulas`.  Values may be scalars
or NumPy arrays of draws (all arrays broadcast together), so the same call serves a single
scenario and a Monte Carlo sample.

Scaling, one mechanism decided here: every line of ``data/lignes.csv`` is multiplied in
the aggregation by the count of units of its unit (column ``echelle``, :data:`COMPTES`).
The relais and pair-aidance formulas take the catchment's population and the file active
themselves, so their lines count one unit; coordination and participation are costed for
one département and one structure, and their lines count the départements and structures
of the scenario, read as whole units started or in proportion (``echelle_departements``,
``echelle_structures``: ``nb_departements_couts``, ``nb_structures_couts``).

Nothing is forced: the report's carried errors are values and readings of the
``rapport`` parameter set (see :mod:`aaas.models.conventions`), so every quantity is what
its formula gives for the values passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..formulas import echelle
from . import aggregate, controles, coordination, declarations, paie, pair_aidance, participation, relais
from .sheet import Sheet

#: For each unit of ``data/lignes.csv`` (column ``echelle``), the quantity counting the
#: units its lines are costed for; None where the formulas already take the size (one unit).
COMPTES = {
    "habitants": None,
    "file_active": None,
    "departements": "nb_departements_couts",
    "structures": "nb_structures_couts",
}


class Results(dict):
    """Named quantities of one evaluation (scalars or arrays), read-only: results may be
    shared (the conventions' defaults are computed once per process)."""

    def scalar(self, name: str) -> float:
        """The quantity ``name`` as a float."""
        return float(np.asarray(self[name]))

    def _read_only(self, *args, **kwargs):
        raise TypeError("les résultats d'une évaluation sont en lecture seule")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _read_only


def unites(s: Sheet) -> None:
    """Scaling: the départements and structures costed, as ``echelle_departements`` and
    ``echelle_structures`` say (whole units started or in proportion)."""
    s.calc("nb_departements_couts", echelle.nombre_unites, "nb_departements", "echelle_departements")
    s.calc("nb_structures_couts", echelle.nombre_unites, "nb_structures", "echelle_structures")


def comptes(s: Sheet) -> dict[str, Any]:
    """The count of units of each unit of :data:`COMPTES` (1 where the formulas scale)."""
    return {unite: 1.0 if nom is None else s[nom] for unite, nom in COMPTES.items()}


def agregation(s: Sheet) -> None:
    """3.1 to 3.3 and 3.2.6: lines, missions, total, cost structure, key posts, carriers,
    démarches structurantes (:func:`aaas.models.aggregate.aggregate`)."""
    s.update(aggregate.aggregate(s, comptes(s)))


def totaux(s: Sheet) -> None:
    """3.1 only: lines, missions and total (what an analysis of costs needs)."""
    s.update(aggregate.lignes_et_missions(aggregate.montants_comptes(s, comptes(s))))


#: The model: every step in the report's order.
STEPS = (
    *relais.STEPS,
    *pair_aidance.STEPS,
    *coordination.STEPS,
    *participation.STEPS,
    unites,
    agregation,
    *controles.STEPS,
)


#: The steps of the costs alone: every cost line, the missions and the total, without the
#: shares, carriers and cross-checks of the prose (sensitivity analyses on many draws).
STEPS_COUTS = (*relais.STEPS, *pair_aidance.STEPS, *coordination.STEPS, *participation.STEPS, unites, totaux)


def evaluate(values: Mapping[str, Any], complet: bool = True) -> Results:
    """Evaluate the whole model for a complete set of parameter ``values`` (one value per
    row of ``data/parameters.csv``, e.g. ``aaas.models.conventions.defaults("corrige")``);
    ``complet=False`` stops at the lines, missions and total (:data:`STEPS_COUTS`).  Every
    name read or written must be declared (:func:`aaas.models.declarations.names`)."""
    paie.verifie_salaires(values)
    s = Sheet(values, declarations.names())
    for step in STEPS if complet else STEPS_COUTS:
        step(s)
    return Results(s.results())
