"""French formatting, one function per concept, used by the command line, the pages and
the notebooks alike: a number (:func:`nombre`), an amount (:func:`euros`), a share
(:func:`pourcent`), a figure at the report's precision (:func:`valeur`), a gap
(:func:`ecart`), a parameter value for readers (:func:`parametre`), a value as a user
types it (:func:`brut`) or losslessly (:func:`saisie`), validity bounds (:func:`bornes`).

Narrow no-break space between thousands, decimal comma, no-break space before the unit
(« 404 565 € », « 56 % », « 1,8 € »).  A foundation module: it imports only NumPy and the
French agreement rules of :mod:`aaas.grammaire`.
"""

from __future__ import annotations

import math

import numpy as np

from .grammaire import pluriel, singulier

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


def variation(x, decimals: int = 1) -> str:
    """A relative change, signed (« +14,2 % », « −0,8 % »); empty for NaN.

    >>> variation(0.142), variation(-0.008), variation(0.0)
    ('+14,2\xa0%', '−0,8\xa0%', '0,0\xa0%')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    text = pourcent(abs(float(x)), decimals)
    if not any(c in "123456789" for c in text):
        return text
    return ("+" if x > 0 else "\u2212") + text


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
    """A signed gap (« +87 € », « −0,4 h »), empty when zero at the display precision; a
    gap between two shares is in percentage points.

    >>> ecart(87, "€"), ecart(-0.02, "%", 0.01), ecart(0.2, "€")
    ('+87\xa0€', '−2\xa0pt', '')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if unit == "%":
        text = f"{nombre(100 * abs(float(x)), max(0, decimales(precision) - 2))}{INSECABLE}pt"
    else:
        text = valeur(abs(float(x)), unit, precision)
    if not any(c in "123456789" for c in text):
        return ""
    return ("+" if x > 0 else "\u2212") + text


def brut(v) -> str:
    """A value as a reader would type it, without unit: a choice as is, a number with the
    decimals it has (up to 6), an array of draws by its size.

    >>> brut(50000.0), brut(0.3), brut("fixe"), brut(np.array([1.0, 2.0]))
    ('50\u202f000', '0,3', 'fixe', 'tableau de 2 valeurs')
    """
    if isinstance(v, str):
        return v
    if np.ndim(v) != 0:
        return f"tableau de {np.size(v)} valeurs"
    x = float(np.asarray(v))
    if x.is_integer():
        return nombre(x, 0)
    return nombre(x, 6).rstrip("0").rstrip(",")


def saisie(v) -> str:
    """A value as the command line and scenario files read it back, without loss (the
    ``repr`` of a float, no thousands separator).

    >>> saisie(50000.0), saisie(0.1 + 0.2), saisie("fixe")
    ('50000', '0.30000000000000004', 'fixe')
    """
    if isinstance(v, str):
        return v
    v = float(v)
    return str(int(v)) if v.is_integer() else repr(v)


def bornes(minimum, maximum, choix=None) -> str:
    """The values a parameter accepts: its choices, or its validity bounds (None or NaN:
    unbounded).

    >>> bornes(0, 1), bornes(1, None), bornes(None, None, ("fixe", "proportionnelle"))
    ('de 0 à 1', 'de 1 à +∞', 'fixe ou proportionnelle')
    """
    if choix:
        return " ou ".join(choix)
    lo = "−∞" if _absent(minimum) else brut(float(minimum))
    hi = "+∞" if _absent(maximum) else brut(float(maximum))
    return f"de {lo} à {hi}"


def _absent(x) -> bool:
    return x is None or (isinstance(x, str) and not x.strip()) or (isinstance(x, float) and math.isnan(x))


#: Units shown after a parameter's value in the prose, whole (others are shown by their
#: base unit, below, or as bare numbers).
UNITES_AFFICHEES = {"€", "€/h", "€/mois", "h", "min", "km", "m²", "€/m²", "€/m²/mois", "ETP"}
#: Base units kept from a rate whose « per » part the prose writes out (« 1 607 h » par
#: an, « 1 400 € » par véhicule, « 1,5 h » par an et par personne).
UNITES_DE_BASE = ("€", "h", "min", "km")


def unite_affichee(unit: str) -> str:
    """The unit written after a parameter's value in the prose ('' for none).

    >>> unite_affichee("€/mois"), unite_affichee("h/an/personne"), unite_affichee("€/véhicule/an")
    ('€/mois', 'h', '€')
    >>> unite_affichee("ETP pour la maille de référence"), unite_affichee("€/an"), unite_affichee("personnes")
    ('ETP', '€', '')
    """
    tete = unit.split(" ")[0]
    if tete in UNITES_AFFICHEES:
        return tete
    base = tete.split("/")[0]
    return base if "/" in tete and base in UNITES_DE_BASE else ""


