"""The book's charts (matplotlib): each mission's lines, the four missions, the carriers
(3.2.5) and the cost structure (3.3), always this scenario against the other convention
where both are shown.

Each chart is glued under a key (``myst_nb.glue``) and closed, so that the chapter shows it
with a ``{glue:figure}`` directive that carries its alt text.  French titles and units; €
axes in thousands (« 40 k€ ») with at most five round, distinct ticks (:class:`Graduation`);
labels wrapped, never cut; legends below the axes, never over the bars.

Sizes: every chart is :data:`LARGEUR_FIGURE` inches wide, saved at 100 dpi (about 650 px),
so that the book shows it unscaled in its article (about 670 px wide at 1 280 px) and prints
it at the text's width: a font size is its printed size.  No text is under :data:`TAILLE_MIN`
points (:data:`STYLE`, about 14 px); on a phone (390 px: an article of about 340 px) the chart
shrinks by about half and its text stays above 7 px.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.ticker import Formatter, MaxNLocator

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


#: Width of every chart (inches) and the smallest font size of its text (points).
LARGEUR_FIGURE = 6.4
TAILLE_MIN = 10
#: Matplotlib's settings for every chart of the book (fonts at least :data:`TAILLE_MIN`).
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": TAILLE_MIN,
    "axes.titlesize": 11,
    "axes.labelsize": TAILLE_MIN,
    "xtick.labelsize": TAILLE_MIN,
    "ytick.labelsize": TAILLE_MIN,
    "legend.fontsize": TAILLE_MIN,
    "legend.title_fontsize": TAILLE_MIN,
    "figure.titlesize": 11,
}
#: Round tick steps (1, 2, 2,5 and 5 times a power of ten).
PAS = (1, 2, 2.5, 5, 10)


def _decimales(values, plus: int = 3) -> int:
    """The fewest decimals (at most ``plus``) that write every value exactly.

    >>> _decimales([5, 5.5, 6]), _decimales([0, 0.25]), _decimales([10000, 20000])
    (1, 2, 0)
    """
    v = np.asarray(values, dtype=float)
    for d in range(plus + 1):
        if np.all(np.abs(v * 10**d - np.round(v * 10**d)) < 1e-6):
            return d
    return plus


class Graduation(Formatter):
    """Tick labels in French: thousands split by a thin space, a decimal comma, the fewest
    decimals that tell every tick apart, and the unit (``echelle``: what one unit is
    worth, 1 000 for k€).

    >>> Graduation("€").format_ticks([5.0, 5.5, 6.0])
    ['5,0\\xa0€', '5,5\\xa0€', '6,0\\xa0€']
    >>> Graduation().format_ticks([0, 10000, 20000])
    ['0', '10\\u202f000', '20\\u202f000']
    """

    def __init__(self, unite: str = "", echelle: float = 1.0):
        self.unite, self.echelle = unite, echelle

    def _texte(self, x: float, decimales: int) -> str:
        text = fmt.nombre(x / self.echelle, decimales).replace("-", "\u2212")
        return f"{text}{fmt.INSECABLE}{self.unite}" if self.unite else text

    def __call__(self, x, pos=None) -> str:
        return self._texte(x, _decimales([x / self.echelle]))

    def format_ticks(self, values) -> list[str]:
        d = _decimales(np.asarray(values, dtype=float) / self.echelle)
        return [self._texte(v, d) for v in values]


#: The one € axis formatter in thousands (« 40 k€ », « 1 200 k€ », « 2,5 k€ »).
keur = Graduation("k€", 1000)


def graduer(axis, formatter: Formatter = keur, n: int = 5) -> None:
    """At most ``n`` round ticks (:data:`PAS`) on ``axis``, labelled by ``formatter``."""
    axis.set_major_locator(MaxNLocator(n, steps=list(PAS)))
    axis.set_major_formatter(formatter)


def subplots(hauteur: float, nrows: int = 1, ncols: int = 1, **options):
    """A figure of the book's width and style, ``hauteur`` inches tall."""
    import matplotlib.pyplot as plt

    plt.rcParams.update(STYLE)
    return plt.subplots(nrows, ncols, figsize=(LARGEUR_FIGURE, hauteur), **options)


def _figure(labels: list[str]):
    """A figure for horizontal bars, tall enough for the wrapped labels."""
    lines = sum(label.count("\n") + 1 for label in labels)
    return subplots(0.3 * lines + 0.3 * len(labels) + 1.8, layout="constrained")


def _axe_euros(ax, label: str = "Surcoût annuel") -> None:
    graduer(ax.xaxis)
    ax.set_xlabel(label)


def _finish(fig, ax, title: str, legend: bool = True):
    """Title, legend below the axes (outside them), bars from top to bottom."""
    ax.invert_yaxis()
    fig.suptitle(enveloppe(title, LARGEUR_TITRE))
    ax.spines[["top", "right"]].set_visible(False)
    if legend:
        fig.legend(loc="outside lower center", ncol=2, frameon=False)
    return fig


def glue_figure(key: str, fig) -> None:
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
    glue_figure(f"fig_{mission}", figure_mission(ctx, mission))


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
    glue_figure("fig_missions", figure_missions(ctx))


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
            ax.text(a / 2, i, fmt.pourcent(a / 100), ha="center", va="center", color="white", fontsize=TAILLE_MIN)
        if b >= 8:
            ax.text(a + b / 2, i, fmt.pourcent(b / 100), ha="center", va="center")
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 100)
    graduer(ax.xaxis, Graduation("%"))
    ax.set_xlabel("Part du surcoût total")
    return _finish(fig, ax, "Surcoûts par catégorie de structure porteuse")


def graphique_porteurs(ctx) -> None:
    """Glue the carriers' chart under ``fig_porteurs``."""
    glue_figure("fig_porteurs", figure_porteurs(ctx))


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
    glue_figure("fig_structure", figure_structure(ctx))
