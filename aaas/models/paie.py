"""Payroll by the official rules: the grid of each post, its years, and the legal-minimum
check.

``data/paie_regles.csv`` holds, for each profile of employer options (posts sharing the
same options: cadre or not) and each period of a year the rules cover, the net, the
employer cost and the SMIC for a grid of gross salaries.  :func:`grille` averages the
periods of a year, weighted by their months (the annual cost of a post is twelve monthly
costs); the model interpolates in it (:mod:`aaas.formulas.paie`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import datastore, fmt
from ..errors import ParameterError
from ..formulas import paie

#: The reading under which posts are paid by the rules (parameter ``calcul_cotisations``).
REGLES = "regles_urssaf"


@dataclass(frozen=True)
class Grille:
    """A post's payroll by the rules for one year (monthly amounts, full time)."""

    poste: str
    annee: int
    brut: np.ndarray
    net: np.ndarray
    cout: np.ndarray
    #: The réduction générale (RGDU) included in ``cout``.
    reduction: np.ndarray
    #: The highest monthly SMIC of the year (a salary at least equal is legal all year).
    smic: float
    version: str

    def inverse_net(self) -> tuple[np.ndarray, np.ndarray]:
        """(net, gross) points where the net rises: the net falls by about 5,60 € just above
        the social-security ceiling (an employee contribution on the whole gross starts
        there), so a net in that gap has two grosses; the lower one is kept."""
        keep = self.net > np.maximum.accumulate(np.concatenate(([-np.inf], self.net[:-1])))
        return self.net[keep], self.brut[keep]

    def reduction_pour(self, brut: float) -> float:
        """The monthly réduction générale of a gross salary (interpolated in the grid)."""
        return float(np.interp(brut, self.brut, self.reduction))

    def plafond_reduction(self) -> float:
        """The gross, in Smic of the year, up to which the réduction générale applies."""
        return float(self.brut[self.reduction > 0].max() / self.smic)

    def net_minimum(self) -> float:
        """The net salary of a full-time post paid the SMIC."""
        return float(np.interp(self.smic, self.brut, self.net))


def postes() -> dict[str, str]:
    """Each salaried post of ``data/parameters.csv`` and the base of its salary (``net`` or
    ``brut``: the parameter ``salaire_<base>_<poste>``)."""
    out = {}
    for name in datastore.parameters()["name"]:
        parts = name.split("_", 2)
        if parts[0] == "salaire" and parts[1] in ("net", "brut") and len(parts) == 3:
            out[parts[2]] = parts[1]
    return out


@datastore.cached
def annees() -> tuple[int, ...]:
    """The years the committed rules cover."""
    return tuple(sorted(int(a) for a in datastore.paie_regles()["annee"].unique()))


def version() -> str:
    """Version of ``modele-social`` behind the grid."""
    return ", ".join(sorted(datastore.paie_regles()["version_regles"].astype(str).unique()))


@datastore.cached
def grille(poste: str, annee: int) -> Grille:
    """The grid of ``poste`` for ``annee``, its periods averaged (weights: their months)."""
    g = datastore.paie_regles()
    g = g[g["postes"].str.split(";").apply(lambda ps: poste in ps) & (g["annee"].astype(float) == int(annee))]
    if g.empty:
        raise ParameterError(
            f"paramètre 'annee_paie' : {annee} n'est pas couverte par les règles modele-social {version()} ; "
            f"années acceptées : {', '.join(map(str, annees()))}"
        )
    w = g["mois"].to_numpy(float)
    g = g.assign(w=w, wnet=g["net"] * w, wcout=g["cout_employeur"] * w, wred=g["reduction_generale"].fillna(0) * w)
    par_brut = g.groupby("brut", sort=True)[["w", "wnet", "wcout", "wred"]].sum()
    if not np.allclose(par_brut["w"], 12):
        raise ValueError(f"paie_regles.csv : les périodes de {annee} ne couvrent pas 12 mois pour {poste}")
    brut = par_brut.index.to_numpy(float)
    net, cout, red = ((par_brut[c] / 12).to_numpy() for c in ("wnet", "wcout", "wred"))
    for arr in (brut, net, cout, red):
        arr.setflags(write=False)
    return Grille(poste, int(annee), brut, net, cout, red, float(g["smic"].max()), version())


def _scalaire(x: Any) -> int:
    a = np.unique(np.asarray(x))
    if a.size != 1:
        raise ParameterError("paramètre 'annee_paie' : une seule année par évaluation (tirages refusés)")
    return int(a[0])


def grille_de(values: Mapping[str, Any], poste: str) -> Grille:
    """The grid of ``poste`` for the year ``annee_paie`` of ``values``."""
    return grille(poste, _scalaire(values["annee_paie"]))


def par_les_regles(values: Mapping[str, Any]) -> bool:
    """Are the posts paid by the rules under these values (``calcul_cotisations``)?"""
    return values["calcul_cotisations"] == REGLES


def bornes(values: Mapping[str, Any], name: str) -> tuple[float, float] | None:
    """The range the rules of ``annee_paie`` accept for the salary parameter ``name``
    (``salaire_net_<poste>`` or ``salaire_brut_<poste>``, full time, per month): from the
    SMIC of the year to the top of the grid.  None when the posts are not paid by the rules
    or ``name`` is no salary."""
    base, _, poste = name.removeprefix("salaire_").partition("_")
    if not par_les_regles(values) or postes().get(poste) != base:
        return None
    g = grille_de(values, poste)
    return (g.net_minimum(), float(g.net[-1])) if base == "net" else (g.smic, float(g.brut[-1]))


def verifie_salaires(values: Mapping[str, Any]) -> None:
    """Refuse, when posts are paid by the rules, a salary below the SMIC of the year or
    beyond the grid (a :class:`~aaas.errors.ParameterError` naming the parameter and the
    accepted range)."""
    for poste, base in postes().items():
        name = f"salaire_{base}_{poste}"
        lo_hi = bornes(values, name)
        if lo_hi is None:
            continue
        lo, hi = lo_hi
        x = np.asarray(values[name], dtype=float)
        if np.any(x < lo - 0.005) or np.any(x > hi):
            g = grille_de(values, poste)
            pire = float(x.min() if np.any(x < lo - 0.005) else x.max())
            raise ParameterError(
                f"paramètre '{name}' : {fmt.euros(pire, 2)} {base} par mois à temps plein hors de ce que permettent "
                f"les règles {g.annee} (postes payés par les règles URSSAF : calcul_cotisations = {REGLES} ; "
                f"SMIC brut {fmt.euros(g.smic, 2)}, modele-social {g.version}) ; "
                f"plage acceptée : {fmt.euros(lo, 2)} à {fmt.euros(hi, 2)} {base} par mois"
            )


def brut(values: Mapping[str, Any], poste: str, salaire_net):
    """The gross of a net salary of ``poste`` by the rules of ``annee_paie``."""
    net, brut_ = grille_de(values, poste).inverse_net()
    return paie.brut_pour_net(salaire_net, brut_, net)


def cout_mensuel(values: Mapping[str, Any], poste: str, salaire_brut):
    """The monthly employer cost of a gross salary of ``poste`` by the rules of ``annee_paie``."""
    g = grille_de(values, poste)
    return paie.cout_employeur(salaire_brut, g.brut, g.cout)
