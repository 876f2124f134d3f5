"""What the book's notebooks show about the report: its tables with their links, errata
lists, the scenario note, the status vocabulary and the verification chapter's tables.

Every table is rendered by :mod:`.tables` (the book's one table renderer); this module
chooses the columns, their kinds and the links.
"""

from __future__ import annotations

import html

import pandas as pd

from ... import datastore, fmt, labels
from ...checks import reconcile
from ...models import conventions, parameters
from ...present import render
from .. import pages, readable
from . import tables

#: Pages of the book the tables link to (from a chapter in ``notebooks/``).
PAGE_PARAMETRES = "../book/parametres.html"
PAGE_ERRATA = "../book/errata.html"
#: The third figure of a chapter table: the corrected one, or this book's convention's.
COLONNE = {"corrige": "Corrigé", "actualise": "Actualisé"}


#: The figure whose gap to the report's scenario a variant's table shows, by convention.
DU_SCENARIO = {"rapport": "rapport recalculé", "corrige": "corrigé", "actualise": "actualisé"}


def tableau_html(
    par_convention: dict[str, pd.DataFrame], info: dict, convention: str = "rapport", defaut: pd.DataFrame | None = None
) -> str:
    """A report table (:func:`aaas.checks.tables.shape` under each convention) as HTML: the
    printed figure, the figure as the report carries it (convention ``rapport``), the
    corrected figure (the updated one in a book under ``actualise``), its gap, the status
    (of ``convention``) with links to the errata, and, on a line under each row, the
    hypothesis behind it.  In a variant, ``defaut`` is ``convention``'s table shaped with the
    baseline ``defaut``: the gap shown is then the scenario's effect on that convention's
    figure, as ``aaas tables --baseline defaut`` measures it."""
    df = par_convention[convention]
    troisieme = convention if convention in COLONNE else "corrige"
    nom = COLONNE[troisieme]
    rap, cor = (render.formatted(par_convention[c]) for c in ("rapport", troisieme))
    ecarts = cor["Écart"] if defaut is None else render.formatted(defaut)["Écart"]
    ecart = f"{nom.lower()} − imprimé" if defaut is None else f"{DU_SCENARIO[convention]} − paramètres du rapport"
    origine = [" <em>(texte)</em>" if o == "texte" else "" for o in df["origine"]]
    vue = pd.DataFrame({
        "Libellé": [f"{html.escape(str(label))}{o}" for label, o in zip(df.index, origine, strict=True)],
        "Imprimé": rap["Rapport"].to_list(),
        "Rapport (recalculé)": rap["Recalculé"].to_list(),
        nom: cor["Recalculé"].to_list(),
        f"Écart ({ecart})": ecarts.to_list(),
        "Statut": [_statut(s, e) for s, e in zip(df["statut"], df["errata"], strict=True)],
        "Hypothèse": [_source(v) for v in df["variable"]],
    })  # fmt: skip
    numbers = {c: "number" for c in vue.columns[1:5]}
    return tables.table_html(
        vue,
        f"tableau-{info['tableau']}",
        f"{info['section']} — {info['titre']}",
        kinds={**numbers, "Statut": "status", "Hypothèse": "detail"},
        raw=("Libellé", "Statut", "Hypothèse"),
        row_classes=[tables.status_row_class(s) for s in df["statut"]],
    )


def _liens_errata(ids: str) -> str:
    return ", ".join(
        f'<a href="{PAGE_ERRATA}#{pages.erratum_anchor(e.strip())}">{html.escape(e.strip())}</a>'
        for e in str(ids).split(",")
        if e.strip()
    )


def _statut(statut: str, errata: str) -> str:
    """A status badge, then the errata it cites (linked)."""
    liens = _liens_errata(errata)
    return f"{tables.status_badge(statut)} {liens}" if liens else tables.status_badge(statut)


