"""Tables and heat maps of the « Financements » chapter, over :mod:`aaas.atlas.financements`
(the report's section 4 as data) and the carriers' payment modes of 2.2.3, 2.3.3, 2.4.3."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import datastore, fmt, labels
from ...atlas import financements
from . import charts, tables

#: The short names of the publics (those of the missions are data/missions.csv's, :func:`libelles`).
PUBLICS = {
    "jeunes": "Jeunes", "personnes_agees": "Personnes âgées",
    "handicap_psychique": "Handicap psychique", "handicap_physique": "Handicap physique",
    "public_precaire": "Public précaire", "professionnels": "Professionnels",
}  # fmt: skip


def libelles() -> dict[str, str]:
    """The short name of each mission and public (the atlas' columns)."""
    return {**labels.missions_courtes(), **PUBLICS}


#: Colours of a cell of the atlas: non, not determinable, oui (and their legend).
CASES = (("#f1f1f1", "non"), ("#c8c8c8", "non déterminable dans le texte du rapport"), ("#2a6f97", "oui"))


def carte(axe: str) -> object:
    """Heat map programme × mission (or public): oui (dark), non (light), not determinable
    in the report's text (grey); programme names wrapped, never cut; a legend for each colour."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    m = financements.matrice(axe)
    codes = np.where(np.isnan(m.to_numpy()), 0.5, m.to_numpy())
    noms = [charts.enveloppe(p, 46) for p in m.index]
    hauteurs = np.array([n.count("\n") + 1.6 for n in noms])  # each row as tall as its label
    bords = np.concatenate([[0], np.cumsum(hauteurs)])
    fig, ax = charts.subplots(0.16 * bords[-1] + 2.4, layout="constrained")
    ax.pcolormesh(np.arange(len(m.columns) + 1) - 0.5, bords, codes, cmap=ListedColormap([c for c, _ in CASES]),
                  vmin=0, vmax=1, edgecolors="white", linewidth=0.5)  # fmt: skip
    ax.set_ylim(bords[-1], 0)
    ax.set_yticks((bords[:-1] + bords[1:]) / 2, noms)
    ax.set_xticks(range(len(m.columns)), [libelles()[c] for c in m.columns], rotation=30, ha="right")
    fig.suptitle(f"Programmes de financement × {'missions' if axe == 'missions' else 'publics'}")
    legende = [Patch(facecolor=c, edgecolor="#8c8c8c", label=t) for c, t in CASES]
    fig.legend(handles=legende, loc="outside lower center", ncol=1, frameon=False)
    return fig


def compte(axe: str) -> pd.DataFrame:
    """For each mission (or public): programmes marked « oui », and those not determinable."""
    m = financements.matrice(axe)
    return pd.DataFrame(
        {
            "Axe": [libelles()[c] for c in m.columns],
            "Programmes (oui)": [fmt.nombre(int((m[c] == 1).sum())) for c in m.columns],
            "Non déterminables": [fmt.nombre(int(m[c].isna().sum())) for c in m.columns],
        }
    )


def modes() -> pd.DataFrame:
    """The carriers and payment modes of 2.2.3, 2.3.3, 2.4.3, for readers."""
    df = datastore.modes_financement()
    return pd.DataFrame(
        {
            "Mission": [libelles()[m] for m in df["mission"]],
            "Porteur": df["type_porteur"],
            "Exemples": df["exemples"],
            "Mode de financement": df["mode"],
            "Section": df["source"],
        }
    )


def courbes_sec(file_actives, taux) -> object:
    """The SEC dotations against the MG file active (left) and the poverty modulation
    against the poverty rate (right)."""

    from ...models import sec

    res = [sec.dotations(float(n), 0.0)["dotations"] for n in file_actives]
    fig, (ax1, ax2) = charts.subplots(7, 2, 1, layout="constrained")
    for key, label in (("a_non_professionnels_sante", "a. non soignants"), ("c_interpretariat", "c. interprétariat")):
        ax1.plot(file_actives, [r[key]["montant"] for r in res], label=label)
    charts.graduer(ax1.yaxis, charts.keur)
    charts.graduer(ax1.xaxis, charts.Graduation())
    ax1.set_xlabel("File active de médecine générale")
    ax1.set_title("Dotations selon la file active")
    ax1.legend(loc="upper left", frameon=False)
    maj = [sec.dotations(4500.0, float(t))["dotations"]["b_professionnels_sante"]["majoration"] for t in taux]
    ax2.plot(np.asarray(taux) * 100, np.asarray(maj) * 100, color="#e0a458")
    ax2.set_xlabel("Taux de pauvreté du territoire (%)")
    ax2.set_ylabel("Majoration de la dotation b (%)")
    charts.graduer(ax2.xaxis, charts.Graduation())
    charts.graduer(ax2.yaxis, charts.Graduation())
    ax2.set_title("Majoration selon le taux de pauvreté")
    return fig


def table_programmes() -> pd.DataFrame:
    """Every programme with its financeurs and, per mission and public, « oui », « – » (non)
    or « ? » (not determinable in the report's extracted text): the book's lookup table."""
    df = financements.table()
    signes = {"oui": "oui", "non": "–", "nd": "?"}
    out = pd.DataFrame({"Programme": df["programme"], "Partie": df["partie"], "Financeurs": df["financeurs"]})
    for col in (*financements.missions(), *financements.PUBLICS):
        out[libelles()[col]] = [signes.get(v, v) for v in df[col]]
    return out


#: The two halves of the atlas: each shows every programme against the missions, then the publics.
AXES = {
    "missions": ("fin-programmes-missions", "Programmes de financement et missions", financements.missions()),
    "publics": ("fin-programmes-publics", "Programmes de financement et publics", financements.PUBLICS),
}


def programmes_html(axe: str) -> str:
    """The atlas against the missions (or the publics): programmes grouped by part of the
    report, with their financeurs; « oui », « – » (non), « ? » (not determinable) centred."""
    uid, caption, cols = AXES[axe]
    df = table_programmes()
    df = df[["Partie", "Programme", "Financeurs", *(libelles()[c] for c in cols)]]
    df["Partie"] = [f"Partie {p}" for p in df["Partie"]]
    kinds = {libelles()[c]: "status" for c in cols}
    marks = df.copy()
    for c in cols:
        marks[libelles()[c]] = [f'<span class="marque">{v}</span>' for v in df[libelles()[c]]]
    raw = [libelles()[c] for c in cols]
    caption += " (oui ; – : non ; ? : non déterminable dans le texte du rapport)"
    return tables.table_html(marks, uid, caption, kinds=kinds, raw=raw, group_by="Partie")


def show_programmes() -> None:
    """Display the atlas in two tables: programmes × missions, programmes × publics."""
    tables.show_html(programmes_html("missions") + "\n" + programmes_html("publics"))


def show_modes() -> None:
    """Display the carriers and payment modes, by mission, the examples under each carrier."""
    tables.show(
        modes(),
        "fin-modes",
        "Porteurs et modes de financement des missions (2.2.3, 2.3.3, 2.4.3)",
        kinds={"Exemples": "detail"},
        group_by="Mission",
    )


def sources(cell: str) -> str:
    """The source texts of a cell (``seed_001|seed_004``) by their titles."""
    return " ; ".join(labels.libelle("source", s) for s in cell.split("|"))


#: The example the prose gives: the programmes open to the mission of the report's section
#: 2.4 (coordination) for people with a psychiatric disability.
EXEMPLE = ("2.4", "handicap_psychique")
#: The two parts of the report's section 4 the prose counts the programmes of.
PARTIES = ("4.2", "4.1")


def glue_chapitre(ctx) -> None:
    """Glue the chapter's counts (the programmes, those of each part of section 4, those of
    the example) and its two heat maps."""
    from .resume import mission_de_section

    tous = financements.table()
    ctx.glue("fin_nb", fmt.nombre(len(tous)))
    for partie in PARTIES:
        ctx.glue(f"fin_nb_{partie.replace('.', '')}", fmt.nombre(int((tous["partie"] == partie).sum())))
    section, public = EXEMPLE
    choix = financements.programmes(mission=mission_de_section(section), public=public)
    ctx.glue("fin_coord_psy_nb", fmt.accord(len(choix), "programme"))
    ctx.glue("fin_coord_psy", ", ".join(choix["programme"]))
    charts.glue_figure("fig_fin_missions", carte("missions"))
    charts.glue_figure("fig_fin_publics", carte("publics"))
