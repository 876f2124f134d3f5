"""Tables and the waterfall chart of the « Le coût aujourd'hui » chapter, over
:mod:`aaas.checks.actualisation` (the three conventions side by side, the steps from the
report's total to today's, the employer rates of the posts) and what stays at the report's
2022 values.

Each ``vue_*`` function turns a frame of the checks layer into display strings with French
headers (:mod:`aaas.fmt`); :func:`show_table` shows it with the book's table renderer
(:mod:`.tables`, the column kinds of :data:`KINDS`) as deterministic HTML (for nbval);
:func:`cascade` draws the waterfall in the book's chart style (k€ axis, wrapped labels,
legend below).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ... import datastore, fmt, labels
from ...checks import affichage
from ...models import parameters
from .. import pages, readable
from . import charts, html_tables, tables

#: How this chapter's tables show their columns (:func:`.tables.table_html` options): links
#: as HTML, long sources and readings on a line under their row, parameters by step.
KINDS = {
    "act-parametres": {"raw": ("Paramètre", "Erratum", "Source"), "kinds": {"Source": "detail"}, "group_by": "Étape"},
    "act-taux": {"kinds": {"Lecture": "detail"}},
    "act-gardees": {"raw": ("Paramètre",)},
    "act-options": {"raw": ("Source",), "kinds": {"Source": "detail"}},
}  # fmt: skip
#: The conventions of the table of lines, with their column headers.
CONVENTIONS = {"rapport": "Rapport (recalculé)", "corrige": "Corrigé", "actualise": "Actualisé"}
#: Colours of the waterfall: a step that lowers the cost, one that raises it, the totals.
BAISSE, HAUSSE, TOTAL = charts.COULEURS[0], charts.COULEURS[1], "#8c8c8c"
#: Label of the last bar of the waterfall.
FIN = "Total actualisé"


def libelle_poste(poste: str) -> str:
    """The French name of a salaried post (:func:`aaas.labels.libelle`), capitalised.

    >>> libelle_poste("secretariat"), libelle_poste("plaidoyer")
    ('Secrétariat', 'Chargé de plaidoyer')
    """
    text = labels.libelle("poste", poste)
    return text[:1].upper() + text[1:]


def ecart_euros(x: float) -> str:
    """A signed gap in euros, « 0 € » when nil (a table cell is never empty).

    >>> ecart_euros(-2345.06), ecart_euros(0.2)
    ('\u22122\u202f345\\xa0€', '0\\xa0€')
    """
    return fmt.ecart(x, "€") or "0\xa0€"


def vue_lignes(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """:func:`aaas.checks.actualisation.par_ligne` for reading: each mission's lines, then
    the mission (class ``sous-total``), then the total; with the row classes.  The amounts
    are those every page displays (:func:`aaas.checks.affichage.montants_affiches`: lines add
    up to their mission, missions to the total), the gaps their differences."""
    ordre = []
    for mission in df.loc[df["niveau"] == "mission", "mission"]:
        ordre += list(df.index[(df["mission"] == mission) & (df["niveau"] == "ligne")])
        ordre += list(df.index[(df["mission"] == mission) & (df["niveau"] == "mission")])
    ordre += list(df.index[df["niveau"] == "total"])
    d = df.loc[ordre]
    shown = montants_lignes(df)
    montants = {c: [shown[c].get(k, x) for k, x in zip(d["cle"], d[c], strict=True)] for c in CONVENTIONS}
    vue = pd.DataFrame(
        {
            "Ligne, mission ou total": [
                label if n == "ligne" else f"Mission : {label}" if n == "mission" else label
                for label, n in zip(d["libelle"], d["niveau"], strict=True)
            ],
            **{nom: [fmt.euros(x) for x in montants[c]] for c, nom in CONVENTIONS.items()},
            "Écart (actualisé − rapport)": [
                ecart_euros(a - r) for a, r in zip(montants["actualise"], montants["rapport"], strict=True)
            ],
            "Écart relatif": [fmt.variation(x) or "–" for x in d["ecart_relatif"]],
        }
    )
    return vue, ["" if n == "ligne" else "sous-total" for n in d["niveau"]]


def montants_lignes(df: pd.DataFrame) -> dict[str, dict[str, float]]:
    """The amounts displayed for each line, mission and the total of
    :func:`aaas.checks.actualisation.par_ligne` under each convention (they add up,
    :func:`aaas.checks.affichage.montants_affiches`), by convention and key."""
    return {c: affichage.montants_affiches(dict(zip(df["cle"], df[c], strict=True))) for c in CONVENTIONS}


def ecart_montants(montants: dict[str, dict[str, float]], cle: str, a: str = "actualise", b: str = "rapport") -> str:
    """The gap of ``cle`` between conventions ``a`` and ``b``, as the difference of the
    amounts displayed (:func:`montants_lignes`): the prose agrees with the tables."""
    return ecart_euros(montants[a][cle] - montants[b][cle])


def montants_etapes(df: pd.DataFrame) -> pd.DataFrame:
    """The total and each mission after each step of
    :func:`aaas.checks.actualisation.etapes` as displayed (missions adding up to the total,
    :func:`aaas.checks.affichage.montants_affiches`): the first row is the report's
    recomputed amounts, the last today's, as every page shows them."""
    noms = ["total", *(f"mission_{m}" for m in labels.missions_courtes())]
    rows = [affichage.montants_affiches(dict(zip(noms, r, strict=True))) for r in df[noms].to_numpy(float)]
    return pd.DataFrame(rows)[noms]


