"""French number formatting: narrow no-break space between thousands, decimal comma,
no-break space before the unit (« 404 565 € », « 56 % », « 1,8 € »)."""

from __future__ import annotations

import math

import numpy as np

MILLIERS = "\u202f"  # espace fine insécable
INSECABLE = "\u00a0"


def decimales(precision: float) -> int:
    """Number of decimals implied by a printed precision (1 → 0, 0.1 → 1, 0.001 → 3)."""
    if not precision or precision >= 1:
        return 0
    return max(0, int(round(-math.log10(precision))))


def nombre(x, decimals: int = 0) -> str:
    """``12345.6`` → ``"12 346"`` (or ``"12 345,6"`` with one decimal)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    x = float(np.asarray(x))
    text = f"{x:,.{decimals}f}"
    if text in {f"-{0:.{decimals}f}"}:
        text = text[1:]
    return text.replace(",", MILLIERS).replace(".", ",")


def euros(x, decimals: int = 0) -> str:
    return f"{nombre(x, decimals)}{INSECABLE}€"


def pourcent(x, decimals: int = 0) -> str:
    """A share (0.56) as a French percentage (« 56 % »)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{nombre(100 * float(np.asarray(x)), decimals)}{INSECABLE}%"


def valeur(x, unit: str, precision: float = 1.0) -> str:
    """Format ``x`` in ``unit`` at the printed precision of the report."""
    if unit == "%":
        return pourcent(x, max(0, decimales(precision) - 2))
    d = decimales(precision)
    if unit == "€":
        return euros(x, d)
    text = nombre(x, d)
    if unit in {"", "nb"} or text == "–":
        return text
    return f"{text}{INSECABLE}{unit}"


def ecart(x, unit: str, precision: float = 1.0) -> str:
    """A signed gap (« +87 € », « −0,4 % »), empty when zero at the display precision."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    text = valeur(abs(float(x)), unit, precision)
    digits = [c for c in text if c in "0123456789"]
    if not any(c != "0" for c in digits):
        return ""
    return ("+" if x > 0 else "\u2212") + text


def brut(v) -> str:
    """A parameter value as typed by a user: 50000.0 → « 50 000 », 0.3 → « 0,3 »."""
    if isinstance(v, str):
        return v
    x = float(np.asarray(v)) if np.ndim(v) == 0 else None
    if x is None:
        return f"tableau de {np.size(v)} valeurs"
    if x.is_integer():
        return nombre(x, 0)
    return nombre(x, 6).rstrip("0").rstrip(",")


def precision_exacte(x, max_decimales: int = 3) -> float:
    """The coarsest precision (1, 0.1, 0.01…) at which ``x`` is shown exactly, up to
    ``max_decimales`` decimals.

    >>> precision_exacte(2.5), precision_exacte(13.0), precision_exacte(0.125)
    (0.1, 1, 0.001)
    """
    x = float(np.asarray(x))
    for d in range(0, max_decimales + 1):
        if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)):
            return 1 if d == 0 else 10**-d
    return 10**-max_decimales


def valeur_auto(x, unit: str) -> str:
    """Like :func:`valeur`, with just the decimals the number needs, up to 3 (227,5 h ;
    66,7 % ; 0,125 ETP)."""
    x = float(np.asarray(x))
    scaled = 100 * x if unit == "%" else x
    for d in range(0, 4):
        if abs(round(scaled, d) - scaled) < 1e-9:
            break
    precision = 10 ** -(d + 2) if unit == "%" else 10**-d
    return valeur(x, unit, precision)
