"""What the « Relais » chapter glues beyond a quantity or a parameter: the fleet in words,
the mileage scale's most recent year and what it would change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import datastore, fmt

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context


def flotte(n: float) -> str:
    """The fleet in words.

    >>> flotte(1), flotte(3)
    ('une voiture', '3\\xa0voitures')
    """
    return "une voiture" if n == 1 else fmt.accord(n, "voiture")


def glue_flotte(ctx: Context, key: str = "flotte_relais", name: str = "nb_vehicules_relais") -> None:
    """Glue the fleet in words, with the value it replaces when the scenario changes it."""
    ctx.glue(key, flotte(ctx.scenario.values[name]) + ctx.glue.rappel(name))


def glue_bareme(ctx: Context) -> None:
    """Glue the source of the mileage scale used, its most recent year, the mileage
    allowances under it and how much more they would cost."""
    ctx.glue("bareme_source", datastore.bareme_source(ctx.scenario.values["annee_bareme"]))
    recente = datastore.bareme_annees()[-1]
    ctx.glue("annee_recente", recente)
    ik_recent = ctx.autre(annee_bareme=recente)["indemnites_km_relais"]
    ctx.glue("depl_ik_recent", fmt.euros(ik_recent))
    ctx.glue("depl_ik_hausse", fmt.euros(ik_recent - ctx.v("indemnites_km_relais")))
