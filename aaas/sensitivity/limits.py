"""The ceilings of the sensitivity analyses' counts and seeds, and what a count costs.

One check per count, used by the command line (the types of :mod:`aaas.cli.parser`,
before anything is loaded) and by the Python API (:func:`aaas.sensitivity.montecarlo.montecarlo`,
:func:`aaas.sensitivity.sobol.sobol`, :func:`aaas.sensitivity.scale.courbe`…) alike: a
count above its ceiling is refused with the figure and an estimate of the memory and the
time it would take.  The estimates are measured on this project's model (2 cores, 2026):
about 3 µs and 56 bytes per Monte Carlo draw; about 1,5 ms and 7,4 ko per Sobol base
sample with the 93 drawn hypotheses of the report's set and five outputs.

Light on purpose (no NumPy): the command line's parser imports it.
"""

from __future__ import annotations

import operator

from ..errors import ParameterError
from ..inputs import count, taille

#: Monte Carlo draws accepted at most (``--draws``): about 0,5 Gio and 30 s.
TIRAGES_MAX = 10_000_000
#: Monte Carlo draws kept with their drawn hypotheses at most (the Python API's
#: ``montecarlo(inputs=True)``, ``--draws-out``): about 0,8 Gio with 93 hypotheses.
TIRAGES_GARDES_MAX = 1_000_000
#: Sobol base samples accepted at most (``--base-samples``, a power of 2): 2^18, about
#: 1,8 Gio and 7 min with the report's 93 drawn hypotheses.
ECHANTILLON_MAX = 2**18
#: Points of a curve or a grid evaluated at most (:func:`~aaas.sensitivity.scale.courbe`,
#: :func:`~aaas.sensitivity.scale.seuil`, :func:`~aaas.sensitivity.scale.deux_parametres`):
#: about 0,1 Gio and a few seconds.
POINTS_MAX = 1_000_000
#: Variations of the one-way analysis at most (each is one point per drawn hypothesis).
VARIATIONS_MAX = 100
#: Largest seed: NumPy's generators accept any integer ≥ 0, the usual range is kept.
GRAINE_MAX = 2**32 - 1
#: Drawn hypotheses of the report's set (the estimates of the command line, before the
#: scenario is known; a test keeps it equal to ``len(plages("rapport"))``).
HYPOTHESES_TIREES = 93
#: Outputs of an analysis by default (four missions and the total).
SORTIES = 5


def duree(secondes: float) -> str:
    """A duration in French words, rounded up (« 40 s », « 7 min », « 3 h », « 12 jours »).

    >>> duree(0.2), duree(40), duree(400), duree(3 * 3600), duree(40 * 86400)
    ('1 s', '40 s', '7 min', '3 h', '40 jours')
    """
    for unit, size in (("jours", 86400 * 2), ("h", 3600), ("min", 60)):
        if secondes >= size:
            amount = -(-secondes // (size if unit != "jours" else 86400))
            return f"{amount:,.0f} {unit}".replace(",", "\u202f")
    return f"{max(1, -(-secondes // 1)):.0f} s"


def _cout(memoire: float, secondes: float) -> str:
    return f"il faudrait environ {taille(int(memoire))} de mémoire et {duree(secondes)} de calcul"


def tirages(n: object, option: str = "nombre de tirages", sorties: int = SORTIES) -> int:
    """``n`` Monte Carlo draws, from 1 to :data:`TIRAGES_MAX`.

    >>> tirages(20_000_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: nombre de tirages : 20\u202f000\u202f000 hors bornes ; ... environ 1 Gio ...
    """
    cost = _cout(8 * (sorties + 2) * _big(n), 3e-6 * _big(n))
    return count(option, n, 1, TIRAGES_MAX, cost)


def tirages_gardes(n: object, option: str = "tirages gardés", hypotheses: int = HYPOTHESES_TIREES,
                   sorties: int = SORTIES) -> int:  # fmt: skip
    """``n`` draws kept whole, each with its ``hypotheses`` drawn values and ``sorties``
    outputs, from 1 to :data:`TIRAGES_GARDES_MAX`.

    >>> tirages_gardes(5_000_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: tirages gardés : 5\u202f000\u202f000 hors bornes ; ... environ 3,7 Gio ...
    """
    cost = _cout(8 * (hypotheses + sorties) * _big(n), 3e-6 * _big(n))
    return count(option, n, 1, TIRAGES_GARDES_MAX, cost)


def tirages_ecrits(n: object, option: str = "--draws avec --draws-out", hypotheses: int = HYPOTHESES_TIREES) -> int:
    """``n`` draws written to a file (``--draws-out``), from 1 to :data:`TIRAGES_GARDES_MAX`:
    about 20 bytes per number of a CSV row (the provenance columns add about 300 bytes).

    >>> tirages_ecrits(2_000_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: --draws avec --draws-out : 2\u202f000\u202f000 hors bornes ; ... d'environ 4,2 Gio
    """
    size = (20 * (hypotheses + SORTIES + 1) + 300) * _big(n)
    return count(option, n, 1, TIRAGES_GARDES_MAX, f"il faudrait un fichier d'environ {taille(int(size))}")


def echantillon(n: object, option: str = "échantillon de base", hypotheses: int = HYPOTHESES_TIREES,
                sorties: int = SORTIES) -> int:  # fmt: skip
    """``n`` Sobol base samples, a power of 2 from 2 to :data:`ECHANTILLON_MAX`; the cost of
    a larger one counts ``hypotheses`` drawn hypotheses and ``sorties`` outputs.

    >>> echantillon(1024)
    1024
    >>> echantillon(2**24)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: échantillon de base : 16\u202f777\u202f216 hors bornes ; plage acceptée : \
de 2 à 262\u202f144 ; il faudrait environ 115,9 Gio de mémoire et 7 h de calcul
    """
    n = count(option, n, 2, ECHANTILLON_MAX, _cout(_octets_sobol(_big(n), hypotheses, sorties), 1.5e-3 * _big(n)))
    if n & (n - 1):
        raise ParameterError(f"{option} : {n} n'est pas une puissance de 2 (2, 4, 8… 262\u202f144)")
    return n


def _octets_sobol(n: int, d: int, sorties: int) -> float:
    """Sobol's memory: the 2D columns of the Sobol' sequence and A, B (4D numbers a row),
    the outputs over the D + 2 blocks, and SALib's 20 bootstrap resamples."""
    return 8.0 * n * (4 * d + sorties * (d + 2) + 80)


def points(n: object, option: str = "nombre de points", sorties: int = SORTIES) -> int:
    """``n`` points of a curve or a grid, from 1 to :data:`POINTS_MAX`."""
    return count(option, n, 1, POINTS_MAX, _cout(8 * (3 * sorties + 2) * _big(n), 3e-6 * _big(n)))


def variations(n: object) -> int:
    """``n`` variations of the one-way analysis, from 1 to :data:`VARIATIONS_MAX`."""
    return count("nombre de variations", n, 1, VARIATIONS_MAX)


def graine(seed: object, option: str = "graine") -> int:
    """A seed, an integer from 0 to :data:`GRAINE_MAX` (2^32 − 1).

    >>> graine(0), graine(1)
    (0, 1)
    >>> graine(-1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: graine : -1 hors bornes ; plage acceptée : de 0 à 4\u202f294\u202f967\u202f295
    """
    return count(option, seed, 0, GRAINE_MAX)


def _big(n: object) -> int:
    """``n`` as a count for an estimate (0 when it is not an integer)."""
    try:
        return max(0, operator.index(n)) if not isinstance(n, bool) else 0
    except TypeError:
        return 0
