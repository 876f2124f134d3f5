"""The short summaries that open the book: the home page's first screen and, at the top of
each mission's chapter, « Ce qu'il faut retenir ».

Every figure is glued (myst-nb) from the scenario evaluated under both conventions, and the
counts come from :func:`aaas.checks.reconcile.bilan`, the one function that states them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ... import datastore, fmt
from ...checks import reconcile
from ...models import conventions
from ...present import bilan
from . import html_tables, tables

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context


def unites() -> dict[str, tuple[str, str]]:
    """The cost per unit of each mission: the quantity and the unit it is stated per
    (``data/missions.csv``, columns ``cout_par_unite`` and ``par_unite``)."""
    m = datastore.missions()
    return dict(zip(m["mission"], zip(m["cout_par_unite"], m["par_unite"], strict=True), strict=True))


#: How many errata the home page names.
NB_ERRATA_ACCUEIL = 3


def _valeur(ctx: Context, convention: str, name: str) -> float:
    return float(np.asarray(ctx.evaluations[convention].results[name]))


def _montant(x: float) -> str:
    """An amount: cents below 100 € (5,28 € par habitant), whole euros above."""
    return fmt.euros(x, 2 if abs(x) < 100 else 0)


def imprime_mission(mission: str) -> float:
    """The mission's total as its chapter's synthesis table prints it."""
    return datastore.printed_figure(f"mission_{mission}", f"synthese_{mission}")


def mission_de_section(section: str) -> str:
    """The mission a chapter narrates, by the report's section (``data/missions.csv``): a
    chapter names its section, the mission's identifier is written in the data only.

    >>> mission_de_section("2.2") in set(datastore.missions()["mission"])
    True
    """
    missions = datastore.missions().set_index("section")
    return str(missions.loc[section, "mission"])


def libelle_mission(mission: str) -> str:
    return str(datastore.missions().set_index("mission").loc[mission, "libelle"])


def effets_mission(mission: str) -> list[tuple[str, float, float]]:
    """The errata that change this mission's total: (id, effect on the mission, effect on the
    total), each correction applied alone to the report's set, the heaviest first."""
    e = reconcile.effets_errata()
    e = e[(e["mission"] == mission) & (e[f"effet_{mission}"].abs() > 0.5)]
    e = e.assign(poids=e["effet"].abs()).sort_values("poids", ascending=False, kind="stable")
    return [(r.erratum, getattr(r, f"effet_{mission}"), r.effet) for r in e.itertuples(index=False)]


def texte_errata_mission(mission: str) -> str:
    """« E07 (−3 510 € sur la mission et sur le total), … » or a sentence saying none."""
    effets = effets_mission(mission)
    if not effets:
        return "aucune erreur du rapport ne modifie le total de cette mission"
    items = [f"{i} ({fmt.ecart(m, '€')} sur la mission, {fmt.ecart(t, '€')} sur le total)" for i, m, t in effets]
    return fmt.accord(len(items), "erreur reportée") + " : " + fmt.liste(items)


def glue_mission(ctx: Context, mission: str) -> None:
    """Glue « Ce qu'il faut retenir » of a mission: its total printed, recomputed (``rapport``)
    and corrected, its cost per unit under both conventions, the errata that change it."""
    name, unite = unites()[mission]
    total = f"mission_{mission}"
    imprime = imprime_mission(mission)
    ctx.glue.nombre("retenir_imprime", fmt.euros(imprime), total, imprime, "€", convention="", nature="imprimé")
    for conv in ("rapport", "corrige"):
        shown = fmt.euros(ctx.evaluations[conv].affiches[total])
        ctx.glue.nombre(f"retenir_{conv}", shown, total, _valeur(ctx, conv, total), "€", convention=conv)
        x = _valeur(ctx, conv, name)
        ctx.glue.nombre(f"retenir_unite_{conv}", _montant(x), name, x, "€", convention=conv)
    ctx.glue("retenir_unite", unite)
    ctx.glue("retenir_errata", texte_errata_mission(mission))


def texte_erratum(erratum: str, effet: float, mission: str) -> str:
    """« E16 (mission participation) : −10 800 € sur le total »."""
    label = datastore.errata().set_index("id").loc[erratum, "label"]
    return f"{erratum}, {label} : {fmt.ecart(effet, '€')} sur le total (mission « {libelle_mission(mission)} »)"