def lien_parametre(name: str, prefix: str = "") -> str:
    """A link to a parameter on the parameters page: its short French label, the
    identifier on hover."""
    href = f"{prefix}{PAGE_PARAMETRES}#{pages.parameter_anchor(name)}"
    texte = html.escape(labels.parametre(name))
    return f'<a class="parametre" href="{href}" title="{html.escape(name)}">{texte}</a>'


#: Quantities a table prints for a hypothesis: the rate a salary chain implies stands for
#: the report's flat rate.
HYPOTHESE = {
    "taux_patronal_effectif_": "taux_charges_patronales_",
    "taux_salarial_effectif_": "taux_charges_salariales_",
}


def _source(name: str) -> str:
    table = parameters.parameters()
    for prefix, hypothese in HYPOTHESE.items():
        if name.startswith(prefix):
            name = hypothese + name[len(prefix) :]
    if name not in table:
        return ""
    return f"{lien_parametre(name)} ({html.escape(table[name].section)})"


def errata_markdown(table_id: str) -> str:
    """The report's errors found in a table, as a Markdown list."""
    e = conventions.errata()
    e = e[e["tableau"] == table_id]
    if e.empty:
        return "*Aucune erreur relevée dans ce tableau.*"
    chiffres = render.errata_affiches()
    items = []
    for r in e.itertuples(index=False):
        effet = "modifie le total" if r.modifie_total == "oui" else "sans effet sur le total"
        imprime, recalcule = chiffres[r.id]
        items.append(
            f"- **{r.id}** — {r.label} : imprimé {imprime}, recalculé {recalcule} ({effet}). "
            f"{readable.md_text(r.explication, str)}"
        )
    return "**Erreurs du rapport relevées dans ce tableau**\n\n" + "\n".join(items)


def scenario_markdown(scenario, convention: str) -> str:
    """What differs from the report, in one Markdown line."""
    conv = conventions.LIBELLES[convention]
    if not scenario.changed:
        return f"*Scénario du rapport ; convention {conv}.*"
    table = parameters.parameters()
    items = "; ".join(
        f"{labels.parametre(k)} (`{k}`) = {labels.valeur(k, v)} (rapport : {labels.valeur(k, table[k].value)})"
        for k, v in scenario.changed.items()
    )
    return f"**Variante du rapport** — paramètres modifiés : {items} ; convention {conv}."


def tableau_errata() -> pd.DataFrame:
    """Every erratum with its printed and recomputed figures, as every table shows them
    (:func:`aaas.present.render.errata_affiches`), and its effect on its mission and on the
    total (verification chapter)."""
    effets = reconcile.effets_errata().set_index("erratum")
    chiffres = render.errata_affiches()
    lignes = []
    for e in conventions.errata().itertuples(index=False):
        effet = effets.loc[e.id] if e.id in effets.index else None
        lignes.append({
            "erratum": e.id, "section": e.section, "chiffre": e.label,
            "imprimé": chiffres[e.id][0], "recalculé": chiffres[e.id][1],
            "statut": reconcile.STATUTS["reportee" if e.modifie_total == "oui" else "sans_effet"],
            "effet sur la mission": "" if effet is None else fmt.ecart(effet[f"effet_{effet['mission']}"], "€"),
            "effet sur le total": "" if effet is None else fmt.ecart(effet["effet"], "€"),
            "explication": e.explication,
        })  # fmt: skip
    return pd.DataFrame(lignes)


def tableau_chiffres(rec: dict[str, pd.DataFrame], affiches: dict[str, dict] | None = None) -> pd.DataFrame:
    """Every published figure: printed, as the report carries it (``rapport``), corrected,
    and its status (``rec``: the reconciliation of each convention; ``affiches``: the amounts
    each convention displays, :attr:`aaas.checks.evaluation.Evaluation.affiches`)."""
    affiches = affiches or {}
    corr = rec["corrige"].reset_index(drop=True)
    out = []
    for i, r in enumerate(rec["rapport"].itertuples(index=False)):
        c = corr.iloc[i]
        out.append({
            "section": r.section, "chiffre": r.label,
            "imprimé": "" if r.comparaison == "-" else fmt.imprime(r.value, r.unit, r.precision, r.comparaison),
            "rapport (recalculé)": render.chiffre_ligne(r._asdict(), affiches.get("rapport", {}))[0],
            "corrigé": render.chiffre_ligne(c, affiches.get("corrige", {}))[0],
            "statut": r.statut, "errata": r.errata,
        })  # fmt: skip
    return pd.DataFrame(out)