def parametre(value, unit: str) -> str:
    """A parameter's value in the prose: a choice as is, a rate or share as a percentage,
    a number with up to two decimals and its unit when it reads well (the prose writes the
    « per » part of a rate: « 15 000 € » par an).

    >>> parametre(2400.0, "€/mois"), parametre(0.25, "taux sur le net"), parametre("fixe", "lecture")
    ('2\u202f400\xa0€/mois', '25\xa0%', 'fixe')
    >>> parametre(1607, "h/an"), parametre(1400, "€/véhicule/an"), parametre(0.1, "ETP pour la maille")
    ('1\u202f607\xa0h', '1\u202f400\xa0€', '0,1\xa0ETP')
    """
    if isinstance(value, str):
        return value
    value = float(np.asarray(value))
    if unit.startswith(("taux", "part ")):
        return pourcent(value, 1 if round(100 * value, 1) != round(100 * value) else 0)
    decimals = 0 if value.is_integer() else (1 if round(value, 1) == value else 2)
    unite = unite_affichee(unit)
    number = nombre(value, decimals)
    return f"{number}{INSECABLE}{unite}" if unite else number


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
    return valeur(x, unit, precision_exacte(100 * x) / 100 if unit == "%" else precision_exacte(x))


def accord(n, singulier: str, pluriel_: str | None = None, decimals: int | None = None) -> str:
    """A number with its noun, agreed the French way: plural from 2 (1,5 stays singular);
    the number with just the decimals it needs (up to 2) unless ``decimals`` is given.

    >>> accord(2.5, "véhicule"), accord(1, "département"), accord(1.5, "véhicule")
    ('2,5\xa0véhicules', '1\xa0département', '1,5\xa0véhicule')
    >>> accord(0, "erreur reportée"), accord(12000, "habitant")
    ('0\xa0erreur reportée', '12\u202f000\xa0habitants')
    """
    x = float(np.asarray(n))
    if decimals is None:
        decimals = next((d for d in range(3) if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x))), 2)
    nom = singulier if abs(round(x, decimals)) < 2 else (pluriel_ or pluriel(singulier))
    return f"{nombre(x, decimals)}{INSECABLE}{nom}"


def liste(items) -> str:
    """Items joined the French way (« a, b et c »).

    >>> liste(["a"]), liste(["a", "b", "c"])
    ('a', 'a, b et c')
    """
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def avec_unite(x, unit: str) -> str:
    """A value as a reader types it with its full unit, the unit's noun agreed (singular
    below 2); a reading (unit ``lecture``) stays bare.

    >>> avec_unite(1, "véhicules"), avec_unite(2, "véhicules"), avec_unite(1607, "h/an")
    ('1 véhicule', '2 véhicules', '1\u202f607 h/an')
    >>> avec_unite(1, "séances/atelier"), avec_unite("fixe", "lecture")
    ('1 séance/atelier', 'fixe')
    """
    value = brut(x)
    if not unit or unit == "lecture":
        return value
    if not isinstance(x, str) and np.ndim(x) == 0 and abs(float(x)) < 2:
        tete, _, reste = unit.partition(" ")
        nom, barre, per = tete.partition("/")
        unit = " ".join(filter(None, [singulier(nom) + barre + per, reste]))
    return f"{value} {unit}"


#: The display rule (a figure never lies by rounding): finest precision it adds (4 decimals).
DECIMALES_MAX = 4


def _multiple(x: float, p: float) -> bool:
    return abs(x / p - round(x / p)) < 1e-9 * max(1.0, abs(x / p))


def _tie(x: float, p: float) -> bool:  # half-way between two multiples of p: no rounding is faithful
    return abs(abs(x / p) - math.floor(abs(x / p)) - 0.5) < 1e-9 * max(1.0, abs(x / p))


def fidele(x: float, p: float, ref: float = math.nan, tolerance: float | None = None) -> bool:
    """Is ``x`` shown faithfully at precision ``p`` beside the exact printed ``ref``?  No tie; ``ref``
    shows exactly at ``p`` (so the gap shown, the difference of the figures shown, rounds the true gap);
    a gap shown as zero is a true gap within ``tolerance`` (default: half of ``p``; 0 for an inequality).

    >>> fidele(1.2237, 1, 1.6), fidele(1.2237, 0.01, 1.6), fidele(1.5, 1, 1.0), fidele(460.3, 1, 460, 0)
    (False, True, False, False)
    """
    if _tie(x, p) or math.isnan(ref) or not _multiple(ref, p) or _tie(x - ref, p):
        return not _tie(x, p) and math.isnan(ref)
    limit = (p / 2 if tolerance is None else tolerance) * (1 + 1e-9) + 1e-12
    return round((x - ref) / p) != 0 or abs(x - ref) <= limit


