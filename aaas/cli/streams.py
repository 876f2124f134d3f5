"""The command line's standard streams: a closed or full stdout, a broken pipe, an output
encoding that cannot show French.

* A closed stdout (``aaas tables >&-``) is refused before anything runs, with one line
  on stderr and exit status 1 (:data:`EXIT_WRITE_ERROR`); a closed stdin or stderr is
  plugged with ``/dev/null``, so that no file the command opens later (nor any child
  process) takes their descriptor.
* A write error on stdout (``> /dev/full``: no space left) ends the command with one
  line and exit status 1, as ``cat`` or ``ls`` do (:func:`write_output`).
* A broken pipe (``aaas tables | head -1``) ends the command silently with exit status
  141 (:data:`EXIT_BROKEN_PIPE`, 128 + SIGPIPE): what a shell reports for every
  classic Unix tool killed by SIGPIPE, so that ``set -o pipefail`` scripts treat it
  alike.  stdout is then pointed at ``/dev/null``, as the Python documentation
  recommends, so that the interpreter's final flush cannot fail again.
* An output encoding that is not UTF-8 (``LC_ALL=C PYTHONUTF8=0``,
  ``PYTHONIOENCODING=ascii``, a Latin-9 terminal): the characters it cannot show are
  transcribed (:func:`transcribe`: « é » → « e », « € » → « EUR », the minus sign « − »
  → « - », the narrow no-break space of thousands → a space), so that every number
  stays exact and readable; one line on stderr then says so and how to get the exact
  text (:func:`notice`); the status is the command's own.  Refusing (exit 2) would
  leave a user of an ASCII terminal with nothing; a backslash replacement
  (``r\\xe9sultat``) or « ? » would not be readable, and « ? » in place of « − » would
  change a number's sign.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import select
import sys
import unicodedata

#: Exit status of a write error on stdout (as ``cat``).
EXIT_WRITE_ERROR = 1
#: Exit status when the reader of stdout went away (128 + SIGPIPE, as a shell shows it).
EXIT_BROKEN_PIPE = 141
#: Name of the codec error handler that transcribes what an encoding cannot show on
#: stdout (:func:`notice` then tells it); :data:`ERRORS_QUIET`, the same for stderr.
ERRORS = "aaas-transcription"
ERRORS_QUIET = "aaas-transcription-stderr"
#: Transcriptions beyond the decomposition of accented letters (NFKD).
TRANSCRIPTIONS = {
    "€": "EUR",
    "−": "-",
    "«": '"',
    "»": '"',
    "—": "--",
    "–": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "×": "x",
    "°": "o",
    "±": "+/-",
    "≈": "~",
    "≥": ">=",
    "≤": "<=",
    "→": "->",
    "⇔": "<=>",
    "⌈": "[",
    "⌉": "]",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
}
#: French words for the write errors a user can meet on stdout.
STRERROR = {
    errno.ENOSPC: "plus de place sur le périphérique",
    errno.EBADF: "sortie fermée",
    errno.EIO: "erreur d'entrée-sortie",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EFBIG: "fichier trop grand",
    errno.EACCES: "permission refusée",
    errno.EROFS: "système de fichiers en lecture seule",
}

_transcribed = False


class OutputError(Exception):
    """stdout cannot receive the output: ``exit_code``, and the one line to print (empty
    for a broken pipe, which ends silently)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def transcribe(text: str) -> str:
    """``text`` in ASCII, readable: accents dropped, symbols spelled out, numbers unchanged.

    >>> transcribe("−1\\u202f234,5\\u00a0€ « coût » n° 3 — ≥ 2 m²")
    '-1 234,5 EUR " cout " no 3 -- >= 2 m2'
    >>> transcribe("☃")
    '?'
    """
    out = []
    for char in text:
        if char in TRANSCRIPTIONS:
            out.append(TRANSCRIPTIONS[char])
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(plain if plain.isascii() else "?")
    return "".join(out)


