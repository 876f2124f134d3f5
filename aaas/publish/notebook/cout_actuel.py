"""The « Coût actuel » chapter of one scenario (:class:`CoutActuelPage`): each method glues a
section's figures or shows its table, over :mod:`aaas.checks.actualisation` (what the
update computes), :mod:`aaas.checks.ecarts_actualisation` (what the chapter picks out of
it) and :mod:`.actualisation` (how the tables and charts show it)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from ... import datastore, fmt
from ...checks import actualisation, ecarts_actualisation
from ...models import conventions, paie
from . import actualisation as act
from .charts import glue_figure

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context


class CoutActuelPage:
    """The chapter's analyses, each computed once for the notebook."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.valeurs = ctx.scenario.under("actualise").values

    @cached_property
    def lignes(self) -> pd.DataFrame:
        """Each line, mission and the total under the three conventions."""
        return actualisation.par_ligne(self.ctx.scenario)

    @cached_property
    def montants(self) -> dict[str, dict[str, float]]:
        """The amounts as the tables show them (the prose agrees with them)."""
        return act.montants_lignes(self.lignes)

    @cached_property
    def etapes(self) -> pd.DataFrame:
        """The steps from the report's total to today's."""
        return actualisation.etapes(self.ctx.scenario)

    @cached_property
    def postes(self) -> pd.DataFrame:
        """Each salaried post under the report's rates and the URSSAF rules."""
        return actualisation.postes(self.ctx.scenario)

    @cached_property
    def ecarts(self) -> pd.DataFrame:
        """The gap of each post's employer rate, with what it means."""
        return actualisation.ecarts_taux(self.ctx.scenario)

    @cached_property
    def gardees(self) -> pd.DataFrame:
        """The euro hypotheses kept at the report's value."""
        return act.vue_gardees(conventions.gardees_2022(), self.ctx.scenario.explicit)

    @cached_property
    def options(self) -> pd.DataFrame:
        """The employer's and the contract's options given to the URSSAF rules."""
        return act.vue_options()

    def glue_totaux(self) -> None:
        """Glue the totals (printed, and under each convention), the gap, the rules' version
        and year, the SMIC, the mileage scale's year and the consultation's price."""
        ctx, valeurs = self.ctx, self.valeurs
        total = self.lignes.set_index("cle").loc["total"]
        annee = int(float(valeurs["annee_paie"]))
        ctx.glue.publie("act_total_imprime", "synthese", "Total des surcoûts des missions")
        for c in actualisation.TROIS:
            ctx.glue.nombre(f"act_total_{c}", fmt.euros(total[c]), "total", total[c], "€", convention=c)
        ctx.glue("act_ecart", act.ecart_montants(self.montants, "total"))
        ctx.glue("act_variation", fmt.variation(total["ecart_relatif"]))
        ctx.glue("act_version", paie.version())
        ctx.glue("act_annee", str(annee))
        ctx.glue("act_annees_regles", ", ".join(str(a) for a in paie.annees()))
        ctx.glue("act_smic", fmt.euros(paie.grille(next(iter(paie.postes())), annee).smic, 2))
        ctx.glue("act_bareme", str(int(float(valeurs["annee_bareme"]))))
        ctx.glue("act_tarif", fmt.euros(valeurs["tarif_consultation_mg"]))

    def glue_etapes(self) -> None:
        """Glue the steps: how many, the one that moves the total most (and the mission it
        moves most), the effect of today's prices and of the URSSAF rules; the cascade."""
        ctx, etapes = self.ctx, self.etapes
        majeure = act.etape_majeure(etapes)
        effets = act.montants_etapes(etapes).diff()  # each step as the table shows it
        mission = majeure["mission"]
        ctx.glue("act_nb_etapes", fmt.nombre(len(etapes) - 1))
        ctx.glue("act_etape_max", majeure["etape"])
        ctx.glue("act_etape_max_effet", act.ecart_euros(effets.loc[majeure.name, "total"]))
        ctx.glue("act_etape_max_mission", datastore.missions().set_index("mission").loc[mission, "libelle"])
        ctx.glue("act_etape_max_mission_effet", act.ecart_euros(effets.loc[majeure.name, f"mission_{mission}"]))
        ctx.glue("act_effet_maj", act.ecart_montants(self.montants, "total", "actualise", "corrige"))
        ctx.glue("act_effet_regles", act.ecart_euros(ecarts_actualisation.effet_regles(etapes, effets)))
        glue_figure("fig_act_cascade", act.cascade(etapes))

    def show_etapes(self) -> None:
        """The table of the steps."""
        vue, classes = act.vue_etapes(self.etapes)
        act.show_table(vue, "act-etapes", "Du total du rapport au total actualisé : effet de chaque étape", classes)

    def show_parametres(self) -> None:
        """The table of the parameters each step changes."""
        vue = act.vue_parametres(conventions.differences("actualise"), self.ctx.scenario.explicit)
        act.show_table(vue, "act-parametres", "Paramètres changés par chaque étape")

    def glue_lignes(self) -> None:
        """Glue the lines: how many, how many unchanged, the one the update moves most, the
        one the URSSAF rules move most."""
        ctx, lignes = self.ctx, self.lignes
        pire = ecarts_actualisation.plus_grand_ecart(lignes)
        bouge = ecarts_actualisation.plus_grand_effet_regles(lignes)
        ctx.glue("act_nb_lignes", fmt.nombre(len(ecarts_actualisation.lignes(lignes))))
        ctx.glue("act_nb_inchangees", fmt.nombre(ecarts_actualisation.nb_inchangees(lignes)))
        ctx.glue("act_ligne_max", pire["libelle"])
        ctx.glue("act_ligne_max_ecart", act.ecart_montants(self.montants, pire["cle"]))
        ctx.glue("act_ligne_max_relatif", fmt.variation(pire["ecart_relatif"]))
        ctx.glue("act_ligne_maj", bouge["libelle"])
        ctx.glue("act_ligne_maj_effet", act.ecart_montants(self.montants, bouge["cle"], "actualise", "corrige"))

    def show_lignes(self) -> None:
        """The table of every line, mission and the total under the three conventions."""
        vue, classes = act.vue_lignes(self.lignes)
        titre = "Surcoût annuel de chaque ligne, de chaque mission et total, dans les trois conventions"
        act.show_table(vue, "act-lignes", titre, classes)

    def glue_postes(self) -> None:
        """Glue the employer rates: the verdicts, the reduction's threshold, the post whose
        rate moves most (the report's rate, the rules', the gap in points and euros)."""
        ctx = self.ctx
        for cle, texte in act.verdicts(self.ecarts).items():
            ctx.glue(cle, texte)
        ctx.glue("act_seuil", fmt.nombre(ctx.scenario.under("rapport").values["seuil_smic_reduction_fillon"], 1))
        grand = ecarts_actualisation.poste_plus_ecarte(self.postes)
        ctx.glue("act_poste_max", act.libelle_poste(grand["poste"]).lower())
        ctx.glue("act_poste_max_rapport", fmt.pourcent(grand["taux_patronal_rapport"], 1))
        ctx.glue("act_poste_max_regles", fmt.pourcent(grand["taux_patronal_actualise"], 1))
        ctx.glue("act_poste_max_points", fmt.ecart(grand["ecart_points"] / 100, "%", 0.001))
        ctx.glue("act_poste_max_euros", act.ecart_euros(grand["ecart_annuel"]))

    def show_postes(self) -> None:
        """The table of the employer rates of each post."""
        titre = "Taux de charges patronales de chaque poste : rapport et règles de l’URSSAF"
        act.show_table(act.vue_postes(self.postes, self.ecarts), "act-taux", titre)

    def glue_gardees(self) -> None:
        """Glue how many euro hypotheses are kept and how many options the rules are given."""
        self.ctx.glue("act_nb_gardees", fmt.nombre(len(self.gardees)))
        self.ctx.glue("act_nb_options", fmt.nombre(len(self.options)))

    def show_gardees(self) -> None:
        """The table of the euro hypotheses kept at the report's value."""
        act.show_table(self.gardees, "act-gardees", "Hypothèses en euros gardées à la valeur du rapport")

    def show_options(self) -> None:
        """The table of the options given to the URSSAF rules."""
        titre = "Options de l’employeur et du contrat données aux règles de l’URSSAF"
        act.show_table(self.options, "act-options", titre)