#: Columns shown as numbers in the verification tables.
NUMERIQUES = ("imprimé", "recalculé", "rapport (recalculé)", "corrigé", "effet sur la mission", "effet sur le total")


def status_table_html(df: pd.DataFrame, uid: str, caption: str = "", **options) -> str:
    """A frame of display strings with a ``statut`` column (badges, rows shaded by status)
    and errata ids (``errata`` or ``erratum``) linked to the errata page; ``options`` are
    those of :func:`.tables.table_html`."""
    vue = df.copy()
    links = [c for c in ("errata", "erratum") if c in vue.columns]
    for c in links:
        vue[c] = [_liens_errata(v) for v in vue[c]]
    if "explication" in vue.columns:
        vue["explication"] = [readable.html_text(v) for v in vue["explication"]]
        links.append("explication")
    kinds = {c: "number" for c in NUMERIQUES if c in vue.columns}
    if "statut" in vue.columns:
        kinds["statut"] = "status"
    kinds.update(options.pop("kinds", {}))
    classes = [tables.status_row_class(s) for s in df["statut"]] if "statut" in df.columns else None
    return tables.table_html(vue, uid, caption, kinds=kinds, raw=links, row_classes=classes, **options)


def show_status_table(df: pd.DataFrame, uid: str, caption: str = "", **options) -> None:
    """Display :func:`status_table_html` in the notebook."""
    tables.show_html(status_table_html(df, uid, caption, **options))


def show_errata() -> None:
    """The verification chapter's errata table: by section, each explanation under its row."""
    df = tableau_errata()
    df["section"] = [f"Section {s}" for s in df["section"]]
    show_status_table(df, "errata", "Les erreurs du rapport", group_by="section", kinds={"explication": "detail"})


def show_figures(rec: dict[str, pd.DataFrame], affiches: dict[str, dict] | None = None) -> None:
    """The verification chapter's table of every published figure, by section (``affiches``:
    as in :func:`tableau_chiffres`)."""
    df = tableau_chiffres(rec, affiches)
    df["section"] = [f"Section {s}" for s in df["section"]]
    show_status_table(df, "chiffres", "Tous les chiffres publiés", group_by="section")


def tableau_vocabulaire() -> str:
    """The status vocabulary (:data:`aaas.checks.reconcile.VOCABULAIRE`) as an HTML table."""
    voc = reconcile.vocabulaire()
    df = pd.DataFrame({
        "Statut": voc["statut"].to_list(),
        "Ce qu'il signifie": [readable.html_text(d) for d in voc["definition"]],
    })  # fmt: skip
    return tables.table_html(
        df, "statuts", "Vocabulaire des statuts", kinds={"Statut": "status"}, raw=("Ce qu'il signifie",)
    )


def tableau_mutualisation() -> pd.DataFrame:
    """The lines each category of carrier already funds, with the report's justification (3.2.5)."""
    mut = datastore.mutualisation().merge(datastore.porteurs()[["porteur", "libelle"]], on="porteur")
    mut = mut.merge(datastore.lignes()[["ligne", "libelle"]], on="ligne", suffixes=("_porteur", "_ligne"))
    return mut[["libelle_porteur", "libelle_ligne", "justification"]].rename(
        columns={
            "libelle_porteur": "Porteur",
            "libelle_ligne": "Ligne déjà financée",
            "justification": "Justification (rapport)",
        }
    )


def show_mutualisation() -> None:
    """The lines each carrier already funds, by carrier (3.2.5)."""
    tables.show(
        tableau_mutualisation(), "mutualisation", "Lignes déjà financées par chaque porteur (3.2.5)", group_by="Porteur"
    )
