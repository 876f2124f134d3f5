"""Pages of the book generated from ``data/``: the parameters (every hypothesis, and the
differences of a variant) and the errata.  Written by :mod:`aaas.publish.stage` into the staged
source tree at each build, and into ``book/`` by :func:`aaas.publish.build.refresh_notebooks`."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .. import datastore, fmt, labels
from ..models import conventions, parameters
from ..models.scenario import Scenario
from . import readable


def generated_pages_paths() -> tuple[str, ...]:
    """Relative paths of the pages generated from data."""
    return ("book/parametres.md", "book/errata.md")


def generated_pages(scenario: Scenario, convention: str) -> dict[str, str]:
    """The Markdown pages generated from ``data/`` (relative path -> text)."""
    parametres, errata = generated_pages_paths()
    return {parametres: render_parameters_page(scenario, convention), errata: render_errata_page()}


GENERATED_NOTE = "<!-- Page générée par aaas/publish/pages.py à partir de data/ : ne pas modifier à la main. -->\n"


def md_cell(value: Any) -> str:
    """Escape a value for a Markdown pipe-table cell (MyST)."""
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    text = " ".join(text.split())
    for char in ("\\", "|", "$", "*", "_", "`", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def md_table(headers: list[str], rows: Iterable[list[str]]) -> str:
    """A Markdown pipe table (cells must already be escaped)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def list_table(headers: list[str], rows: Iterable[list[str]], widths: Iterable[int] | None = None) -> str:
    """A MyST ``list-table`` (cells may hold several paragraphs separated by blank lines)."""
    lines = ["```{list-table}", ":header-rows: 1"]
    if widths:
        lines.append(":widths: " + " ".join(str(w) for w in widths))
    lines.append("")
    for row in [headers, *rows]:
        for i, cell in enumerate(row):
            prefix = "* - " if i == 0 else "  - "
            cell_lines = str(cell).split("\n") or [""]
            lines.append(prefix + cell_lines[0])
            lines += [("    " + line) if line else "" for line in cell_lines[1:]]
    lines.append("```")
    return "\n".join(lines) + "\n"


def mission_title(mission: str) -> str:
    """The heading of a group of parameters: a mission of ``missions.csv`` by its short name,
    or the parameters common to all.

    >>> mission_title("pair_aidance"), mission_title("transversal")
    ('Mission « Pair-aidance »', 'Paramètres transversaux')
    """
    if mission in set(datastore.missions()["mission"]):
        return f"Mission « {labels.mission_courte(mission)} »"
    return "Paramètres transversaux" if mission == "transversal" else mission.replace("_", " ").capitalize()


def render_parameters_page(scenario: Scenario, convention: str) -> str:
    """The parameters page: every hypothesis by mission, and this build's differences."""
    df = datastore.parameters()
    table = parameters.parameters()
    parts = [
        GENERATED_NOTE,
        "(parametres)=\n# Paramètres et hypothèses\n",
        "Chaque hypothèse du rapport est un paramètre nommé, avec son unité, sa source et "
        "sa plage de validité. Un scénario (fichier YAML ou option `--set`) peut en modifier "
        "la valeur ; les valeurs hors bornes sont refusées. Cette page est produite à partir "
        "du fichier `data/parameters.csv`.\n",
        _conventions_section(),
        _differences_section(scenario, convention),
    ]
    for mission, group in df.groupby("mission", sort=False):
        parts.append(f"## {mission_title(mission)}\n")
        rows = [
            [
                f"{md_cell(r.label)}\n\n{html_anchor(parameter_anchor(r.name))}`{r.name}`",
                f"**{_valeur_unite(table[r.name].value, r.name, r.unit)}**\n\n{_admises(table[r.name])}",
                f"{md_cell(r.section)} — {readable.md_text(r.source, md_cell)}",
            ]
            for r in group.itertuples(index=False)
        ]
        parts.append(
            list_table(
                ["Paramètre", "Valeur du rapport et valeurs admises", "Section et source"], rows, widths=(40, 22, 38)
            )
        )
    return "\n".join(parts)


def _valeur_unite(value, name: str, unit: str) -> str:
    """A parameter's value with its unit; a reading value by its label (identifier in code)."""
    if labels.est_lecture(name):
        return readable.md_value(name, value, md_cell)
    return md_cell(fmt.avec_unite(value, unit))


