"""The names the model may read and write, each declared once, with its label, unit and
section of the report: every parameter (``data/parameters.csv``) and every quantity a step
writes, declared by the data files, before any evaluation:

* the cost components: ``data/composantes.csv`` (label) and the section of their line;
* the lines, missions, cost categories, carriers and démarches (``ligne_*``,
  ``mission_*``, ``montant_*``, ``part_*``, ``plage_*``, ``part_mutualisee_*``…):
  ``lignes.csv``, ``missions.csv``, ``categories.csv``, ``porteurs.csv``,
  ``demarches.csv``;
* every other quantity: ``data/quantites.csv``.

The model's sheet (:class:`aaas.models.sheet.Sheet`) refuses to write a name not declared
here, and names the nearest declared one; :func:`step_names` reads the names a step writes
and reads from its source, so that a test checks every step before any evaluation.  The
dictionary of quantities (:mod:`aaas.models.quantites`) adds to these entries the function
that computes each quantity.

>>> "cout_mediateur" in names(), "cout_mediatuer" in names()
(True, False)
>>> quantities()["total"][:2]
('Total des surcoûts des quatre missions', '€/an')
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from .. import datastore
from . import aggregate

#: The unit of a share (a fraction of 1), as every export writes it.
PART = "part"
#: The variables a step reads and writes names through (the sheet, the aggregation's mapping).
RECEVEURS = frozenset({"s", "v"})


@datastore.cached
def quantities() -> MappingProxyType:
    """Every quantity the model may write: name -> (label, unit, section, family), the
    family being the aggregation's group of quantities (empty for a step's own); the order:
    the other files' names, then ``quantites.csv``'s, then the ranges of the shares."""
    q = datastore.table("quantites.csv")
    propres = {r.nom: (r.libelle, r.unite, r.section, _famille(r.nom)) for r in q.itertuples()}
    derivees = _derivees()
    doubles = sorted(set(propres) & set(derivees))
    if doubles:
        raise ValueError(f"quantites.csv : quantités déjà nommées par un autre fichier : {', '.join(doubles)}")
    entrees = {**derivees, **propres}
    entrees.update(_plages({k: v[0] for k, v in entrees.items()}))
    return MappingProxyType(entrees)


@datastore.cached
def names() -> frozenset[str]:
    """Every name declared: the parameters and the quantities (:func:`quantities`), each
    declared once (a quantity named as a parameter is refused)."""
    parametres = frozenset(datastore.parameters()["name"])
    doubles = sorted(parametres & quantities().keys())
    if doubles:
        raise ValueError(f"quantités déclarées sous le nom d'un paramètre : {', '.join(doubles)}")
    return parametres | frozenset(quantities())


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


@dataclass(frozen=True)
class StepNames:
    """The names a step's source writes and reads (string literals, the local and
    module-level constants they are held in), and the patterns of the names it builds
    (an f-string whose parts are not constants: ``salaire_net_{poste}``)."""

    writes: frozenset[str]
    reads: frozenset[str]
    patterns: frozenset[str]

    def undeclared(self, declared: frozenset[str]) -> list[str]:
        """The names, and the patterns matching no name, not in ``declared``, each with the
        nearest declared name (« nom (le plus proche : autre) »)."""
        from .sheet import nearest

        out = [n for n in sorted(self.writes | self.reads) if n not in declared]
        out += [p for p in sorted(self.patterns) if not any(re.fullmatch(p, n) for n in declared)]
        return [f"{n} (le plus proche : {nearest(n, declared)})" for n in out]


def step_names(step: Callable, bound: dict[str, list[str]] | None = None) -> StepNames:
    """The names ``step`` writes (``s.calc(nom, …)``, ``s.copy(nom, …)``, ``s.put(nom, …)``)
    and reads (``s[nom]``, the names among ``s.calc``'s arguments, ``s.copy``'s source),
    read from its source without running it; with those of the step fragments it calls
    on the sheet with constant arguments (``chaine_salariale(s, "mediateur")``), whose
    parameters are ``bound`` to them.

    >>> from aaas.models import relais
    >>> n = step_names(relais.bassin)
    >>> sorted(n.writes), sorted(n.reads)
    (['facteur_bassin'], ['population_bassin', 'population_reference'])
    """
    module = ast.parse(inspect.getsource(inspect.getmodule(step)))
    fonction = ast.parse(textwrap.dedent(inspect.getsource(step)))
    env = _Portee({}, {})
    _lie(module.body, env)
    env.chaines.update(bound or {})
    _lie(list(ast.walk(fonction)), env)
    writes, reads, patterns = set(), set(), set()
    for node in _noeuds(fonction, env):
        fragment = _fragment(step, node, env)
        if fragment is not None:
            writes |= fragment.writes
            reads |= fragment.reads
            patterns |= fragment.patterns
        elif isinstance(node, ast.Subscript) and _receveur(node.value):
            _range(_chaines(node.slice, env), reads, patterns)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _receveur(node.func.value):
            args = node.args
            if node.func.attr in {"calc", "copy", "put"} and args:
                _range(_chaines(args[0], env), writes, patterns)
            lus = args[2:] if node.func.attr == "calc" else args[1:2] if node.func.attr == "copy" else []
            for a in lus:
                _range(_chaines(a, env), reads, patterns)
    return StepNames(frozenset(writes), frozenset(reads), frozenset(patterns))


def _noeuds(node: ast.AST, env: _Portee):
    """The nodes under ``node`` (as :func:`ast.walk`), but for the branch of an
    ``if nom not in s.p`` (``in``) that the parameters decide is never taken: a quantity
    written only when it is not a parameter."""
    yield node
    if isinstance(node, ast.If) and (pris := _branche(node.test, env)) is not None:
        for child in node.body if pris else node.orelse:
            yield from _noeuds(child, env)
        return
    for child in ast.iter_child_nodes(node):
        yield from _noeuds(child, env)


def _branche(test: ast.AST, env: _Portee) -> bool | None:
    """Whether ``nom in s.p`` / ``nom not in s.p`` holds, when the parameters decide it."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In | ast.NotIn)):
        return None
    table = test.comparators[0]
    if not (isinstance(table, ast.Attribute) and table.attr == "p" and _receveur(table.value)):
        return None
    chaines = _chaines(test.left, env)
    parametres = set(datastore.parameters()["name"])
    if not chaines or any(".+" in c for c in chaines) or len({c in parametres for c in chaines}) != 1:
        return None
    return (chaines[0] in parametres) == isinstance(test.ops[0], ast.In)


