"""Step fragments several sections share: a post's salary chain and the mileage scale's
bands of the year and fiscal power chosen."""

from __future__ import annotations

from .. import datastore
from ..formulas import salaires as sal
from .sheet import Sheet


def chaine_salariale(s: Sheet, poste: str) -> None:
    """``salaire_brut_<poste>`` and ``cout_mensuel_<poste>`` from ``salaire_net_<poste>``,
    ``taux_charges_salariales_<poste>`` and ``taux_charges_patronales_<poste>``."""
    s.calc(f"salaire_brut_{poste}", sal.salaire_brut, f"salaire_net_{poste}", f"taux_charges_salariales_{poste}")
    brut, patronal = f"salaire_brut_{poste}", f"taux_charges_patronales_{poste}"
    s.calc(f"cout_mensuel_{poste}", sal.cout_employeur_mensuel, brut, patronal)


def tranches_bareme(s: Sheet):
    """The bands of the mileage scale of ``annee_bareme`` and ``puissance_fiscale_cv``."""
    return datastore.bareme_tranches(s["annee_bareme"], s["puissance_fiscale_cv"])
