"""What the home page says so that an evaluator can use and cite the book: what the total
covers, the verdict, why a variant's counts differ from the report's scenario, the report's
reference, this edition's version, date and licence, and how to cite it.

Every figure is glued from computation (the scenario's values, the evaluation under each
convention, :func:`aaas.checks.reconcile.bilan`); the edition's commit and date come from
:mod:`aaas.provenance` through the build's stamp (:func:`substitutions`).  The titles and
licences below are also in ``CITATION.cff`` and ``LICENSE`` at the repository's root (a test
checks they agree).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ... import __version__, datastore, fmt, provenance
from ...checks import reconcile
from ...checks.evaluation import Evaluation
from ...datastore import ROOT
from ...models.scenario import Scenario

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context

#: This edition's title (as ``_config.yml`` and ``CITATION.cff`` give it) and author.
TITRE = "Surcoûts de l'Accompagnement à l'Autonomie en Santé — édition reproductible"
AUTEUR = "Édition reproductible du rapport AAAS"
#: The report's title, as its running header prints it.
TITRE_RAPPORT = "Volet financement des dispositifs d'Accompagnement à l'Autonomie en Santé"
#: What the report's text says of its authors and date (it names neither).
REFERENCE_RAPPORT = (
    f"« {TITRE_RAPPORT} » (titre courant du rapport). Le texte ne nomme ni ses auteurs ni son "
    "commanditaire et ne porte pas de date ; il s'appuie sur le rapport final de l'évaluation "
    "nationale de l'AAAS (Regards Santé – Atelier de l'Évaluation, août 2022) et sur des sources "
    "de 2022 : il est donc postérieur à août 2022"
)
#: Licences (``LICENSE``): the code, and the texts and data.
LICENCE_CODE = "MIT"
LICENCE_CONTENU = "Licence Ouverte / Open Licence 2.0 (Etalab)"
#: Relative ratio under which the corrections leave the order of magnitude unchanged.
SEUIL_ORDRE_DE_GRANDEUR = 0.10


def _total(ctx: Context, convention: str) -> float:
    return float(np.asarray(ctx.evaluations[convention].results["total"]))


def _defaut(convention: str) -> float:
    """The total under ``convention`` with the report's parameters (no scenario)."""
    return float(np.asarray(Evaluation(convention=convention).results["total"]))


def _nombre(ctx: Context, name: str, singulier: str, pluriel: str | None = None, un: str = "") -> str:
    """A count of the scenario with its noun (« un département » with ``un`` for one), and
    the value it replaces."""
    value = ctx.scenario.values[name]
    texte = f"{un} {singulier}" if un and value == 1 else fmt.accord(value, singulier, pluriel)
    return texte + ctx.glue.rappel(name)


def _population_departement(ctx: Context) -> str:
    """« de 1 500 000 habitants (rapport : 671 000) » when the scenario changes it, else nothing."""
    if "population_departement" not in ctx.scenario.changed:
        return ""
    habitants = fmt.nombre(ctx.scenario.values["population_departement"])
    return f" de {habitants} habitants{ctx.glue.rappel('population_departement')}"


def portee(ctx: Context) -> str:
    """What the total covers: the four missions at the scenario's scale."""
    unites = [
        f"relais-accessibilité pour un bassin de {fmt.nombre(ctx.scenario.values['population_bassin'])} "
        f"habitants{ctx.glue.rappel('population_bassin')}",
        f"pair-aidance pour une file active de {_nombre(ctx, 'file_active', 'personne suivie', 'personnes suivies')}",
        f"coordination territoriale pour {_nombre(ctx, 'nb_departements', 'département', un='un')}"
        + _population_departement(ctx),
        "appui à la participation pour "
        + _nombre(ctx, "nb_structures", "structure porteuse", "structures porteuses", "une")
        + f" de {_nombre(ctx, 'effectif_structure', 'salarié')}",
    ]
    if ctx.scenario.changed:
        return f"Ce scénario chiffre le surcoût annuel des quatre missions : {' ; '.join(unites)}."
    imprime = datastore.printed_figure("total")
    return (
        f"Le total du rapport, {fmt.euros(imprime)}, est le surcoût annuel des quatre missions : {' ; '.join(unites)}."
    )


