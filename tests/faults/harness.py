"""The fault-trial suite's harness: run the command line the way a user does and check how it fails.

Every case states the command, the exit status it expects and what its one line on
stderr must name (the parameter, file or path concerned). :func:`aaas` runs
``python -m aaas`` in a child process (the real entry point: signals, stdout, encoding);
:func:`refused` checks a refusal: the status, one line on stderr, no traceback, no
warning, and each expected name in that line.

Cases too long for ``make test`` carry ``@pytest.mark.slow``; they run with
``pytest --slow`` (``make test-slow``, which ``.ci/run`` also runs).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    """What one command did: exit status, stdout, stderr (decoded as UTF-8, replaced)."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return (
            f"aaas {' '.join(self.args)} -> {self.code}\n--- stdout\n{self.out[-2000:]}\n--- stderr\n{self.err[-4000:]}"
        )


def aaas(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 180, **popen) -> Run:
    """Run ``python -m aaas ARGS`` in a child process and collect what it did.

    ``env`` entries are added to (or, with the value ``None``, removed from) the current
    environment; extra keyword arguments go to :func:`subprocess.run` (``stdout=``,
    ``stdin=`` …).
    """
    full = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            full.pop(name, None)
        else:
            full[name] = value
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    done = subprocess.run([sys.executable, "-m", "aaas", *args], env=full, cwd=cwd or ROOT, timeout=timeout, **popen)
    text = lambda b: b.decode("utf-8", "replace") if isinstance(b, bytes) else (b or "")  # noqa: E731
    return Run(tuple(args), done.returncode, text(done.stdout), text(done.stderr))


def refused(run: Run, *names: str, code: int = 2) -> str:
    """Assert that ``run`` was refused cleanly; return its one line.

    The exit status is ``code``; stderr is exactly one non-empty line, with neither
    « Traceback » nor a Python warning; that line names each of ``names``.
    """
    assert run.code == code, str(run)
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, str(run)
    line = lines[0]
    assert "Traceback" not in run.err and "Warning" not in run.err, str(run)
    for name in names:
        assert name in line, f"« {name} » absent de : {line}"
    return line


def clean(run: Run, code: int = 0) -> None:
    """Assert that ``run`` ended with ``code`` and wrote nothing on stderr that is a
    traceback or a warning."""
    assert run.code == code, str(run)
    assert "Traceback" not in run.err and "Warning" not in run.err, str(run)


def digest_tree(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (relative path -> digest): a user's files
    before and after a command must be identical."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }
