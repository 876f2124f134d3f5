"""The book's charts (matplotlib): each mission's lines, the four missions, the carriers
(3.2.5) and the cost structure (3.3), always this scenario against the other convention
where both are shown.

Each chart is glued under a key (``myst_nb.glue``) and closed, so that the chapter shows it
with a ``{glue:figure}`` directive that carries its alt text.  French titles and units; €
axes in thousands (« 40 k€ ») with at most five ticks; labels wrapped, never cut; legends
below the axes, never over the bars; sized to stay readable at small widths.
"""

from __future__ import annotations

import textwrap

import numpy as np

from ... import datastore, fmt
from ...checks import affichage

#: Colours of the two conventions (this scenario's first).
COULEURS = ("#2a6f97", "#e0a458")
NOMS = {"rapport": "convention rapport", "corrige": "convention corrigée", "actualise": "convention actualisée"}
#: Width of a wrapped bar label, and of a wrapped title (characters).
LARGEUR_LIBELLE = 28
LARGEUR_TITRE = 50


def enveloppe(label: str, n: int = LARGEUR_LIBELLE) -> str:
    """``label`` on lines of at most ``n`` characters, whole.

    >>> enveloppe("Relais favorisant l'accessibilité à la santé", 20)
    "Relais favorisant\\nl'accessibilité à la\\nsanté"
    """
    return "\n".join(textwrap.wrap(label, n))


def keur(x: float, pos=None) -> str:
    """A tick of a € axis, in thousands (« 40 k€ », « 1 200 k€ »).

    >>> keur(40000), keur(0), keur(1_250_000)
    ('40\\xa0k€', '0\\xa0k€', '1\\u202f250\\xa0k€')
    """
    return f"{fmt.nombre(x / 1000, 0)}{fmt.INSECABLE}k€"


def _figure(labels: list[str]):
    """A figure for horizontal bars, tall enough for the wrapped labels."""
    import matplotlib.pyplot as plt

    lines = sum(label.count("\n") + 1 for label in labels)
    return plt.subplots(figsize=(7, 0.25 * lines + 0.3 * len(labels) + 1.6), layout="constrained")


def _axe_euros(ax, label: str = "Surcoût annuel") -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.xaxis.set_major_formatter(keur)
    ax.set_xlabel(label)


def _finish(fig, ax, title: str, legend: bool = True):
    """Title, legend below the axes (outside them), bars from top to bottom."""
    ax.invert_yaxis()
    ax.set_title(enveloppe(title, LARGEUR_TITRE))
    ax.spines[["top", "right"]].set_visible(False)
    if legend:
        fig.legend(loc="outside lower center", ncol=2, frameon=False)
    return fig


def colle(key: str, fig) -> None:
    """Glue a figure for a ``{glue:figure}`` directive and close it (not shown twice)."""
    import matplotlib.pyplot as plt
    from myst_nb import glue

    glue(key, fig, display=False)
    plt.close(fig)


def _barres_conventions(ax, labels: list[str], series: list[tuple[str, list[float]]]) -> None:
    """Paired horizontal bars, one colour per convention."""
    y = np.arange(len(labels))
    for k, (conv, values) in enumerate(series):
        ax.barh(y - 0.2 + 0.4 * k, values, height=0.4, label=NOMS[conv], color=COULEURS[k])
    ax.set_yticks(y, labels)


def figure_mission(ctx, mission: str):
    """Horizontal bars of a mission's lines: this scenario vs the other convention."""
    lignes = datastore.lignes()
    rows = lignes[lignes["mission"] == mission]
    labels = [enveloppe(label) for label in rows["libelle"]]
    fig, ax = _figure(labels)
    other = ctx.evaluation.autre_convention
    series = [
        (conv, [float(np.asarray(results[f"ligne_{i}"])) for i in rows["ligne"]])
        for conv, results in ((ctx.convention, ctx.results), (other, ctx.reference))
    ]
    _barres_conventions(ax, labels, series)
    _axe_euros(ax)
    titre = datastore.missions().set_index("mission").loc[mission, "libelle"]
    return _finish(fig, ax, f"{titre} : surcoût annuel par poste")


def graphique_mission(ctx, mission: str) -> None:
    """Glue a mission's chart under ``fig_<mission>``."""
    colle(f"fig_{mission}", figure_mission(ctx, mission))


def figure_missions(ctx):
    """The four missions' costs under this scenario's convention and the other one (3.1)."""
    m = datastore.missions()
    labels = [enveloppe(label) for label in m["libelle"]]
    fig, ax = _figure(labels)
    par = ctx.par_convention
    series = [(conv, [float(np.asarray(par[conv][f"mission_{i}"])) for i in m["mission"]]) for conv in par]
    _barres_conventions(ax, labels, series)
    _axe_euros(ax)
    return _finish(fig, ax, "Surcoût annuel par mission")


def graphique_missions(ctx) -> None:
    """Glue the four missions' chart under ``fig_missions``."""
    colle("fig_missions", figure_missions(ctx))


def figure_porteurs(ctx):
    """Share of the extra cost each category of carrier already funds (3.2.5 chart)."""
    p = datastore.porteurs()
    mut = [ctx.v(f"part_mutualisee_{i}") * 100 for i in p["porteur"]]
    sur = [ctx.v(f"part_surcout_{i}") * 100 for i in p["porteur"]]
    labels = [enveloppe(label) for label in p["libelle"]]
    fig, ax = _figure(labels)
    y = np.arange(len(p))
    ax.barh(y, sur, color=COULEURS[0], label="Surcoûts AAAS")
    ax.barh(y, mut, left=sur, color="#9ccfd8", label="Surcoûts mutualisés de l’AAAS")
    for i, (a, b) in enumerate(zip(sur, mut, strict=True)):
        if a >= 8:
            ax.text(a / 2, i, fmt.pourcent(a / 100), ha="center", va="center", color="white")
        if b >= 8:
            ax.text(a + b / 2, i, fmt.pourcent(b / 100), ha="center", va="center")
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(lambda x, pos: fmt.pourcent(x / 100))
    ax.set_xlabel("Part du surcoût total")
    return _finish(fig, ax, "Surcoûts par catégorie de structure porteuse")


def graphique_porteurs(ctx) -> None:
    """Glue the carriers' chart under ``fig_porteurs``."""
    colle("fig_porteurs", figure_porteurs(ctx))


def figure_structure(ctx):
    """Cost structure by category (3.3): amounts, each with its share of the total."""
    c = datastore.categories()
    values = [ctx.v(f"montant_{i}") for i in c["categorie"]]
    labels = [enveloppe(label) for label in c["libelle"]]
    fig, ax = _figure(labels)
    y = np.arange(len(c))
    ax.barh(y, values, color=COULEURS[0])
    parts = affichage.repartition([100 * v / ctx.v("total") for v in values])  # shares adding up to 100 %
    for i, (v, part) in enumerate(zip(values, parts, strict=True)):
        ax.text(v, i, " " + fmt.pourcent(part / 100), va="center")
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1.2 * max(values))
    _axe_euros(ax)
    return _finish(fig, ax, "Structure des dépenses de l'AAAS", legend=False)


def graphique_structure(ctx) -> None:
    """Glue the cost structure chart under ``fig_structure``."""
    colle("fig_structure", figure_structure(ctx))