def _transcription_errors(exc: UnicodeError, noted: bool = True) -> tuple[str, int]:
    """Codec error handler (:data:`ERRORS`): the unencodable run, transcribed."""
    global _transcribed
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    _transcribed = _transcribed or noted
    return transcribe(exc.object[exc.start : exc.end]), exc.end


codecs.register_error(ERRORS, _transcription_errors)
codecs.register_error(ERRORS_QUIET, lambda exc: _transcription_errors(exc, noted=False))


def prepare() -> None:
    """Before a command runs: plug a closed stdin or stderr, refuse a closed stdout,
    transcribe on streams whose encoding is not UTF-8.

    Raises
    ------
    OutputError
        stdout is closed: nothing is run.
    """
    global _transcribed
    _transcribed = False
    for fd in (0, 2):
        _plug(fd)
    if sys.stdout is None or _closed(1) and _is_real(sys.stdout):
        _plug(1)
        raise OutputError(
            "aaas : sortie standard fermée ; rien n'est exécuté (rediriger la sortie : > fichier ou > /dev/null)",
            EXIT_WRITE_ERROR,
        )
    for stream, errors in ((sys.stdout, ERRORS), (sys.stderr, ERRORS_QUIET)):
        if isinstance(stream, io.TextIOWrapper) and not _is_utf8(stream.encoding):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors=errors)


def write_output(text: str) -> None:
    """Write a command's result on stdout (a final newline added) and flush it.

    Raises
    ------
    OutputError
        The write failed (see :func:`failure`).
    """
    try:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))
        sys.stdout.flush()
    except OSError as exc:
        raise failure(exc) from None


def failure(exc: OSError) -> OutputError:
    """The :class:`OutputError` for a failed write on stdout; stdout is pointed at
    ``/dev/null`` so that no later flush (the interpreter's at exit) fails again."""
    if _is_real(sys.stdout):
        _plug(1, force=True)
    if isinstance(exc, BrokenPipeError):
        return OutputError("", EXIT_BROKEN_PIPE)
    reason = STRERROR.get(exc.errno) or errno.errorcode.get(exc.errno or 0, "erreur inconnue")
    return OutputError(f"aaas : écriture impossible sur la sortie standard : {reason}", EXIT_WRITE_ERROR)


def reader_gone() -> bool:
    """Whether stdout is a pipe whose reader has gone (a write would fail with EPIPE)."""
    try:
        poller = select.poll()
        poller.register(1, 0)
        return any(event & select.POLLERR for _, event in poller.poll(0))
    except (OSError, ValueError):
        return False


def notice() -> str | None:
    """The line telling that the output was transcribed (None if nothing was)."""
    if not _transcribed:
        return None
    encoding = getattr(sys.stdout, "encoding", None) or "?"
    return (
        f"aaas : sortie en {encoding} : accents et symboles transcrits (euro : EUR) ;"
        " PYTHONIOENCODING=utf-8 ou LANG=C.UTF-8 pour le texte exact"
    )


def say(line: str) -> None:
    """Print ``line`` on stderr (nothing if stderr is closed or broken)."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def say_now(line: str) -> None:
    """Write ``line`` on the stderr descriptor directly, bypassing Python's buffers: safe
    from a signal handler that interrupted a write on ``sys.stderr``."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    data = (line + "\n").encode(encoding, "strict" if _is_utf8(encoding) else ERRORS_QUIET)
    with contextlib.suppress(OSError, LookupError):
        os.write(2, data)


def _is_utf8(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "").name == "utf-8"
    except LookupError:
        return False


def _is_real(stream) -> bool:
    """Whether ``stream`` writes to file descriptor 1 (not a test's capture)."""
    try:
        return stream.fileno() == 1
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def _closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def _plug(fd: int, force: bool = False) -> None:
    """Point descriptor ``fd`` at ``/dev/null`` if it is closed (or always, ``force``)."""
    if not (force or _closed(fd)):
        return
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
