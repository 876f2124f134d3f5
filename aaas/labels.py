"""The French label of everything a reader sees, from one accessor: :func:`libelle`.

A page shows identifiers (``base_etp_coordinateur``, ``habitants``, ``bas_10``,
``seed_001``) only inside ``<code>`` or in a tooltip; everywhere else it shows the label
this module finds in ``data/``:

* ``parametre``: the short label of a hypothesis (``libelle_court`` of ``parameters.csv``);
* ``mission``, ``ligne``: ``missions.csv``, ``lignes.csv`` (``libelle``; a mission's short
  name, :func:`mission_courte`, is its ``libelle_court``);
* ``choix`` (a reading value: parameter and value), ``convention``, ``scenario``,
  ``source`` (a source text), ``poste`` (a salaried post): ``libelles.csv``.

>>> libelle("parametre", "base_etp_coordinateur")
'Dimensionnement du coordinateur'
>>> libelle("choix", "base_etp_coordinateur", "habitants")
'selon la population'
>>> libelle("source", "seed_004")
"Avis du comité technique de l'innovation en santé (juillet 2021)"
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import datastore, fmt

#: The kinds of names with a label, and the file that holds them.
KINDS = ("parametre", "mission", "ligne", "choix", "convention", "scenario", "source", "poste")


@datastore.cached
def _labels() -> Mapping[tuple[str, str, str], str]:
    """Every label, by (kind, name, value); ``value`` is empty except for reading values."""
    out: dict[tuple[str, str, str], str] = {}
    p = datastore.parameters()
    out.update({("parametre", n, ""): t for n, t in zip(p["name"], p["libelle_court"], strict=True)})
    for kind, df in (("mission", datastore.missions()), ("ligne", datastore.lignes())):
        out.update({(kind, n, ""): t for n, t in zip(df[kind], df["libelle"], strict=True)})
    df = datastore.libelles()
    out.update({(k, n, v): t for k, n, v, t in zip(df["kind"], df["name"], df["value"], df["libelle"], strict=True)})
    return MappingProxyType(out)


def libelle(kind: str, name: str, value: str = "") -> str:
    """The French label of ``name`` (of ``kind``, one of :data:`KINDS`; ``value``: the
    reading value of a ``choix``).

    A reading value that is a number (a year, a fiscal power) is its own label; a scenario
    file the edition does not ship is named by its file name, read as words.  Anything else
    without a label is an error of the data (a test checks that none is missing).
    """
    key = (kind, str(name), str(value) if kind == "choix" else "")
    if key in _labels():
        return _labels()[key]
    if kind == "choix" and str(value).replace(".", "", 1).isdigit():
        return str(value)
    if kind == "scenario":
        return str(name).replace("_", " ")
    if kind not in KINDS:
        raise KeyError(f"libellé : espèce inconnue « {kind} » (connues : {', '.join(KINDS)})")
    raise KeyError(f"libellé manquant : {kind} « {name} »" + (f" = « {value} »" if value else ""))


def parametre(name: str) -> str:
    """The short label of a hypothesis."""
    return libelle("parametre", name)


def mission_courte(mission: str) -> str:
    """The short name of a mission (table headers, headings): ``libelle_court`` of
    ``missions.csv``.

    >>> mission_courte("pair_aidance")
    'Pair-aidance'
    """
    return missions_courtes()[mission]


def missions_courtes() -> dict[str, str]:
    """Every mission (id → short name), in the order of ``missions.csv``.

    >>> list(missions_courtes().values())
    ['Relais', 'Pair-aidance', 'Coordination', 'Participation']
    """
    m = datastore.missions()
    return dict(zip(m["mission"], m["libelle_court"].astype(str), strict=True))


def choix(name: str, value) -> str:
    """The label of a reading value of the parameter ``name``."""
    return libelle("choix", name, value)


def lecture(name: str, value) -> str:
    """A parameter and its reading value, for readers: « Dimensionnement du coordinateur :
    selon la population »."""
    return f"{parametre(name)} : {choix(name, value)}"


def est_lecture(name: str) -> bool:
    """Is ``name`` a categorical parameter (its values are readings or years)?"""
    p = datastore.parameters()
    return bool(p.loc[p["name"] == name, "choices"].ne("").any())


def valeur(name: str, value) -> str:
    """A parameter's value for readers: a reading value by its label, a number in French.

    >>> valeur("repartition_bareme", "par_vehicule"), valeur("population_bassin", 50000.0)
    ('barème par véhicule', '50\\u202f000')
    """
    if est_lecture(name) and isinstance(value, str):
        return choix(name, value)
    return fmt.brut(value)