def precision_affichee(x, precision: float = 1.0, ref=math.nan, tolerance: float | None = None) -> float:
    """The report's precision (a unit at most) when :func:`fidele`; else the precision that shows the gap
    to ``ref`` with two significant digits, or the coarser one at which it is exact, then finer until
    faithful (at most :data:`DECIMALES_MAX` decimals).

    >>> precision_affichee(1.2237, 1, 1.6), precision_affichee(1.5, 1, 1.0), precision_affichee(404564.66, 1, 404565)
    (0.01, 0.1, 1)
    """
    x, ref = float(np.asarray(x)), float(np.asarray(ref))
    p = 10.0 ** -decimales(precision) if precision < 1 else 1
    if fidele(x, p, ref, tolerance):
        return p
    gap, finest = abs(x - ref) if not math.isnan(ref) else abs(x), 10.0**-DECIMALES_MAX
    if gap > 0:
        p = min(p, max(10.0 ** (math.floor(math.log10(gap)) - 1), precision_exacte(gap, DECIMALES_MAX), finest))
    while p > finest * 1.5 and not fidele(x, p, ref, tolerance):
        p /= 10
    return p if p >= 1 else 10.0 ** -round(-math.log10(p))


def precision_chiffre(x, unit: str, precision: float = 1.0, ref=math.nan, comparaison: str = "=") -> float:
    """The precision of a recomputed figure beside the printed ``ref`` (``comparaison`` ``=``, ``<``, ``>``,
    or ``-`` for none): :func:`precision_affichee` (a share in whole percents at least), and for a count
    the decimals it has when few (0,125 ETP).

    >>> precision_chiffre(0.125, "ETP", 0.1, 0.1), precision_chiffre(1.2237, "Smic", 1, 1.6, "<")
    (0.001, 0.01)
    """
    x, ref = float(np.asarray(x)), math.nan if comparaison == "-" else float(np.asarray(ref))
    precision = min(precision, 0.01) if unit == "%" else precision
    p = precision_affichee(x, precision, ref, 0 if comparaison in {"<", ">"} else None)
    exact, compte = precision_exacte(x) if not math.isnan(x) else p, unit != "%" and not unit.startswith("€")
    return min(p, exact) if compte and (comparaison == "=" or _multiple(x, exact)) else p  # counts: 0,125 ETP


def precision_montree(x, unit: str, precision: float = 1.0, ref=math.nan, comparaison: str = "=") -> float:
    """The precision :func:`chiffre` shows ``x`` at: :func:`precision_chiffre`, an exact figure without zeros."""
    p, y = precision_chiffre(x, unit, precision, ref, comparaison), float(np.asarray(x))
    base = 10.0 ** -decimales(min(precision, 0.01) if unit == "%" else precision)
    return p if math.isnan(y) else max(p, min(precision_exacte(y, DECIMALES_MAX), base))


def chiffre(x, unit: str, precision: float = 1.0, ref=math.nan, comparaison: str = "=") -> str:
    """A recomputed figure by the one rule (:func:`precision_montree`):
    >>> chiffre(1.2237, "Smic", 1, 1.6, "<"), chiffre(1.5, "nb", 1, 1.0, ">"), chiffre(20.0, "min", 5, 17.5)
    ('1,22\xa0Smic', '1,5', '20\xa0min')
    """
    return valeur(float(np.asarray(x)), unit, precision_montree(x, unit, precision, ref, comparaison))


def ecart_affiche(x, unit: str, precision: float = 1.0, ref=math.nan, comparaison: str = "=") -> str:
    """The gap to the printed ``ref`` at the precision :func:`chiffre` shows the figure: the
    difference of the figures shown, rounding the true gap; empty only for a true zero.

    >>> ecart_affiche(1.2237, "Smic", 1, 1.6, "<"), ecart_affiche(404564.66, "€", 1, 404565)
    ('\u22120,38\xa0Smic', '')
    """
    x, ref = float(np.asarray(x)), float(np.asarray(ref))
    if math.isnan(x) or math.isnan(ref) or comparaison == "-":
        return ""
    p = precision_chiffre(x, unit, precision, ref, comparaison)
    return ecart(round((x - ref) / p) * p, unit, p)


def imprime(x, unit: str, precision: float = 1.0, comparaison: str = "=") -> str:
    """A printed figure as printed, with the decimals it has (:func:`precision_imprimee`), its bound said:

    >>> imprime(1.6, "Smic", 1, "<"), imprime(404565, "€")
    ('moins de 1,6\xa0Smic', '404\u202f565\xa0€')
    """
    prefix = {"<": "moins de ", ">": "plus de "}.get(comparaison, "")
    return prefix + valeur(x, unit, precision_imprimee(x, precision))


def precision_imprimee(x, precision: float = 1.0) -> float:
    """The precision a printed figure is shown at: the report's, or finer when it has more decimals (1,5 h)."""
    return min(precision, precision_exacte(x, DECIMALES_MAX))
