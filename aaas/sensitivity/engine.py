"""Evaluation of the model on arrays of draws, in chunks, keeping only the outputs asked
for (memory stays bounded whatever the number of draws).

Counts (people, vehicles, meetings) are drawn as real numbers: a draw stands for an
average over territories, as the report's own 1,5 ETP per 20 000 inhabitants does.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .. import datastore
from ..errors import ParameterError, cite
from ..models import conventions

#: Draws evaluated at once, the default of ``chunk`` (100 000 keep a few hundred MB at most).
CHUNK = 100_000


def sorties_par_defaut() -> list[str]:
    """The four mission totals and the grand total."""
    return [f"mission_{m}" for m in datastore.missions()["mission"]] + ["total"]


@functools.cache
def quantities() -> tuple[str, ...]:
    """The numeric quantities of the model (what an analysis may follow), in its order."""
    results = conventions.compute("rapport")
    return tuple(k for k, v in results.items() if np.asarray(v).dtype.kind in "fiub")


def check_outputs(outputs: str | Sequence[str] | None, option: str = "sortie") -> list[str] | None:
    """``outputs`` as a list (None stays None: the missions and the total), each a numeric
    quantity of the model, else a :class:`~aaas.errors.ParameterError` naming ``option``
    and the nearest name.

    >>> check_outputs("total"), check_outputs(None)
    (['total'], None)
    >>> check_outputs(["totl"])
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: sortie 'totl' : quantité inconnue du modèle ; vouliez-vous dire 'total' ?
    """
    if outputs is None:
        return None
    names = [outputs] if isinstance(outputs, str) else list(outputs)
    if not names:
        raise ParameterError(f"{option} : au moins une quantité du modèle est attendue")
    known = quantities()
    for name in names:
        if name not in known:
            near = difflib.get_close_matches(str(name), known, n=1)
            hint = f" ; vouliez-vous dire '{near[0]}' ?" if near else ""
            raise ParameterError(f"{option} '{cite(str(name))}' : quantité inconnue du modèle{hint}")
    return names


def values_of(base: Any) -> Mapping[str, Any] | None:
    """A complete parameter set: ``base`` itself, or a resolved scenario's values.

    >>> from aaas.models import scenario
    >>> values_of(scenario.resolve(overrides={"file_active": 250}))["file_active"]
    250.0
    """
    if base is None or isinstance(base, Mapping):
        return base
    return base.values


def evaluate_draws(
    draws: Mapping[str, np.ndarray],
    convention: str = "rapport",
    outputs: Sequence[str] | None = None,
    base: Mapping[str, Any] | None = None,
    model: Callable | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, np.ndarray]:
    """The ``outputs`` (default: missions and total) for every draw.

    Parameters
    ----------
    draws : mapping of name -> ndarray
        Values of the drawn parameters, all of the same length ``n``.
    convention : str
        The parameter set the draws replace values of (``rapport`` or ``corrige``).
    outputs : sequence of str, optional
        Model quantities kept (others are dropped after each chunk).
    base : mapping or Scenario, optional
        A complete parameter set (or a resolved scenario) to start from instead of the
        convention's.
    model : callable, optional
        ``values -> results`` (default: the convention's model).
    chunk : int
        Draws evaluated at once.
    progress : callable, optional
        Called with (draws done, draws in all) after each chunk.

    Returns
    -------
    dict of name -> ndarray of length ``n``

    >>> out = evaluate_draws({"tarif_horaire_interpretariat": np.array([40.0, 44.0])}, outputs=["total"])
    >>> [round(float(x)) for x in out["total"]]
    [404565, 408079]
    """
    base = values_of(base)
    values = dict(base or conventions.defaults(convention))
    outputs = list(outputs or sorties_par_defaut())
    if model is None:
        costs_only = all(o == "total" or o.startswith(("mission_", "ligne_")) for o in outputs)
        convention_ = conventions.get(convention)
        model = functools.partial(convention_.evaluate, complet=not costs_only)
    return _chunks(draws, outputs, values, model, chunk, progress)


def _chunks(draws, outputs, values, model, chunk, progress) -> dict[str, np.ndarray]:
    n = len(next(iter(draws.values()))) if draws else 1
    result = {name: np.empty(n) for name in outputs}
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        res = model({**values, **{k: np.asarray(v[start:stop], dtype=float) for k, v in draws.items()}})
        for name in outputs:
            result[name][start:stop] = np.broadcast_to(np.asarray(res[name], dtype=float), (stop - start,))
        if progress:
            progress(stop, n)
    return result
