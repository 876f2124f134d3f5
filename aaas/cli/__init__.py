"""Command line: ``aaas params | tables | compare | check | build | variants | …`` (also
``python -m aaas``).

Every input is validated before anything is computed or written; a bad input prints one
line on stderr naming the parameter and its accepted range, and exits with status 2.
An interruption (Ctrl-C, SIGTERM) prints one line and exits with status 130
(:mod:`aaas.cli.interrupts`); a closed or full stdout prints one line and exits with
status 1, a broken pipe exits silently with status 141, and an output encoding that
cannot show French is written transcribed (:mod:`aaas.cli.streams`).

:func:`run` is the process's entry point (the ``aaas`` script and ``python -m aaas``):
it handles the signals before anything heavy is imported.  :func:`main` runs one command
line and returns its status (tests call it in-process).
"""

from __future__ import annotations

import contextlib
import os
import sys

from ..errors import BuildError, InputError
from . import interrupts, streams

EXIT_INTERRUPTED = interrupts.EXIT_INTERRUPTED
#: The optional dependency group (``pip install "aaas[GROUPE]"``, pyproject.toml) that brings
#: each module a command may need beyond the core install.
EXTRAS = {
    "openpyxl": "tableur",
    "scipy": "sensibilite",
    **dict.fromkeys(
        ("papermill", "nbformat", "nbclient", "myst_nb", "jupyter_book", "jupyter_cache", "sphinx", "ipykernel"),
        "livre",
    ),
    **dict.fromkeys(("matplotlib", "playwright", "pypdf"), "livre"),
}


def run() -> None:
    """The process's entry point: :func:`main` on ``sys.argv``, then exit with its status.

    The signal handlers are installed first.  An interrupted command ends the process at
    once once its line is printed (``os._exit``): the threads still waiting on a killed
    kernel are not waited for.
    """
    interrupts.install(process=True)
    code = main()
    if code == EXIT_INTERRUPTED:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0; 1 on a failed check or build, or
    when stdout cannot be written; 2 on bad input; 130 when interrupted; 141 when the
    reader of stdout went away)."""
    with interrupts.handled():
        try:
            streams.prepare()
            out, code = _command(argv)
            streams.write_output(out)
        except ModuleNotFoundError as exc:  # an optional dependency this command needs
            message = missing_extra(exc)
            if message is None:
                raise
            streams.say(message)
            return InputError.exit_code
        except (InputError, BuildError) as exc:
            prefix = "erreur" if isinstance(exc, InputError) else "échec de la construction"
            streams.say(f"aaas : {prefix} : {exc}")
            return exc.exit_code
        except KeyboardInterrupt as exc:
            detail = str(exc)
            streams.say(f"{interrupts.MESSAGE} ; {detail}" if detail else interrupts.MESSAGE)
            interrupts.told()
            return EXIT_INTERRUPTED
        except streams.OutputError as exc:
            return _failed_output(exc)
        except SystemExit:  # --help, --version: their text is flushed here, a failure told
            try:
                streams.write_output("")
            except streams.OutputError as exc:
                return _failed_output(exc)
            raise
        except BrokenPipeError as exc:  # stdout written by a command on its way (progress)
            if not streams.reader_gone():
                raise
            return streams.failure(exc).exit_code
    note = streams.notice()
    if note:
        streams.say(note)
    return code


def missing_extra(exc: ModuleNotFoundError) -> str | None:
    """The line telling which optional group to install for the missing module of ``exc``
    (None for a module no group brings: a fault of the installation, shown as it is).

    >>> print(missing_extra(ModuleNotFoundError("No module named 'openpyxl'", name="openpyxl")))
    aaas : erreur : cette commande demande le module « openpyxl », absent de cette installation :
    pip install "aaas[tableur]"
    >>> missing_extra(ModuleNotFoundError("No module named 'x'", name="x")) is None
    True
    """
    module = (exc.name or "").split(".")[0]
    if module not in EXTRAS:
        return None
    return (
        f"aaas : erreur : cette commande demande le module « {module} », absent de cette installation : "
        f'pip install "aaas[{EXTRAS[module]}]"'
    )


def _failed_output(exc: streams.OutputError) -> int:
    if str(exc):
        streams.say(str(exc))
    return exc.exit_code


def _command(argv: list[str] | None) -> tuple[str, int]:
    """Parse ``argv`` and run its command; return its output and status."""
    from . import commands
    from .parser import build_parser

    args = build_parser(commands.COMMANDS).parse_args(argv)
    return args.func(args)