def verdict(ctx: Context) -> str:
    """The corrected and today's totals against the total as the report computes it."""
    rapport, corrige, actualise = (_total(ctx, c) for c in ("rapport", "corrige", "actualise"))
    v = corrige / rapport - 1
    ampleur = (
        "les erreurs du rapport ne changent pas l'ordre de grandeur de son estimation"
        if abs(v) < SEUIL_ORDRE_DE_GRANDEUR
        else "les erreurs du rapport changent sensiblement son estimation"
    )
    texte = (
        f"Corrigé de ses erreurs, le total passe de {fmt.euros(rapport)} à "
        f"{fmt.euros(corrige)} ({fmt.variation(v)}) : {ampleur} ; aux règles de paie, au barème et "
        f"au tarif d'aujourd'hui, il vaut {fmt.euros(actualise)} ({fmt.variation(actualise / rapport - 1)})."
    )
    if ctx.scenario.changed:
        defaut = _defaut("rapport")
        texte += (
            f" Avec les paramètres du rapport, le même calcul donne {fmt.euros(defaut)} : l'effet du "
            f"scénario est de {fmt.ecart(rapport - defaut, '€') or '0 €'}."
        )
    return texte


def comptes_scenario(ctx: Context) -> str:
    """Why the counts of checked figures differ from the report's scenario (or that they do not)."""
    b = reconcile.bilan(ctx.evaluations["rapport"].reconciliation)
    if not ctx.scenario.changed:
        return (
            "Chaque chiffre imprimé est comparé à son recalcul avec les paramètres du rapport : "
            "aucun n'a le statut « scénario »."
        )
    d = reconcile.bilan()
    deplaces = int(b.par_statut.get(reconcile.STATUTS["scenario"], 0))
    return (
        f"Les chiffres vérifiés sont comptés dans ce scénario : les {fmt.nombre(deplaces)} chiffres "
        "imprimés qu'il déplace ont le statut « scénario », car ils ne se comparent plus à "
        f"l'imprimé ; d'où {fmt.nombre(b.reproduits)} reproduits au lieu de {fmt.nombre(d.reproduits)} "
        f"et {fmt.nombre(b.erreurs)} faux au lieu de {fmt.nombre(d.erreurs)} avec les paramètres du rapport."
    )


def edition(scenario: Scenario, root: Path = ROOT) -> str:
    """This edition: version, the commit it is built from and its date, and for a variant
    its parameters' digest."""
    commit = provenance.git_commit(root)
    note = " (modifications non commitées)" if commit.endswith("+") else ""
    texte = f"version {__version__}, commit {commit.rstrip('+')}{note} du {provenance.edition_date(root)}"
    if scenario.changed:
        texte += f", variante {scenario.hash()} ({fmt.accord(len(scenario.changed), 'paramètre modifié')})"
    return texte


def citation(scenario: Scenario, root: Path = ROOT) -> str:
    """How to cite this edition (and the report it recomputes)."""
    return (
        f"{AUTEUR}, « {TITRE} », {edition(scenario, root)}, d'après le rapport « {TITRE_RAPPORT} ». "
        f"Code sous licence {LICENCE_CODE}, textes et données sous {LICENCE_CONTENU}."
    )


def substitutions(scenario: Scenario, root: Path = ROOT) -> dict[str, str]:
    """The edition and its citation, stamped by the build (:func:`aaas.publish.stage.staged_config`)
    as MyST substitutions, like the footer: glued by a notebook, they would keep the commit of
    the build that executed it while its cached copy is reused."""
    return {"edition": edition(scenario, root), "citation": citation(scenario, root)}


def glue_citation(ctx: Context) -> None:
    """Glue the home page's scope, verdict, counts of a variant, the report's reference and the licences."""
    ctx.glue("portee", portee(ctx))
    ctx.glue(
        "total_selon",
        "avec les valeurs de ce scénario et les lectures du rapport"
        if ctx.scenario.changed
        else "avec ses propres valeurs et lectures",
    )
    ctx.glue("verdict", verdict(ctx))
    ctx.glue("comptes_scenario", comptes_scenario(ctx))
    ctx.glue("reference_rapport", REFERENCE_RAPPORT)
    ctx.glue("licence", f"code sous licence {LICENCE_CODE} ; textes et données sous {LICENCE_CONTENU}")
