"""Scaling readings: how a count the report states for its reference unit (20 000
inhabitants, a file active of 100, one département, one structure) becomes the count of a
scenario of another size.

The report states some quantities as ratios (« 1,5 ETP pour 20 000 habitants », 55
personnes par ETP) and others as whole things (« une seule voiture », « deux véhicules »,
one place, a meeting « tous les quinze jours »).  For whole things, three readings are
offered, each a parameter (``echelle_*``) of ``data/parameters.csv``:

* ``fixe``: the stated count whatever the size (the section's own words: the default);
* ``proportionnelle``: the stated count times the size ratio (what the « Unité » column of
  the synthesis tables suggests; 2,5 vehicles at 50 000 inhabitants);
* ``unites_entamees``: the stated count for each reference unit started (3 vehicles at
  50 000 inhabitants).

All functions accept scalars or NumPy arrays for the numbers; a reading is one string.
"""

from __future__ import annotations

import numpy as np

from .lectures import choisir

LECTURES = ("fixe", "proportionnelle", "unites_entamees")

#: Tolerance below which a ratio is taken as whole (100 / 8 × 8 = 100.00000000000001).
_EPS = 1e-9


def facteur_echelle(valeur, reference):
    """Size of the scenario relative to the reference unit (dimensionless).

    ``valeur`` and ``reference`` in the same unit (inhabitants, persons), e.g.
    50 000 / 20 000 = 2,5.  Source: report 2.2.2.1 (« l'unité retenue est celle d'un
    territoire de 20 000 habitants ») and 2.3.2 (file active of 100).

    >>> facteur_echelle(50000, 20000)
    2.5
    """
    return valeur / reference


def unites_entamees(x):
    """Number of units started, ⌈x⌉ (a whole number; 0 stays 0).

    >>> unites_entamees(2.5), unites_entamees(2.0), unites_entamees(0.0)
    (3.0, 2.0, 0.0)
    """
    out = np.ceil(np.asarray(x, dtype=float) - _EPS)
    out = np.maximum(out, 0.0)
    return float(out) if out.ndim == 0 else out


def effectif(nombre_reference, facteur, lecture: str):
    """Count of whole things (vehicles, places, meetings) of a scenario.

    ``nombre_reference``: the count the report states for its reference unit;
    ``facteur``: size of the scenario relative to that unit (:func:`facteur_echelle`);
    ``lecture``: ``fixe``, ``proportionnelle`` or ``unites_entamees``.

    >>> [effectif(1, 2.5, lecture) for lecture in LECTURES]
    [1.0, 2.5, 3.0]
    """
    n = np.asarray(nombre_reference, dtype=float)
    facteur = np.asarray(facteur, dtype=float)
    out = np.asarray(
        choisir(
            "lecture d'échelle",
            lecture,
            fixe=n * np.ones_like(facteur),
            proportionnelle=n * facteur,
            unites_entamees=n * unites_entamees(facteur),
        ),
        dtype=float,
    )
    return float(out) if out.ndim == 0 else out


def nombre_groupes(personnes, taille_groupe, lecture: str):
    """Number of groups (workshops) of ``taille_groupe`` people for ``personnes`` people.

    ``unites_entamees``: one group per group started, ⌈100 / 8⌉ = 13 (the report,
    2.3.2.4); ``proportionnelle``: 100 / 8 = 12,5.

    >>> nombre_groupes(100, 8, "unites_entamees"), nombre_groupes(100, 8, "proportionnelle")
    (13.0, 12.5)
    """
    return nombre_unites(np.asarray(personnes, dtype=float) / taille_groupe, lecture)


def nombre_unites(n, lecture: str):
    """Count of units a per-unit budget is multiplied by (départements, structures):
    ``unites_entamees`` ⌈n⌉, ``proportionnelle`` n.

    >>> nombre_unites(1.5, "unites_entamees"), nombre_unites(1.5, "proportionnelle")
    (2.0, 1.5)
    """
    x = np.asarray(n, dtype=float)
    return choisir(
        "lecture d'échelle", lecture, unites_entamees=unites_entamees(x), proportionnelle=float(x) if x.ndim == 0 else x
    )
