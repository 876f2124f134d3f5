"""One array helper shared by the formulas (NumPy only)."""

from __future__ import annotations

import numpy as np


def scalar_or_array(x):
    """A 0-d result as a Python float, any other array unchanged.

    >>> scalar_or_array(np.asarray(2.5)), scalar_or_array(np.array([1.0, 2.0]))
    (2.5, array([1., 2.]))
    """
    out = np.asarray(x, dtype=float)
    return float(out) if out.ndim == 0 else out
