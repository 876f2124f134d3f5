"""Tables and heat maps of the « Financements » chapter, over :mod:`aaas.atlas.financements`
(the report's section 4 as data) and the carriers' payment modes of 2.2.3, 2.3.3, 2.4.3."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ... import datastore, fmt
from ...atlas import financements
from . import tables

LIBELLES = {
    "relais": "Relais", "pair_aidance": "Pair-aidance", "coordination": "Coordination",
    "participation": "Participation", "jeunes": "Jeunes", "personnes_agees": "Personnes âgées",
    "handicap_psychique": "Handicap psychique", "handicap_physique": "Handicap physique",
    "public_precaire": "Public précaire", "professionnels": "Professionnels",
}  # fmt: skip


def carte(axe: str) -> object:
    """Heat map programme × mission (or public): oui (dark), non (light), not determinable
    in the report's text (grey)."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    m = financements.matrice(axe)
    codes = np.where(np.isnan(m.to_numpy()), 0.5, m.to_numpy())
    fig, ax = plt.subplots(figsize=(8, 0.24 * len(m) + 1.8))
    ax.imshow(codes, aspect="auto", cmap=ListedColormap(["#f1f1f1", "#c8c8c8", "#2a6f97"]), vmin=0, vmax=1)
    ax.set_xticks(range(len(m.columns)), [LIBELLES[c] for c in m.columns], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(m)), [textwrap.shorten(p, 60, placeholder="…") for p in m.index], fontsize=6)
    ax.set_title(
        f"Programmes × {'missions' if axe == 'missions' else 'publics'} (bleu : oui ; gris : non déterminable)"
    )
    fig.tight_layout()
    return fig


def compte(axe: str) -> pd.DataFrame:
    """For each mission (or public): programmes marked « oui », and those not determinable."""
    m = financements.matrice(axe)
    return pd.DataFrame(
        {
            "Axe": [LIBELLES[c] for c in m.columns],
            "Programmes (oui)": [fmt.nombre(int((m[c] == 1).sum())) for c in m.columns],
            "Non déterminables": [fmt.nombre(int(m[c].isna().sum())) for c in m.columns],
        }
    )


def modes() -> pd.DataFrame:
    """The carriers and payment modes of 2.2.3, 2.3.3, 2.4.3, for readers."""
    df = datastore.modes_financement()
    return pd.DataFrame(
        {
            "Mission": [LIBELLES[m] for m in df["mission"]],
            "Porteur": df["type_porteur"],
            "Exemples": df["exemples"],
            "Mode de financement": df["mode"],
            "Section": df["source"],
        }
    )


def courbes_sec(file_actives, taux) -> object:
    """The SEC dotations against the MG file active (left) and the poverty modulation
    against the poverty rate (right)."""
    import matplotlib.pyplot as plt

    from ...models import sec

    res = [sec.evaluate(float(n), 0.0)["dotations"] for n in file_actives]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    for key, label in (("a_non_professionnels_sante", "a. non soignants"), ("c_interpretariat", "c. interprétariat")):
        ax1.plot(file_actives, [r[key]["montant"] for r in res], label=label)
    ax1.yaxis.set_major_formatter(lambda v, pos: fmt.nombre(v / 1000, 0) + " k€")
    ax1.xaxis.set_major_formatter(lambda v, pos: fmt.nombre(v, 0))
    ax1.set_xlabel("File active de médecine générale")
    ax1.set_title("Dotations selon la file active", fontsize=9)
    ax1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, fontsize=7)
    maj = [sec.evaluate(4500.0, float(t))["dotations"]["b_professionnels_sante"]["majoration"] for t in taux]
    ax2.plot(np.asarray(taux) * 100, np.asarray(maj) * 100, color="#e0a458")
    ax2.set_xlabel("Taux de pauvreté du territoire (%)")
    ax2.set_ylabel("Majoration de la dotation b (%)")
    ax2.set_title("Majoration selon le taux de pauvreté", fontsize=9)
    fig.tight_layout()
    return fig


def table_programmes() -> pd.DataFrame:
    """Every programme with its financeurs and, per mission and public, « oui », « – » (non)
    or « ? » (not determinable in the report's extracted text): the book's lookup table."""
    df = financements.table()
    signes = {"oui": "oui", "non": "–", "nd": "?"}
    out = pd.DataFrame({"Programme": df["programme"], "Partie": df["partie"], "Financeurs": df["financeurs"]})
    for col in (*financements.MISSIONS, *financements.PUBLICS):
        out[LIBELLES[col]] = [signes.get(v, v) for v in df[col]]
    return out


#: The two halves of the atlas: each shows every programme against the missions, then the publics.
AXES = {
    "missions": ("fin-programmes-missions", "Programmes de financement et missions", financements.MISSIONS),
    "publics": ("fin-programmes-publics", "Programmes de financement et publics", financements.PUBLICS),
}


def programmes_html(axe: str) -> str:
    """The atlas against the missions (or the publics): programmes grouped by part of the
    report, with their financeurs; « oui », « – » (non), « ? » (not determinable) centred."""
    uid, caption, cols = AXES[axe]
    df = table_programmes()
    df = df[["Partie", "Programme", "Financeurs", *(LIBELLES[c] for c in cols)]]
    df["Partie"] = [f"Partie {p}" for p in df["Partie"]]
    kinds = {LIBELLES[c]: "status" for c in cols}
    marks = df.copy()
    for c in cols:
        marks[LIBELLES[c]] = [f'<span class="marque">{v}</span>' for v in df[LIBELLES[c]]]
    raw = [LIBELLES[c] for c in cols]
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
