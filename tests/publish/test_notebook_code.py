"""The notebooks narrate: their code cells call a function and show or glue its result.

Every decision, tolerance, loop and table-building lives in ``aaas/publish/notebook`` (or
lower); a notebook's code is bounded (comments included), has no control flow, no
comparison, no table-building method, no mission identifier of ``data/missions.csv`` typed
as a string and no figure the report prints (``data/published.csv``) typed as a number.
The modules of ``aaas/publish/notebook`` import one another without a circle, and the
Monte Carlo draws the home page and the « Sensibilité » chapter show are computed once.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import nbformat
import numpy as np
import pytest

from aaas import datastore

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PACKAGE = ROOT / "aaas" / "publish" / "notebook"

#: Keywords a notebook does not use: its decisions and loops live in the package.
KEYWORDS = frozenset({"for", "while", "if", "def", "class", "lambda"})
#: Comparisons a notebook does not make.
COMPARISONS = frozenset({"<", ">", "<=", ">=", "==", "!="})
#: Table-building methods a notebook does not call.
METHODS = frozenset({"groupby", "merge", "apply", "pivot", "melt", "idxmax", "idxmin", "sort_values", "query"})
#: Lines of a code cell at most (comments and blank lines included), but the parameters
#: cell, generated from data/parameters.csv; lines of a notebook's code at most.
LINES_PER_CELL = 25
LINES_PER_NOTEBOOK = 90


def code_cells(path: Path) -> list[tuple[int, str, bool]]:
    """(index, source, is the generated parameters cell) of each code cell."""
    nb = nbformat.read(path, as_version=4)
    return [
        (i, c.source, "parameters" in c.metadata.get("tags", []))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
    ]


def tokens(source: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(source + "\n").readline))


def missions() -> set[str]:
    return set(datastore.missions()["mission"])


def printed_figures() -> set[float]:
    return {float(v) for v in datastore.published()["value"]}


def faults(source: str, mission_ids: set[str], figures: set[float]) -> list[str]:
    """What a code cell holds that belongs in the package, each as « token (line) ».

    The generated parameters cell is checked with no figures: its defaults are copied from
    the data by :mod:`aaas.publish.notebook.parameters_cell` (``test_papermill`` checks it
    is the generated one), not typed."""
    found = []
    for tok in tokens(source):
        where = f"{tok.string!r} (ligne {tok.start[0]})"
        forbidden = {tokenize.NAME: KEYWORDS | METHODS, tokenize.OP: COMPARISONS}.get(tok.type, frozenset())
        if tok.string in forbidden:
            found.append(where)
        elif tok.type == tokenize.STRING and _literal(tok.string) in mission_ids:
            found.append(f"identifiant de mission {where}")
        elif tok.type == tokenize.NUMBER and float(ast.literal_eval(tok.string)) in figures:
            found.append(f"chiffre imprimé {where}")
    return found


def _literal(text: str) -> object:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None  # an f-string: its parts are not one literal


def lines(source: str) -> int:
    """Lines of a cell, comments and blank lines included."""
    return len(source.rstrip("\n").splitlines())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_only_calls_and_glues(path):
    mission_ids, figures = missions(), printed_figures()
    cells = code_cells(path)
    bad = {i: f for i, src, generated in cells if (f := faults(src, mission_ids, set() if generated else figures))}
    assert not bad, f"{path.name} : cellules {bad}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_code_is_bounded(path):
    cells = [(i, lines(src)) for i, src, generated in code_cells(path) if not generated]
    assert all(n <= LINES_PER_CELL for _, n in cells), [(i, n) for i, n in cells if n > LINES_PER_CELL]
    assert sum(n for _, n in cells) <= LINES_PER_NOTEBOOK


def test_the_checker_sees_what_a_notebook_should_not_hold():
    ids, figures = {"relais"}, {404565.0}
    cell = (
        "for x in rows:\n    pass\n"
        "y = 1 if a == b else 2  # a comparison\n"
        "df.groupby('a').apply(f)\n"
        "s.idxmax()\n"
        "ctx.retenir('relais')\n"
        "total = 404_565\n"
        "f = lambda v: v\n"
    )
    found = " ".join(faults(cell, ids, figures))
    for word in ("'for'", "'if'", "'=='", "'groupby'", "'apply'", "'idxmax'", "'relais'", "'404_565'", "'lambda'"):
        assert word in found, word
    assert faults('ctx.glue.valeur("total_relais", "mission_relais", "%", 0.01)  # for the record', ids, figures) == []


def test_the_bound_counts_comments():
    assert lines("# one\n\nx()\n# two\n") == 4


def _imports(path: Path) -> set[str]:
    """The modules of the package a module imports, wherever (inside functions and
    ``TYPE_CHECKING`` blocks included)."""
    names = {p.stem for p in PACKAGE.glob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aaas.publish.notebook."):
            found.add(node.module.split(".")[3])
    return found & names


def test_no_import_circle_in_the_notebook_helpers():
    graph = {p.stem: _imports(p) - {p.stem} for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    graph = {k: v - {"__init__"} for k, v in graph.items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError("import circulaire : " + " → ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert "context" not in graph["glue"] and "resume" not in graph["context"]


def test_the_monte_carlo_draws_are_computed_once(tmp_path, monkeypatch):
    from aaas.models import conventions
    from aaas.publish import cache
    from aaas.publish.notebook import analyses

    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    cache.claim(folder)
    monkeypatch.setattr(analyses, "_IN_MEMORY", {})
    values = conventions.defaults("rapport")
    first = analyses.tirages_total("rapport", values, 2_000, 1, False)
    assert len(list((folder / cache.MEMO_DIR).glob("*.npy"))) == 1
    assert cache.foreign_files(folder) == []

    def not_again(*args, **kwargs):
        raise AssertionError("tirages recalculés")

    monkeypatch.setattr(analyses, "_IN_MEMORY", {})  # another kernel: only the disk is shared
    monkeypatch.setattr(analyses.montecarlo, "montecarlo", not_again)
    again = analyses.tirages_total("rapport", values, 2_000, 1, False)
    np.testing.assert_array_equal(first, again)
    with pytest.raises(AssertionError, match="recalculés"):
        analyses.tirages_total("rapport", values, 2_000, 2, False)  # another seed: another memo


def test_the_memoised_draws_are_the_analysis_draws(monkeypatch):
    from aaas.models import conventions
    from aaas.publish.notebook import analyses
    from aaas.sensitivity import montecarlo

    monkeypatch.setattr(analyses, "memo_folder", lambda: None)
    values = conventions.defaults("rapport")
    for correle in (False, True):
        direct = montecarlo.montecarlo("rapport", 1_500, 3, ["total"], correle, dict(values))["total"]
        np.testing.assert_array_equal(analyses.tirages_total("rapport", values, 1_500, 3, correle), direct)
