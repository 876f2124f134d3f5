"""Reading the user's files and counts with bounds: nothing is read before it is known to
be small and finite.

* :func:`read_bounded`: the bytes of a file that must be a regular file (after resolving
  symlinks) no larger than a cap — a device (``/dev/zero``), a FIFO, a socket or a
  folder is refused by its kind before it is opened, and the file is opened without
  blocking and read up to ``cap + 1`` bytes, so that nothing can hang or grow without
  bound whatever the file turns into between the check and the read;
* :func:`decode_utf8`: the text of those bytes, or a French line naming the file, the line
  and the column of the first byte that is not UTF-8;
* :func:`csv_row_lines`, :func:`csv_ragged`: where each row of a CSV text starts, and its
  first row whose count of cells is not the header's (named by its line);
* :func:`count`: a whole number within its ceiling (the one check of every count the
  command line and the Python API accept: draws, base samples, grid points, jobs, seeds),
  refused with the figure and what it would cost.

A foundation module: it imports only the standard library and :mod:`aaas.errors`.
"""

from __future__ import annotations

import csv
import errno
import io
import operator
import os
import stat

from .errors import InputError, ParameterError, cite, grouped

#: What a file that is not a regular file is, in words.
KINDS = (
    (stat.S_ISDIR, "un dossier"),
    (stat.S_ISFIFO, "un tube nommé (FIFO)"),
    (stat.S_ISSOCK, "une socket"),
    (stat.S_ISCHR, "un périphérique"),
    (stat.S_ISBLK, "un périphérique"),
)
#: The system's reasons, in French (others: « erreur système n° … »).
RAISONS = {
    errno.ENAMETOOLONG: "nom ou chemin trop long",
    errno.ELOOP: "trop de liens symboliques (une boucle ?)",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EIO: "erreur d'entrée-sortie",
    errno.ENXIO: "périphérique absent",
    errno.EOVERFLOW: "fichier trop grand",
}
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


def taille(n: int) -> str:
    """A size in French units (« 256 ko », « 8 Mo », « 23,2 Gio » from 1 Gio).

    >>> taille(256 * 1024), taille(8 * 1024 * 1024), taille(int(23.2 * 2**30)), taille(300)
    ('256 ko', '8 Mo', '23,2 Gio', '300 octets')
    >>> taille(2**60)
    '1\u202f024 Pio'
    """
    for unit, size in (("Pio", 2**50), ("Tio", 2**40), ("Gio", 2**30), ("Mo", 2**20), ("ko", 2**10)):
        if n >= size:
            shown = f"{n / size:,.1f}".removesuffix(".0").replace(",", "\u202f").replace(".", ",")
            return f"{shown} {unit}"
    return f"{n} octets"


def _refuse_kind(mode: int, label: str, error: type[InputError]) -> None:
    for test, kind in KINDS:
        if test(mode):
            raise error(f"{label} est {kind}, pas un fichier ordinaire")
    if not stat.S_ISREG(mode):
        raise error(f"{label} n'est pas un fichier ordinaire")


def _too_big(size: str, cap: int, label: str, error: type[InputError]) -> InputError:
    return error(f"{label} trop grand ({size} ; au plus {taille(cap)})")


def _size(n: int, cap: int) -> str:
    """``n`` bytes in words, in bytes when its unit would round it to the cap's figure."""
    return taille(n) if taille(n) != taille(cap) else f"{grouped(n)} octets"


def _raison(exc: OSError) -> str:
    return RAISONS.get(exc.errno, f"erreur système n° {exc.errno}")


