"""Every declared value evaluable (issue 18, part 3), in-process and vectorised.

Every numeric parameter of ``data/parameters.csv`` at its min, its max and its midpoint,
every choice parameter at each choice, under each convention: the model gives finite
results with no warning (NumPy errors raise, Python warnings are errors), no cost is
negative and no share leaves [0, 1]; the only refusal is the payroll rules' own (a salary
outside what the URSSAF rules of ``annee_paie`` allow, when posts are paid by them), in
one line naming the salary.  Each value moves nothing it should not: a parameter of
declared direction ``sens`` moves the totals that way, a parameter inert under the
convention moves nothing, and the value ``aaas params`` shows reproduces the convention's
results exactly.

The numeric cases of a convention are evaluated at once: one array per parameter, holding
the convention's value except at that parameter's own cases.  The same sweep through the
command line is ``tests/faults/test_bounds_cli.py`` (slow tier).
"""

from __future__ import annotations

import warnings
from functools import cache

import numpy as np
import pytest

from aaas import fmt
from aaas.errors import ParameterError
from aaas.models import conventions, paie, parameters
from aaas.models import scenario as scenarios

pytestmark = pytest.mark.filterwarnings("error")

CONVENTIONS = conventions.CONVENTIONS

#: Results that may be negative: a rounding's gap (``*_arrondi``: the report rounds some
#: budgets down) and a margin (``marge_*``: negative when a carrier is not the cheapest).
SIGNES = ("ecart_", "marge_")


def signed(name: str) -> bool:
    return name.startswith(SIGNES) or name.endswith("_arrondi")


#: The refusals the sweep meets, all the payroll rules' (``aaas.models.paie.verifie_salaires``):
#: (parameter set, value, convention) -> the salary the one-line message names.  Under
#: ``actualise`` the posts are paid by the URSSAF rules of 2026: a salary of 0 is below the
#: SMIC and the top of the net salaries' bounds is beyond the grid of the rules.  Choosing
#: ``calcul_cotisations = regles_urssaf`` under the report's conventions pays the report's
#: 2022 salaries by the 2026 rules: its secretariat's 1 700 € gross is below the 2026 SMIC.
REFUS = {
    ("calcul_cotisations", "regles_urssaf", "rapport"): "salaire_brut_secretariat",
    ("calcul_cotisations", "regles_urssaf", "corrige"): "salaire_brut_secretariat",
    ("salaire_net_mediateur", "0", "actualise"): "salaire_net_mediateur",
    ("salaire_net_mediateur", "20000", "actualise"): "salaire_net_mediateur",
    ("salaire_net_referent", "0", "actualise"): "salaire_net_referent",
    ("salaire_net_referent", "20000", "actualise"): "salaire_net_referent",
    ("salaire_net_medecin_coordinateur", "0", "actualise"): "salaire_net_medecin_coordinateur",
    ("salaire_net_medecin_coordinateur", "25000", "actualise"): "salaire_net_medecin_coordinateur",
    ("salaire_net_medecin_coordinateur", "50000", "actualise"): "salaire_net_medecin_coordinateur",
    ("salaire_brut_secretariat", "0", "actualise"): "salaire_brut_secretariat",
    ("salaire_net_coordinateur", "0", "actualise"): "salaire_net_coordinateur",
    ("salaire_net_coordinateur", "20000", "actualise"): "salaire_net_coordinateur",
    ("salaire_brut_plaidoyer", "0", "actualise"): "salaire_brut_plaidoyer",
}


def sweep_values(p: parameters.Parameter) -> list[str]:
    """The values of the sweep for one parameter, as typed on the command line: each
    choice, or min, max and midpoint (rounded down for a whole-number parameter)."""
    if p.categorical:
        return list(p.choices)
    values = [v for v in (p.min, p.max) if v is not None]
    if p.min is not None and p.max is not None:
        mid = (p.min + p.max) / 2
        values.append(float(np.floor(mid)) if p.entier else mid)
    return [fmt.saisie(v) for v in values]


def cases() -> list[tuple[str, str]]:
    """Every (parameter, value) of the sweep, in the table's order."""
    return [(name, v) for name, p in parameters.parameters().items() for v in sweep_values(p)]


def evaluate(convention: str, values: dict):
    """The convention's complete model on ``values``, NumPy errors raising."""
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        return conventions.get(convention).evaluate(values)


def numbers(results) -> dict[str, np.ndarray]:
    """The numeric results (readings and other texts left out), as float arrays."""
    return {k: np.asarray(v, dtype=float) for k, v in results.items() if not isinstance(v, str)}


def refusal(convention: str, name: str, value: str) -> str | None:
    """The one-line message refusing ``name = value`` under ``convention``, or None when
    the model evaluates it (any other exception fails the test)."""
    values = {**conventions.defaults(convention), name: parameters.lookup(name).validate(value, "--set")}
    try:
        evaluate(convention, values)
    except ParameterError as exc:
        return str(exc)
    return None


