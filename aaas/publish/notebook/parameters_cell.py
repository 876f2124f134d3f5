"""The parameters cell of every notebook, generated from ``data/parameters.csv``.

Papermill replaces the cell tagged ``parameters`` (``papermill in.ipynb out.ipynb -p
population_bassin 50000``) and ``papermill --help-notebook`` lists what it declares, with
the type and the comment of each line (papermill's Python translator reads ``name: type =
value  # help``).  The cell declares the three settings of a scenario — ``scenario_file``,
``convention``, ``overrides`` — and every model parameter, each with ``None`` (the
convention's value), its type, its French label, its unit and its accepted range.

It is written here once for the eleven notebooks: :func:`rewrite` puts it into the
committed notebooks (``make refresh-notebooks`` calls it before executing them), and a test
fails when a committed notebook's cell differs from :func:`source`.  The set-up cell that
follows reads these names back (:func:`aaas.publish.notebook.papermill.setup_from`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...models import conventions, parameters, sec
from .. import executed

#: The tag papermill looks for, and the one of the cell it injects after it.
TAG = "parameters"
INJECTED_TAG = "injected-parameters"
#: The settings of a scenario, before the model's parameters: (name, type, default, help).
REGLAGES = (
    ("scenario_file", "str", '""', "Fichier de scénario YAML (nom: valeur), lu avant les valeurs passées ici"),
    (
        "convention",
        "str",
        '"rapport"',
        f"Jeu de paramètres de départ : {', '.join(conventions.CONVENTIONS[:-1])} ou {conventions.CONVENTIONS[-1]}",
    ),
    (
        "overrides",
        "dict",
        "{}",
        "Valeurs par nom de paramètre (dictionnaire, ou texte JSON) ; un nom aussi passé seul est refusé",
    ),
)
#: The inputs some notebooks add after the model's parameters, with the example they show:
#: the SEC chapter's file active and poverty rate (:func:`aaas.models.sec.entrees`).
ENTREES = {"sec_participatives": {"file_active_mg": 4500, "taux_pauvrete": 0.2}}
#: What the cell says first (comments: papermill ignores them).
EN_TETE = (
    "# Paramètres du chapitre : papermill les remplace (-p nom valeur), papermill --help-notebook les liste.",
    "# None : la valeur de la convention choisie.  Cellule générée depuis data/parameters.csv",
    "# (aaas.publish.notebook.parameters_cell) : ne pas la modifier à la main.",
    "from typing import Optional",
    "",
)


def declared(notebook: str = "") -> tuple[str, ...]:
    """Every name the parameters cell of ``notebook`` (its file's stem) declares: the three
    settings, the model's parameters in the table's order, then its own inputs
    (:data:`ENTREES`).

    >>> declared()[:4], declared("sec_participatives")[-2:]
    (('scenario_file', 'convention', 'overrides', 'heures_annuelles_etp'), ('file_active_mg', 'taux_pauvrete'))
    """
    return (*(r[0] for r in REGLAGES), *parameters.parameters(), *ENTREES.get(notebook, {}))


def type_name(p: parameters.Parameter) -> str:
    """The annotation of a parameter: ``Optional[str]`` for a choice, ``Optional[int]`` for
    a count, ``Optional[float]`` otherwise (papermill shows it).

    >>> type_name(parameters.lookup("population_bassin")), type_name(parameters.lookup("nb_campagnes_an"))
    ('Optional[float]', 'Optional[int]')
    """
    if p.categorical:
        return "Optional[str]"
    return "Optional[int]" if p.entier else "Optional[float]"


def comment(p: parameters.Parameter) -> str:
    """A parameter's help: its label, unit and accepted values, on one line without « = »
    (papermill skips a line holding two).

    >>> comment(parameters.lookup("tarif_horaire_interpretariat"))
    "Tarif horaire de l'interprétariat [€/h] ; plage acceptée : de 0 à 500"
    """
    unit = "" if p.categorical else f" [{p.unit}]"
    text = f"{p.label}{unit} ; {p.accepted()}"
    return " ".join(text.replace("=", "\uff1d").split())


def source(notebook: str = "") -> str:
    """The parameters cell's source, as the notebook ``notebook`` (its file's stem) must
    carry it."""
    lines = [*EN_TETE]
    lines += [f"{name}: {kind} = {default}  # {help_}" for name, kind, default, help_ in REGLAGES]
    lines += [f"{name}: {type_name(p)} = None  # {comment(p)}" for name, p in parameters.parameters().items()]
    own = ENTREES.get(notebook, {})
    if own:
        spec = sec.entrees(sec.valeurs())
        lines += [
            f"{name}: {'int' if spec[name].entier else 'float'} = {value!r}  # {comment(spec[name])}"
            for name, value in own.items()
        ]
    return "\n".join(lines)


def _cell(nb):
    cells = [c for c in nb.cells if TAG in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"{len(cells)} cellules marquées « {TAG} » (une attendue)")
    return cells[0]


def current(path: str | Path) -> str:
    """The source of a notebook's parameters cell."""
    return _cell(executed.read_notebook(Path(path))).source


def stale(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks whose parameters cell differs from :func:`source`."""
    return [Path(p) for p in paths if current(p) != source(Path(p).stem)]


def rewrite(paths: Iterable[str | Path]) -> list[Path]:
    """Put :func:`source` into each notebook's parameters cell, the rest untouched; returns
    the notebooks changed."""
    changed = []
    for path in map(Path, paths):
        nb = executed.read_notebook(path)
        if _cell(nb).source != source(path.stem):
            executed.write_notebook(filled(path), path)
            changed.append(path)
    return changed


def filled(path: str | Path):
    """The notebook at ``path`` with :func:`source` in its parameters cell (the file untouched)."""
    nb = executed.read_notebook(path)
    _cell(nb).source = source(Path(path).stem)
    return nb
