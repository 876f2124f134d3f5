"""What the book says of the total's uncertainty: the range on the home page
(:func:`glue_incertitude`) and every figure, table and chart of the « Sensibilité » chapter
(:class:`SensibilitePage`), over :mod:`aaas.sensitivity`.

The Monte Carlo draws both pages show are computed once per build
(:func:`.analyses.tirages_total`); the chapter's other analyses are computed once per
notebook (each a cached property of the page), in the order the chapter shows them.  The
grids, counts and budget the chapter explores are named here (:data:`GRILLE_BASSIN`…), the
verdict on the report's ±15 % in :mod:`aaas.sensitivity.verdict`.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from ... import fmt, labels
from ...models import parameters
from ...sensitivity import montecarlo, oneway, presets, scale, sobol, structural, verdict
from . import analyses, tables
from . import sensibilite as sens
from .charts import glue_figure

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context

#: Monte Carlo draws (each mode) and their seed, for both pages.
TIRAGES, GRAINE = 100_000, 1
#: The hypotheses the tornado shows; the ones the prose names; the width of a label (no wrap).
TORNADE, CITEES, SANS_RETOUR = 15, 5, 500
#: Sobol: base samples (the seed is :data:`GRAINE`); the indices the prose names.
ECHANTILLONS_SOBOL, SOBOL_CITES = 1024, 3
#: The two-way grids: the population of the basin × the GP visit rate; the file active ×
#: the people per référent ETP.
GRILLE_BASSIN = ([10_000, 15_000, 20_000, 30_000, 40_000, 60_000], [2.5, 3.0, 3.5, 4.0, 4.5])
GRILLE_FILE_ACTIVE = ([50, 100, 150, 200, 300], [40, 47, 55, 63, 70])
#: The cost per person followed to stay under, and the range of people per ETP searched.
SEUIL_PAR_PERSONNE, SEUIL_ETP = 1500, (20, 200)
#: The relais budget, and the range of populations searched for the basin it pays for.
BUDGET_RELAIS, SEUIL_POPULATION = 150_000, (5_000, 200_000)


def glue_incertitude(ctx: Context, n: int = TIRAGES, seed: int = GRAINE) -> None:
    """Glue the range of the total for the home page: P5–P95 of ``n`` seeded draws of every
    hypothesis within ±15 %, independent and correlated (the « Sensibilité » chapter's draws,
    :func:`.analyses.tirages_total`), each quantile with its Monte Carlo precision
    (:func:`aaas.sensitivity.montecarlo.precision_quantile`), the relative range measured
    from this book's total, and the structural choice that moves the total most
    (:func:`glue_structurel`)."""
    total = ctx.v("total")
    ctx.glue.nombre("incertitude_total", fmt.euros(total), "total", total, "€")
    ctx.glue("incertitude_n", fmt.nombre(n))
    ctx.glue("incertitude_confiance", fmt.pourcent(montecarlo.CONFIANCE))
    for nom, correle in (("ind", False), ("cor", True)):
        tirages = analyses.tirages_total(ctx.convention, ctx.scenario.values, n, seed, correle)
        r = montecarlo.resume({"total": tirages}, centres={"total": total}).iloc[0]
        for q in ("p5", "p95"):
            ctx.glue(f"incertitude_{nom}_{q}", fmt.euros(r[q]))
            ctx.glue(f"incertitude_{nom}_{q}_precision", "±\u00a0" + fmt.euros(r[f"precision_{q}"]))
        ctx.glue(f"incertitude_{nom}_bas", fmt.variation(r["ecart_p5"]))
        ctx.glue(f"incertitude_{nom}_haut", fmt.variation(r["ecart_p95"]))
    glue_structurel(ctx)


def glue_structurel(ctx: Context, prefixe: str = "incertitude_struct") -> None:
    """Glue the structural choice (a reading of the text, a scaling rule or the other
    convention, :func:`aaas.sensitivity.structural.structurel`) that moves the total most:
    the hypothesis' label, the choice, the effect in euros and relative to the total."""
    st = structural.structurel(ctx.convention, ["total"], ctx.scenario.values)
    premier = st.loc[st["ecart"].abs().idxmax()]
    nom, choix = premier["parametre"], premier["choix"]
    if nom in parameters.parameters():
        libelle, choix = labels.parametre(nom), labels.valeur(nom, choix)
    else:
        libelle, choix = "convention de calcul", labels.libelle("convention", str(choix))
    ctx.glue(f"{prefixe}_libelle", libelle)
    ctx.glue(f"{prefixe}_choix", choix)
    ctx.glue(f"{prefixe}_ecart", fmt.ecart(premier["ecart"], "€"))
    ctx.glue(f"{prefixe}_part", fmt.variation(premier["ecart_relatif"]))


