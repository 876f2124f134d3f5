"""Every declared value evaluable through the command line (issue 18, part 3): the issue's observation
in ``make test``, the sweep in the slow tier.

The sweep of :mod:`tests.faults.test_bounds_sweep` (every numeric parameter at its min,
max and midpoint, every choice parameter at each choice) through ``aaas check``, ``aaas
tables`` and ``aaas sensitivity oneway``, one child process per case as a user runs them:
exit 0 — or the payroll rules' one-line refusal (:data:`~tests.faults.test_bounds_sweep.REFUS`),
naming the salary — and nothing on stderr that is a traceback or a warning, and no
non-finite number on stdout.

Cost (2 cores shared, about 1,2 to 1,9 s of CPU per child): ``check`` without
``--convention`` evaluates the three conventions in one child, so every value runs under
each convention there (≈ 400 children, plus one per convention for a value one of them
refuses).  ``tables`` and ``sensitivity oneway`` run every value once, under the
conventions in turn (value *i* under convention *i* mod 3 for ``tables``, *i* + 1 mod 3 for
``oneway``): the model's part of every (value, convention) pair is swept in-process by
``test_bounds_sweep.py``, and what these commands add — the reconciliation for ``tables``,
the one-way points for ``oneway``, the rendering and the entry point — is the same code
under every convention; every refused case runs under its own convention with each
command.  1 231 children, two at a time: 32 minutes measured on this machine shared with
other jobs (load 4 to 8 on 2 cores; ``check`` 19 min, ``tables`` 9, ``oneway`` 5), about
half that idle (1,2 to 1,9 s of CPU a child).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from aaas.models import conventions

from .harness import aaas, clean, refused
from .test_bounds_sweep import REFUS, cases

CONVENTIONS = conventions.CONVENTIONS
WORKERS = 2
NON_FINI = re.compile(r"\b(?:nan|NaN|inf|-inf)\b|∞")


def _check(job: tuple[tuple[str, ...], str | None]) -> str | None:
    """Run one case; the failure's description, or None when the case behaves."""
    args, refuse = job
    run = aaas(*args, timeout=300)
    try:
        if refuse:
            refused(run, refuse, "calcul_cotisations")
        else:
            clean(run)
            assert not run.err.strip(), str(run)
            assert not NON_FINI.search(run.out), f"non-finite number shown\n{run}"
    except AssertionError as exc:
        return f"aaas {' '.join(args)}: {exc}"[:3000]
    return None


def _run(jobs: list[tuple[tuple[str, ...], str | None]]) -> None:
    with ThreadPoolExecutor(WORKERS) as pool:
        failures = [f for f in pool.map(_check, jobs) if f]
    assert not failures, f"{len(failures)} / {len(jobs)} cases fail:\n" + "\n\n".join(failures[:20])


def _refused_by(name: str, value: str, convention: str) -> str | None:
    return REFUS.get((name, value, convention))


@pytest.mark.parametrize(
    "args",
    [
        ("tables", "--set", "salaire_net_mediateur=0"),
        ("check", "--convention", "corrige", "--set", "salaire_net_mediateur=0"),
        ("sensitivity", "oneway", "--set", "salaire_net_mediateur=0"),
        ("tables", "synthese", "--set", "salaire_brut_secretariat=0"),
    ],
    ids=["tables", "check", "oneway", "secretariat"],
)
def test_a_zero_salary_costs_zero(args):
    """Issue 18's observation (``make test``): a salary of 0, inside its bounds, gave a
    ``ZeroDivisionError`` (``salaires.py:58``) or a ``RuntimeWarning`` (``paie.py:88``)."""
    assert _check((args, None)) is None


@pytest.mark.slow
def test_check_every_value_under_every_convention():
    jobs = []
    for name, value in cases():
        setting = ("--set", f"{name}={value}")
        refusals = {c: _refused_by(name, value, c) for c in CONVENTIONS}
        if not any(refusals.values()):
            jobs.append((("check", *setting), None))
            continue
        first = next(c for c in CONVENTIONS if refusals[c])
        jobs.append((("check", *setting), refusals[first]))
        jobs += [(("check", "--convention", c, *setting), refusals[c]) for c in CONVENTIONS]
    _run(jobs)


@pytest.mark.slow
@pytest.mark.parametrize("command", [("tables",), ("sensitivity", "oneway")], ids=["tables", "oneway"])
def test_every_value_through_the_command(command):
    shift = 0 if command == ("tables",) else 1
    runs = {(name, value, CONVENTIONS[(i + shift) % len(CONVENTIONS)]) for i, (name, value) in enumerate(cases())}
    runs |= set(REFUS)  # every refusal under its own convention too
    jobs = [
        ((*command, "--convention", c, "--set", f"{name}={value}"), _refused_by(name, value, c))
        for name, value, c in sorted(runs)
    ]
    _run(jobs)