def vue_etapes(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """:func:`aaas.checks.actualisation.etapes` for reading: each step's effect on the total
    and on each mission and the total after it, closed by the sum of the steps; with the row
    classes (the parameters each step sets: :func:`vue_parametres`).  Each effect is the
    difference of two displayed amounts (:func:`montants_etapes`), so that the steps add up
    to the displayed totals."""
    montants = montants_etapes(df)
    effets = montants.diff().iloc[1:]
    cols = {"total": "Effet sur le total", **{f"mission_{m}": nom for m, nom in labels.missions_courtes().items()}}
    vue = pd.DataFrame(
        {
            "Étape": [*df["etape"], "Ensemble des étapes"],
            **{
                nom: ["", *(ecart_euros(x) for x in effets[k]), ecart_euros(effets[k].sum())] for k, nom in cols.items()
            },
            "Total après l’étape": [fmt.euros(x) for x in (*montants["total"], montants["total"].iloc[-1])],
        }
    )
    return vue, ["sous-total", *[""] * (len(df) - 1), "sous-total"]


def vue_parametres(diff: pd.DataFrame, exclus=()) -> pd.DataFrame:
    """The parameters each step sets (:func:`aaas.models.conventions.differences` of
    ``actualise``), but those in ``exclus`` (set by the user, kept through every step): the
    report's value, the updated one, and the erratum (linked) or, on a line under it, the
    source behind it."""
    diff = diff[~diff["parametre"].isin(set(exclus))]
    return pd.DataFrame(
        {
            "Étape": diff["etape"].to_list(),
            "Paramètre": [html_tables.lien_parametre(n) for n in diff["parametre"]],
            "Rapport": [labels.valeur(n, v) for n, v in zip(diff["parametre"], diff["rapport"], strict=True)],
            "Actualisé": [labels.valeur(n, v) for n, v in zip(diff["parametre"], diff["actualise"], strict=True)],
            "Unité": [parameters.lookup(n).unit for n in diff["parametre"]],
            "Erratum": [_lien_erratum(e) if e else "" for e in diff["erratum"]],
            "Source": [
                "" if e else readable.html_text(s) for e, s in zip(diff["erratum"], diff["source"], strict=True)
            ],
        }
    )


def _lien_erratum(erratum: str) -> str:
    return f'<a href="{html_tables.PAGE_ERRATA}#{pages.erratum_anchor(erratum)}">{html.escape(erratum)}</a>'


def vue_postes(postes: pd.DataFrame, ecarts: pd.DataFrame) -> pd.DataFrame:
    """Each salaried post (:func:`aaas.checks.actualisation.postes` and
    :func:`~aaas.checks.actualisation.ecarts_taux`): the report's employer rate, the rules',
    the gap in points and in employer cost a year for a full-time post, and what it means."""
    e = ecarts.set_index("poste")
    return pd.DataFrame(
        {
            "Poste": [libelle_poste(p) for p in postes["poste"]],
            "Salaire du rapport": [
                f"{fmt.euros(s)} {b}" for s, b in zip(postes["salaire_rapport"], postes["base"], strict=True)
            ],
            "Taux du rapport": [fmt.pourcent(x, 1) for x in postes["taux_patronal_rapport"]],
            "Taux des règles": [fmt.pourcent(x, 1) for x in postes["taux_patronal_actualise"]],
            "Écart (points)": [fmt.ecart(x / 100, "%", 0.001) or "0\xa0pt" for x in postes["ecart_points"]],
            "Écart par an et par ETP": [ecart_euros(x) for x in postes["ecart_annuel"]],
            "Lecture": [e.loc[p, "lecture"] for p in postes["poste"]],
        }
    )


def verdicts(ecarts: pd.DataFrame) -> dict[str, str]:
    """Glue texts of the rate gaps: how many posts (and which) carry an error of the report
    (verdict ``sans_reduction``), how many a gap from the rules of today (the others).

    >>> from aaas.checks import actualisation
    >>> verdicts(actualisation.ecarts_taux())["act_nb_erreurs"]
    '1\\xa0poste'
    """
    erreur = ecarts["verdict"] == "sans_reduction"
    out = {}
    for cle, sel in (("erreurs", erreur), ("regles", ~erreur)):
        noms = [libelle_poste(p).lower() for p in ecarts.loc[sel, "poste"]]
        out[f"act_nb_{cle}"] = fmt.accord(len(noms), "poste")
        out[f"act_postes_{cle}"] = ", ".join(noms) or "aucun"
    return out


def etape_majeure(df: pd.DataFrame) -> pd.Series:
    """The step of :func:`~aaas.checks.actualisation.etapes` that moves the total most, with
    ``mission``: the mission it moves most."""
    row = df.iloc[1:].loc[df["effet"].iloc[1:].abs().idxmax()].copy()
    row["mission"] = max(labels.missions_courtes(), key=lambda m: abs(row[f"effet_{m}"]))
    return row


def vue_gardees(df: pd.DataFrame, exclus=()) -> pd.DataFrame:
    """The euro hypotheses kept at their 2022 value
    (:func:`aaas.models.conventions.gardees_2022`), but those in ``exclus`` (set by the
    user): label, value, unit, section, parameter (linked)."""
    df = df[~df["name"].isin(set(exclus))]
    return pd.DataFrame(
        {
            "Hypothèse": df["label"].to_list(),
            "Valeur": [fmt.brut(float(v)) for v in df["value"]],
            "Unité": df["unit"].to_list(),
            "Section": df["section"].to_list(),
            "Paramètre": [html_tables.lien_parametre(n) for n in df["name"]],
        }
    )


def vue_options() -> pd.DataFrame:
    """The employer options given to the URSSAF rules (``data/paie_options.csv``)."""
    df = datastore.paie_options()
    return pd.DataFrame(
        {
            "Poste": ["tous les postes" if p == "*" else libelle_poste(p) for p in df["poste"]],
            "Option": df["libelle"].to_list(),
            "Règle de modele-social": [
                f"{r} = {str(v).strip(chr(39))}" for r, v in zip(df["regle"], df["valeur"], strict=True)
            ],
            "Source": [readable.html_text(s) for s in df["source"]],
        }
    )


def cascade(df: pd.DataFrame):
    """The waterfall from the report's recomputed total to today's: the first and last bars
    are totals (grey), each step a floating bar from the total before it (blue when it lowers
    the cost, orange when it raises it), labelled with its effect.  The € axis does not start
    at zero (the steps are small beside the total)."""
    totaux = montants_etapes(df)["total"].to_numpy(float)  # the steps' labels add up to the totals shown
    labels = [charts.enveloppe(e.replace(" €", "\xa0€")) for e in (*df["etape"], FIN)]
    fig, ax = charts._figure(labels)
    bas, haut = totaux.min(), totaux.max()
    marge = max(haut - bas, 1000.0)
    gauche = bas - 0.5 * marge
    ax.set_xlim(gauche, haut + 0.45 * marge)
    fins = (0, len(labels) - 1)
    for i, total in zip(fins, (totaux[0], totaux[-1]), strict=True):
        ax.barh(i, total - gauche, left=gauche, height=0.6, color=TOTAL, label="total" if i == 0 else None)
        ax.text(total, i, " " + fmt.euros(total), va="center", fontsize=charts.TAILLE_MIN)
    vus: set[str] = set()
    for i in range(1, len(totaux)):
        effet, sens = totaux[i] - totaux[i - 1], "hausse" if totaux[i] > totaux[i - 1] else "baisse"
        label = None if sens in vus else f"{sens} du coût"
        vus.add(sens)
        ax.barh(i, effet, left=totaux[i - 1], height=0.6, color=HAUSSE if sens == "hausse" else BAISSE, label=label)
        ax.text(max(totaux[i], totaux[i - 1]), i, " " + ecart_euros(effet), va="center", fontsize=charts.TAILLE_MIN)
    for i, total in enumerate(totaux):
        ax.plot([total, total], [i + 0.3, i + 0.7], color="black", lw=0.6, ls=":")
    ax.set_yticks(np.arange(len(labels)), labels)
    charts._axe_euros(ax, "Surcoût annuel des quatre missions (l’axe ne part pas de zéro)")
    return charts._finish(fig, ax, "Du total du rapport au coût d’aujourd’hui, étape par étape")


def show_table(df: pd.DataFrame, uid: str, caption: str, row_classes=None) -> None:
    """Display one of this chapter's tables (:func:`table_html`)."""
    tables.show_html(table_html(df, uid, caption, row_classes))


def table_html(df: pd.DataFrame, uid: str, caption: str, row_classes=None) -> str:
    """One of this chapter's tables, its columns shown as :data:`KINDS` says."""
    return tables.table_html(df, uid, caption, row_classes=row_classes, **KINDS.get(uid, {}))
