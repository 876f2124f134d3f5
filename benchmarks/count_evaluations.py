"""How many times the model is evaluated by ``aaas check`` and by a notebook's set-up
(the first release evaluated it 15 times for ``aaas check`` and 5 times per notebook).

Run: ``.venv/bin/python benchmarks/count_evaluations.py``.
"""

from __future__ import annotations

import contextlib
import io

from aaas import cli, datastore
from aaas.models import conventions
from aaas.publish import notebook


def count(action) -> int:
    """Model evaluations made by ``action`` from a cold cache."""
    datastore.clear_cache()
    calls = []
    original = conventions.Convention.evaluate

    def counting(self, values):
        calls.append(self.name)
        return original(self, values)

    conventions.Convention.evaluate = counting
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            action()
    finally:
        conventions.Convention.evaluate = original
    return len(calls)


def notebook_setup() -> None:
    ctx = notebook.setup()
    ctx.html("synthese")
    _ = ctx.reference


if __name__ == "__main__":
    print(f"aaas check : {count(lambda: cli.main(['check']))} évaluations du modèle")
    print(f"set-up d'un notebook (résultats, référence, réconciliation) : {count(notebook_setup)} évaluations")
    print(f"aaas tables : {count(lambda: cli.main(['tables']))} évaluations")
