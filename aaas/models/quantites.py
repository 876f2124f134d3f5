"""The dictionary of quantities: every parameter and every quantity the model computes,
with its French label, unit, section of the report and the function that computes it.

Built from what the data already say, each label living once:

* the parameters: ``data/parameters.csv`` (short label, long label, unit, section);
* the cost components: ``data/composantes.csv`` (label) and the section of their line;
* the lines, missions, cost categories, carriers and démarches (``ligne_*``,
  ``mission_*``, ``montant_*``, ``part_*``, ``plage_*``, ``part_mutualisee_*``…):
  ``lignes.csv``, ``missions.csv``, ``categories.csv``, ``porteurs.csv``,
  ``demarches.csv``;
* every other quantity: ``data/quantites.csv`` (its schema: :mod:`aaas.schemas.quantites`).

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
from . import aggregate, conventions, surcouts
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
PART = "part"
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
    s = Sheet(conventions.defaults("rapport"))
    for step in surcouts.STEPS:
        step(s)
    return MappingProxyType({k: _nom_de(f) for k, f in s.origines.items()})


def _derivees() -> dict[str, tuple[str, str, str, str]]:
    """The quantities the other data files name: name -> (label, unit, section, family)."""
    lig, mis = datastore.lignes(), datastore.missions()
    section = dict(zip(lig["ligne"], lig["section"], strict=True))
    libelle_ligne = dict(zip(lig["ligne"], lig["libelle"], strict=True))
    comp = datastore.composantes()
    doubles = set(comp.loc[comp["libelle"].duplicated(keep=False), "libelle"])
    out = {
        r.composante: (_qualifie(r.libelle, libelle_ligne[r.ligne], r.libelle in doubles), "€/an", section[r.ligne], "")
        for r in comp.itertuples()
    }
    out.update({f"ligne_{r.ligne}": (r.libelle, "€/an", r.section, "ligne") for r in lig.itertuples()})
    for r in mis.itertuples():
        out[f"mission_{r.mission}"] = (f"Mission : {r.libelle}", "€/an", r.section, "mission")
        if r.poste_cle:
            label = f"Part du poste clé ({libelle_ligne[r.poste_cle].lower()}) dans sa mission"
            out[f"part_poste_cle_{r.mission}"] = (label, PART, "3.3", "poste_cle")
    for r in datastore.categories().itertuples():
        out[f"montant_{r.categorie}"] = (f"Montant : {r.libelle}", "€/an", r.section, "categorie")
        out[f"part_{r.categorie}"] = (f"Part du total : {r.libelle}", PART, r.section, "categorie")
    for r in datastore.porteurs().itertuples():
        porteur = r.libelle, PART, r.section, "porteur"
        out[f"part_mutualisee_{r.porteur}"] = (f"Part du total déjà mutualisée par : {porteur[0]}", *porteur[1:])
        out[f"part_surcout_{r.porteur}"] = (f"Part du total restant en surcoût pour : {porteur[0]}", *porteur[1:])
    for r in datastore.demarches().itertuples():
        out[f"demarche_{r.demarche}"] = (f"Démarche structurante : {r.libelle}", "€/an", "3.2.6", "demarche")
    return out


def _qualifie(libelle: str, ligne: str, double: bool) -> str:
    """A component's label, with its line's where another component has the same."""
    return f"{libelle} — {ligne.lower()}" if double else libelle


def _plages(libelles: dict[str, str]) -> dict[str, tuple[str, str, str, str]]:
    """The range of each share of 3.3 over the plausible classifications."""
    parts = [f"part_{c}" for c in datastore.categories()["categorie"]] + ["part_travail_collectif_et_tiers"]
    out = {}
    for part in parts:
        label = libelles[part][0].lower() + libelles[part][1:]
        out[f"plage_min_{part}"] = (f"Borne basse de la {label}", PART, "3.3", "plage")
        out[f"plage_max_{part}"] = (f"Borne haute de la {label}", PART, "3.3", "plage")
    return out


def _famille(nom: str) -> str:
    if nom == "total":
        return "total"
    if nom in {n for n, _ in aggregate.PAR_UNITE.values()}:
        return "par_unite"
    if nom in {"marge_surcout_appui_coordination", "part_relais_surcout_appui_coordination"}:
        return "controle_porteurs"
    if nom in {"part_travail_collectif_et_tiers"}:
        return "categorie"
    if nom in {"part_poste_cle_min", "part_poste_cle_max"}:
        return "poste_cle"
    return ""


@datastore.cached
def _quantites() -> pd.DataFrame:
    """The computed quantities, in the order the model computes them."""
    q = datastore.table("quantites.csv")
    propres = {r.nom: (r.libelle, r.unite, r.section, _famille(r.nom)) for r in q.itertuples()}
    derivees = _derivees()
    doubles = sorted(set(propres) & set(derivees))
    if doubles:
        raise ValueError(f"quantites.csv : quantités déjà nommées par un autre fichier : {', '.join(doubles)}")
    entrees = {**derivees, **propres}
    entrees.update(_plages({k: v[0] for k, v in entrees.items()}))
    origines = _origines()
    rows = []
    for nom in [*origines, *(n for n in entrees if n not in origines)]:
        libelle, unite, section, famille = entrees.get(nom, ("", "", "", ""))
        fonction = origines.get(nom, "") or (_nom_de(AGREGATION[famille]) if famille else "")
        rows.append((nom, QUANTITE, libelle, unite, section, fonction, ""))
    return pd.DataFrame(rows, columns=list(COLONNES))


def _parametres() -> pd.DataFrame:
    p = datastore.parametres()
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

    >>> q = quantities("surcoûts par")
    >>> list(q["nom"])
    ['total_par_habitant', 'total_par_personne', 'total_par_departement', 'total_par_structure']
    >>> list(q["unite"])
    ['€/habitant/an', '€/personne/an', '€/département/an', '€/structure/an']
    """
    return dictionary() if search_words is None else search(search_words)


def sans_accents(text: str) -> str:
    """``text`` in lower case, without accents, ``_`` read as a space (for searching).

    >>> sans_accents("Coût_par_HABITANT")
    'cout par habitant'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("_", " ")


def search(words: str) -> pd.DataFrame:
    """The entries of :func:`dictionary` whose name, label or description contain every
    word of ``words`` (case and accents ignored; « _ » reads as a space).

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

    >>> nearest("populaton_bassin", 1)
    ['population_bassin']
    """
    names = list(dictionary()["nom"])
    return difflib.get_close_matches(str(words)[:MOTS_MAX].strip().replace(" ", "_"), names, n=n, cutoff=0.5)


def describe(name: str) -> dict[str, str]:
    """The entry of ``name`` (a parameter or a quantity), or a
    :class:`~aaas.errors.ParameterError` naming the nearest names.

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
    """The French label of a parameter or a quantity (its name if it has none)."""
    d = _libelles()
    return d.get(name) or name


def unite(name: str) -> str:
    """The unit of a parameter or a quantity (empty if unknown)."""
    return _unites().get(name, "")


@datastore.cached
def _libelles() -> MappingProxyType:
    d = dictionary()
    return MappingProxyType(dict(zip(d["nom"], d["libelle"], strict=True)))


@datastore.cached
def _unites() -> MappingProxyType:
    d = dictionary()
    return MappingProxyType(dict(zip(d["nom"], d["unite"], strict=True)))
