"""HTML and Markdown shown by the book's notebooks: report tables with their links, errata
lists, the scenario note, and the verification chapter's tables.

Markup is deterministic (no memory address, no random id), so that nbval compares it.
"""

from __future__ import annotations

import html

import pandas as pd

from ... import datastore, fmt
from ...models import conventions, parameters
from ...present import render
from .. import pages

#: Pages of the book the tables link to (from a chapter in ``notebooks/``).
PAGE_PARAMETRES = "../book/parametres.html"
PAGE_ERRATA = "../book/errata.html"
#: CSS class of a row by status (any other status is a gap: ``ecart``).
CLASSES = {"conforme": "ok", "non chiffré": "na", "scénario": "scenario"}
ENTETE = (
    "<thead><tr><th>Libellé</th><th>Rapport</th><th>Recalculé</th><th>Écart</th>"
    "<th>Statut</th><th>Hypothèse, source</th></tr></thead><tbody>"
)


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


def tableau_html(df: pd.DataFrame, info: dict) -> str:
    """A report table (:func:`aaas.checks.tables.shape`) as HTML: printed, recomputed, gap,
    status with links to the errata, and the hypothesis behind each row."""
    shown = render.formatted(df)
    lines = [
        f'<table class="aaas-tableau" id="tableau-{info["tableau"]}">',
        f"<caption>{html.escape(info['section'])} — {html.escape(info['titre'])}</caption>",
        ENTETE,
    ]
    for (label, row), (_, cells) in zip(df.iterrows(), shown.iterrows(), strict=True):
        origin = " <em>(texte)</em>" if row["origine"] == "texte" else ""
        lines.append(
            f'<tr class="{CLASSES.get(row["statut"], "ecart")}"><td>{html.escape(str(label))}{origin}</td>'
            f"<td>{html.escape(cells['Rapport'])}</td><td>{html.escape(cells['Recalculé'])}</td>"
            f"<td>{html.escape(cells['Écart'])}</td>"
            f"<td>{html.escape(row['statut'])} {_liens_errata(row['errata'])}</td>"
            f"<td>{_source(row['variable'])}</td></tr>"
        )
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _liens_errata(ids: str) -> str:
    return ", ".join(
        f'<a href="{PAGE_ERRATA}#{pages.erratum_anchor(e.strip())}">{html.escape(e.strip())}</a>'
        for e in str(ids).split(",")
        if e.strip()
    )


def _source(name: str) -> str:
    table = parameters.parameters()
    if name not in table:
        return ""
    anchor = pages.parameter_anchor(name)
    return f'<a href="{PAGE_PARAMETRES}#{anchor}"><code>{name}</code></a> ({html.escape(table[name].section)})'


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
    """Every erratum with its printed and recomputed figures (verification chapter)."""
    pub = datastore.published().set_index(["tableau", "label"])
    lignes = []
    for e in conventions.errata().itertuples(index=False):
        unite = pub.loc[(e.tableau, e.label), "unit"]
        lignes.append({
            "erratum": e.id, "section": e.section, "chiffre": e.label,
            "imprimé": fmt.valeur_auto(e.valeur_imprimee, unite),
            "recalculé": fmt.valeur_auto(e.valeur_recalculee, unite),
            "valeur reprise": pages.VALEUR_REPORTEE[e.valeur_reportee],
            "modifie le total": e.modifie_total, "explication": e.explication,
        })  # fmt: skip
    return pd.DataFrame(lignes)


def tableau_chiffres(rec: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every published figure, printed and recomputed under both conventions (``rec``:
    the reconciliation of each convention)."""
    corr = rec["corrige"].reset_index(drop=True)
    out = []
    for i, r in enumerate(rec["rapport"].itertuples(index=False)):
        c = corr.iloc[i]
        out.append({
            "section": r.section, "chiffre": r.label,
            "imprimé": "" if r.comparaison == "-" else fmt.valeur(r.value, r.unit, r.precision),
            "rapport": fmt.valeur(r.recalcule, r.unit, r.precision),
            "statut (rapport)": f"{r.statut} {r.errata}".strip(),
            "corrigé": fmt.valeur(c["recalcule"], r.unit, r.precision),
            "statut (corrigé)": f"{c['statut']} {c['errata']}".strip(),
        })  # fmt: skip
    return pd.DataFrame(out)


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
