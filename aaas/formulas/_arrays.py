"""Array helpers shared by the formulas (NumPy only): a 0-d result as a float, a
quotient that is 0 where its denominator is (no division by zero)."""

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


def quotient(numerateur, denominateur):
    """``numerateur / denominateur``, 0 where the denominator is 0 — computed without
    dividing by zero (no warning, no NaN, no infinity), for scalars and arrays alike.

    Parameters
    ----------
    numerateur : float or ndarray [u]
    denominateur : float or ndarray [v]

    Returns
    -------
    float or ndarray [u/v]

    >>> quotient(3.0, 2.0), quotient(1.0, 0.0), quotient(np.array([1.0, 4.0]), np.array([0.0, 2.0]))
    (1.5, 0.0, array([0., 2.]))
    """
    num, den = np.broadcast_arrays(np.asarray(numerateur, dtype=float), np.asarray(denominateur, dtype=float))
    out = np.zeros(num.shape)
    np.divide(num, den, out=out, where=den != 0)
    return scalar_or_array(out)
