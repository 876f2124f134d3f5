"""The funding programmes of section 4 of the report (4.1, 4.2) as a lookup.

Each programme carries, for every public and every mission, ``oui``, ``non`` or ``nd``: the
report's table marked the cell, left it empty, or the text extraction lost which cell a « Oui »
was in (a row with fewer « Oui » than columns), or the table has no such column (the
« Programmes et plans » of 4.1 list publics only).

>>> sorted(programmes(mission="coordination", public="handicap_psychique")["id"])
['aci_cpts', 'cls', 'cpom_dac']
"""

from __future__ import annotations

import pandas as pd

from .. import datastore
from ..errors import ChoiceError, cite

#: The publics of the tables (columns of ``financements.csv``; a test checks they agree with
#: :mod:`aaas.schemas.files`, which this module does not import: pandera is slow).  The
#: missions are the rows of ``missions.csv`` (:func:`missions`), a column each.
PUBLICS = ("jeunes", "personnes_agees", "handicap_psychique", "handicap_physique", "public_precaire", "professionnels")
#: The columns a lookup shows (the booleans follow).
COLONNES = ("id", "programme", "partie", "rubrique", "financeurs")
#: Accepted values of ``axe`` in :func:`matrice`.
AXES = ("missions", "publics")


def __getattr__(name: str):
    if name == "MISSIONS":  # the missions of ``missions.csv``, read when asked (:func:`missions`)
        return missions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def missions() -> tuple[str, ...]:
    """The missions, in the order of ``missions.csv`` (a column of the tables each).

    >>> missions()[-1]
    'participation'
    """
    return tuple(datastore.missions()["mission"])


#: Short forms a user may type for a public.
ALIAS = {"precaire": "public_precaire", "pa": "personnes_agees"}


def _check(kind: str, value: str | None, accepted: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    value = ALIAS.get(value, value) if kind == "public" else value
    if value not in accepted:
        raise ChoiceError(f"{kind} inconnu(e) : '{cite(value)}' ; valeurs acceptées : {', '.join(accepted)}")
    return value


def table() -> pd.DataFrame:
    """Every programme of section 4, one row each, as ``financements.csv`` holds it."""
    return datastore.financements()


def programmes(mission: str | None = None, public: str | None = None, incertains: bool = False) -> pd.DataFrame:
    """The programmes the report marks as able to fund ``mission`` for ``public``.

    Both filters are optional; ``incertains`` also keeps the cells marked ``nd`` (a « Oui »
    whose column the extraction lost). Unknown mission or public: :class:`ChoiceError`.
    """
    mission = _check("mission", mission, missions())
    public = _check("public", public, PUBLICS)
    df = table()
    keep = ("oui", "nd") if incertains else ("oui",)
    for column in (mission, public):
        if column is not None:
            df = df[df[column].isin(keep)]
    return df[[*COLONNES, *PUBLICS, *missions(), "notes"]].reset_index(drop=True)


def matrice(axe: str = "missions") -> pd.DataFrame:
    """Programme × mission (or × public): 1.0 for ``oui``, 0.0 for ``non``, NaN for ``nd``,
    indexed by programme, for a heat map."""
    if axe not in AXES:
        raise ChoiceError(f"axe inconnu : '{cite(axe)}' ; valeurs acceptées : {', '.join(AXES)}")
    columns = missions() if axe == "missions" else PUBLICS
    df = table().set_index("programme")[list(columns)]
    return df.replace({"oui": 1.0, "non": 0.0, "nd": float("nan")}).astype(float)
