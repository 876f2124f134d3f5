"""Array helpers shared by the formulas (NumPy only): a 0-d result as a float, a
denominator with NaN where it is zero."""

from __future__ import annotations

import numpy as np


def scalar_or_array(x):
    """A 0-d result as a Python float, any other array unchanged.

    Parameters
    ----------
    x : float or ndarray [u]
        A result of NumPy operations on scalars or arrays.

    Returns
    -------
    float or ndarray [u]
        ``x`` as a float when it has no dimension, else as an array of floats.

    >>> scalar_or_array(np.asarray(2.5)), scalar_or_array(np.array([1.0, 2.0]))
    (2.5, array([1., 2.]))
    """
    out = np.asarray(x, dtype=float)
    return float(out) if out.ndim == 0 else out


def nan_si_nul(x):
    """A denominator with NaN where it is 0: a ratio to nothing (no vehicle, no meeting,
    no département) is undefined, not infinite.

    Parameters
    ----------
    x : float or ndarray [u]
        A count or an amount that divides another.

    Returns
    -------
    float or ndarray [u]
        ``x``, NaN where ``x`` is 0.

    >>> nan_si_nul(2.0), nan_si_nul(0.0)
    (2.0, nan)
    """
    x = np.asarray(x, dtype=float)
    return scalar_or_array(np.where(x == 0, np.nan, x))
