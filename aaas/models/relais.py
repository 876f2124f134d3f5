"""Mission relais-accessibilité (report section 2.2): the model's steps, one per section,
for a catchment of ``population_bassin`` inhabitants.

Scaling: the formulas take the catchment's population, or its size relative to the
report's 20 000 inhabitants (``facteur_bassin``); whole things (vehicles, places) follow
their reading ``echelle_*``.  Each line of the mission therefore counts one unit in the
aggregation (see :mod:`aaas.models.surcouts`).
"""

from __future__ import annotations

from ..formulas import bareme, communs, echelle, flotte
from ..formulas import inclusion as inc
from ..formulas import relais as rl
from ..formulas import salaires as sal
from .communs import chaine_salariale, tranches_bareme
from .sheet import Sheet


def bassin(s: Sheet) -> None:
    """2.2.2.1 unit: the catchment's size relative to the report's 20 000 inhabitants."""
    s.calc("facteur_bassin", echelle.facteur_echelle, "population_bassin", "population_reference")


def mediateur(s: Sheet) -> None:
    """2.2.2.2 health mediator: salary chain, ETP of the catchment, annual cost."""
    chaine_salariale(s, "mediateur")
    net, brut = "salaire_net_mediateur", "salaire_brut_mediateur"
    s.calc("salaire_brut_annuel_mediateur", sal.salaire_annuel, brut)
    s.calc("part_charges_salariales_mediateur", sal.part_charges_salariales_du_brut, net, brut)
    s.calc("etp_mediateur_bassin", echelle.proportionnel, "etp_mediateur", "facteur_bassin")
    s.calc("cout_mediateur", sal.cout_annuel_poste, "cout_mensuel_mediateur", "etp_mediateur_bassin")


def interpretariat(s: Sheet) -> None:
    """2.2.2.3 interpreting: people concerned, consultations, cost."""
    tarif, duree = "tarif_horaire_interpretariat", "duree_consultation_interpretariat"
    s.calc("cout_consultation_interpretariat", rl.cout_consultation_interpretariat, tarif, duree)
    s.calc("demandeurs_asile", communs.nb_personnes, "population_bassin", "part_demandeurs_asile")
    parts = "part_population_immigree", "part_immigres_difficultes_langue"
    s.calc("population_immigree_concernee", rl.population_immigree_concernee, "population_bassin", *parts)
    groupes = "demandeurs_asile", "population_immigree_concernee"
    s.calc("population_concernee_interpretariat", rl.population_concernee_interpretariat, *groupes)
    concernee, recours = "population_concernee_interpretariat", "taux_recours_mg"
    s.calc("nb_consultations_interpretariat", rl.nb_consultations, concernee, recours)
    s.calc("cout_interpretariat", rl.cout_consultations, concernee, recours, "cout_consultation_interpretariat")
    s.calc("depense_interpretariat_par_habitant", communs.ratio, "cout_interpretariat", "population_bassin")


def itinerance(s: Sheet) -> None:
    """2.2.2.4 outreach: trips stated for the catchment of reference, scaled by its size;
    the fleet as its reading says."""
    s.calc("deplacements_semaine_relais", echelle.proportionnel, "nb_deplacements_semaine_relais", "facteur_bassin")
    trajets = "deplacements_semaine_relais", "km_par_deplacement_relais"
    s.calc("km_hebdo_relais", rl.km_hebdomadaires, *trajets)
    s.calc("km_annuels_relais", rl.km_annuels_itinerance, *trajets, "nb_semaines_itinerance")
    vehicules = "nb_vehicules_relais", "facteur_bassin", "echelle_vehicules_relais"
    s.calc("nb_vehicules_relais_bassin", echelle.effectif, *vehicules)
    s.calc("km_par_vehicule_relais", flotte.km_par_vehicule, "km_annuels_relais", "nb_vehicules_relais_bassin")


