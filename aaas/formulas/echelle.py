"""Scaling: how a count or an amount the report states for its reference unit (20 000
inhabitants, a file active of 100, one département, one structure) becomes that of a
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

Budgets stated per département or per structure are multiplied by the number of units
counted (:func:`nombre_unites`, :func:`pour_unites`).

All functions accept scalars or NumPy arrays for the numbers; a reading is one string.
"""

from __future__ import annotations

import numpy as np

from ._arrays import scalar_or_array
from .lectures import choisir

LECTURES = ("fixe", "proportionnelle", "unites_entamees")

#: Tolerance below which a ratio is taken as whole (100 / 8 × 8 = 100.00000000000001).
_EPS = 1e-9


def facteur_echelle(valeur, reference):
    """Size of the scenario relative to the reference unit.

    Parameters
    ----------
    valeur : float or ndarray [hab. or pers.]
        Size of the scenario (inhabitants of the catchment, people followed).
    reference : float or ndarray [hab. or pers.]
        Size of the report's reference unit, in the same unit.

    Returns
    -------
    float or ndarray [–]

    Source: report 2.2.2.1 (« l'unité retenue est celle d'un territoire de 20 000
    habitants ») and 2.3.2 (file active of 100); 50 000 / 20 000 = 2,5.

    >>> facteur_echelle(50000, 20000)
    2.5
    """
    return valeur / reference


def proportionnel(valeur_reference, facteur):
    """A quantity the report states for its reference unit, in proportion to the
    scenario's size.

    Parameters
    ----------
    valeur_reference : float or ndarray [u]
        The quantity stated for the reference unit (ETP, trips a week).
    facteur : float or ndarray [–]
        Size of the scenario relative to that unit (:func:`facteur_echelle`).

    Returns
    -------
    float or ndarray [u]

    Source: report 2.2.2.2 (« 1,5 ETP » of mediator for 20 000 inhabitants), 2.2.2.4 (6 trips
    a week), 2.3.2.2 (0,1 ETP of doctor for 100 people followed: 0,05 ETP for 50).

    >>> proportionnel(1.5, 2.5), proportionnel(0.1, 0.5)
    (3.75, 0.05)
    """
    return valeur_reference * facteur


def unites_entamees(x):
    """Number of units started, ⌈x⌉ (a whole number; 0 stays 0).

    Parameters
    ----------
    x : float or ndarray [unités]

    Returns
    -------
    float or ndarray [unités]

    Source: the reading ``unites_entamees`` (2.3.2.4: ⌈100 / 8⌉ = 13 workshops).

    >>> unites_entamees(2.5), unites_entamees(2.0), unites_entamees(0.0)
    (3.0, 2.0, 0.0)
    """
    out = np.ceil(np.asarray(x, dtype=float) - _EPS)
    return scalar_or_array(np.maximum(out, 0.0))


def effectif(nombre_reference, facteur, lecture: str):
    """Count of whole things (vehicles, places, meetings) of a scenario.

    Parameters
    ----------
    nombre_reference : float or ndarray [nb]
        The count the report states for its reference unit.
    facteur : float or ndarray [–]
        Size of the scenario relative to that unit (:func:`facteur_echelle`).
    lecture : {"fixe", "proportionnelle", "unites_entamees"}

    Returns
    -------
    float or ndarray [nb]

    Source: report 2.2.2.4 (« une seule voiture » for 20 000 inhabitants: 1, 2,5 or 3 at
    50 000 inhabitants), 2.2.2.5, 2.3.2.3, 2.3.2.5.

    >>> [effectif(1, 2.5, lecture) for lecture in LECTURES]
    [1.0, 2.5, 3.0]
    """
    n = np.asarray(nombre_reference, dtype=float)
    facteur = np.asarray(facteur, dtype=float)
    options = dict(
        fixe=n * np.ones_like(facteur), proportionnelle=n * facteur, unites_entamees=n * unites_entamees(facteur)
    )
    return scalar_or_array(choisir("lecture d'échelle", lecture, **options))


def nombre_groupes(personnes, taille_groupe, lecture: str):
    """Number of groups (workshops) of ``taille_groupe`` people for ``personnes`` people.

    Parameters
    ----------
    personnes : float or ndarray [pers.]
    taille_groupe : float or ndarray [pers./groupe]
    lecture : {"unites_entamees", "proportionnelle"}
        One group per group started, or the fraction of groups.

    Returns
    -------
    float or ndarray [groupes]

    Source: report 2.3.2.4 (« il est nécessaire d'organiser 13 ateliers » : ⌈100 / 8⌉;
    proportionally 100 / 8 = 12,5).

    >>> nombre_groupes(100, 8, "unites_entamees"), nombre_groupes(100, 8, "proportionnelle")
    (13.0, 12.5)
    """
    return nombre_unites(np.asarray(personnes, dtype=float) / taille_groupe, lecture)


def nombre_unites(n, lecture: str):
    """Count of units a per-unit budget is multiplied by (départements, structures).

    Parameters
    ----------
    n : float or ndarray [unités]
        Size of the scenario in units (2,5 départements).
    lecture : {"unites_entamees", "proportionnelle"}
        ⌈n⌉ (a started département has a whole budget) or n.

    Returns
    -------
    float or ndarray [unités]

    Source: report 2.4 and 2.5 (budgets « par département », « par structure »); the
    readings ``echelle_departements`` and ``echelle_structures``.

    >>> nombre_unites(1.5, "unites_entamees"), nombre_unites(1.5, "proportionnelle")
    (2.0, 1.5)
    """
    x = np.asarray(n, dtype=float)
    return choisir("lecture d'échelle", lecture, unites_entamees=unites_entamees(x), proportionnelle=scalar_or_array(x))


def pour_unites(montant_par_unite, nb_unites):
    """An amount stated per unit (per département, per structure) for ``nb_unites`` units.

    Parameters
    ----------
    montant_par_unite : float or ndarray [€/unité]
    nb_unites : float or ndarray [unités]
        The count of units (:func:`nombre_unites`; 1 for an amount whose formula already
        takes the scenario's size).

    Returns
    -------
    float or ndarray [€]

    Source: report 2.4.2.5 (102 652 € « par département » : 307 956 € for 3 départements).

    >>> pour_unites(102652, 3)
    307956
    """
    return montant_par_unite * nb_unites
