"""The book's charts: French € axes in k€ with few ticks, whole labels, legends outside the
bars, and each chart glued with an alt text in its chapter; on every chart of the book,
distinct round tick labels in French and text at least 9 pt at its printed size."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import nbformat
import pytest

from aaas.publish import notebook
from aaas.publish.notebook import charts

matplotlib.use("Agg")

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
FIGURES = {
    "mission relais": lambda ctx: charts.figure_mission(ctx, "relais"),
    "mission pair-aidance": lambda ctx: charts.figure_mission(ctx, "pair_aidance"),
    "missions": charts.figure_missions,
    "porteurs": charts.figure_porteurs,
    "structure": charts.figure_structure,
}


@pytest.fixture(scope="module")
def ctx():
    return notebook.setup()


@pytest.fixture(params=list(FIGURES), ids=list(FIGURES))
def figure(request, ctx):
    import matplotlib.pyplot as plt

    fig = FIGURES[request.param](ctx)
    fig.canvas.draw()
    yield fig
    plt.close(fig)


def test_labels_are_whole_and_ticks_few(figure):
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels and not any("…" in label for label in labels)
    assert all(len(line) <= charts.LARGEUR_LIBELLE for label in labels for line in label.split("\n"))
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) <= 6
    assert all(re.fullmatch(r"\u2212?[\d\u202f]+(,\d+)?\xa0(k€|%)", t) for t in ticks), ticks


def test_legend_is_below_the_axes(figure):
    renderer = figure.canvas.get_renderer()
    for legend in figure.legends:
        assert legend.get_window_extent(renderer).y1 <= figure.axes[0].get_window_extent(renderer).y0


def test_a_euro_tick_reads_in_thousands():
    assert charts.keur(120000) == "120\xa0k€"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_each_glued_figure_is_shown_with_an_alt_text(path):
    """Every figure a notebook glues (an image among its stored outputs, named by myst-nb's
    glue) is shown once, with an alt text; the notebooks' code only calls the functions
    that glue them (tests/publish/test_notebook_code.py)."""
    nb = nbformat.read(path, as_version=4)
    keys = [
        o.metadata["scrapbook"]["name"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "scrapbook" in o.get("metadata", {}) and any("image/" in m for m in o.get("data", {}))
    ]
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    shown = re.findall(r"```\{glue:figure\} (\S+)\n:alt: (.+)\n", markdown)
    assert len({k for k, _ in shown}) == len(shown), "a glue key shown twice"
    assert sorted(set(keys)) == sorted(k for k, _ in shown)
    assert all(len(alt) > 40 for _, alt in shown)


#: The width a chart is printed and shown at (inches: the article's width at 100 dpi).
LARGEUR_IMPRIMEE = 7.0


@pytest.fixture(scope="module")
def sensibilite():
    """What the sensitivity charts draw (small draws: the charts, not the numbers, are tested)."""
    from aaas.sensitivity import montecarlo, oneway, scale, structural

    ow = oneway.oneway("rapport")
    st = structural.structurel("rapport", ["total"])
    return {
        "ow": ow,
        "st": st.reindex(st["ecart"].abs().sort_values(ascending=False).index),
        "mc": montecarlo.montecarlo("rapport", 2000, seed=1, outputs=["total"])["total"],
        "pop": scale.courbe("population_bassin", scale.POPULATIONS, "rapport", ["mission_relais"]),
        "grille": scale.deux_parametres(
            "population_bassin", [10_000, 20_000, 40_000], "taux_recours_mg", [2.5, 3.5, 4.5], "total", "rapport"
        ),
    }


def _toutes(ctx, s):
    """Every chart of the book, by name."""
    import numpy as np

    from aaas.checks import actualisation
    from aaas.publish.notebook import actualisation as act
    from aaas.publish.notebook import financements as fin
    from aaas.publish.notebook import sensibilite as sens
    from aaas.sensitivity import oneway

    courbe = ("population_bassin", "mission_relais_par_unite", "Relais", "Habitants du bassin", "€ par habitant")
    return {
        **{k: (lambda f=f: f(ctx)) for k, f in FIGURES.items()},
        "tornade": lambda: sens.tornade(oneway.tornade(s["ow"], "total", 15), "Tornade"),
        "tornades par mission": lambda: sens.tornades_missions(s["ow"]),
        "structurels": lambda: sens.effets_structurels(s["st"]),
        "distribution": lambda: sens.distributions(s["mc"], s["mc"] * 1.01, 404565.0),
        "répartition": lambda: sens.ecdf(s["mc"], s["mc"]),
        "coût par habitant": lambda: sens.courbe(s["pop"], *courbe),
        "carte": lambda: sens.carte(s["grille"], "Total"),
        "atlas": lambda: fin.carte("missions"),
        "atlas publics": lambda: fin.carte("publics"),
        "SEC": lambda: fin.courbes_sec(np.arange(1000, 9001, 250), np.linspace(0, 0.4, 21)),
        "cascade": lambda: act.cascade(actualisation.etapes(ctx.scenario)),
    }


NOMS = [*FIGURES, "tornade", "tornades par mission", "structurels", "distribution", "répartition"]
NOMS += ["coût par habitant", "carte", "atlas", "atlas publics", "SEC", "cascade"]


@pytest.fixture(params=NOMS, ids=NOMS)
def chart(request, ctx, sensibilite):
    import matplotlib.pyplot as plt

    fig = _toutes(ctx, sensibilite)[request.param]()
    fig.canvas.draw()
    yield fig
    plt.close(fig)


def _graduations(axis) -> list[str]:
    """The tick labels an axis shows (ticks inside its view)."""
    lo, hi = sorted(axis.get_view_interval())
    return [t.get_text() for t, v in zip(axis.get_ticklabels(), axis.get_ticklocs(), strict=False) if lo <= v <= hi]


def test_tick_labels_are_distinct_and_french(chart):
    for ax in chart.axes:
        for axis in (ax.xaxis, ax.yaxis):
            ticks = [t for t in _graduations(axis) if t]
            assert len(set(ticks)) == len(ticks), ticks
            assert not any(re.search(r"\d{4}|\d\.\d|^-", t) for t in ticks if not re.search(r"[a-zA-Z]{3}", t)), ticks


def test_text_is_at_least_9_points_printed(chart):
    import matplotlib.text

    echelle = min(1.0, LARGEUR_IMPRIMEE / chart.get_size_inches()[0])
    texts = [t for t in chart.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    small = {t.get_text()[:30]: t.get_fontsize() for t in texts if t.get_fontsize() * echelle < 9}
    assert not small, small


def test_a_tick_step_below_one_shows_its_decimals():
    assert charts.Graduation("€").format_ticks([5.0, 5.5, 6.0, 6.5]) == ["5,0\xa0€", "5,5\xa0€", "6,0\xa0€", "6,5\xa0€"]
    assert charts.keur.format_ticks([-2500.0, 0.0, 2500.0]) == ["\u22122,5\xa0k€", "0,0\xa0k€", "2,5\xa0k€"]


#: The article's width at 1 280 px (px): a chart no wider is shown unscaled.
ARTICLE_PX = 670


def test_chart_fits_the_article_unscaled(chart):
    """Saved as the book saves it (tight box, 100 dpi), no wider than the article: titles and
    labels stay inside, and text keeps its size at 1 280 px."""
    import io
    import struct

    buf = io.BytesIO()
    chart.savefig(buf, format="png", bbox_inches="tight")
    width = struct.unpack(">I", buf.getvalue()[16:20])[0]
    assert width <= ARTICLE_PX, width
