"""Command line: ``aaas params | tables | compare | check | build | variants`` (also
``python -m aaas``).

Every input is validated before anything is computed or written; a bad input prints one
line on stderr naming the parameter and its accepted range, and exits with status 2; an
interruption (Ctrl-C, SIGTERM) prints one line and exits with status 130.
"""

from __future__ import annotations

import signal
import sys

from ..errors import BuildError, InputError
from .parser import build_parser

EXIT_INTERRUPTED = 130


def _sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0; 1 on a failed check or build; 2 on
    bad input; 130 when interrupted)."""
    from . import commands

    try:
        previous = signal.signal(signal.SIGTERM, _sigterm)
    except ValueError:  # not in the main thread
        previous = None
    try:
        args = build_parser(commands.COMMANDS).parse_args(argv)
        out, code = args.func(args)
    except (InputError, BuildError) as exc:
        prefix = "erreur" if isinstance(exc, InputError) else "échec de la construction"
        print(f"aaas : {prefix} : {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("aaas : interrompu ; le livre précédent est intact", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    sys.stdout.write(out + ("\n" if out and not out.endswith("\n") else ""))
    return code
