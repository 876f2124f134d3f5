"""Step fragments several sections share: a post's salary chain and the mileage scale's
bands of the year and fiscal power chosen."""

from __future__ import annotations

from .. import datastore
from ..formulas import paie as fpaie
from ..formulas import salaires as sal
from . import paie
from .sheet import Sheet


def chaine_salariale(s: Sheet, poste: str) -> None:
    """A post's salary chain, as ``calcul_cotisations`` says: by the report's flat rates
    (``taux_charges_salariales_<poste>`` on the net, ``taux_charges_patronales_<poste>`` on
    the gross) or by the official rules of ``annee_paie`` (:mod:`aaas.models.paie`).

    Writes ``salaire_brut_<poste>`` (when the report starts from the net
    ``salaire_net_<poste>``), ``cout_mensuel_<poste>`` and the rates a table prints, those
    the chain implies (``taux_salarial_effectif_<poste>`` on the net,
    ``taux_patronal_effectif_<poste>`` on the gross): what is printed is what is costed."""
    net, brut, cout = f"salaire_net_{poste}", f"salaire_brut_{poste}", f"cout_mensuel_{poste}"
    regles = paie.par_les_regles(s.p)
    if brut not in s.p:
        if regles:
            s.put(brut, paie.brut(s.p, poste, s[net]))
        else:
            s.calc(brut, sal.salaire_brut, net, f"taux_charges_salariales_{poste}")
        s.calc(f"taux_salarial_effectif_{poste}", fpaie.taux_implicite, brut, net)
    if regles:
        s.put(cout, paie.cout_mensuel(s.p, poste, s[brut]))
    else:
        s.calc(cout, sal.cout_employeur_mensuel, brut, f"taux_charges_patronales_{poste}")
    s.calc(f"taux_patronal_effectif_{poste}", fpaie.taux_implicite, cout, brut)


def tranches_bareme(s: Sheet):
    """The bands of the mileage scale of ``annee_bareme`` and ``puissance_fiscale_cv``."""
    return datastore.bareme_tranches(s["annee_bareme"], s["puissance_fiscale_cv"])
