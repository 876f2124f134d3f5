"""The book's charts: French € axes in k€ with few ticks, whole labels, legends outside the
bars, and each chart glued with an alt text in its chapter."""

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
    assert all(re.fullmatch(r"[\d\u202f]+\xa0(k€|%)", t) for t in ticks), ticks


def test_legend_is_below_the_axes(figure):
    renderer = figure.canvas.get_renderer()
    for legend in figure.legends:
        assert legend.get_window_extent(renderer).y1 <= figure.axes[0].get_window_extent(renderer).y0


def test_a_euro_tick_reads_in_thousands():
    assert charts.keur(120000) == "120\xa0k€"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_each_glued_figure_is_shown_with_an_alt_text(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    keys = re.findall(r"""(?:colle_figure|colle)\(\s*f?["']((?:fig_)[^"']*)["']""", code)
    keys += [f"fig_{m}" for m in re.findall(r"graphique_mission\(\"(\w+)\"\)", code)]
    keys += [f"fig_{m}" for m in re.findall(r"graphique_(missions|porteurs|structure)\(", code)]
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    shown = re.findall(r"```\{glue:figure\} (\S+)\n:alt: (.+)\n", markdown)
    assert len({k for k, _ in shown}) == len(shown), "a glue key shown twice"
    assert sorted(set(keys)) == sorted(k for k, _ in shown)
    assert all(len(alt) > 40 for _, alt in shown)
