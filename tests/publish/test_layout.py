"""Size rules of ``aaas/publish`` (issue "architecture for the next 6000 lines").

No module over 400 lines and no function over 45 lines (counted from its first decorator
to its last line, docstring included).
"""

from __future__ import annotations

import ast
from pathlib import Path

import aaas.publish

PUBLISH = Path(aaas.publish.__file__).parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 45


def _functions(path: Path) -> list[tuple[str, int]]:
    """(``module:function``, lines) of every function and method of a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            found.append((f"{path.name}:{node.name}", node.end_lineno - start + 1))
    return found


def test_modules_are_short():
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PUBLISH.glob("*.py")}
    assert {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES} == {}


def test_functions_are_short():
    lengths = [f for path in sorted(PUBLISH.glob("*.py")) for f in _functions(path)]
    assert len(lengths) > 20
    assert [(name, n) for name, n in lengths if n > MAX_FUNCTION_LINES] == []
