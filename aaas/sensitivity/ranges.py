"""The plausible range of each hypothesis (distinct from its validity bounds).

``data/parameters.csv`` gives ``bas``, ``haut`` (empty: ±15 % of the value, the report's
claim « dans une fourchette qui peut être comprise entre 10 et 15 % », 2.2.2.7), ``loi``
(``uniforme``, ``triangulaire`` around the value, or ``aucune``: not drawn, with the
reason in ``source_plage``) — ranges are always clipped to the validity bounds, and, when
posts are paid by the URSSAF rules (``actualise``), a salary's range starts at the SMIC of
the year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import datastore
from ..models import conventions, paie, parameters
from .engine import values_of

#: The report's range (2.2.2.7): « entre 10 et 15 % ».
VARIATION_RAPPORT = 0.15


@dataclass(frozen=True)
class Plage:
    """The plausible range of one hypothesis: [bas, haut] around ``valeur``."""

    nom: str
    valeur: float
    bas: float
    haut: float
    loi: str
    source: str
    entier: bool
    #: Effect of raising it on the costs (``+``, ``-``, ``0``, ``~``; ``sens`` column).
    sens: str = "+"

    def tirer(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws (uniform, or triangular with its mode at the value)."""
        if self.loi == "triangulaire" and self.bas < self.haut:
            mode = min(max(self.valeur, self.bas), self.haut)
            return rng.triangular(self.bas, mode, self.haut, n)
        return rng.uniform(self.bas, self.haut, n)


def borne(p: parameters.Parameter, x: float, values: dict | None = None) -> float:
    """``x`` clipped to the validity bounds of ``p`` and, when ``values`` pay the posts by
    the URSSAF rules, to the range those rules accept for a salary (from the SMIC)."""
    lo = -np.inf if p.min is None else p.min
    hi = np.inf if p.max is None else p.max
    legal = paie.bornes(values, p.name) if values else None
    if legal:
        lo, hi = max(lo, legal[0]), min(hi, legal[1])
    return float(min(max(x, lo), hi))


def plages(convention: str = "rapport", variation: float = VARIATION_RAPPORT, base: dict | None = None) -> list[Plage]:
    """The drawn hypotheses of a convention's set, or of the complete set ``base`` (a
    scenario or its values), around their values (``loi`` not ``aucune``, numeric, moving at
    least one line under that set), in the table's order.

    >>> p = {x.nom: x for x in plages()}["tarif_horaire_interpretariat"]
    >>> p.valeur, round(p.bas, 2), round(p.haut, 2)
    (40.0, 34.0, 46.0)
    """
    if not 0 < variation < 1:
        raise parameters.ParameterError(f"variation {variation!r} hors bornes ; plage acceptée : de 0 à 1 (exclus)")
    base = values_of(base)
    values = dict(base) if base else conventions.defaults(convention)
    table = parameters.parameters()
    out = []
    for row in datastore.parameters().itertuples(index=False):
        p = table[row.name]
        if p.categorical or row.loi == "aucune" or p.inert_under(values):
            continue
        v = float(values[row.name])
        bas = float(row.bas) if row.bas else v * (1 - variation)
        haut = float(row.haut) if row.haut else v * (1 + variation)
        bas, haut = sorted((borne(p, bas, values), borne(p, haut, values)))
        if bas == haut:
            continue
        out.append(Plage(row.name, v, bas, haut, row.loi or "uniforme", row.source_plage, bool(p.entier), p.sens))
    return out