def _admises(p) -> str:
    """The accepted values: bounds, or each reading value by its label (identifier in code)."""
    if not p.choices:
        return md_cell(p.bounds())
    return " ou ".join(readable.md_value(p.name, c, md_cell) for c in p.choices)


def _conventions_section() -> str:
    """The conventions as parameter sets: what ``corrige`` and ``actualise`` change in the
    report's set, each value with its erratum or its source."""
    diff = conventions.differences("actualise")
    corrige = conventions.defaults("corrige")

    def motif(r) -> str:
        return f"{{ref}}`{r.erratum} <{errata_label(r.erratum)}>`" if r.erratum else readable.md_text(r.source, md_cell)

    rows = [
        [
            f'<a href="#{parameter_anchor(r.parametre)}"><code>{r.parametre}</code></a>',
            readable.md_value(r.parametre, r.rapport, md_cell),
            readable.md_value(r.parametre, corrige[r.parametre], md_cell),
            readable.md_value(r.parametre, r.actualise, md_cell),
            motif(r),
        ]
        for r in diff.itertuples(index=False)
    ]
    return (
        "## Trois jeux de paramètres : les conventions\n\n"
        "La convention « rapport » est le tableau ci-dessous tel quel : les valeurs et lectures du "
        "rapport, y compris les erreurs qu'il reporte dans ses totaux. La convention « corrigée » "
        "(`corrige`) est le même jeu, aux corrections près ; la convention « actualisée » (`actualise`) "
        "part du jeu corrigé et met à "
        "jour la paie (règles de l'URSSAF), le barème kilométrique et le tarif de consultation, chaque "
        "valeur avec sa source (fichier `data/conventions.csv`). Les autres montants en euros restent "
        "ceux de 2022. `aaas params --convention corrige` (ou `actualise`) liste un jeu en entier.\n\n"
        + md_table(["Paramètre", "Rapport", "Corrigé", "Actualisé", "Erratum ou source"], rows)
    )


def parameter_anchor(name: str) -> str:
    """HTML id of a parameter on the parameters page (``param-<name>``, underscores kept:
    Sphinx labels would turn them into hyphens, hence raw HTML anchors)."""
    return f"param-{name}"


def erratum_anchor(erratum_id: str) -> str:
    """HTML id of an erratum on the errata page (``E01`` -> ``e01``)."""
    return str(erratum_id).strip().lower()


def html_anchor(anchor_id: str) -> str:
    """An empty inline HTML element carrying ``anchor_id`` (a link target)."""
    return f'<span id="{html.escape(anchor_id, quote=True)}"></span>'


def _differences_section(scenario: Scenario, convention: str) -> str:
    """The 'this edition' section: report parameters, or the variant's differences."""
    conv = conventions.LIBELLES[convention]
    if not conventions.is_variant(scenario, convention):
        return (
            "## Cette édition\n\nCette édition utilise les paramètres du rapport "
            f"(empreinte `{scenario.hash()}`) et la convention de calcul « {conv} ».\n"
        )
    diff = scenario.differences()
    table = parameters.parameters()
    rows = [
        [
            f"`{d.parametre}`",
            md_cell(d.libelle),
            readable.md_value(d.parametre, d.rapport, md_cell),
            readable.md_value(d.parametre, d.scenario, md_cell),
            md_cell(d.unite),
        ]
        for d in diff.itertuples(index=False)
    ]
    table = (
        md_table(["Paramètre", "Libellé", f"Convention « {scenario.convention} »", "Cette variante", "Unité"], rows)
        if rows
        else ("Aucun paramètre ne diffère du rapport.\n")
    )
    return (
        "## Cette édition : une variante\n\n"
        f"Convention de calcul : « {conv} » ; empreinte des paramètres `{scenario.hash()}`.\n\n" + table
    )


ERRATA_COLUMNS = {
    "id": "N°",
    "section": "Section",
    "tableau": "Tableau",
    "label": "Poste ou passage",
    "valeur_imprimee": "Valeur imprimée",
    "valeur_recalculee": "Valeur recalculée",
    "valeur_reportee": "Valeur reprise dans la suite du calcul",
    "correction": "Correction (convention « corrigée »)",
    "modifie_total": "Modifie le total",
    "explication": "Explication",
}
#: Columns of the summary table, with short headers (the detail shows every column).
ERRATA_SUMMARY = {
    "id": "N°",
    "section": "Section",
    "label": "Poste ou passage",
    "valeur_imprimee": "Imprimé",
    "valeur_recalculee": "Recalculé",
    "modifie_total": "Total modifié",
}
ERRATA_NUMERIC = ("valeur_imprimee", "valeur_recalculee")
VALEUR_REPORTEE = {"aucune": "aucune", "imprimee": "imprimée", "recalculee": "recalculée"}


