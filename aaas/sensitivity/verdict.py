"""Whether the report's claim on its range holds: « dans une fourchette qui peut être
comprise entre 10 et 15 % » (2.2.2.7), read on the Monte Carlo range of the total."""

from __future__ import annotations

from collections.abc import Mapping

from .ranges import VARIATION_RAPPORT


def fourchette_tient(resume: Mapping[str, float], variation: float = VARIATION_RAPPORT) -> bool:
    """Whether P5 and P95 of a Monte Carlo summary (a row of
    :func:`aaas.sensitivity.montecarlo.resume`: ``ecart_p5``, ``ecart_p95``, relative to
    the total) both lie within ±``variation`` of the total.

    >>> fourchette_tient({"ecart_p5": -0.08, "ecart_p95": 0.09}), fourchette_tient({"ecart_p5": -0.2, "ecart_p95": 0.1})
    (True, False)
    """
    return bool(max(abs(resume["ecart_p5"]), resume["ecart_p95"]) <= variation)


def verdict(resume: Mapping[str, float], variation: float = VARIATION_RAPPORT) -> str:
    """« tient » or « ne tient pas » (:func:`fourchette_tient`), as the prose says it.

    >>> verdict({"ecart_p5": -0.2, "ecart_p95": 0.1})
    'ne tient pas'
    """
    return "tient" if fourchette_tient(resume, variation) else "ne tient pas"
