"""HTML and Markdown shown by the book's notebooks: report tables with their links, errata
lists, the scenario note, and the verification chapter's tables.

Markup is deterministic (no memory address, no random id), so that nbval compares it.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from ... import datastore, fmt
from ...checks import reconcile
from ...models import conventions, parameters
from ...present import render
from .. import pages

#: Pages of the book the tables link to (from a chapter in ``notebooks/``).
PAGE_PARAMETRES = "../book/parametres.html"
PAGE_ERRATA = "../book/errata.html"
#: CSS class of a row by status key: the shading follows the weight on the totals (an
#: error carried into the totals or unexplained is shaded, an error without effect lightly).
CLASSES = {
    "conforme": "ok",
    "reconstitue": "ok",
    "non_verifiable": "na",
    "non_chiffre": "na",
    "scenario": "scenario",
    "actualise": "scenario",
    "sans_effet": "sans-effet",
    "reportee": "ecart",
    "inexplique": "ecart",
}
#: The third figure of a chapter table: the corrected one, or this book's convention's.
COLONNE = {"corrige": "Corrigé", "actualise": "Actualisé"}


#: The figure whose gap to the report's scenario a variant's table shows, by convention.
DU_SCENARIO = {"rapport": "rapport recalculé", "corrige": "corrigé", "actualise": "actualisé"}


def entete(troisieme: str = "corrige", scenario: str | None = None) -> str:
    """The header of a chapter table whose third figure is under ``troisieme``; in a
    variant (``scenario``: the book's convention), the gap is the scenario's effect on that
    convention's figure, as ``aaas tables --baseline defaut`` measures it."""
    nom = COLONNE[troisieme]
    ecart = f"{nom.lower()} − imprimé" if scenario is None else f"{DU_SCENARIO[scenario]} − paramètres du rapport"
    return (
        f"<thead><tr><th>Libellé</th><th>Imprimé</th><th>Rapport (recalculé)</th><th>{nom}</th>"
        f"<th>Écart ({ecart})</th><th>Statut</th><th>Hypothèse</th></tr></thead><tbody>"
    )


#: Visible length of a parameter link (the full name shows on hover).
COURT = 24


def defilement(table: str) -> str:
    """A table in its horizontally scrolling frame (the book's one table style)."""
    return f'<div class="aaas-defilement">\n{table}\n</div>'


def statut_html(statut: str) -> str:
    """A status label in its span (``statut statut-<key>``)."""
    cle = reconcile.CLES.get(statut, "inexplique").replace("_", "-")
    return f'<span class="statut statut-{cle}">{html.escape(statut)}</span>'


def affiche_html(text: str) -> None:
    """Display HTML in the notebook."""
    from IPython.display import HTML, display

    display(HTML(text))


def affiche_markdown(text: str) -> None:
    """Display Markdown in the notebook."""
    from IPython.display import Markdown, display

    display(Markdown(text))


def montre_df(df: pd.DataFrame, uid: str) -> None:
    """Display a DataFrame of display strings as HTML with stable markup (a Styler's own
    representation would store a memory address in the notebook)."""
    affiche_html(df.style.hide(axis="index").set_uuid(uid).to_html())


def tableau_html(
    par_convention: dict[str, pd.DataFrame], info: dict, convention: str = "rapport", defaut: pd.DataFrame | None = None
) -> str:
    """A report table (:func:`aaas.checks.tables.shape` under each convention) as HTML: the
    printed figure, the figure as the report carries it (convention ``rapport``), the
    corrected figure (the updated one in a book under ``actualise``), its gap, the status
    (of ``convention``) with links to the errata, and the hypothesis behind each row.  In a
    variant, ``defaut`` is ``convention``'s table shaped with the baseline ``defaut``: the
    gap shown is then the scenario's effect (its « Écart »)."""
    df = par_convention[convention]
    troisieme = convention if convention in COLONNE else "corrige"
    rap, cor = (render.formatted(par_convention[c]) for c in ("rapport", troisieme))
    ecarts = cor["Écart"] if defaut is None else render.formatted(defaut)["Écart"]
    lines = [
        f'<table class="aaas-tableau" id="tableau-{info["tableau"]}">',
        f"<caption>{html.escape(info['section'])} — {html.escape(info['titre'])}</caption>",
        entete(troisieme, None if defaut is None else convention),
    ]
    for i, (label, row) in enumerate(df.iterrows()):
        origin = " <em>(texte)</em>" if row["origine"] == "texte" else ""
        nums = (rap.iloc[i]["Rapport"], rap.iloc[i]["Recalculé"], cor.iloc[i]["Recalculé"], ecarts.iloc[i])
        cells = "".join(f'<td class="nombre">{html.escape(x)}</td>' for x in nums)
        cle = reconcile.CLES.get(row["statut"], "inexplique")
        lines.append(
            f'<tr class="{CLASSES[cle]}"><td>{html.escape(str(label))}{origin}</td>{cells}'
            f"<td>{statut_html(row['statut'])} {_liens_errata(row['errata'])}</td>"
            f"<td>{_source(row['variable'])}</td></tr>"
        )
    lines.append("</tbody></table>")
    return defilement("\n".join(lines))


def _liens_errata(ids: str) -> str:
    return ", ".join(
        f'<a href="{PAGE_ERRATA}#{pages.erratum_anchor(e.strip())}">{html.escape(e.strip())}</a>'
        for e in str(ids).split(",")
        if e.strip()
    )


def lien_parametre(name: str, prefix: str = "") -> str:
    """A link to a parameter on the parameters page: short text, full name on hover."""
    court = name if len(name) <= COURT else name[: COURT - 1] + "…"
    href = f"{prefix}{PAGE_PARAMETRES}#{pages.parameter_anchor(name)}"
    return f'<a class="parametre" href="{href}" title="{html.escape(name)}">{html.escape(court)}</a>'


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
    pub = datastore.published().set_index(["tableau", "label"])
    items = []
    for r in e.itertuples(index=False):
        unit = pub.loc[(r.tableau, r.label), "unit"]
        effet = "modifie le total" if r.modifie_total == "oui" else "sans effet sur le total"
        items.append(
            f"- **{r.id}** — {r.label} : imprimé {fmt.valeur_auto(r.valeur_imprimee, unit)}, "
            f"recalculé {fmt.valeur_auto(r.valeur_recalculee, unit)} ({effet}). {r.explication}"
        )
    return "**Erreurs du rapport relevées dans ce tableau**\n\n" + "\n".join(items)


def scenario_markdown(scenario, convention: str) -> str:
    """What differs from the report, in one Markdown line."""
    conv = conventions.LIBELLES[convention]
    if not scenario.changed:
        return f"*Scénario du rapport ; convention {conv}.*"
    table = parameters.parameters()
    items = "; ".join(
        f"`{k}` = {fmt.brut(v)} (rapport : {fmt.brut(table[k].value)})" for k, v in scenario.changed.items()
    )
    return f"**Variante du rapport** — paramètres modifiés : {items} ; convention {conv}."


def tableau_errata() -> pd.DataFrame:
    """Every erratum with its printed and recomputed figures, in their units, and its effect
    on its mission and on the total (verification chapter)."""
    pub = datastore.published().set_index(["tableau", "label"])
    effets = reconcile.effets_errata().set_index("erratum")
    lignes = []
    for e in conventions.errata().itertuples(index=False):
        unite, precision = pub.loc[(e.tableau, e.label), ["unit", "precision"]]
        effet = effets.loc[e.id] if e.id in effets.index else None
        lignes.append({
            "erratum": e.id, "section": e.section, "chiffre": e.label,
            "imprimé": _montre(e.valeur_imprimee, unite, precision),
            "recalculé": _montre(e.valeur_recalculee, unite, precision),
            "statut": reconcile.STATUTS["reportee" if e.modifie_total == "oui" else "sans_effet"],
            "effet sur la mission": "" if effet is None else fmt.ecart(effet[f"effet_{effet['mission']}"], "€"),
            "effet sur le total": "" if effet is None else fmt.ecart(effet["effet"], "€"),
            "explication": e.explication,
        })  # fmt: skip
    return pd.DataFrame(lignes)


def _montre(x: float, unite: str, precision: float) -> str:
    """An erratum's figure: amounts at the report's precision, others with the decimals they need."""
    return fmt.valeur(x, unite, precision) if unite.startswith("€") else fmt.valeur_auto(x, unite)


def tableau_chiffres(rec: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every published figure: printed, as the report carries it (``rapport``), corrected,
    and its status (``rec``: the reconciliation of each convention)."""
    corr = rec["corrige"].reset_index(drop=True)
    out = []
    for i, r in enumerate(rec["rapport"].itertuples(index=False)):
        c = corr.iloc[i]
        out.append({
            "section": r.section, "chiffre": r.label,
            "imprimé": "" if r.comparaison == "-" else fmt.valeur(r.value, r.unit, r.precision),
            "rapport (recalculé)": fmt.valeur(r.recalcule, r.unit, r.precision),
            "corrigé": fmt.valeur(c["recalcule"], r.unit, r.precision),
            "statut": r.statut, "errata": r.errata,
        })  # fmt: skip
    return pd.DataFrame(out)


#: Columns shown as numbers, and columns holding a status or errata ids, in the verification tables.
NUMERIQUES = {"imprimé", "recalculé", "rapport (recalculé)", "corrigé", "effet sur la mission", "effet sur le total"}


def html_frame(df: pd.DataFrame, uid: str, caption: str = "") -> str:
    """A frame of display strings in the book's table style: numbers right-aligned, statuses
    in their spans, errata linked, rows shaded by status."""
    lines = [f'<table class="aaas-tableau" id="{html.escape(uid)}">']
    if caption:
        lines.append(f"<caption>{html.escape(caption)}</caption>")
    lines.append(
        "<thead><tr>" + "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns) + "</tr></thead><tbody>"
    )
    for row in df.itertuples(index=False):
        d = dict(zip(df.columns, row, strict=True))
        cle = reconcile.CLES.get(d.get("statut", ""), "conforme")
        lines.append(f'<tr class="{CLASSES[cle]}">' + "".join(_cellule(k, v) for k, v in d.items()) + "</tr>")
    lines.append("</tbody></table>")
    return defilement("\n".join(lines))


def _cellule(column: str, value) -> str:
    if column in NUMERIQUES:
        return f'<td class="nombre">{html.escape(str(value))}</td>'
    if column == "statut":
        return f"<td>{statut_html(str(value))}</td>"
    if column in {"errata", "erratum"}:
        return f"<td>{_liens_errata(value)}</td>"
    return f"<td>{html.escape(str(value))}</td>"


def montre_frame(df: pd.DataFrame, uid: str, caption: str = "") -> None:
    """Display a frame of display strings in the book's table style (:func:`html_frame`)."""
    affiche_html(html_frame(df, uid, caption))


def tableau_vocabulaire() -> str:
    """The status vocabulary (:data:`aaas.checks.reconcile.VOCABULAIRE`) as an HTML table."""
    voc = reconcile.vocabulaire()
    rows = "\n".join(
        f"<tr><td>{statut_html(r.statut)}</td><td>{html.escape(r.definition)}</td></tr>" for r in voc.itertuples()
    )
    return defilement(
        '<table class="aaas-tableau" id="statuts"><thead><tr><th>Statut</th><th>Ce qu\'il signifie</th></tr></thead>'
        f"<tbody>\n{rows}\n</tbody></table>"
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


#: A cell shown as a number (right-aligned): a French amount, share, gap or count.
NOMBRE = re.compile(r"[+\u2212-]?[\d\u202f,]+(\xa0(€|%|pt|€/mois))?")


def _nombre(column: pd.Series) -> bool:
    values = [str(v) for v in column if str(v)]
    return bool(values) and all(NOMBRE.fullmatch(v) for v in values)


def _classe(column: pd.Series, longue: bool) -> str:
    """The class of a column's cells: ``nombre`` (right-aligned), else ``texte`` (wrapped,
    left-aligned), ``texte longue`` for long prose (a wider column)."""
    if _nombre(column):
        return ' class="nombre"'
    return ' class="texte longue"' if longue else ' class="texte"'


def vue_html(
    df: pd.DataFrame, uid: str, caption: str = "", classes=None, brut: tuple[str, ...] = (), longues=()
) -> str:
    """A frame of display strings as a book table: numeric columns right-aligned, text
    columns wrapped (those in ``longues`` wider), a CSS class per row (``classes``), the
    columns in ``brut`` already HTML (links), the others escaped."""
    lines = [f'<table class="aaas-tableau" id="{html.escape(uid)}">']
    if caption:
        lines.append(f"<caption>{html.escape(caption)}</caption>")
    cls = {c: _classe(df[c], c in longues) for c in df.columns}
    heads = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    lines.append(f"<thead><tr>{heads}</tr></thead><tbody>")
    for i, row in enumerate(df.itertuples(index=False)):
        cells = "".join(
            f"<td{cls[c]}>{v if c in brut else html.escape(str(v))}</td>" for c, v in zip(df.columns, row, strict=True)
        )
        tr = f' class="{classes[i]}"' if classes is not None and classes[i] else ""
        lines.append(f"<tr{tr}>{cells}</tr>")
    lines.append("</tbody></table>")
    return defilement("\n".join(lines))


def montre_vue(df: pd.DataFrame, uid: str, caption: str = "", **options) -> None:
    """Display :func:`vue_html` in the notebook (``options``: its ``classes``, ``brut``,
    ``longues``)."""
    affiche_html(vue_html(df, uid, caption, **options))
