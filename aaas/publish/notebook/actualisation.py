"""Tables and the waterfall chart of the « Le coût aujourd'hui » chapter, over
:mod:`aaas.checks.actualisation` (the three conventions side by side, the steps from the
report's total to today's, the employer rates of the posts) and what stays at the report's
2022 values.

Each ``vue_*`` function turns a frame of the checks layer into display strings with French
headers (:mod:`aaas.fmt`); :func:`montre` (the book's table of display strings,
:func:`.html_tables.montre_vue`) shows it as deterministic HTML (for nbval), numbers
right-aligned; :func:`cascade` draws the waterfall in the book's chart style (k€ axis,
wrapped labels, legend below).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ... import datastore, fmt, labels
from ...models import parameters
from .. import pages, readable
from . import charts, html_tables

#: The book's table of display strings, as this chapter calls it.
html_table, montre = html_tables.vue_html, html_tables.montre_vue
#: Short names of the missions (table headers, prose).
MISSIONS = {
    "relais": "Relais",
    "pair_aidance": "Pair-aidance",
    "coordination": "Coordination",
    "participation": "Participation",
}
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
    the mission (class ``sous-total``), then the total; with the row classes."""
    ordre = []
    for mission in df.loc[df["niveau"] == "mission", "mission"]:
        ordre += list(df.index[(df["mission"] == mission) & (df["niveau"] == "ligne")])
        ordre += list(df.index[(df["mission"] == mission) & (df["niveau"] == "mission")])
    ordre += list(df.index[df["niveau"] == "total"])
    d = df.loc[ordre]
    vue = pd.DataFrame(
        {
            "Ligne, mission ou total": [
                label if n == "ligne" else f"Mission : {label}" if n == "mission" else label
                for label, n in zip(d["libelle"], d["niveau"], strict=True)
            ],
            "Rapport (recalculé)": [fmt.euros(x) for x in d["rapport"]],
            "Corrigé": [fmt.euros(x) for x in d["corrige"]],
            "Actualisé": [fmt.euros(x) for x in d["actualise"]],
            "Écart (actualisé − rapport)": [ecart_euros(x) for x in d["ecart"]],
            "Écart relatif": [fmt.variation(x) or "–" for x in d["ecart_relatif"]],
        }
    )
    return vue, ["" if n == "ligne" else "sous-total" for n in d["niveau"]]


def vue_etapes(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """:func:`aaas.checks.actualisation.etapes` for reading: each step's effect on the total
    and on each mission and the total after it, closed by the sum of the steps; with the row
    classes (the parameters each step sets: :func:`vue_parametres`)."""
    effets = ["effet", *(f"effet_{m}" for m in MISSIONS)]
    somme = df[effets].sum()
    vue = pd.DataFrame(
        {
            "Étape": [*df["etape"], "Ensemble des étapes"],
            "Effet sur le total": ["", *(ecart_euros(x) for x in df["effet"].iloc[1:]), ecart_euros(somme["effet"])],
            **{
                nom: ["", *(ecart_euros(x) for x in df[f"effet_{m}"].iloc[1:]), ecart_euros(somme[f"effet_{m}"])]
                for m, nom in MISSIONS.items()
            },
            "Total après l’étape": [fmt.euros(x) for x in (*df["total"], df["total"].iloc[-1])],
        }
    )
    return vue, ["sous-total", *[""] * (len(df) - 1), "sous-total"]


def vue_parametres(diff: pd.DataFrame, exclus=()) -> pd.DataFrame:
    """The parameters each step sets (:func:`aaas.models.conventions.differences` of
    ``actualise``), but those in ``exclus`` (set by the user, kept through every step): the
    report's value, the updated one, and the erratum (linked) or the source behind it."""
    diff = diff[~diff["parametre"].isin(set(exclus))]
    return pd.DataFrame(
        {
            "Étape": diff["etape"].to_list(),
            "Paramètre": [html_tables.lien_parametre(n) for n in diff["parametre"]],
            "Rapport": [labels.valeur(n, v) for n, v in zip(diff["parametre"], diff["rapport"], strict=True)],
            "Actualisé": [labels.valeur(n, v) for n, v in zip(diff["parametre"], diff["actualise"], strict=True)],
            "Unité": [parameters.lookup(n).unit for n in diff["parametre"]],
            "Erratum ou source": [
                _lien_erratum(e) if e else readable.html_text(s)
                for e, s in zip(diff["erratum"], diff["source"], strict=True)
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
    row["mission"] = max(MISSIONS, key=lambda m: abs(row[f"effet_{m}"]))
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
    totaux = df["total"].to_numpy(float)
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
