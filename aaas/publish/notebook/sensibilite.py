"""Tables and charts of the « Sensibilité » chapter, over :mod:`aaas.sensitivity`: the
tornado, structural choices, Monte Carlo distributions, Sobol indices, scale curves and the
two-way heat map.  French labels (:mod:`aaas.labels`: a parameter by its short label, a
reading by its value's label, a scenario by its name), € axes in thousands, the book's chart
sizes (:mod:`.charts`)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ... import datastore, fmt, labels
from ...models import parameters
from .charts import COULEURS, Graduation, graduer, keur, subplots


def libelle(nom: str, n: int = 45, court: bool = False) -> str:
    """A parameter's label (its short label if ``court``), wrapped at ``n`` characters."""
    text = labels.parametre(nom) if court else parameters.parameters()[nom].label
    return "\n".join(textwrap.wrap(text, n))


def lecture(parametre: str, choix: str) -> tuple[str, str]:
    """A structural choice for readers: (what is chosen, the choice), a convention included."""
    if parametre == "convention":
        return "Convention de calcul", labels.libelle("convention", choix)
    return labels.parametre(parametre), labels.choix(parametre, choix)


def _show(fig, titre: str):
    """The figure, laid out (the notebook glues it with its alt text, then closes it)."""
    if fig.get_layout_engine() is None:
        fig.tight_layout()
    return fig


def _hauteur(noms: list[str]) -> float:
    """The height (in) of a bar chart whose bars carry these (wrapped) labels."""
    return 0.2 * sum(t.count("\n") + 1 for t in noms) + 0.22 * len(noms) + 1.5


def tornade(top: pd.DataFrame, titre: str) -> object:
    """Horizontal bars from the lowest to the highest change of the total (€)."""

    noms = [libelle(n, 40, court=True) for n in top["parametre"]]
    fig, ax = subplots(_hauteur(noms), layout="constrained")
    y = np.arange(len(top))
    ax.barh(y, top["haut"], color=COULEURS[1], label="hausse de l'hypothèse (+15 %)")
    ax.barh(y, top["bas"], color=COULEURS[0], label="baisse de l'hypothèse (−15 %)")
    ax.set_yticks(y, noms)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    graduer(ax.xaxis, keur)
    ax.set_xlabel("Écart au total du rapport (par an)")
    fig.legend(loc="outside lower center", ncol=1, frameon=False)
    fig.suptitle(titre)
    return _show(fig, titre)


def distributions(independants: np.ndarray, correles: np.ndarray, imprime: float) -> object:
    """Histograms of the total under independent and correlated draws, the printed total marked."""

    fig, ax = subplots(4.5)
    bins = np.linspace(min(correles.min(), independants.min()), max(correles.max(), independants.max()), 80)
    ax.hist(correles, bins=bins, color=COULEURS[1], alpha=0.7, label="variations corrélées (même territoire)")
    ax.hist(independants, bins=bins, color=COULEURS[0], alpha=0.8, label="variations indépendantes")
    ax.axvline(imprime, color="black", lw=1, ls="--", label="total imprimé")
    graduer(ax.xaxis, keur)
    graduer(ax.yaxis, Graduation())
    ax.set_xlabel("Total des surcoûts (par an)")
    ax.set_ylabel("Tirages")
    ax.legend(loc="upper right", frameon=False)
    ax.set_title("Distribution du total : chaque hypothèse à ±15 %")
    return _show(fig, "distribution du total")


def ecdf(independants: np.ndarray, correles: np.ndarray) -> object:
    """Empirical cumulative distributions of the total."""

    fig, ax = subplots(4)
    for x, label, color in ((independants, "indépendantes", COULEURS[0]), (correles, "corrélées", COULEURS[1])):
        s = np.sort(x)
        ax.plot(s, np.arange(1, len(s) + 1) / len(s), color=color, label=f"variations {label}")
    graduer(ax.xaxis, keur)
    graduer(ax.yaxis, Graduation("%", 0.01))
    ax.set_xlabel("Total des surcoûts (par an)")
    ax.set_ylabel("Part des tirages inférieurs")
    ax.legend(loc="lower right", frameon=False)
    ax.set_title("Fonction de répartition du total")
    return _show(fig, "répartition du total")


def indices(df: pd.DataFrame, n: int = 12) -> object:
    """Sobol first- and total-order indices of the total, ranked."""

    top = df.sort_values("st", ascending=False).head(n)
    y = np.arange(len(top))
    noms = [libelle(x, 40, court=True) for x in top["parametre"]]
    fig, ax = subplots(_hauteur(noms), layout="constrained")
    ax.barh(y - 0.2, top["st"], 0.4, color=COULEURS[1], label="indice total")
    ax.barh(y + 0.2, top["s1"], 0.4, color=COULEURS[0], label="indice de premier ordre")
    ax.set_yticks(y, noms)
    ax.invert_yaxis()
    graduer(ax.xaxis, Graduation())
    fig.legend(loc="outside lower center", ncol=2, frameon=False)
    fig.suptitle("Indices de Sobol du total")
    return _show(fig, "indices de Sobol")


