"""Run the command line in this process, for fault cases that need neither signals nor a
real stdout: as fast as a function call, checked by the same :func:`~tests.faults.harness.refused`."""

from __future__ import annotations

from aaas import cli
from tests.faults.harness import Run


def main(capsys, *args: str) -> Run:
    """``aaas ARGS`` through :func:`aaas.cli.main`, its output taken from ``capsys``."""
    capsys.readouterr()
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return Run(tuple(args), code, captured.out, captured.err)