def render_errata_page() -> str:
    """The errata page, from ``data/errata.csv``: a summary table and one entry per erratum."""
    df = _errata_table()
    titles = _table_titles()
    parts = [
        GENERATED_NOTE,
        "(errata)=\n# Errata\n",
        "Écarts relevés entre les valeurs imprimées dans le rapport et leur recalcul à partir "
        "des hypothèses énoncées. La convention « rapport » reproduit les valeurs imprimées ; "
        "la convention « corrigée » applique les corrections. Cette page est produite à partir "
        f"du fichier `data/errata.csv` ({len(df)} entrées).\n",
        "## Récapitulatif\n",
        md_table(list(ERRATA_SUMMARY.values()), (_errata_summary_row(r, titles) for r in df.itertuples(index=False))),
        "## Détail\n",
    ]
    parts += [_errata_entry(r, titles) for r in df.itertuples(index=False)]
    parts.append(_reconciliation_section())
    parts.append(_taux_section())
    return "\n".join(parts)


def _taux_section() -> str:
    """The report's employer rates against the 2026 URSSAF rules, with what each gap means."""
    from ..checks import actualisation  # evaluates the model
    from ..models import paie

    e = actualisation.ecarts_taux()
    rows = [
        [
            md_cell(labels.libelle("poste", r.poste).capitalize()),
            fmt.pourcent(r.taux_rapport, 1),
            fmt.pourcent(r.taux_regles, 1),
            fmt.ecart(r.ecart_points, "pt", 0.1),
            md_cell(r.lecture),
        ]
        for r in e.itertuples(index=False)
    ]
    erreurs = int((e["verdict"] == "sans_reduction").sum())
    return (
        "(errata-taux)=\n## Les taux de cotisation du rapport et les règles de l'URSSAF\n\n"
        f"Le rapport applique des taux forfaitaires lus en 2022 sur le simulateur de l'URSSAF ; les règles "
        f"de ce simulateur (modele-social {paie.version()}) ne couvrent que {', '.join(map(str, paie.annees()))}. "
        "Un écart n'est donc une erreur du rapport que si le taux ne pouvait pas être juste en 2022 non plus : "
        f"{fmt.accord(erreurs, 'poste est dans ce cas', 'postes sont dans ce cas')}. "
        'Le chapitre <a href="../notebooks/cout_actuel.html">Le coût aujourd\'hui</a> chiffre ces écarts.\n\n'
        + md_table(["Poste", "Taux du rapport", "Règles", "Écart", "Lecture"], rows)
    )


def _correction(name: str, rapport: Any, corrige: Any) -> str:
    """« valeur du rapport → valeur corrigée » of one parameter, for readers (Markdown)."""
    return f"{md_cell(labels.valeur(name, rapport))} → {md_cell(labels.valeur(name, corrige))}"


def _reconciliation_section() -> str:
    """From the report's total to the corrected one, erratum by erratum."""
    from ..checks import affichage, reconcile  # the reconciliation evaluates the model
    from ..present import bilan

    effets = reconcile.effets_errata("corrige")
    missions = datastore.missions().set_index("mission")["libelle"]
    rapport = conventions.compute("rapport").scalar("total")
    corrige_total = conventions.compute("corrige").scalar("total")
    # the effects shown add up to the difference of the two totals shown (largest remainder)
    shown = affichage.repartition(effets["effet"], round(corrige_total) - round(rapport))
    rows = [["Total du rapport (convention « rapport »)", "", "", "", "", fmt.euros(rapport)]]
    for r, effet in zip(effets.itertuples(index=False), shown, strict=True):
        if r.erratum == "interaction":
            rows.append(["Interaction des corrections", "", "", "", "", fmt.ecart(effet, "€") or "0 €"])
            continue
        rows.append(
            [
                f"{{ref}}`{r.erratum} <{errata_label(r.erratum)}>`",
                f"{md_cell(labels.parametre(r.parametre))} (`{r.parametre}`)",
                _correction(r.parametre, r.rapport, r.corrige),
                md_cell(missions[r.mission]),
                fmt.ecart(getattr(r, f"effet_{r.mission}"), "€"),
                fmt.ecart(effet, "€"),
            ]
        )
    corrige = fmt.euros(corrige_total)
    rows.append(["**Total corrigé (convention « corrigée »)**", "", "", "", "", f"**{corrige}**"])
    b = reconcile.bilan()
    return (
        "(errata-reconciliation)=\n## Du total du rapport au total corrigé\n\n"
        "Chaque erreur que le rapport reporte dans ses totaux est une valeur ou une lecture du jeu "
        "de paramètres « rapport » ; la convention « corrigée » la remplace (fichier "
        "`data/conventions.csv`). L'effet de chaque correction est mesuré seule, sur le jeu du "
        "rapport ; les corrections touchent des lignes distinctes, leur interaction est nulle. "
        f"Dans cette édition, {bilan.texte(b)} ; "
        f"{fmt.accord(len(b.errata_total), 'erratum', 'errata')} modifient le total.\n\n"
        + md_table(
            ["Erratum", "Paramètre", "Rapport → corrigé", "Mission", "Effet sur la mission", "Effet sur le total"], rows
        )
    )