def courbe(df: pd.DataFrame, x: str, y: str, titre: str, xlabel: str, ylabel: str) -> object:
    """A cost curve (the steps of workshops, vehicles and ETP show)."""

    fig, ax = subplots(4)
    ax.plot(df[x], df[y], color=COULEURS[0])
    graduer(ax.xaxis, Graduation())
    graduer(ax.yaxis, Graduation("€"), 8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(titre)
    return _show(fig, titre)


def carte(grid: pd.DataFrame, titre: str) -> object:
    """A heat map of the total over two parameters."""

    fig, ax = subplots(4.5)
    im = ax.imshow(grid.to_numpy() / 1000, aspect="auto", cmap="viridis", origin="lower")
    ax.set_yticks(range(len(grid.index)), [fmt.brut(v) for v in grid.index])
    ax.set_xticks(range(len(grid.columns)), [fmt.brut(round(v, 2)) for v in grid.columns])
    ax.set_ylabel(libelle(grid.index.name, 30, court=True))
    ax.set_xlabel(libelle(grid.columns.name, 60, court=True))
    barre = fig.colorbar(im, ax=ax, label="total (k€ par an)")
    graduer(barre.ax.yaxis, Graduation())
    ax.set_title(titre)
    return _show(fig, titre)


def tornades_missions(ow: pd.DataFrame, n: int = 6) -> object:
    """One tornado per mission, one under the other: the ``n`` hypotheses that move each
    mission most (a legend names both colours)."""
    from matplotlib.patches import Patch

    from ...sensitivity import oneway

    missions = datastore.missions()
    fig, axes = subplots(4 * (0.42 * n + 1.1) + 0.8, 4, 1, layout="constrained")
    for ax, mission, titre in zip(axes, missions["mission"], missions["libelle"], strict=True):
        top = oneway.tornade(ow, f"mission_{mission}", n)
        y = np.arange(len(top))
        ax.barh(y, top["haut"], color=COULEURS[1])
        ax.barh(y, top["bas"], color=COULEURS[0])
        ax.set_yticks(y, [libelle(x, 40, court=True) for x in top["parametre"]])
        ax.invert_yaxis()
        ax.axvline(0, color="black", lw=0.6)
        graduer(ax.xaxis, keur)
        ax.set_title("\n".join(textwrap.wrap(titre, 36)))
    couleurs = [Patch(color=COULEURS[0], label="hypothèse à −15 %"), Patch(color=COULEURS[1], label="à +15 %")]
    fig.legend(handles=couleurs, loc="outside lower center", ncol=2, frameon=False)
    fig.suptitle("Hypothèses qui déplacent le plus chaque mission (écart par an)")
    return fig


def effets_structurels(st: pd.DataFrame, n: int = 10) -> object:
    """The structural choices with the largest effect on the total, as bars (€): each
    labelled « what is chosen : the choice », a legend for both colours."""
    from matplotlib.patches import Patch

    top = st.head(n)
    noms = [
        "\n".join(textwrap.wrap(" : ".join(lecture(p, c)), 30))
        for p, c in zip(top["parametre"], top["choix"], strict=True)
    ]
    y = np.arange(len(top))
    fig, ax = subplots(_hauteur(noms), layout="constrained")
    colors = [COULEURS[1] if e > 0 else COULEURS[0] for e in top["ecart"]]
    ax.barh(y, top["ecart"], color=colors)
    ax.set_yticks(y, noms)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    graduer(ax.xaxis, keur)
    ax.set_xlabel("Effet sur le total (par an)")
    couleurs = [Patch(color=COULEURS[1], label="le total augmente"), Patch(color=COULEURS[0], label="il baisse")]
    fig.legend(handles=couleurs, loc="outside lower center", ncol=2, frameon=False)
    fig.suptitle("Lectures, échelles et conventions : effet de chaque choix seul")
    return fig


def vue_structure(st: pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """The ``n`` structural choices that move the total most, for reading: what is chosen and
    the choice by their labels, the section, the effect in euros and relative."""
    top = st.head(n)
    choix = [lecture(p, c) for p, c in zip(top["parametre"], top["choix"], strict=True)]
    return pd.DataFrame(
        {
            "Lecture ou convention": [q for q, _ in choix],
            "Choix": [c for _, c in choix],
            "Section": top["section"].to_list(),
            "Effet sur le total": [fmt.ecart(x, "€") or "0 €" for x in top["ecart"]],
            "Effet relatif": [fmt.variation(x) for x in top["ecart_relatif"]],
        }
    )


def vue_scenarios(sc: pd.DataFrame) -> pd.DataFrame:
    """The missions and the total of each scenario (:func:`aaas.sensitivity.presets.tableau`),
    each scenario by its name."""
    missions = labels.missions_courtes()
    return pd.DataFrame(
        {
            "Scénario": [labels.libelle("scenario", s) for s in sc["scenario"]],
            **{nom: [fmt.euros(x) for x in sc[f"mission_{m}"]] for m, nom in missions.items()},
            "Total": [fmt.euros(x) for x in sc["total"]],
            "Écart": [fmt.variation(x) for x in sc["ecart_relatif"]],
        }
    )
