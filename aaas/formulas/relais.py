"""Mission relais-accessibilité (report section 2.2), costed for a catchment of inhabitants.

Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations

import numpy as np

#: Minutes per hour and weeks/months are unit conversions, not hypotheses.
MINUTES_PAR_HEURE = 60
MOIS_PAR_AN = 12


# --- 2.2.2.3 interprétariat -------------------------------------------------------------


def cout_consultation_interpretariat(tarif_horaire, duree_minutes):
    """Interpreting cost of one consultation (€) = hourly rate (€/h) × duration (min) / 60.

    Source: report 2.2.2.3 (40 €/h × 30 min = 20 €), after IGAS report 2018-128R.
    """
    return tarif_horaire * duree_minutes / MINUTES_PAR_HEURE


def effectif(population, part):
    """Number of people (persons) = population (inhabitants) × share."""
    return population * part


def population_immigree_concernee(population, part_immigree, part_difficultes_langue):
    """Immigrants needing interpreting (persons), report 2.2.2.3: 20 000 × 7,7 % × 30 % = 462."""
    return population * part_immigree * part_difficultes_langue


def nb_consultations(personnes, taux_recours):
    """Consultations a year = persons × GP consultations per person per year (3,5)."""
    return personnes * taux_recours


# --- 2.2.2.4 itinérance ------------------------------------------------------------------


def km_annuels_itinerance(deplacements_par_semaine, km_par_deplacement, semaines):
    """Kilometres a year (km) = trips/week × km/trip × active weeks (report 2.2.2.4: 5 640)."""
    return deplacements_par_semaine * km_par_deplacement * semaines


def cout_deplacements(indemnites_km, taxe_par_vehicule, nb_vehicules):
    """Travel cost (€/year) = mileage allowances (€) + vehicle tax (€/vehicle) × vehicles."""
    return indemnites_km + taxe_par_vehicule * nb_vehicules


# --- 2.2.2.5 lieux alternatifs -----------------------------------------------------------


def loyer_annuel(surface_m2, loyer_m2_mensuel):
    """Annual rent (€/year) = surface (m²) × monthly rent (€/m²/month) × 12 (2.2.2.5: 7 680)."""
    return surface_m2 * loyer_m2_mensuel * MOIS_PAR_AN


def dotation_amortissement(cout_investissement, duree_ans):
    """Straight-line depreciation (€/year) of an investment (€) over ``duree_ans`` years."""
    return cout_investissement / duree_ans


# --- 2.2.2.6 consultations d'inclusion ---------------------------------------------------


def proportion_temps_supplementaire(duree_courante, duree_supplementaire, base: str):
    """Extra time as a share used to price the longer inclusion consultation.

    ``base="duree_longue"`` (the report, 2.2.2.6): extra minutes over the whole long
    consultation, 25 / (20 + 25) = 56 %.  ``base="duree_courante"``: extra minutes priced
    pro rata of an ordinary consultation, 25 / 20 = 125 %.
    """
    if base == "duree_longue":
        return duree_supplementaire / (duree_courante + duree_supplementaire)
    if base == "duree_courante":
        return duree_supplementaire / duree_courante
    raise ValueError(f"base_surcout_consultation inconnue : {base!r}")


def surcout_consultation(tarif, proportion):
    """Extra cost of one inclusion consultation (€) = tariff (€) × extra-time share (2.2.2.6: 14 €)."""
    return tarif * proportion


def cout_consultations(nb_patients, consultations_par_patient, cout_unitaire):
    """Cost (€/year) of ``consultations_par_patient`` consultations for ``nb_patients``."""
    return nb_patients * consultations_par_patient * cout_unitaire


def majoration_masse_salariale(masse_salariale, taux):
    """Staggered-hours premium (€/year) as a share of the payroll concerned (2.2.2.7)."""
    return masse_salariale * taux


def somme(*termes):
    """Sum of cost terms (€), kept explicit so totals are visibly sums of their lines."""
    return np.sum(np.broadcast_arrays(*[np.asarray(t, dtype=float) for t in termes]), axis=0)