def deplacements_relais(s: Sheet) -> None:
    """2.2.2.4 outreach: travel cost, the scale applied as ``repartition_bareme`` says, the
    report's rounding applied to the scenario's total."""
    km, nb = "km_annuels_relais", "nb_vehicules_relais_bassin"
    s.calc("indemnites_km_relais", bareme.indemnites_flotte, km, nb, tranches_bareme(s), "repartition_bareme")
    s.calc("taxe_vehicules_relais", flotte.taxe_vehicules, "taxe_vehicule", nb)
    s.calc("cout_deplacements_relais_brut", flotte.cout_deplacements, "indemnites_km_relais", "taxe_vehicules_relais")
    brut = "cout_deplacements_relais_brut"
    s.calc("cout_deplacements_relais", sal.arrondi_au_pas, brut, "pas_arrondi_deplacements_relais")
    s.copy("deplacements_relais_indemnites", "indemnites_km_relais")
    s.copy("deplacements_relais_taxe", "taxe_vehicules_relais")
    s.calc("deplacements_relais_arrondi", sal.ecart_arrondi, "cout_deplacements_relais", brut)


def lieux_alternatifs(s: Sheet) -> None:
    """2.2.2.5 alternative places: rent and depreciation of the fitting-out."""
    lieux = "nb_lieux_alternatifs", "facteur_bassin", "echelle_lieux_alternatifs"
    s.calc("nb_lieux_bassin", echelle.effectif, *lieux)
    surface, nb = "surface_lieu_alternatif", "nb_lieux_bassin"
    s.calc("loyer_mensuel_lieu", rl.cout_surface, surface, "loyer_m2_mensuel", nb)
    s.calc("lieux_loyer", rl.loyer_annuel_lieux, surface, "loyer_m2_mensuel", nb)
    s.calc("cout_amenagement_lieu", rl.cout_surface, surface, "amenagement_m2", nb)
    s.calc("lieux_amortissement", rl.dotation_amortissement, "cout_amenagement_lieu", "duree_amortissement_lieu")
    s.calc("cout_lieux_alternatifs", rl.cout_lieux_alternatifs, "lieux_loyer", "lieux_amortissement")


def inclusion_consultation(s: Sheet) -> None:
    """2.2.2.6 inclusion consultations: the price of a long consultation and its extra
    cost, each rounded as the report does."""
    durees = "duree_consultation_courante", "duree_supplementaire_inclusion"
    s.calc("proportion_temps_supplementaire", inc.proportion_temps_supplementaire, *durees, "base_surcout_consultation")
    tarif, prop, pas = "tarif_consultation_mg", "proportion_temps_supplementaire", "pas_arrondi_consultation_inclusion"
    s.calc("cout_consultation_inclusion", sal.arrondi_au_pas, inc.cout_consultation_longue(s[tarif], s[prop]), pas)
    s.calc("surcout_consultation_inclusion", sal.arrondi_au_pas, inc.surcout_consultation(s[tarif], s[prop]), pas)


def inclusion_patients(s: Sheet) -> None:
    """2.2.2.6 inclusion consultations: patients to include, cost of their long
    consultations and its extra cost."""
    s.calc("patients_sans_mt", communs.nb_personnes, "population_bassin", "part_sans_medecin_traitant")
    s.calc("potentiel_recours_mg", rl.nb_consultations, "patients_sans_mt", "taux_recours_mg")
    s.calc("patients_a_inclure", communs.nb_personnes, "patients_sans_mt", "part_patients_aaas")
    s.calc("part_population_a_inclure", communs.ratio, "patients_a_inclure", "population_bassin")
    patients = "patients_a_inclure", "nb_consultations_longues_inclusion"
    s.calc("cout_total_inclusion", rl.cout_consultations, *patients, "cout_consultation_inclusion")
    s.calc("cout_consultations_inclusion", rl.cout_consultations, *patients, "surcout_consultation_inclusion")
    s.calc("part_surcout_inclusion", communs.ratio, "cout_consultations_inclusion", "cout_total_inclusion")


def horaires_decales(s: Sheet) -> None:
    """2.2.2.7 staggered hours: a premium on the mediator's payroll."""
    s.calc("cout_horaires_decales", rl.majoration_masse_salariale, "cout_mediateur", "majoration_horaires_decales")


#: The mission's steps, in the report's order.
STEPS = (
    bassin,
    mediateur,
    interpretariat,
    itinerance,
    deplacements_relais,
    lieux_alternatifs,
    inclusion_consultation,
    inclusion_patients,
    horaires_decales,
)
