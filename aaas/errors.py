"""Every error the package raises on purpose, with its message in French.

:class:`InputError` is what the user can fix (the command line exits with status 2 and
prints the message on one line); :class:`BuildError` is a failed book build (status 1);
:class:`Interrupted` an interruption that says what became of the book (status 130).

>>> issubclass(ParameterError, InputError) and issubclass(ParameterError, ValueError)
True
"""

import os


class InputError(ValueError):
    """Bad input: one line for the user, naming what is wrong and what is accepted.

    In a notebook, IPython shows it as that line alone (:meth:`_render_traceback_`), not
    after the frames of the package: papermill reports it as the failed cell's error.

    >>> InputError("paramètre inconnu 'x'")._render_traceback_()
    ["aaas : erreur : paramètre inconnu 'x'"]
    """

    exit_code = 2

    def _render_traceback_(self) -> list[str]:
        """The lines IPython shows for this error instead of a traceback."""
        return [f"aaas : erreur : {self}"]


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


#: Characters of a user's value echoed in a message (the rest is counted, not shown).
ECHO_MAX = 40
#: Characters of a path echoed: its start and its end (the file's name) are kept.
CHEMIN_MAX = 120


def grouped(n: int) -> str:
    """A whole number grouped by thousands with narrow no-break spaces, as :mod:`aaas.fmt`
    groups them (the one grouping of the messages written beneath it).

    >>> grouped(10_000_000)
    '10\u202f000\u202f000'
    """
    return f"{n:,}".replace(",", "\u202f")


def cite(value: object, limit: int = ECHO_MAX) -> str:
    """A user's value as a message echoes it: whole if short, else its first ``limit``
    characters and its length — the one place that shortens what a message repeats.

    >>> cite("50000")
    '50000'
    >>> cite("1" * 309)
    '1111111111111111111111111111111111111111… (309 caractères)'
    >>> cite("a,b" * 50_000)
    'a,ba,ba,ba,ba,ba,ba,ba,ba,ba,ba,ba,ba,ba… (150\u202f000 caractères)'
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return text
    size = grouped(len(text))
    return f"{text[:limit]}… ({size} caractères)"


def cite_path(path: object, limit: int = CHEMIN_MAX) -> str:
    """A path as a message echoes it: whole if short, else its start and its end (the
    file's name) with its length — the one place that shortens the paths a message names.

    >>> cite_path("/tmp/" + "a" * 300, limit=40)
    '/tmp/aaaaa…aaaaaaaaaa (305 caractères)'
    >>> cite_path("/tmp/x.xlsx")
    '/tmp/x.xlsx'
    """
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else str(path)
    if len(text) <= limit:
        return text
    half = (limit - 20) // 2
    size = grouped(len(text))
    return f"{text[:half]}…{text[-half:]} ({size} caractères)"