def _fragment(step: Callable, node: ast.AST, env: _Portee) -> StepNames | None:
    """The names of a step fragment of the model the step calls on the sheet (a function
    of :mod:`aaas.models` taking the sheet first), its other parameters bound to the strings
    the arguments hold; None for any other node."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
        return None
    f = getattr(step, "__globals__", {}).get(node.func.id)
    if not (_receveur(node.args[0]) and inspect.isfunction(f) and f.__module__.startswith("aaas.models.")):
        return None
    noms = list(inspect.signature(f).parameters)[1:]
    return step_names(f, {n: _chaines(a, env) for n, a in zip(noms, node.args[1:], strict=False)})


@dataclass(frozen=True)
class _Portee:
    """What a step's source binds: names -> the strings they hold; tables of constants
    (tuples of tuples) -> their rows."""

    chaines: dict[str, list[str]]
    tables: dict[str, list[ast.Tuple]]


def _receveur(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id in RECEVEURS


def _range(chaines: list[str], names_: set[str], patterns: set[str]) -> None:
    """File each string as a name, or as a pattern if it holds a ``.+`` (an f-string)."""
    for c in chaines:
        (patterns if ".+" in c else names_).add(c)


def _lie(nodes: list[ast.AST], env: _Portee) -> None:
    """Bind the names assigned constant strings (``x = "a"``, ``x = "a", "b"``,
    ``x, y = "a", "b"``) and the variables of a loop over a table of them (a tuple of
    tuples: each variable takes its column)."""
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                _lie_cible(target, node.value, env)
        elif isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Tuple):
            rows = env.tables.get(node.iter.id, []) if isinstance(node.iter, ast.Name) else []
            for i, t in enumerate(node.target.elts):
                if isinstance(t, ast.Name) and rows:
                    env.chaines[t.id] = [c for row in rows if i < len(row.elts) for c in _chaines(row.elts[i], env)]


def _lie_cible(target: ast.AST, value: ast.AST, env: _Portee) -> None:
    if isinstance(target, ast.Name):
        env.chaines[target.id] = _chaines(value, env)
        if isinstance(value, ast.Tuple) and value.elts and all(isinstance(e, ast.Tuple) for e in value.elts):
            env.tables[target.id] = list(value.elts)
    elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
        for t, v in zip(target.elts, value.elts, strict=True):
            _lie_cible(t, v, env)


def _chaines(node: ast.AST, env: _Portee) -> list[str]:
    """The strings an expression may hold: a literal, the elements of a tuple or a list,
    a bound name's, an f-string's (a pattern ``prefix_.+`` where a part is unknown)."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    if isinstance(node, ast.Starred):
        return _chaines(node.value, env)
    if isinstance(node, ast.Name):
        return env.chaines.get(node.id, [])
    if isinstance(node, ast.JoinedStr):
        return _fstring(node, env)
    if isinstance(node, ast.Tuple | ast.List):
        return [c for e in node.elts for c in _chaines(e, env)]
    return []


def _fstring(node: ast.JoinedStr, env: _Portee) -> list[str]:
    """Each string an f-string may give, its unknown parts as ``.+``."""
    out = [""]
    for part in node.values:
        if isinstance(part, ast.Constant):
            out = [o + str(part.value) for o in out]
        else:
            valeurs = _chaines(part.value, env) if isinstance(part, ast.FormattedValue) else []
            out = [o + v for o in out for v in valeurs] if valeurs else [o + ".+" for o in out]
    return out
