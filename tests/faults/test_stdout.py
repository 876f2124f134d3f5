"""stdout and encoding: a full or closed stdout, a broken pipe, an output encoding that
is not UTF-8 (:mod:`aaas.cli.streams`).

Each case runs the real entry point (``python -m aaas``) and expects no traceback and
nothing from the interpreter's own flush at exit (« Exception ignored »).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.faults.harness import ROOT, aaas, clean, refused


def no_python_noise(run) -> None:
    assert "Traceback" not in run.err and "Exception ignored" not in run.err, str(run)


def test_a_full_stdout_is_one_line_and_status_1():
    with open("/dev/full", "w") as full:
        run = aaas("tables", "synthese", stdout=full)
    line = refused(run, "sortie standard", "plus de place", code=1)
    assert line.startswith("aaas : ")


def test_a_full_stdout_after_help_is_one_line_too():
    with open("/dev/full", "w") as full:
        run = aaas("--help", stdout=full)
    refused(run, "sortie standard", code=1)


def test_a_closed_stdout_is_refused_before_anything_runs(tmp_path):
    # ``aaas tables synthese >&-``: the child starts with descriptor 1 closed.
    run = aaas("tables", "synthese", stdout=subprocess.DEVNULL, pass_fds=(), preexec_fn=lambda: os.close(1))
    refused(run, "sortie standard fermée", code=1)


def test_a_closed_stdout_refuses_a_build_before_it_writes(tmp_path):
    out = tmp_path / "livre"
    run = aaas("build", "--out", str(out), stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    refused(run, "sortie standard fermée", code=1)
    assert not out.exists()


def test_a_broken_pipe_ends_silently_with_141():
    # ``aaas tables | head -1`` once ``head`` has gone: the pipe's reader is closed.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        run = aaas("tables", stdout=writer)
    finally:
        os.close(writer)
    assert run.code == 141 and run.err == "", str(run)


def test_a_pipe_closed_by_head_in_a_shell():
    shell = f"set -o pipefail; {sys.executable} -m aaas tables | head -c 10 >/dev/null"
    done = subprocess.run(["bash", "-c", shell], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 141) and done.stderr == "", done.stderr


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": None}],
    ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"],
)
def test_an_ascii_output_is_transcribed_with_one_line_saying_so(env):
    run = aaas("tables", "synthese", env=env)
    clean(run)
    no_python_noise(run)
    assert run.out.isascii()
    assert "404 565 EUR" in run.out and "parametres modifies" in run.out  # numbers exact, accents dropped
    lines = run.err.splitlines()
    assert len(lines) == 1 and "transcrits" in lines[0] and "PYTHONIOENCODING=utf-8" in lines[0], run.err


def test_a_negative_number_keeps_its_sign_in_ascii():
    run = aaas(
        "tables",
        "synthese",
        "--baseline",
        "rapport",
        "--set",
        "population_bassin=15000",
        env={"PYTHONIOENCODING": "ascii"},
    )
    clean(run)
    assert re.search(r"(^|\s)-\d", run.out) and "?" not in run.out, run.out


def test_an_ascii_refusal_is_still_one_readable_line():
    run = aaas("tables", "--set", "population_bassin=-1", env={"PYTHONIOENCODING": "ascii"})
    line = refused(run, "population_bassin", "hors bornes")
    assert "\\x" not in line and line.isascii()


def test_a_latin9_terminal_keeps_its_accents():
    env = dict(os.environ, PYTHONIOENCODING="iso8859-15")
    done = subprocess.run([sys.executable, "-m", "aaas", "tables", "synthese"], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert "paramètres".encode("iso8859-15") in done.stdout and "€".encode("iso8859-15") in done.stdout
    assert b"transcrits" in done.stderr  # the narrow no-break space of thousands is not in Latin-9
