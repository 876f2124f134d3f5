"""Every error the package raises on purpose, with its message in French.

:class:`InputError` is what the user can fix (the command line exits with status 2 and
prints the message on one line); :class:`BuildError` is a failed book build (status 1);
:class:`Interrupted` an interruption that says what became of the book (status 130).

>>> issubclass(ParameterError, InputError) and issubclass(ParameterError, ValueError)
True
"""


class InputError(ValueError):
    """Bad input: one line for the user, naming what is wrong and what is accepted."""

    exit_code = 2


class ParameterError(InputError):
    """An unknown parameter, or a value outside its accepted range or choices."""


class ScenarioFileError(InputError):
    """A scenario file that cannot be read or is not a mapping ``nom: valeur``."""


class ChoiceError(InputError):
    """An unknown table, convention, format or option of the command line."""


class DataFileError(InputError):
    """A file of ``data/`` that is missing, unreadable or lacks a column."""


class OutputPathError(InputError):
    """An output path that cannot receive the book."""


class BuildError(RuntimeError):
    """A notebook, a generated page or jupyter-book failed; the message names what failed
    and where."""

    exit_code = 1


class Interrupted(KeyboardInterrupt):
    """An interrupted command (Ctrl-C, SIGTERM); the message tells, in French, what became
    of what it was writing (« le livre précédent est intact », « le nouveau livre est
    complet »).  The command line prints « aaas : interrompu ; <message> » and exits
    with status 130."""

    exit_code = 130
