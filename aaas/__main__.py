"""``python -m aaas``: the command line (:func:`aaas.cli.run`, which handles Ctrl-C and
SIGTERM before anything heavy is imported)."""

from .cli import run

run()
