"""One definition per fact: no mission id and no printed figure is typed in the code.

The missions are the rows of ``data/missions.csv`` and the printed figures the values of
``data/published.csv``; the code reads them there (:func:`aaas.datastore.missions`,
:func:`aaas.datastore.printed_figure`).  This test scans every ``.py`` file of ``aaas/``
and ``benchmarks/`` and every code cell of ``notebooks/`` for

* a mission id (``relais``, ``pair_aidance``…) written as a string literal;
* a printed figure written as a number literal, when the figure is not a small round
  number: at least three significant digits (404565, 105540, 0.114, 17.5, 132), so that a
  coincidence such as 12 months, 15 % or 4 500 does not count.

Literals are read with :mod:`ast` (strings) and :mod:`tokenize` (numbers): docstrings,
their doctests (the report's worked examples) and comments are text, not literals.  The
tests' expected values and ``data/`` itself are not scanned.
"""

from __future__ import annotations

import ast
import io
import json
import tokenize
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Literals allowed, by file and line content, each with its reason.
ALLOWED = {
    ("aaas/models/aggregate.py", '"relais"'): (
        "part_relais_surcout_appui_coordination is by definition the relais mission's share (report 3.2.5): "
        "the id names the subject of the quantity, as its name does"
    ),
}


def _significant(value: float) -> int:
    """The count of significant digits of ``value`` as written in decimal (404565.0: 6; 0.15: 2)."""
    return len(Decimal(repr(float(value))).normalize().as_tuple().digits)


MISSIONS = frozenset(pd.read_csv(ROOT / "data" / "missions.csv", dtype=str)["mission"])
PRINTED = frozenset(
    float(v) for v in pd.read_csv(ROOT / "data" / "published.csv")["value"].dropna() if _significant(v) >= 3
)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string constants that are docstrings (module, class, function)."""
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    out = set()
    for node in ast.walk(tree):
        first = node.body[0] if isinstance(node, kinds) and node.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            out.add(id(first.value))
    return out


def typed_facts(source: str) -> list[tuple[int, str]]:
    """(line, literal) of each mission id string and each printed figure number in ``source``.

    >>> typed_facts("x = 'relais'\\ny = 404565\\n'404565 relais'  # 404565")
    [(1, '"relais"'), (2, '404565')]
    """
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = [
        (n.lineno, f'"{n.value}"')
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in MISSIONS and id(n) not in docs
    ]
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        number = tok.type == tokenize.NUMBER and not tok.string.endswith(("j", "J"))
        if number and float(ast.literal_eval(tok.string)) in PRINTED:
            found.append((tok.start[0], tok.string))
    return sorted(found)


def _notebook_code(path: Path) -> list[tuple[int, str]]:
    """(cell index, code) of each code cell, IPython magics and shell lines blanked."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    out = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            lines = "".join(cell["source"]).splitlines()
            out.append((i, "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in lines) + "\n"))
    return out


def _sources() -> list[str]:
    files = [
        p for d in ("aaas", "benchmarks") for p in sorted((ROOT / d).rglob("*.py")) if "__pycache__" not in p.parts
    ]
    return [p.relative_to(ROOT).as_posix() for p in files + sorted((ROOT / "notebooks").glob("*.ipynb"))]


def _violations(rel: str) -> list[str]:
    path = ROOT / rel
    parts = _notebook_code(path) if path.suffix == ".ipynb" else [(None, path.read_text(encoding="utf-8"))]
    out = []
    for cell, code in parts:
        where = rel if cell is None else f"{rel} (cellule {cell})"
        out += [f"{where}:{line}: {lit}" for line, lit in typed_facts(code) if (rel, lit) not in ALLOWED]
    return out


def _params() -> list:
    return [pytest.param(rel, id=rel) for rel in _sources()]


@pytest.mark.parametrize("rel", _params())
def test_no_typed_mission_or_printed_figure(rel):
    """Read the mission from ``datastore.missions()`` and the figure from ``datastore.printed_figure``."""
    assert _violations(rel) == []


def test_the_scan_finds_what_it_must():
    """The rule catches the typed total and a mission id, and lets docstrings, comments and
    small round numbers pass."""
    code = 'def f():\n    """404565 relais."""\n    return {"relais": 404565.0, "n": 12, "p": 0.15}  # 105540\n'
    assert typed_facts(code) == [(3, '"relais"'), (3, "404565.0")]
    assert {404565.0, 105540.0, 0.114} <= PRINTED and not {12.0, 15.0, 0.15, 4500.0} & PRINTED
    assert len(MISSIONS) == 4 and "pair_aidance" in MISSIONS


def test_allowed_and_pending_name_real_files():
    for rel, _ in ALLOWED:
        assert (ROOT / rel).is_file(), rel
