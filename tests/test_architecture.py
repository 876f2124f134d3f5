"""The package's layers, read from its imports (ast): every arrow runs one way.

formulas (NumPy only) → models → checks, sensitivity → present → publish → cli; the
foundations (``datastore``, ``errors``, ``fmt``) may be imported by any layer but the
formulas.  No import circle among the package's modules, counting every import (inside
functions and ``TYPE_CHECKING`` blocks included).  Also the size rules: no module over 400
lines, no function over 45 lines.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aaas"

#: Rank of each layer: a module may import from its own layer or lower ranks only.
RANKS = {
    "__version__": 0,  # package metadata, defined in aaas/__init__.py before anything else
    "formulas": 0,
    "errors": 1,
    "location": 0.8,  # checkout or installation, and the version (standard library only)
    "inputs": 1.2,  # bounded reading of files and counts (errors only)
    "provenance": 3,
    "datadiff": 1.5,  # what differs from the published data (standard library only)
    "fmt": 1,
    "grammaire": 0.5,  # French agreement of nouns, beneath fmt
    "datastore": 2,
    "labels": 2.5,  # the French label of every name a reader sees (reads datastore)
    "schemas": 1,  # the declared schemas of the data files (pandera), read by datastore
    "models": 3,
    "checks": 4,
    "sensitivity": 4,
    "atlas": 4,
    "present": 5,
    "publish": 6,
    "cli": 7,
    "__main__": 8,
    "__init__": 8,
}
#: Third-party packages the formulas may import.
FORMULAS_ALLOWED = {"numpy", "__future__", "math", "typing", "collections", "functools"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 45


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _dotted(path: Path) -> list[str]:
    return list(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _layer(parts: list[str]) -> str:
    """``["aaas", "models", "surcouts"]`` -> ``"models"``; ``["aaas"]`` -> ``"__init__"``."""
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, text: str | None = None) -> list[tuple[str, list[str] | None]]:
    """(top-level name, aaas module parts or None for third-party) of every import of the
    module at ``path`` (its source ``text``, read from ``path`` when omitted); an imported
    name is listed as its module's parts followed by the name."""
    parts = _dotted(path)
    package = parts[:-1]
    out = []
    source = path.read_text(encoding="utf-8") if text is None else text
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names = alias.name.split(".")
                out.append((names[0], names if names[0] == "aaas" else None))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = base + (node.module.split(".") if node.module else [])
                out += [("aaas", target + [a.name]) for a in node.names]
            else:
                names = node.module.split(".")
                if names[0] == "aaas":
                    out += [("aaas", names + [a.name]) for a in node.names]
                else:
                    out.append((names[0], None))
    return out


@pytest.mark.parametrize("path", _modules(), ids=lambda p: "/".join(_dotted(p)))
def test_imports_run_one_way(path):
    own = _layer(_dotted(path))
    for top, target in _imports(path):
        if own == "formulas":
            assert target is None and top in FORMULAS_ALLOWED or (target and _layer(target) == "formulas"), (
                f"{path.name}: a formula imports {top if target is None else '.'.join(target)}"
            )
            continue
        if target is None or len(target) < 2:
            continue
        layer = _layer(target)
        assert layer == own or RANKS[layer] < RANKS[own], f"{'.'.join(_dotted(path))} imports {'.'.join(target)}"


def test_the_checker_sees_a_backward_arrow():
    """The rule can fail: a model importing the checks layer is caught (read from a source
    text: nothing is written into the package)."""
    bad = PACKAGE / "models" / "_tmp_bad_arrow.py"
    targets = [t for _, t in _imports(bad, "from ..checks import reconcile\n") if t]
    assert any(RANKS[_layer(t)] > RANKS["models"] for t in targets)


def _module_file(parts: list[str]) -> Path | None:
    """The file of the module ``parts`` names (``aaas.models.sheet``), or of the module an
    imported name belongs to (``aaas.models.sheet.Sheet``); a package is its ``__init__``."""
    while parts:
        base = PACKAGE.parent.joinpath(*parts)
        if base.with_suffix(".py").is_file():
            return base.with_suffix(".py")
        if (base / "__init__.py").is_file():
            return base / "__init__.py"
        parts = parts[:-1]
    return None


def _graph(modules: list[Path]) -> dict[str, set[str]]:
    """Each module's file (relative to the repository) -> the files of the package's modules
    it imports, wherever the import stands."""
    name = lambda p: p.relative_to(PACKAGE.parent).as_posix()  # noqa: E731
    graph = {}
    for path in modules:
        files = {_module_file(t) for _, t in _imports(path) if t}
        graph[name(path)] = {name(f) for f in files if f is not None and f != path}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while not component or v not in component:
                component.add(stack.pop())
            if len(component) > 1:
                out.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle():
    circles = _circles(_graph(_modules()))
    assert not circles, "import circles: " + " ; ".join(" ↔ ".join(sorted(c)) for c in circles)


def test_the_circle_finder_sees_a_circle_through_a_function_s_import():
    a = PACKAGE / "models" / "sheet.py"
    late = "def f():\n    from .surcouts import evaluate\n"
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert _circles(graph) == [frozenset({"a", "b", "c"})]
    assert ["aaas", "models", "surcouts", "evaluate"] in [t for _, t in _imports(a, late)]
    assert _module_file(["aaas", "models", "surcouts", "evaluate"]) == PACKAGE / "models" / "surcouts.py"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: "/".join(_dotted(p)))
def test_sizes(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES, f"{path.name}: {text.count(chr(10))} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path.name}: {node.name} has {length} lines"


def test_every_data_file_is_read_by_the_data_layer_only():
    """No module but ``aaas/datastore.py`` opens a file of ``data/``."""
    for path in _modules():
        if path.name == "datastore.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not any(s in text for s in ("read_csv", "data_dir()", "datastore.path(")), path
