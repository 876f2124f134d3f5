"""The shape of the model layer: an ordered list of short steps (≤ 15 lines), and formulas
that document their units, source and a worked example (the layers and the general size
limits are checked by ``tests/test_architecture.py``).

Also a measurement script: ``PYTHONPATH=. python tests/models/test_structure.py`` prints
the longest functions, steps and modules.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from aaas.models import surcouts

ROOT = Path(__file__).resolve().parents[2]
FORMULES = sorted((ROOT / "aaas" / "formulas").glob("*.py"))
MODELES = sorted((ROOT / "aaas" / "models").glob("*.py"))
#: Modules of the model layer that predate this shape and keep their own (parameters,
#: scenarios, conventions).
HORS_PERIMETRE = {"parameters.py", "scenario.py", "conventions.py"}
MAX_FONCTION, MAX_ETAPE, MAX_MODULE = 45, 15, 400


def _functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _length(node) -> int:
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    return node.end_lineno - first + 1


def measures():
    """(longest functions, step lengths, module lengths) of the formulas and the model."""
    fichiers = FORMULES + [p for p in MODELES if p.name not in HORS_PERIMETRE]
    fonctions = sorted(
        ((_length(f), f"{p.relative_to(ROOT)}:{f.name}") for p in fichiers for f in _functions(p)), reverse=True
    )
    etapes = sorted((len(inspect.getsourcelines(s)[0]), f"{s.__module__}.{s.__name__}") for s in surcouts.STEPS)
    modules = sorted((len(p.read_text(encoding="utf-8").splitlines()), str(p.relative_to(ROOT))) for p in fichiers)
    return fonctions, etapes[::-1], modules[::-1]


def test_functions_steps_and_modules_are_short():
    fonctions, etapes, modules = measures()
    assert fonctions[0][0] <= MAX_FONCTION, fonctions[:3]
    assert etapes[0][0] <= MAX_ETAPE, etapes[:3]
    assert modules[0][0] <= MAX_MODULE, modules[:3]


def test_the_model_runs_each_step_once_in_the_reports_order():
    assert len(set(surcouts.STEPS)) == len(surcouts.STEPS)
    noms = [s.__name__ for s in surcouts.STEPS]
    assert noms.index("mediateur") < noms.index("interpretariat") < noms.index("referent_parcours")
    assert (
        noms.index("echanges_pratiques")
        < noms.index("unites")
        < noms.index("agregation")
        < noms.index("controles_porteurs")
    )


def _public_formulas():
    for path in FORMULES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield pytest.param(path, node, id=f"{path.stem}.{node.name}")


def _section(doc: str, title: str) -> str:
    match = re.search(rf"^{title}\n-+\n(.*?)(?=^\S[^\n]*\n-+\n|^Source|^>>>|\Z)", doc, flags=re.M | re.S)
    return match.group(1) if match else ""


@pytest.mark.parametrize("path,node", list(_public_formulas()))
def test_every_formula_has_a_numpydoc_docstring_with_units_a_source_and_an_example(path, node):
    doc = inspect.cleandoc(ast.get_docstring(node) or "")
    parametres = _section(doc, "Parameters")
    documentes = {
        n.strip().lstrip("*") for line in re.findall(r"^(\S[^:\n]*) :", parametres, re.M) for n in line.split(",")
    }
    arguments = [a.arg for a in node.args.args + node.args.kwonlyargs]
    arguments += [a.arg for a in (node.args.vararg, node.args.kwarg) if a is not None]
    assert set(arguments) <= documentes, (node.name, set(arguments) - documentes)
    assert "[" in _section(doc, "Returns"), f"{node.name}: Returns without a unit"
    if not path.name.startswith("_"):
        assert "Source" in doc, f"{node.name}: no source"
    assert ">>> " in doc, f"{node.name}: no worked example"


if __name__ == "__main__":
    for titre, rows in zip(("functions", "steps", "modules"), measures(), strict=True):
        print(f"{titre}: {len(rows)}, longest:", ", ".join(f"{name} ({n})" for n, name in rows[:5]))
