"""Formulas shared by several sections of the report: the months of a year, a number of
people from a population and a share, a ratio (a share, an amount per unit), a sum of
cost terms.

Every function is pure and accepts scalars or NumPy arrays.
"""

from __future__ import annotations

from ._arrays import quotient

#: Months per year (a unit conversion, not a hypothesis).
MOIS_PAR_AN = 12


def nb_personnes(population, part):
    """Number of people with a trait in a population: population × share.

    Parameters
    ----------
    population : float or ndarray [pers.]
        Inhabitants of the catchment, people followed, staff of a structure.
    part : float or ndarray [–]
        Share of them concerned (0 to 1).

    Returns
    -------
    float or ndarray [pers.]

    Source: report 2.2.2.3 (20 000 hab. × 0,2 % = 40 asylum seekers), 2.2.2.6 (13 % without
    a GP, 15 % of them to include), 2.3.2.3 (60 % of the file active visited at home),
    2.5.2.3 (50 employees × 60 % = 30 in the quality groups).

    >>> nb_personnes(20000, 0.002), nb_personnes(50, 0.6)
    (40.0, 30.0)
    """
    return population * part


def ratio(numerateur, denominateur):
    """A ratio of two quantities: a share (same unit), or an amount per unit (per
    inhabitant, per person, per vehicle, per meeting); 0 where the denominator is 0.

    A ratio to nothing (no vehicle, no meeting, no département, a total of 0 €) describes
    nothing: it is 0, not NaN nor infinite, so that every value the parameters' bounds
    allow gives finite results (a fleet of no vehicle drives 0 km per vehicle, a mission
    costing nothing has no share, an event that never happens has no interval).

    Parameters
    ----------
    numerateur : float or ndarray [u]
    denominateur : float or ndarray [v]

    Returns
    -------
    float or ndarray [u/v]

    Source: report 2.2.2.3 (« dépense par habitant » : 35 140 € / 20 000 hab. = 1,757 €),
    2.3.2.5 (13 245 € / 20 réunions = 662 € par réunion), 3.3 (shares of the total).

    >>> ratio(35140, 20000), ratio(13245, 20), ratio(1, 0)
    (1.757, 662.25, 0.0)
    """
    return quotient(numerateur, denominateur)


def somme(termes):
    """Sum of cost terms, left to right (``a + b + c``), scalars and arrays broadcast.

    Parameters
    ----------
    termes : iterable of float or ndarray [€]

    Returns
    -------
    float or ndarray [€]
        0.0 for no term.

    Source: every total of the report (2.2.2.7, 2.3.2.6, 2.4.2.5, 2.5.3: a mission is the
    sum of its lines; 3.1: the total is the sum of the missions).

    >>> somme([105540, 158573, 102652, 37800])
    404565.0
    """
    total = 0.0
    for terme in termes:
        total = total + terme
    return total
