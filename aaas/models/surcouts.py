"""The costing model: from the parameter values to every quantity the report prints.

:func:`evaluate` runs each formula of the report once, in the report's order, and
returns a :class:`Results` mapping of named quantities (the parameters as used,
intermediate values, cost components, lines, mission totals, shares).  Values may be scalars or NumPy arrays of
draws (all arrays broadcast together), so the same call serves a single scenario and a
Monte Carlo sample.

Nothing is forced: the report's carried errors are values and readings of the
``rapport`` parameter set (see :mod:`aaas.conventions`), so every quantity is what its
formula gives for the values passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import datastore
from ..formulas import (
    controles as ct,
)
from ..formulas import (
    coordination as co,
)
from ..formulas import (
    echelle,
)
from ..formulas import (
    pair_aidance as pa,
)
from ..formulas import (
    participation as pp,
)
from ..formulas import (
    relais as rl,
)
from ..formulas.bareme import indemnites_flotte
from ..formulas.salaires import (
    MOIS_PAR_AN,
    arrondi_au_pas,
    cout_annuel_poste,
    cout_employeur_mensuel,
    etp_pour_file_active,
    etp_pour_heures,
    etp_proportionnel,
    part_charges_salariales_du_brut,
    salaire_brut,
)
from . import aggregate


class Results(dict):
    """Named quantities of one evaluation (scalars or arrays), read-only: results may be
    shared (the conventions' defaults are computed once per process)."""

    def scalar(self, name: str) -> float:
        """The quantity ``name`` as a float."""
        return float(np.asarray(self[name]))

    def _read_only(self, *args, **kwargs):
        raise TypeError("les résultats d'une évaluation sont en lecture seule")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _read_only


class _Sheet:
    """Accumulates the named quantities of one evaluation."""

    def __init__(self, values: Mapping[str, Any]):
        self.p = dict(values)
        self.v: dict[str, Any] = {}

    def put(self, name: str, value):
        self.v[name] = value
        return value


def evaluate(values: Mapping[str, Any]) -> Results:
    """Evaluate the whole model for a complete set of parameter ``values`` (one value per
    row of ``data/parameters.csv``, e.g. ``aaas.params.defaults("corrige")``)."""
    s = _Sheet(values)
    _relais(s)
    _pair_aidance(s)
    _coordination(s)
    _participation(s)
    out = {**s.p, **s.v}
    out.update(aggregate.aggregate(out))
    out.update(_controles(out))
    return Results(out)


def _relais(s: _Sheet) -> None:
    p, put = s.p, s.put
    f = put("facteur_bassin", echelle.facteur_echelle(p["population_bassin"], p["population_reference"]))

    # 2.2.2.2 médiateur santé
    brut = put(
        "salaire_brut_mediateur", salaire_brut(p["salaire_net_mediateur"], p["taux_charges_salariales_mediateur"])
    )
    put("salaire_brut_annuel_mediateur", brut * MOIS_PAR_AN)
    put("part_charges_salariales_mediateur", part_charges_salariales_du_brut(p["salaire_net_mediateur"], brut))
    mensuel = put("cout_mensuel_mediateur", cout_employeur_mensuel(brut, p["taux_charges_patronales_mediateur"]))
    etp = put("etp_mediateur_bassin", p["etp_mediateur"] * f)
    cout_med = put("cout_mediateur", cout_annuel_poste(mensuel, etp))
    put("cout_horaires_decales", rl.majoration_masse_salariale(cout_med, p["majoration_horaires_decales"]))

    # 2.2.2.3 interprétariat
    unitaire = put(
        "cout_consultation_interpretariat",
        rl.cout_consultation_interpretariat(p["tarif_horaire_interpretariat"], p["duree_consultation_interpretariat"]),
    )
    asile = put("demandeurs_asile", rl.effectif(p["population_bassin"], p["part_demandeurs_asile"]))
    immig = put(
        "population_immigree_concernee",
        rl.population_immigree_concernee(
            p["population_bassin"], p["part_population_immigree"], p["part_immigres_difficultes_langue"]
        ),
    )
    concernee = put("population_concernee_interpretariat", asile + immig)
    nb = put("nb_consultations_interpretariat", rl.nb_consultations(concernee, p["taux_recours_mg"]))
    interp = put("cout_interpretariat", nb * unitaire)
    put("depense_interpretariat_par_habitant", interp / p["population_bassin"])

    # 2.2.2.4 itinérance: trips stated for the catchment of reference, scaled by f; the
    # fleet follows its scaling reading; the scale applies as ``repartition_bareme`` says;
    # the report's rounding applies to the scenario's total.
    depl = put("deplacements_semaine_relais", p["nb_deplacements_semaine_relais"] * f)
    put("km_hebdo_relais", depl * p["km_par_deplacement_relais"])
    km = put(
        "km_annuels_relais", rl.km_annuels_itinerance(depl, p["km_par_deplacement_relais"], p["nb_semaines_itinerance"])
    )
    nb_veh = put(
        "nb_vehicules_relais_bassin", echelle.effectif(p["nb_vehicules_relais"], f, p["echelle_vehicules_relais"])
    )
    put("km_par_vehicule_relais", km / _positif(nb_veh))
    ik = put(
        "indemnites_km_relais",
        indemnites_flotte(
            km, nb_veh, datastore.bareme_tranches(p["annee_bareme"], p["puissance_fiscale_cv"]), p["repartition_bareme"]
        ),
    )
    taxe = put("taxe_vehicules_relais", p["taxe_vehicule"] * nb_veh)
    brut_depl = put("cout_deplacements_relais_brut", rl.cout_deplacements(ik, p["taxe_vehicule"], nb_veh))
    depl_total = put("cout_deplacements_relais", arrondi_au_pas(brut_depl, p["pas_arrondi_deplacements_relais"]))
    put("deplacements_relais_indemnites", ik)
    put("deplacements_relais_taxe", taxe)
    put("deplacements_relais_arrondi", depl_total - brut_depl)

    # 2.2.2.5 lieux alternatifs
    nb_lieux = put("nb_lieux_bassin", echelle.effectif(p["nb_lieux_alternatifs"], f, p["echelle_lieux_alternatifs"]))
    put("loyer_mensuel_lieu", p["surface_lieu_alternatif"] * p["loyer_m2_mensuel"] * nb_lieux)
    loyer = put("lieux_loyer", rl.loyer_annuel(p["surface_lieu_alternatif"], p["loyer_m2_mensuel"]) * nb_lieux)
    amenagement = put("cout_amenagement_lieu", p["surface_lieu_alternatif"] * p["amenagement_m2"] * nb_lieux)
    amort = put("lieux_amortissement", rl.dotation_amortissement(amenagement, p["duree_amortissement_lieu"]))
    put("cout_lieux_alternatifs", loyer + amort)

    # 2.2.2.6 consultations d'inclusion
    prop = put(
        "proportion_temps_supplementaire",
        rl.proportion_temps_supplementaire(
            p["duree_consultation_courante"], p["duree_supplementaire_inclusion"], p["base_surcout_consultation"]
        ),
    )
    pas = p["pas_arrondi_consultation_inclusion"]
    put("cout_consultation_inclusion", arrondi_au_pas(p["tarif_consultation_mg"] * (1 + prop), pas))
    surcout = put(
        "surcout_consultation_inclusion", arrondi_au_pas(rl.surcout_consultation(p["tarif_consultation_mg"], prop), pas)
    )
    sans_mt = put("patients_sans_mt", rl.effectif(p["population_bassin"], p["part_sans_medecin_traitant"]))
    put("potentiel_recours_mg", rl.nb_consultations(sans_mt, p["taux_recours_mg"]))
    patients = put("patients_a_inclure", sans_mt * p["part_patients_aaas"])
    put("part_population_a_inclure", patients / p["population_bassin"])
    total_incl = put(
        "cout_total_inclusion",
        rl.cout_consultations(patients, p["nb_consultations_longues_inclusion"], s.v["cout_consultation_inclusion"]),
    )
    sur = put(
        "cout_consultations_inclusion",
        rl.cout_consultations(patients, p["nb_consultations_longues_inclusion"], surcout),
    )
    put("part_surcout_inclusion", sur / total_incl)


def _pair_aidance(s: _Sheet) -> None:
    p, put = s.p, s.put
    fa = p["file_active"]
    f = put("facteur_file_active", echelle.facteur_echelle(fa, p["file_active_reference"]))

    # 2.3.2.1 référent de parcours
    brut = put("salaire_brut_referent", salaire_brut(p["salaire_net_referent"], p["taux_charges_salariales_referent"]))
    mensuel = put("cout_mensuel_referent", cout_employeur_mensuel(brut, p["taux_charges_patronales_referent"]))
    etp = put("etp_referent", etp_pour_file_active(fa, p["file_active_par_etp_referent"]))
    put("cout_referents", cout_annuel_poste(mensuel, etp))

    # 2.3.2.2 médecin coordinateur
    brut = put(
        "salaire_brut_medecin_coordinateur",
        salaire_brut(p["salaire_net_medecin_coordinateur"], p["taux_charges_salariales_medecin_coordinateur"]),
    )
    mensuel = put(
        "cout_mensuel_medecin_coordinateur",
        cout_employeur_mensuel(brut, p["taux_charges_patronales_medecin_coordinateur"]),
    )
    heures = put("heures_medecin_coordinateur", fa * p["heures_medecin_par_patient"])
    etp_h = put("etp_medecin_heures", etp_pour_heures(heures, p["heures_annuelles_etp"]))
    etp_enonce = put("etp_medecin_enonce", etp_proportionnel(p["etp_medecin_reference"], f))
    etp = put("etp_medecin_coordinateur", pa.etp_medecin_coordinateur(etp_enonce, etp_h, p["base_etp_medecin"]))
    put("cout_medecin_coordinateur", cout_annuel_poste(mensuel, etp))

    # 2.3.2.3 visites à domicile
    put("patients_vad", fa * p["part_file_active_vad"])
    km = put(
        "km_vad",
        pa.km_visites_domicile(
            fa, p["part_file_active_vad"], p["nb_visites_mensuelles_vad"], p["nb_mois_vad"], p["km_par_visite"]
        ),
    )
    nb_veh = put("nb_vehicules_vad_total", echelle.effectif(p["nb_vehicules_vad"], f, p["echelle_vehicules_vad"]))
    put("km_par_vehicule_vad", km / _positif(nb_veh))
    ik = put(
        "vad_indemnites",
        indemnites_flotte(
            km, nb_veh, datastore.bareme_tranches(p["annee_bareme"], p["puissance_fiscale_cv"]), p["repartition_bareme"]
        ),
    )
    taxe = put("vad_taxe", p["taxe_vehicule"] * nb_veh)
    put("cout_visites_domicile", ik + taxe)

    # 2.3.2.4 ateliers collectifs
    put("duree_atelier", pa.heures_par_atelier(p["duree_seance_atelier"], p["nb_seances_atelier"]))
    h_int = put(
        "heures_intervenant_atelier", pa.heures_par_atelier(p["heures_intervenant_par_seance"], p["nb_seances_atelier"])
    )
    put("heures_patient_expert_par_seance", p["duree_seance_atelier"] + p["heures_preparation_patient_expert"])
    h_pe = put(
        "heures_patient_expert_atelier",
        pa.heures_patient_expert_atelier(
            p["nb_seances_patient_expert"],
            p["duree_seance_atelier"],
            p["heures_preparation_patient_expert"],
            p["nb_participants_atelier"],
            p["lecture_heures_patient_expert"],
        ),
    )
    c_int = put("cout_intervenant_atelier", pa.cout_horaire_total(h_int, p["cout_horaire_intervenant"]))
    c_pe = put("cout_patient_expert_atelier", pa.cout_horaire_total(h_pe, p["indemnite_horaire_patient_expert"]))
    n = put("nb_ateliers", echelle.nombre_groupes(fa, p["nb_participants_atelier"], p["echelle_ateliers"]))
    a1 = put("ateliers_intervenants", n * c_int)
    a2 = put("ateliers_patients_experts", n * c_pe)
    put("cout_intervenants_ateliers", a1 + a2)
    a3 = put("ateliers_location", n * s.v["duree_atelier"] * p["cout_horaire_location_atelier"])
    h_sec = put("heures_secretariat_ateliers", n * p["nb_seances_atelier"] * p["heures_secretariat_par_seance"])
    etp = put("etp_secretariat", etp_pour_heures(h_sec, p["heures_annuelles_etp"]))
    a4 = put(
        "ateliers_secretariat",
        cout_annuel_poste(
            cout_employeur_mensuel(p["salaire_brut_secretariat"], p["taux_charges_patronales_secretariat"]), etp
        ),
    )
    total = put("cout_ateliers", a1 + a2 + a3 + a4)
    put("cout_ateliers_hors_location", total - a3)
    put("part_location_ateliers", a3 / total)

    # 2.3.2.5 réunions pluriprofessionnelles
    nb_r = put(
        "nb_reunions_pluripro_total", echelle.effectif(p["nb_reunions_pluripro"], f, p["echelle_reunions_pluripro"])
    )
    put(
        "nb_professionnels_reunion",
        sum(
            p[k]
            for k in (
                "nb_medecins_reunion",
                "nb_referents_reunion",
                "nb_idel_reunion",
                "nb_as_reunion",
                "nb_autres_pro_reunion",
            )
        ),
    )
    put("heures_reunion_par_professionnel", nb_r * p["duree_reunion_pluripro"])
    put(
        "cout_horaire_medecin_reunion",
        pa.cout_horaire_medecin_reunion(p["nb_consultations_heure_medecin"], p["tarif_consultation_mg"]),
    )
    employeur = put(
        "cout_horaire_employeur_referent",
        ct.cout_horaire_employeur(s.v["cout_mensuel_referent"], p["heures_annuelles_etp"]),
    )
    put(
        "cout_horaire_referent_reunion_retenu",
        pa.cout_horaire_referent_reunion(
            p["cout_horaire_referent_reunion"], employeur, p["base_cout_horaire_referent_reunion"]
        ),
    )
    metiers = {
        "medecin": ("nb_medecins_reunion", s.v["cout_horaire_medecin_reunion"]),
        "referent": ("nb_referents_reunion", s.v["cout_horaire_referent_reunion_retenu"]),
        "idel": ("nb_idel_reunion", p["cout_horaire_idel_reunion"]),
        "as": ("nb_as_reunion", p["cout_horaire_as_reunion"]),
        "autre_pro": ("nb_autres_pro_reunion", p["cout_horaire_autre_pro_reunion"]),
    }
    total = 0.0
    for metier, (effectif, taux) in metiers.items():
        total = total + put(
            f"reunion_{metier}", pa.cout_participation_reunions(p[effectif], taux, nb_r, p["duree_reunion_pluripro"])
        )
    total = put("cout_reunions_pluripro", total)
    put("cout_par_reunion_pluripro", total / _positif(nb_r))
    put("cout_reunions_par_personne", total / fa)


def _coordination(s: _Sheet) -> None:
    p, put = s.p, s.put
    # 2.4.2.1 coordinateur territorial (par département)
    brut = put(
        "salaire_brut_coordinateur",
        salaire_brut(p["salaire_net_coordinateur"], p["taux_charges_salariales_coordinateur"]),
    )
    mensuel = put("cout_mensuel_coordinateur", cout_employeur_mensuel(brut, p["taux_charges_patronales_coordinateur"]))
    etp = put(
        "etp_coordinateur_departement",
        co.etp_coordinateur(
            p["etp_coordinateur"],
            p["population_departement"],
            p["habitants_par_etp_coordinateur"],
            p["base_etp_coordinateur"],
        ),
    )
    put("cout_coordinateur", cout_annuel_poste(mensuel, etp))

    # 2.4.2.2 communication
    put("jours_plaidoyer_an", p["jours_campagne_plaidoyer"] * p["nb_campagnes_an"])
    etp = put(
        "etp_plaidoyer", co.etp_pour_jours(p["jours_campagne_plaidoyer"], p["nb_campagnes_an"], p["jours_ouvres_an"])
    )
    put("salaire_brut_annuel_plaidoyer", p["salaire_brut_plaidoyer"] * MOIS_PAR_AN)
    c1 = put(
        "communication_plaidoyer",
        cout_annuel_poste(
            cout_employeur_mensuel(p["salaire_brut_plaidoyer"], p["taux_charges_patronales_plaidoyer"]), etp
        ),
    )
    cpms = [p["cpm_twitter"], p["cpm_linkedin"], p["cpm_instagram"]]
    put("budget_publicitaire_campagne", co.budget_publicitaire(p["impressions_par_reseau"], cpms, 1))
    c3 = put("communication_publicite", co.budget_publicitaire(p["impressions_par_reseau"], cpms, p["nb_campagnes_an"]))
    c2 = put("communication_site", p["cout_site_internet"])
    brut_com = put("cout_communication_brut", c1 + c2 + c3)
    com = put("cout_communication", arrondi_au_pas(brut_com, p["pas_arrondi_communication"]))
    put("communication_arrondi", com - brut_com)

    # 2.4.2.3 formation
    put("cout_formation_aaas", co.cout_formation(p["nb_professionnels_formes"], p["cout_formation_individuel"]))

    # 2.4.2.4 concertation territoriale
    nb = put(
        "nb_reunions_concertation",
        co.nb_reunions_concertation(
            p["nb_infra_territoires"], p["nb_groupes_thematiques"], p["nb_reunions_par_groupe"]
        ),
    )
    i1 = put(
        "concertation_indemnisation",
        co.indemnisation_concertation(
            nb, p["indemnisation_concertation"], p["nb_participants_indemnises"], p["base_indemnisation_concertation"]
        ),
    )
    put("location_salles_concertation", nb * p["cout_location_salle_concertation"])
    i2 = put(
        "concertation_logistique",
        co.cout_logistique_reunions(
            nb,
            p["cout_location_salle_concertation"],
            p["heures_organisation_reunion_concertation"],
            p["taux_horaire_secretariat_concertation"],
        ),
    )
    put("cout_concertation", i1 + i2)


def _participation(s: _Sheet) -> None:
    p, put = s.p, s.put
    put("cout_evaluation_dispositif", p["cout_evaluation"])
    put("cout_formation_participation", p["cout_formation_gouvernance"])
    part = put("participants_qualite", pp.participants_qualite(p["effectif_structure"], p["part_effectif_qualite"]))
    put("effectif_reunion_qualite", pp.effectif_par_groupe(part, p["nb_groupes_qualite"]))
    put(
        "cout_echanges_pratiques",
        pp.cout_echanges_pratiques(
            part,
            p["nb_reunions_qualite"],
            p["duree_reunion_qualite"],
            p["cout_horaire_salarie"],
            p["nb_groupes_qualite"],
            p["double_compte_groupes_qualite"],
        ),
    )


def _positif(x):
    """``x`` where positive, NaN elsewhere (a ratio per vehicle or per meeting of none)."""
    x = np.asarray(x, dtype=float)
    out = np.where(x > 0, x, np.nan)
    return float(out) if out.ndim == 0 else out


def _controles(v: Mapping[str, Any]) -> dict[str, Any]:
    """Quantities that only check the prose (see :mod:`aaas.controles`)."""
    out = {
        # 2.2.2.2, 2.2.2.3, 2.2.2.4, 2.2.2.6
        "ratio_smic_mediateur": ct.ratio(v["salaire_brut_mediateur"], v["smic_brut_mensuel"]),
        "rapport_duree_interpretariat_courante": ct.ratio(
            v["duree_consultation_interpretariat"], v["duree_consultation_courante"]
        ),
        "consultations_immigres_concernes": rl.nb_consultations(
            v["population_immigree_concernee"], v["taux_recours_mg"]
        ),
        "allers_retours_semaine_relais": v["deplacements_semaine_relais"] / 2,
        "km_par_aller_retour_relais": 2 * v["km_par_deplacement_relais"],
        "duree_consultation_inclusion": v["duree_consultation_courante"] + v["duree_supplementaire_inclusion"],
        "surcout_consultation_prorata": rl.surcout_consultation(
            v["tarif_consultation_mg"],
            rl.proportion_temps_supplementaire(
                v["duree_consultation_courante"], v["duree_supplementaire_inclusion"], "duree_courante"
            ),
        ),
        # 2.3.2.2 to 2.3.2.5
        "heures_medecin_par_patient_implicites": ct.heures_par_personne(
            v["etp_medecin_coordinateur"], v["heures_annuelles_etp"], v["file_active"]
        ),
        "rayon_visite_vad": ct.rayon_deplacement(v["km_par_visite"]),
        "intervalle_seances_atelier_mois": ct.intervalle_mois(v["nb_seances_atelier"]),
        "salaire_net_equivalent_intervenant": ct.salaire_net_equivalent(
            v["cout_horaire_intervenant"],
            v["heures_annuelles_etp"],
            v["taux_charges_patronales_referent"],
            v["taux_charges_salariales_referent"],
        ),
        "places_ateliers": v["nb_ateliers"] * v["nb_participants_atelier"],
        "intervalle_reunions_pluripro_jours": ct.intervalle_jours(
            v["nb_mois_reunions_pluripro"], v["nb_reunions_pluripro_total"]
        ),
        # 2.4.2.1 to 2.4.2.5
        "population_par_etp_coordinateur": ct.ratio(v["population_departement"], v["etp_coordinateur_departement"]),
        "jours_ouvres_calendrier": ct.jours_ouvres(v["jours_feries_semaine"]),
        "nb_reseaux_sociaux": ct.nb_positifs(v["cpm_twitter"], v["cpm_linkedin"], v["cpm_instagram"]),
        "indemnisation_par_professionnel_reunion": ct.ratio(
            v["concertation_indemnisation"], v["nb_reunions_concertation"] * v["nb_participants_indemnises"]
        ),
    }
    part = v["part_coordinateur_concertation"]
    poste = v["ligne_poste_coordination"]
    fonctions = [
        ct.repartition_fonctions(poste, part, v["ligne_concertation"]),
        ct.repartition_fonctions(poste, (1 - part) / 2, v["ligne_communication"]),
        ct.repartition_fonctions(poste, (1 - part) / 2, v["ligne_formation"]),
    ]
    out["fonction_concertation"], out["fonction_communication"], out["fonction_formation"] = fonctions
    out["rapport_max_min_fonctions_coordination"] = ct.ratio(np.maximum.reduce(fonctions), np.minimum.reduce(fonctions))
    # 2.5.2.4
    out["part_participation_hors_evaluation"] = ct.ratio(
        v["mission_participation"] - v["ligne_evaluation"], v["mission_participation"]
    )
    # 3.2.5 (on the carriers' table reconstructed by this edition)
    out.update(aggregate.controles_porteurs(v))
    return out
