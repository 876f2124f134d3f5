"""The dictionary of quantities: every parameter and every quantity the model computes,
with its French label, unit, section of the report and the function that computes it.

Built from what the data already say, each label living once: the parameters
(``data/parameters.csv``: short label, long label, unit, section) and the quantities the
model declares (:mod:`aaas.models.declarations`: ``data/quantites.csv``, whose schema is
:mod:`aaas.schemas.quantites`, and the names the other data files give).

The function of a quantity is the one the model's step applied to write it
(:attr:`aaas.models.sheet.Sheet.origines`, under the ``rapport`` parameter set), or the
aggregation's function for the lines, missions and shares.  A test checks that every
quantity computed has exactly one entry and every entry is computed.

>>> describe("total_par_habitant")["unite"]
'€/habitant/an'
>>> list(search("coordinateur territorial")["nom"])[:2]
['salaire_net_coordinateur', 'taux_charges_salariales_coordinateur']
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from types import MappingProxyType

import pandas as pd

from .. import datastore
from ..errors import ParameterError, cite
from . import aggregate, conventions, declarations, surcouts
from .sheet import Sheet

#: The columns of :func:`dictionary`.
COLONNES = ("nom", "nature", "libelle", "unite", "section", "fonction", "description")
#: The French header of each column of :func:`dictionary` (spreadsheet, exports for readers).
ENTETES = {
    "nom": "Nom",
    "nature": "Nature",
    "libelle": "Libellé",
    "unite": "Unité",
    "section": "Section du rapport",
    "fonction": "Fonction qui la calcule",
    "description": "Libellé du rapport (paramètres)",
}
#: The kinds of entries (column ``nature``).
PARAMETRE, QUANTITE = "paramètre", "quantité"
#: Longest search accepted (``--cherche``), in characters.
MOTS_MAX = 200
#: The unit of a share (a fraction of 1), as every export writes it.
PART = declarations.PART
#: The aggregation's functions, for the quantities it writes (by family).
AGREGATION = {
    "ligne": aggregate.lignes_et_missions,
    "mission": aggregate.lignes_et_missions,
    "total": aggregate.lignes_et_missions,
    "par_unite": aggregate.totaux_par_unite,
    "categorie": aggregate.structure_des_couts,
    "plage": aggregate.plages,
    "poste_cle": aggregate.postes_cles,
    "porteur": aggregate.parts_porteurs,
    "demarche": aggregate.demarches_structurantes,
    "controle_porteurs": aggregate.controles_porteurs,
}


def _nom_de(f: Callable | str | None) -> str:
    if isinstance(f, str):
        return f"copie de {f}"
    return "" if f is None else f"{f.__module__}.{f.__qualname__}"


@datastore.cached
def _origines() -> MappingProxyType:
    """How the model writes each quantity under the ``rapport`` set: name -> function name."""
    s = Sheet(conventions.defaults("rapport"), declarations.names())
    for step in surcouts.STEPS:
        step(s)
    return MappingProxyType({k: _nom_de(f) for k, f in s.origines.items()})


@datastore.cached
def _quantites() -> pd.DataFrame:
    """The computed quantities, in the order the model computes them."""
    entrees = declarations.quantities()
    origines = _origines()
    rows = []
    for nom in [*origines, *(n for n in entrees if n not in origines)]:
        libelle, unite, section, famille = entrees.get(nom, ("", "", "", ""))
        fonction = origines.get(nom, "") or (_nom_de(AGREGATION[famille]) if famille else "")
        rows.append((nom, QUANTITE, libelle, unite, section, fonction, ""))
    return pd.DataFrame(rows, columns=list(COLONNES))


def _parametres() -> pd.DataFrame:
    p = datastore.parameters()
    return pd.DataFrame(
        {
            "nom": p["name"],
            "nature": PARAMETRE,
            "libelle": p["libelle_court"],
            "unite": p["unit"],
            "section": p["section"],
            "fonction": "",
            "description": p["label"],
        }
    )


def dictionary() -> pd.DataFrame:
    """Every parameter (``data/parameters.csv``, in its order), then every quantity the
    model computes (in the order computed), one row each.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLONNES`: ``nom``, ``nature`` (« paramètre » or « quantité »),
        ``libelle`` (French), ``unite`` (« part » for a share: a fraction of 1),
        ``section`` of the report, ``fonction`` (the dotted name of the formula that
        computes a quantity; « copie de … » for a component named after another quantity;
        empty for a parameter) and ``description`` (a parameter's label as the report
        words it).

    >>> d = dictionary()
    >>> d.set_index("nom").loc["cout_interpretariat", "fonction"]
    'aaas.formulas.relais.cout_consultations'
    """
    return pd.concat([_parametres(), _quantites()], ignore_index=True)


def quantities(search_words: str | None = None) -> pd.DataFrame:
    """The dictionary (:func:`dictionary`), or its entries matching ``search_words``
    (:func:`search`): what ``aaas.quantities()`` gives.

    Parameters
    ----------
    search_words : str, optional
        Words every entry found contains (name, label or description).

    Returns
    -------
    DataFrame
        One row per entry: ``nom``, ``nature``, ``libelle``, ``unite``, ``section``…

    >>> q = quantities("surcoûts par")
    >>> list(q["nom"])
    ['total_par_habitant', 'total_par_personne', 'total_par_departement', 'total_par_structure']
    >>> list(q["unite"])
    ['€/habitant/an', '€/personne/an', '€/département/an', '€/structure/an']
    """
    return dictionary() if search_words is None else search(search_words)


def sans_accents(text: str) -> str:
    """``text`` in lower case, without accents, ``_`` read as a space (for searching).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text as searches compare it.

    >>> sans_accents("Coût_par_HABITANT")
    'cout par habitant'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("_", " ")


def search(words: str) -> pd.DataFrame:
    """The entries of :func:`dictionary` whose name, label or description contain every
    word of ``words`` (case and accents ignored; « _ » reads as a space).

    Parameters
    ----------
    words : str
        At most :data:`MOTS_MAX` characters, one word at least.

    Returns
    -------
    DataFrame
        The matching entries, in the dictionary's order.

    >>> found = search("par habitant")
    >>> list(found.loc[found["nature"] == QUANTITE, "nom"])
    ['depense_interpretariat_par_habitant', 'total_par_habitant', 'population_par_etp_coordinateur', \
'cout_relais_par_habitant']
    """
    if len(str(words)) > MOTS_MAX:
        raise ParameterError(f"--cherche : {len(str(words))} caractères ; au plus {MOTS_MAX}")
    d = dictionary()
    wanted = sans_accents(words).split()
    if not wanted:
        raise ParameterError("--cherche : un mot au moins est attendu")
    texte = (d["nom"] + " " + d["libelle"] + " " + d["description"]).map(sans_accents)
    mask = texte.map(lambda t: all(w in t for w in wanted))
    return d[mask].reset_index(drop=True)


def nearest(words: str, n: int = 3) -> list[str]:
    """The names closest to ``words`` (for a search that found nothing).

    Parameters
    ----------
    words : str
        What was searched.
    n : int
        How many names at most.

    Returns
    -------
    list of str
        The closest names, closest first.

    >>> nearest("populaton_bassin", 1)
    ['population_bassin']
    """
    names = list(dictionary()["nom"])
    return difflib.get_close_matches(str(words)[:MOTS_MAX].strip().replace(" ", "_"), names, n=n, cutoff=0.5)


def describe(name: str) -> dict[str, str]:
    """The entry of ``name`` (a parameter or a quantity), or a
    :class:`~aaas.errors.ParameterError` naming the nearest names.

    Parameters
    ----------
    name : str
        A parameter or a quantity.

    Returns
    -------
    dict of str -> str
        Its entry of the dictionary (``nom``, ``nature``, ``libelle``, ``unite``…).

    >>> describe("etp_coordinateur")["nature"]
    'paramètre'
    >>> describe("total_par_habitan")
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: quantité inconnue 'total_par_habitan' ; vouliez-vous dire 'total_par_habitant' ?
    """
    d = dictionary().set_index("nom")
    if name in d.index:
        return {"nom": name, **d.loc[name].to_dict()}
    near = nearest(name, 1)
    hint = f" ; vouliez-vous dire '{near[0]}' ?" if near else " ; voir `aaas quantites`"
    raise ParameterError(f"quantité inconnue '{cite(name)}'{hint}")


def libelle(name: str) -> str:
    """The French label of a parameter or a quantity (its name if it has none).

    Parameters
    ----------
    name : str
        A parameter or a quantity.

    Returns
    -------
    str
        Its label.
    """
    d = _libelles()
    return d.get(name) or name


def unite(name: str) -> str:
    """The unit of a parameter or a quantity (empty if unknown).

    Parameters
    ----------
    name : str
        A parameter or a quantity.

    Returns
    -------
    str
        Its unit.
    """
    return _unites().get(name, "")


@datastore.cached
def _libelles() -> MappingProxyType:
    d = dictionary()
    return MappingProxyType(dict(zip(d["nom"], d["libelle"], strict=True)))


@datastore.cached
def _unites() -> MappingProxyType:
    d = dictionary()
    return MappingProxyType(dict(zip(d["nom"], d["unite"], strict=True)))
