"""Salary chains: net → gross → employer cost → annual cost of a post.

The report (sections 2.2.2.2, 2.3.2.1, 2.3.2.2, 2.4.2.1) prints each post as a chain
« salaire mensuel net → charges salariales → brut → charges patronales → coût mensuel
employeur → nb ETP → coût annuel ».  Three of its four tables apply the employee rate to the
*net* (2 400 € × 1,25 = 3 000 €); the employer rate applies to the gross.  All functions
accept scalars or NumPy arrays.
"""

from __future__ import annotations

import numpy as np

#: Months per year (a unit conversion, not a hypothesis).
MOIS_PAR_AN = 12


def salaire_brut(salaire_net, taux_charges_salariales):
    """Gross monthly salary (€/month) from the net (€/month) and the employee
    contribution rate expressed on the net, as the report computes it.

    Source: report 2.3.2.1 (2 400 € net, 25 % → 3 000 € brut), 2.4.2.1 (2 800 → 3 500).
    """
    return salaire_net * (1 + taux_charges_salariales)


def part_charges_salariales_du_brut(salaire_net, salaire_brut_):
    """Employee contributions as a share of the gross (what the 2.2.2.2 table prints)."""
    return 1 - salaire_net / salaire_brut_


def cout_employeur_mensuel(salaire_brut_, taux_charges_patronales):
    """Monthly employer cost (€/month) = gross × (1 + employer rate on gross).

    Source: report 2.2.2.2 to 2.4.2.1 (« Coût mensuel total employeur »).
    """
    return salaire_brut_ * (1 + taux_charges_patronales)


def cout_annuel_poste(cout_mensuel, etp):
    """Annual cost (€/year) of ``etp`` full-time equivalents at ``cout_mensuel`` €/month."""
    return cout_mensuel * MOIS_PAR_AN * etp


def etp_pour_heures(heures_annuelles, heures_annuelles_etp):
    """Full-time equivalents needed for ``heures_annuelles`` hours a year."""
    return heures_annuelles / heures_annuelles_etp


def etp_pour_file_active(file_active, file_active_par_etp):
    """ETP of case managers for a caseload (report 2.3.2.1: 100 / 55 = 1,8 ETP)."""
    return file_active / file_active_par_etp


def etp_proportionnel(etp_reference, facteur):
    """ETP of a scenario from the ETP the report states for its reference unit, in
    proportion to its size (report 2.3.2.2: 0,1 ETP of doctor for 100 people followed).

    >>> round(etp_proportionnel(0.1, 0.5), 3)
    0.05
    """
    return etp_reference * facteur


def arrondi_au_pas(x, pas):
    """Round ``x`` to the nearest multiple of ``pas`` (half away from zero); ``pas`` = 0
    leaves ``x`` unchanged.  Used for the report's rounded prices (1 €) and budgets (100 €,
    1 000 €)."""
    x = np.asarray(x, dtype=float)
    pas = np.asarray(pas, dtype=float)
    actif = pas > 1e-9
    safe = np.where(actif, pas, 1.0)
    # the tiny epsilon keeps exact halves (0,15 / 0,1 = 1,4999…) rounding up
    rounded = np.sign(x) * np.floor(np.abs(x) / safe + 0.5 + 1e-9) * safe
    out = np.where(actif, rounded, x)
    return float(out) if out.ndim == 0 else out