def _errata_table() -> pd.DataFrame:
    """``data/errata.csv`` with, for each erratum the ``corrige`` convention corrects, its correction."""
    from ..present import render  # evaluates the model

    df = datastore.errata()
    chiffres = render.errata_affiches()  # in their units, as every table shows them
    for k, column in enumerate(ERRATA_NUMERIC):
        df[column] = [chiffres[i][k] for i in df["id"]]
    diff = conventions.differences("corrige").set_index("erratum")
    df["correction"] = [
        f"{md_cell(labels.parametre(diff.loc[i, 'parametre']))} (`{diff.loc[i, 'parametre']}`) : "
        + _correction(diff.loc[i, "parametre"], diff.loc[i, "rapport"], diff.loc[i, "corrige"])
        if i in diff.index
        else ""
        for i in df["id"]
    ]
    return df


def _table_titles() -> dict[str, str]:
    """Titles of the report's tables by identifier (``data/tableaux.csv``)."""
    df = datastore.tableaux()
    return dict(zip(df["tableau"], df["titre"], strict=True))


def _errata_cell(column: str, value: Any, titles: Mapping[str, str]) -> str:
    if column in ERRATA_NUMERIC:
        return md_cell(value)
    if column == "modifie_total":
        return _yes_no(value)
    if column == "tableau":
        return md_cell(titles.get(value, value))
    if column == "valeur_reportee":
        return md_cell(VALEUR_REPORTEE.get(str(value).strip(), value))
    if column == "correction":
        return str(value)  # built from parameter names and values (no user text)
    return md_cell(value)


def _yes_no(value: Any) -> str:
    text = str(value).strip().lower()
    if text in {"1", "1.0", "true", "oui", "vrai", "yes"}:
        return "oui"
    if text in {"0", "0.0", "false", "non", "faux", "no", ""}:
        return "non"
    return md_cell(value)


def errata_label(erratum_id: str) -> str:
    """Cross-reference label of an erratum: ``E01`` -> ``errata-e01`` ({ref} target)."""
    return "errata-" + "".join(ch if ch.isalnum() else "-" for ch in str(erratum_id).lower())


def _errata_summary_row(row, titles: Mapping[str, str]) -> list[str]:
    cells = [_errata_cell(c, getattr(row, c), titles) for c in ERRATA_SUMMARY]
    cells[0] = f"{{ref}}`{md_cell(row.id)} <{errata_label(row.id)}>`"
    return cells


def _errata_entry(row, titles: Mapping[str, str]) -> str:
    """One erratum: a labelled heading (``errata-e01``), its fields, its explanation.

    The raw HTML anchor ``e01`` (what ``aaas.publish.notebook`` links to) opens the field list.
    """
    fields = [
        f"**{header}** : {_errata_cell(column, getattr(row, column), titles)}"
        for column, header in ERRATA_COLUMNS.items()
        if column not in ("id", "label", "explication") and str(getattr(row, column)).strip()
    ]
    anchor = html_anchor(erratum_anchor(row.id))
    lines = [f"({errata_label(row.id)})=", f"### {md_cell(row.id)} — {md_cell(row.label)}", ""]
    lines += [f"- {anchor if i == 0 else ''}{text}" for i, text in enumerate(fields)] or [anchor]
    lines += ["", readable.md_text(row.explication, md_cell), ""]
    return "\n".join(lines)