class SensibilitePage:
    """The « Sensibilité » chapter of one scenario: each method glues its section's figures
    and charts, or shows its table."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.conv, self.base = ctx.convention, ctx.scenario.values
        self.total = ctx.v("total")

    @cached_property
    def un_a_un(self) -> pd.DataFrame:
        """Every hypothesis at ±10 % and ±15 % (:func:`aaas.sensitivity.oneway.oneway`)."""
        return oneway.oneway(self.conv, base=self.base)

    @cached_property
    def tornade(self) -> pd.DataFrame:
        """The :data:`TORNADE` hypotheses that move the total most."""
        return oneway.tornade(self.un_a_un, "total", TORNADE)

    @cached_property
    def max_un(self) -> float:
        """The largest change of the total by one hypothesis alone (€)."""
        ow = self.un_a_un
        return float(ow.loc[ow["sortie"] == "total", "ecart"].abs().max())

    @cached_property
    def structure(self) -> pd.DataFrame:
        """The structural choices, the largest effect on the total first."""
        st = structural.structurel(self.conv, ["total"], self.base)
        return st.reindex(st["ecart"].abs().sort_values(ascending=False).index)

    def glue_un_a_un(self) -> None:
        """Glue the one-at-a-time section: the total, the hypotheses tested, the five that move
        it most, the largest swing, and the tornado charts."""
        ctx, top, total = self.ctx, self.tornade, self.total
        ctx.glue.nombre("sens_total", fmt.euros(total), "total", total, "€")
        ctx.glue("sens_nb_hypotheses", fmt.nombre(self.un_a_un["parametre"].nunique()))
        noms = [sens.libelle(n, SANS_RETOUR) for n in top["parametre"][:CITEES]]
        ctx.glue("sens_cinq", " ; ".join(f"{i}. {n}" for i, n in enumerate(noms, 1)))
        ctx.glue("sens_premier_amplitude", fmt.euros(top["amplitude"].iloc[0]))
        ctx.glue("sens_premier_part", fmt.pourcent(top["amplitude"].iloc[0] / total, 1))
        ctx.glue("sens_max_un", fmt.euros(self.max_un))
        ctx.glue("sens_max_un_part", fmt.pourcent(self.max_un / total, 1))
        glue_figure("fig_tornade", sens.tornade(top, f"Les {TORNADE} hypothèses qui déplacent le plus le total"))
        glue_figure("fig_tornades_missions", sens.tornades_missions(self.un_a_un))

    def show_tornade(self) -> None:
        """The tornado's table: each hypothesis (its label and identifier), its effect at
        −15 % and +15 %, its swing."""
        top = self.tornade
        vue = pd.DataFrame(
            {
                "Hypothèse": [sens.libelle(n, SANS_RETOUR) for n in top["parametre"]],
                "Paramètre": [f"<code>{n}</code>" for n in top["parametre"]],  # identifiers, as code
                "−15 %": [fmt.ecart(x, "€") or "0 €" for x in top["bas"]],
                "+15 %": [fmt.ecart(x, "€") or "0 €" for x in top["haut"]],
                "Amplitude": [fmt.euros(x) for x in top["amplitude"]],
            }
        )
        tables.show(vue, "sens-tornade", "Effet sur le total de chaque hypothèse à ±15 %", raw=("Paramètre",))

    def glue_structure(self) -> None:
        """Glue the structural section: the choice that moves the total most, how many move
        it more than any hypothesis alone, the other convention's effect, the chart."""
        ctx, st = self.ctx, self.structure
        premier = st.iloc[0]
        lecture, choix = sens.lecture(premier["parametre"], premier["choix"])
        ctx.glue("sens_struct_param", lecture)
        ctx.glue("sens_struct_choix", choix)
        ctx.glue("sens_struct_ecart", fmt.ecart(premier["ecart"], "€"))
        ctx.glue("sens_struct_part", fmt.variation(premier["ecart_relatif"]))
        ctx.glue("sens_struct_depasse", _depassent(int((st["ecart"].abs() > self.max_un).sum())))
        glue_figure("fig_structure", sens.effets_structurels(st))
        conv_row = st[st["parametre"] == "convention"].iloc[0]
        ctx.glue("sens_conv_ecart", fmt.ecart(conv_row["ecart"], "€"))

    def show_structure(self) -> None:
        """The table of the structural choices."""
        tables.show(
            sens.vue_structure(self.structure), "sens-structure", "Effet sur le total de chaque lecture ou convention"
        )

    def glue_montecarlo(self, n: int = TIRAGES, seed: int = GRAINE) -> None:
        """Glue the Monte Carlo section (the draws the home page shows too): each mode's
        quantiles, their precision, the chance of exceeding the printed total, the verdict
        on the report's ±15 %, and both charts."""
        ctx = self.ctx
        ind = analyses.tirages_total(self.conv, self.base, n, seed, False)
        cor = analyses.tirages_total(self.conv, self.base, n, seed, True)
        imprime = montecarlo.printed_totals()["total"]
        centre = {"total": self.total}  # the ranges are measured from the total analysed, not from the median
        r_ind = montecarlo.resume({"total": ind}, {"total": imprime}, centre).iloc[0]
        r_cor = montecarlo.resume({"total": cor}, {"total": imprime}, centre).iloc[0]
        ctx.glue("mc_n", fmt.nombre(n))
        for nom, r in (("ind", r_ind), ("cor", r_cor)):
            ctx.glue(f"mc_{nom}_p5", fmt.euros(r["p5"]))
            ctx.glue(f"mc_{nom}_p50", fmt.euros(r["p50"]))
            ctx.glue(f"mc_{nom}_p95", fmt.euros(r["p95"]))
            ctx.glue(f"mc_{nom}_bas", fmt.variation(r["ecart_p5"]))
            ctx.glue(f"mc_{nom}_haut", fmt.variation(r["ecart_p95"]))
            ctx.glue(f"mc_{nom}_depasse", fmt.pourcent(r["p_depasse"], 0))
            for q in ("p5", "p50", "p95"):
                ctx.glue(f"mc_{nom}_{q}_precision", "±\u00a0" + fmt.euros(r[f"precision_{q}"]))
        ctx.glue("mc_erreur_type", fmt.euros(ind.std() / n**0.5))
        ctx.glue("mc_confiance", fmt.pourcent(montecarlo.CONFIANCE))
        ctx.glue("mc_verdict_ind", verdict.verdict(r_ind))
        glue_figure("fig_mc", sens.distributions(ind, cor, imprime))
        glue_figure("fig_ecdf", sens.ecdf(ind, cor))

    def glue_sobol(self) -> None:
        """Glue the Sobol section: the hypotheses with the largest total indices, their share,
        how many of the tornado's first five they share, and the chart."""
        indices = sobol.sobol(self.conv, ECHANTILLONS_SOBOL, seed=GRAINE, outputs=["total"])
        tri = indices.sort_values("st", ascending=False)
        self.ctx.glue("sobol_trois", " ; ".join(sens.libelle(n, SANS_RETOUR) for n in tri["parametre"][:SOBOL_CITES]))
        self.ctx.glue("sobol_part", fmt.pourcent(tri["st"].head(CITEES).sum(), 0))
        communs = len(set(tri["parametre"][:CITEES]) & set(self.tornade["parametre"][:CITEES]))
        self.ctx.glue("sobol_communs", fmt.nombre(communs))
        glue_figure("fig_sobol", sens.indices(indices))

    def glue_echelles(self) -> None:
        """Glue the scale section: the cost curves by population and file active, the
        thresholds (people per ETP, the basin a budget pays for) and the two heat maps."""
        ctx, conv, base = self.ctx, self.conv, self.base
        pop = scale.courbe("population_bassin", scale.POPULATIONS, conv, ["mission_relais"], base)
        fa = scale.courbe("file_active", scale.FILES_ACTIVES, conv, ["mission_pair_aidance"], base)
        titre = "Relais : coût par habitant selon la taille du bassin"
        axes = ("Habitants du bassin", "€ par habitant")
        glue_figure("fig_pop", sens.courbe(pop, "population_bassin", "mission_relais_par_unite", titre, *axes))
        titre = "Pair-aidance : coût par personne selon la file active"
        axes = ("Personnes suivies", "€ par personne")
        glue_figure("fig_fa", sens.courbe(fa, "file_active", "mission_pair_aidance_par_unite", titre, *axes))
        ctx.glue("echelle_hab_5000", fmt.euros(pop["mission_relais_par_unite"].iloc[0], 2))
        ctx.glue("echelle_hab_100000", fmt.euros(pop["mission_relais_par_unite"].iloc[-1], 2))
        ctx.glue("echelle_fa_20", fmt.euros(fa["mission_pair_aidance_par_unite"].iloc[0]))
        ctx.glue("echelle_fa_400", fmt.euros(fa["mission_pair_aidance_par_unite"].iloc[-1]))
        seuil = scale.seuil("file_active_par_etp_referent", "cout_pair_aidance_par_personne", SEUIL_PAR_PERSONNE,
                            *SEUIL_ETP, conv, base)  # fmt: skip
        ctx.glue("seuil_fa_etp", fmt.nombre(seuil, 1))
        grille = scale.deux_parametres("population_bassin", GRILLE_BASSIN[0], "taux_recours_mg", GRILLE_BASSIN[1],
                                       "total", conv)  # fmt: skip
        glue_figure("fig_carte", sens.carte(grille, "Total selon la population du bassin et le recours au médecin"))
        grille2 = scale.deux_parametres("file_active", GRILLE_FILE_ACTIVE[0], "file_active_par_etp_referent",
                                        GRILLE_FILE_ACTIVE[1], "total", conv)  # fmt: skip
        glue_figure("fig_carte2", sens.carte(grille2, "Total selon la file active et le nombre de personnes par ETP"))
        pop_budget = scale.seuil("population_bassin", "mission_relais", BUDGET_RELAIS, *SEUIL_POPULATION, conv, base)
        ctx.glue("seuil_budget", fmt.euros(BUDGET_RELAIS))
        ctx.glue("seuil_pop_relais", fmt.nombre(round(pop_budget, -2)))

    def show_scenarios(self) -> None:
        """The table of the named scenarios (:func:`aaas.sensitivity.presets.tableau`)."""
        vue = sens.vue_scenarios(presets.tableau(self.conv))
        tables.show(vue, "sens-scenarios", "Surcoût de chaque mission et total selon le scénario")


def _depassent(n: int) -> str:
    """How many structural choices move the total more than any hypothesis alone, as a sentence's start.

    >>> _depassent(0), _depassent(1), _depassent(3)
    ('Aucun choix structurel ne déplace', 'Un choix structurel, celui-ci, déplace', '3 choix structurels déplacent')
    """
    return {0: "Aucun choix structurel ne déplace", 1: "Un choix structurel, celui-ci, déplace"}.get(
        n, f"{fmt.nombre(n)} choix structurels déplacent"
    )
