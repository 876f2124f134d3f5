"""The numbers of an executed notebook: every figure its prose glued, as a table.

Run a chapter with your parameters, then collect its figures::

    papermill notebooks/relais.ipynb relais_50000.ipynb -p population_bassin 50000

    >>> from aaas.publish.notebook import results
    >>> df = results("relais_50000.ipynb")  # doctest: +SKIP
    >>> df.query("quantite == 'mission_relais' and convention == 'rapport'")["valeur"]  # doctest: +SKIP

Each glue of :class:`~aaas.publish.notebook.glue.Glue` records its number in its output's
metadata (:func:`aaas.publish.notebook.glue.record`); this reads them back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from .glue import METADATA_KEY

#: The columns of :func:`results`, in order.
COLONNES = ("cle", "quantite", "valeur", "unite", "convention", "nature", "texte")


def results(path: str | os.PathLike) -> pd.DataFrame:
    """Every figure glued in an executed notebook, as numbers.

    Parameters
    ----------
    path : path-like
        A notebook of ``notebooks/`` executed (by papermill, by Jupyter, or as committed).

    Returns
    -------
    pandas.DataFrame
        One row per glued figure, in the notebook's order: ``cle`` (the glue's key, as the
        prose cites it), ``quantite`` (the model's quantity or parameter; empty for a
        figure read from its text), ``valeur`` (the exact number: a share as a fraction),
        ``unite`` (``€``, ``part``, the parameter's unit…), ``convention`` (the parameter
        set it was computed under; empty for a figure printed in the report), ``nature``
        (``calculé``, ``imprimé``, ``paramètre``, ``variante`` or ``lu``: read from the
        text) and ``texte`` (the figure as the book shows it).  Texts that are not numbers
        (a list of errata, a word) are left out.

    >>> df = results("notebooks/relais.ipynb")
    >>> list(df.columns) == list(COLONNES) and bool((df["quantite"] == "mission_relais").any())
    True
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            meta = output.get("metadata", {})
            nombre, glued = meta.get(METADATA_KEY), meta.get("scrapbook", {})
            if not nombre or "name" not in glued:
                continue
            text = next((v for k, v in output.get("data", {}).items() if k.endswith("text/plain")), "")
            rows.append({"cle": glued["name"], **nombre, "texte": "".join(text)})
    return pd.DataFrame(rows, columns=list(COLONNES))