def read_bounded(path: str | os.PathLike, cap: int, error: type[InputError], label: str) -> bytes:
    """The bytes of ``path``, a regular file of at most ``cap`` bytes.

    Parameters
    ----------
    path : str or path-like
        The file; symlinks are resolved (a link to a regular file is read).
    cap : int
        Largest size accepted, in bytes.
    error : type of InputError
        The error raised (:class:`~aaas.errors.ScenarioFileError`,
        :class:`~aaas.errors.DataFileError`…).
    label : str
        How the messages name the file (« fichier de scénario '/tmp/s.yaml' »).

    Raises
    ------
    InputError
        ``error``, one French line: missing, not readable, not a regular file (folder,
        FIFO, socket, device — checked before opening, and again on the opened file),
        or larger than ``cap`` (checked on the size announced, then on the bytes read).
    """
    try:
        info = os.stat(path)  # follows symlinks
        _refuse_kind(info.st_mode, label, error)
        if info.st_size > cap:
            raise _too_big(_size(info.st_size, cap), cap, label, error)
        fd = os.open(path, _FLAGS)  # never blocks, even if a FIFO took the file's place
    except FileNotFoundError:
        raise error(f"{label} introuvable") from None
    except PermissionError:
        raise error(f"{label} : lecture non autorisée") from None
    except OSError as exc:
        raise error(f"{label} illisible : {_raison(exc)}") from None
    try:
        _refuse_kind(os.fstat(fd).st_mode, label, error)
        data = _read_at_most(fd, cap + 1)
    except OSError as exc:
        raise error(f"{label} illisible : {_raison(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > cap:
        raise _too_big(f"plus de {taille(cap)}", cap, label, error)
    return data


def _read_at_most(fd: int, n: int) -> bytes:
    """At most ``n`` bytes of ``fd``, up to its end."""
    chunks, size = [], 0
    while size < n:
        chunk = os.read(fd, n - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def decode_utf8(data: bytes, error: type[InputError], label: str) -> str:
    """``data`` decoded as UTF-8 (a leading byte-order mark dropped), or ``error`` naming
    the line and the column (in characters, from 1) of the first byte that is not UTF-8.

    >>> decode_utf8("é\\n".encode(), InputError, "f")
    'é\\n'
    >>> decode_utf8("mission,libelle\\nrelais,acc\\xe8s\\n".encode("latin-1"), InputError, "missions.csv")
    Traceback (most recent call last):
    ...
    aaas.errors.InputError: missions.csv, ligne 2, colonne 11 : encodage non UTF-8 (octet 0xE8) ; \
enregistrer le fichier en UTF-8
    """
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
        raise error(
            f"{label}, ligne {line}, colonne {column} : encodage non UTF-8 (octet 0x{data[exc.start]:02X}) ; "
            "enregistrer le fichier en UTF-8"
        ) from None


def csv_row_lines(text: str) -> list[int]:
    r"""The line of a CSV text where each row of the table starts (the header is line 1);
    quoted cells may span lines, blank lines are skipped as pandas does.

    >>> csv_row_lines('a,b\n1,"x\ny"\n\n2,z\n')
    [2, 5]
    """
    starts, number = [], 1
    reader = csv.reader(io.StringIO(text, newline=""))
    for record in reader:
        if record:
            starts.append(number)
        number = reader.line_num + 1
    return starts[1:]


def csv_ragged(text: str) -> str | None:
    r"""The first row of a CSV text whose count of cells is not the header's (pandas would
    shift it into an index, or fill it with empty cells), described; None if every row is
    complete.

    >>> csv_ragged("a,b\n1,2\n3\n")[:36]
    'ligne 3 : 1 cellules pour 2 colonnes'
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header, start = next(reader, []), reader.line_num + 1
    for record in reader:
        if record and len(record) != len(header):
            return (
                f"ligne {start} : {len(record)} cellules pour {len(header)} colonnes "
                "(une virgule de trop ou de moins, ou une cellule à mettre entre guillemets ?)"
            )
        start = reader.line_num + 1
    return None


def whole(text: str) -> int:
    """A whole number as typed: decimal digits, a sign, spaces around (at most 30 digits:
    the range is :func:`count`'s to check).

    >>> whole(" 1024 "), whole("-1")
    (1024, -1)
    >>> whole("0x10")
    Traceback (most recent call last):
    ...
    ValueError: '0x10' : un nombre entier est attendu (chiffres décimaux)
    """
    digits = text.strip()
    unsigned = digits.removeprefix("-").removeprefix("+") if digits[:1] in "+-" else digits
    if not (unsigned.isascii() and unsigned.isdigit()) or len(unsigned) > 30:
        raise ValueError(f"'{cite(text)}' : un nombre entier est attendu (chiffres décimaux)")
    return int(digits)


def count(name: str, n: object, low: int, high: int, cost: str = "") -> int:
    """``n``, a whole number from ``low`` to ``high``, or a
    :class:`~aaas.errors.ParameterError` naming ``name``, the figure and the range, and
    ``cost`` (what ``n`` would need: « il faudrait environ 23 Gio »).

    >>> count("--draws", 500, 1, 10_000_000)
    500
    >>> count("--draws", 0, 1, 10_000_000)
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: --draws : 0 hors bornes ; plage acceptée : de 1 à 10\u202f000\u202f000
    """
    span = f"plage acceptée : de {grouped(low)} à {grouped(high)}"
    try:
        if isinstance(n, bool):
            raise TypeError
        n = operator.index(n)  # an int or a NumPy integer; not a float, not a text
    except TypeError:
        raise ParameterError(f"{name} : {cite(repr(n))} n'est pas un nombre entier ; {span}") from None
    if not low <= n <= high:
        extra = f" ; {cost}" if cost and n > high else ""
        raise ParameterError(f"{name} : {cite(grouped(n))} hors bornes ; {span}{extra}")
    return n


#: Notebooks executed at once at most (``build --jobs``, ``build_book(jobs=)``): the book
#: has ten, each kernel takes 0,2 to 0,5 Gio.
JOBS_MAX = 32
#: Variant books (and builds' notebooks) kept at most (``variants --prune``,
#: ``prune(keep=)``): more keeps them all anyway.
GARDER_MAX = 100_000


def jobs(n: object, name: str = "--jobs") -> int:
    """Notebooks executed at once: a whole number from 1 to :data:`JOBS_MAX` (command line
    and API alike).

    >>> jobs(2)
    2
    >>> jobs(0)
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: --jobs : 0 hors bornes ; plage acceptée : de 1 à 32
    """
    return count(name, n, 1, JOBS_MAX)


def keep(n: object, name: str = "--prune") -> int:
    """Builds kept by a prune: a whole number from 0 (the API keeps none) to
    :data:`GARDER_MAX` (the command line asks at least 1).

    >>> keep(0), keep(3)
    (0, 3)
    >>> keep(-1)
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: --prune : -1 hors bornes ; plage acceptée : de 0 à 100\u202f000
    """
    return count(name, n, 0, GARDER_MAX)