@cache
def sweep(convention: str):
    """The whole sweep under ``convention``: the refused cases with their message, and the
    evaluated cases with their numeric results (the numeric cases in one vectorised call)."""
    base = conventions.defaults(convention)
    table = parameters.parameters()
    refused: dict[tuple[str, str], str] = {}
    numeric: list[tuple[str, str, float]] = []
    results: dict[tuple[str, str], dict[str, np.ndarray]] = {}
    for name, text in cases():
        p = table[name]
        if p.categorical:
            if text == base[name]:
                continue  # the convention's own reading: its default results
            message = refusal(convention, name, text)
            if message is not None:
                refused[(name, text)] = message
                continue
            results[(name, text)] = numbers(evaluate(convention, {**base, name: text}))
            continue
        x = p.validate(text, "--set")
        legal = paie.bornes(base, name)
        if legal and not legal[0] - 0.005 <= x <= legal[1]:
            refused[(name, text)] = refusal(convention, name, text)
            continue
        numeric.append((name, text, x))
    draws = {name: np.full(len(numeric), float(base[name])) for name in {n for n, _, _ in numeric}}
    for i, (name, _, x) in enumerate(numeric):
        draws[name][i] = x
    together = numbers(evaluate(convention, {**base, **draws}))
    for i, (name, text, _) in enumerate(numeric):
        results[(name, text)] = {k: np.broadcast_to(v, (len(numeric),))[i] for k, v in together.items()}
    return refused, results, numbers(conventions.compute(convention))


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_only_the_payroll_rules_refuse_a_declared_value(convention):
    refused, _, _ = sweep(convention)
    expected = {(n, v): who for (n, v, c), who in REFUS.items() if c == convention}
    assert set(refused) == set(expected)
    for (name, value), message in refused.items():
        assert message is not None and "\n" not in message
        assert f"'{expected[(name, value)]}'" in message, message
        assert "plage acceptée" in message and "calcul_cotisations = regles_urssaf" in message, message


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_every_declared_value_gives_finite_sensible_results(convention):
    _, results, _ = sweep(convention)
    assert len(results) > 250
    problems = []
    for (name, value), res in results.items():
        for k, v in res.items():
            if not np.isfinite(v):
                problems.append(f"{name}={value}: {k} = {v}")
            elif v < 0 and not signed(k):
                problems.append(f"{name}={value}: {k} = {v} < 0")
            elif k.startswith(("part_", "plage_")) and v > 1 + 1e-12:
                problems.append(f"{name}={value}: {k} = {v} > 1")
    assert not problems, "\n".join(problems[:40])


def _totals(res) -> np.ndarray:
    return np.array([res[k] for k in sorted(res) if k == "total" or k.startswith("mission_") and "_par_" not in k])


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_each_value_moves_the_totals_as_declared(convention):
    """``sens`` + never lowers a total, - never raises one, 0 (or inert under the
    convention) moves none; min <= midpoint <= max in that order for + (reversed for -)."""
    _, results, default = sweep(convention)
    base = conventions.defaults(convention)
    ref = _totals(default)
    tol = 1e-9 * max(1.0, float(np.max(np.abs(ref))))
    wrong = []
    for name, p in parameters.parameters().items():
        if p.categorical:
            continue
        points = [(float(p.validate(v)), _totals(results[(name, v)])) for v in sweep_values(p) if (name, v) in results]
        points = sorted([*points, (float(base[name]), ref)], key=lambda t: t[0])
        if p.sens == "0" or p.inert_under(base):
            wrong += [f"{name}={x}: {t - ref}" for x, t in points if np.any(np.abs(t - ref) > tol)]
        elif p.sens in "+-":
            sign = 1 if p.sens == "+" else -1
            for (x0, t0), (x1, t1) in zip(points, points[1:], strict=False):
                if np.any(sign * (t1 - t0) < -tol):
                    wrong.append(f"{name} ({p.sens}) from {x0} to {x1}: {t1 - t0}")
    assert not wrong, "\n".join(wrong[:40])


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_the_shown_value_changes_nothing(convention):
    """Each parameter set to the value ``aaas params`` shows for it (``--set NAME=VALUE``)
    is the convention's own value, and all of them at once give its results exactly."""
    base = conventions.defaults(convention)
    shown = {name: fmt.saisie(v) for name, v in base.items()}
    scenario = scenarios.resolve(overrides=shown, convention=convention)
    assert scenario.values == base
    assert not scenario.changed
    res = numbers(evaluate(convention, dict(scenario.values)))
    default = numbers(conventions.compute(convention))
    assert res.keys() == default.keys()
    assert all(np.array_equal(res[k], default[k]) for k in res)