def glue_accueil(ctx: Context) -> None:
    """Glue the home page's first screen: the totals (printed, recomputed, corrected, today's),
    the counts, the heaviest errata, the cost per unit of each mission."""
    imprime = datastore.printed_figure("total")
    ctx.glue.nombre("total_imprime", fmt.euros(imprime), "total", imprime, "€", convention="", nature="imprimé")
    for conv in ("rapport", "corrige", "actualise"):
        total = _valeur(ctx, conv, "total")
        ctx.glue.nombre(f"total_{conv}", fmt.euros(total), "total", total, "€", convention=conv)
        for mission, (name, _) in unites().items() if conv != "actualise" else ():
            x = _valeur(ctx, conv, name)
            ctx.glue.nombre(f"unite_{mission}_{conv}", _montant(x), name, x, "€", convention=conv)
    b = glue_bilan(ctx)
    effets = reconcile.effets_errata().set_index("erratum")
    for k, e in enumerate(b.errata_total[:NB_ERRATA_ACCUEIL], start=1):
        ctx.glue(f"erratum_{k}", texte_erratum(e, effets.loc[e, "effet"], effets.loc[e, "mission"]))


def glue_bilan(ctx: Context) -> reconcile.Bilan:
    """Glue the counts of the report's figures checked (:func:`aaas.checks.reconcile.bilan`),
    for the home page and the verification chapter alike; returns them."""
    b = reconcile.bilan(ctx.evaluations["rapport"].reconciliation)
    ctx.glue("bilan_texte", bilan.texte(b))
    ctx.glue("nb_chiffres", fmt.accord(b.chiffres, "chiffre imprimé", "chiffres imprimés"))
    ctx.glue("nb_reproduits", fmt.nombre(b.reproduits))
    ctx.glue("nb_erreurs", fmt.nombre(b.erreurs))
    ctx.glue("nb_erreurs_total", fmt.nombre(b.erreurs_total))
    ctx.glue("nb_inexpliques", fmt.nombre(b.inexpliques))
    ctx.glue("nb_errata", fmt.accord(b.errata, "erreur documentée", "erreurs documentées"))
    ctx.glue("nb_errata_total", fmt.nombre(len(b.errata_total)))
    return b


def reconciliations(ctx: Context) -> dict:
    """The reconciliation of this scenario under each convention, by name."""
    return {c: ctx.evaluations[c].reconciliation for c in conventions.CONVENTIONS}


def glue_ecart_conventions(ctx: Context) -> None:
    """Glue the corrected total and the gap between the report's convention and the
    corrected one (each total rounded to the euro, as the tables show them)."""
    rapport = ctx.results if ctx.convention == "rapport" else ctx.reference
    corrige = ctx.reference if ctx.convention == "rapport" else ctx.results
    ctx.glue("total_corrige", fmt.euros(corrige["total"]))
    ctx.glue("ecart_conventions", fmt.euros(round(float(rapport["total"])) - round(float(corrige["total"]))))


def glue_verification(ctx: Context) -> None:
    """Glue the verification chapter's figures: the counts (:func:`glue_bilan`), the totals
    recomputed under the report's convention and corrected, and the vocabulary table."""
    from IPython.display import HTML
    from myst_nb import glue

    glue_bilan(ctx)
    ctx.glue("total_rapport", fmt.euros(ctx.evaluations["rapport"].total))
    ctx.glue("total_corrige", fmt.euros(ctx.evaluations["corrige"].total))
    glue("vocabulaire", HTML(html_tables.tableau_vocabulaire()), display=False)


def show_figures(ctx: Context) -> None:
    """The verification chapter's table of every figure checked, under each convention."""
    recs = reconciliations(ctx)
    html_tables.show_figures(recs, {c: ctx.evaluations[c].affiches for c in recs})


def show_bilan(ctx: Context) -> None:
    """The verification chapter's table of counts (:func:`aaas.present.bilan.tableau`),
    statuses in their badges, the figures checked closing the statuses above them."""
    recs = reconciliations(ctx)
    vue = bilan.tableau(recs)
    vue["statut"] = [tables.status_badge(s) if s in reconcile.CLES else s for s in vue["statut"]]
    classes = ["" if s in reconcile.CLES else "sous-total" for s in bilan.tableau(recs)["statut"]]
    tables.show(vue, "bilan", "Nombre de chiffres imprimés par statut", row_classes=classes, raw=("statut",))
