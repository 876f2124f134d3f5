"""The staged source tree handed to jupyter-book, and its per-build ``_config.yml``.

:func:`staged_files` gathers, in memory, every file of one build: the table of contents,
the static pages, the pages generated from data, the executed notebooks and a
``_config.yml`` carrying the footer stamp (commit, version, convention, parameter hash)
and, for a variant, a banner naming the changed parameters.  :func:`sync_tree` then writes
only what changed, so that Sphinx's incremental build sees untouched files as unchanged.
:func:`write_tables_workbook` adds the spreadsheet of the book's own tables to the built
site, and :func:`cover` gives what the PDF's cover page carries.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path

import yaml

from .. import __version__, fmt
from ..models import conventions, parameters
from ..models.scenario import Scenario
from ..provenance import edition_date, git_commit, regles_paie
from . import pages
from .cache import NotebookTask
from .notebook import citation
from .toc import NOTEBOOK_DIR

#: The spreadsheet of the book's tables, at the root of the published site.
WORKBOOK = "aaas-tableaux.xlsx"
#: Months in French, for the edition's date.
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
#: Folders copied as-is into the staged source tree (when they exist).
STATIC_DIRS = ("book", "_static", "_templates")


# --------------------------------------------------------------------------------------
# Files of the staged tree
# --------------------------------------------------------------------------------------


def staged_files(
    root: Path, tasks: list[NotebookTask], scenario: Scenario, convention: str, pdf: bool = False
) -> dict[str, bytes]:
    """Content of every file of the staged source tree.

    Parameters
    ----------
    root : Path
        Repository built.
    tasks : list of NotebookTask
        The notebooks, whose executed copies (already in the cache) are staged.
    scenario, convention
        What the generated pages and the configuration describe.
    pdf : bool
        Whether the book is printed as ``aaas.pdf`` (every page then links to it).

    Returns
    -------
    dict of str to bytes
        Content by POSIX path relative to the staged tree (same layout as ``root``).
    """
    files: dict[str, bytes] = {"_toc.yml": (root / "_toc.yml").read_bytes()}
    for folder in STATIC_DIRS:
        files.update(_tree_files(root, root / folder))
    files.update(
        {rel: content for rel, content in _tree_files(root, root / NOTEBOOK_DIR).items() if not rel.endswith(".ipynb")}
    )
    for task in tasks:
        files[task.rel] = task.executed.read_bytes()
    for rel, text in pages.generated_pages(scenario, convention).items():
        files[rel] = text.encode("utf-8")
    files["_config.yml"] = staged_config(root, scenario, convention, pdf).encode("utf-8")
    return files


def _tree_files(root: Path, folder: Path) -> dict[str, bytes]:
    """Files under ``folder`` (skipping checkpoints, caches and dot files), keyed by path from root."""
    if not folder.is_dir():
        return {}
    skip = {".ipynb_checkpoints", "__pycache__"}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not skip.intersection(p.parts) and not p.name.startswith(".")
    }


def sync_tree(dest: Path, files: Mapping[str, bytes]) -> list[str]:
    """Make ``dest`` hold exactly ``files``, writing only the files that changed.

    Files of ``dest`` absent from ``files`` are deleted, and so are the folders left empty.

    Parameters
    ----------
    dest : Path
        Folder synchronised (created if needed).
    files : mapping of str to bytes
        Content by POSIX path relative to ``dest``.

    Returns
    -------
    list of str
        Relative paths written or deleted.
    """
    changed = []
    for rel, content in files.items():
        if write_if_changed(dest / rel, content):
            changed.append(rel)
    if dest.is_dir():
        for path in sorted(dest.rglob("*"), reverse=True):
            rel = path.relative_to(dest).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
                changed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` atomically unless it already holds it.

    An unchanged file keeps its modification time, which Sphinx uses to skip pages.
    Returns whether the file was written.
    """
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)
    return True


# --------------------------------------------------------------------------------------
# Per-build configuration: footer stamp and variant banner
# --------------------------------------------------------------------------------------


def staged_config(root: Path, scenario: Scenario, convention: str, pdf: bool = False) -> str:
    """The ``_config.yml`` of this build.

    The repository's configuration, with notebook execution off (papermill already ran
    them), the :func:`footer_stamp`, for a variant the :func:`variant_banner`, the
    edition's citation as MyST substitutions (:func:`.notebook.citation.substitutions`),
    the substitutions ``{{ date_edition }}`` (:func:`date_fr`) and ``{{ axe_core }}``
    (:func:`axe_core_version`, for the page « Accessibilité »), and the Sphinx setting
    ``aaas_pdf`` (whether the pages link to ``aaas.pdf``, see :mod:`aaas.publish.sphinx_ext`) and
    the substitution ``{{ lien_pdf }}`` (the home page's link to it).
    """
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    html_cfg = config.setdefault("html", {})
    html_cfg["extra_footer"] = footer_stamp(root, scenario, convention)
    html_cfg["announcement"] = (
        variant_banner(scenario, convention) if conventions.is_variant(scenario, convention) else ""
    )
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("config", {})["aaas_pdf"] = bool(pdf)
    substitutions = config.setdefault("parse", {}).setdefault("myst_substitutions", {})
    substitutions.update(citation.substitutions(scenario, root))
    substitutions.update({"date_edition": date_fr(edition_date(root)), "axe_core": axe_core_version()})
    # The home page links the PDF only when this build prints it (never a dead link).
    substitutions["lien_pdf"] = '<a href="../aaas.pdf">le livre entier (PDF)</a> · ' if pdf else ""
    return "# Généré par aaas.publish.stage — ne pas modifier.\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False, width=1000
    )


def footer_stamp(root: Path, scenario: Scenario, convention: str) -> str:
    """HTML stamp shown under every page: commit, version, convention, parameter hash,
    payroll rules (the version of ``modele-social`` behind the ``actualise`` convention)."""
    commit = git_commit(root)
    note = " (modifications non commitées)" if commit.endswith("+") else ""
    return (
        '<div class="aaas-stamp">'
        f"Édition construite depuis le commit <code>{html.escape(commit.rstrip('+'))}</code>{note}"
        f" · aaas {html.escape(__version__)}"
        f" · convention : <strong>{html.escape(convention)}</strong>"
        f" · empreinte des paramètres : <code>{scenario.hash()}</code>"
        f" · règles de paie : {html.escape(regles_paie())}"
        "</div>"
    )


def variant_banner(scenario: Scenario, convention: str) -> str:
    """HTML banner of a variant: each parameter that differs from the report, and the convention."""
    table = parameters.parameters()
    items = []
    for name, value in scenario.changed.items():
        p = table[name]
        unit = "" if p.categorical or not p.unit else f" {p.unit}"
        items.append(
            f"<code>{html.escape(name)}</code> : {html.escape(fmt.brut(p.value))}"
            f" → {html.escape(fmt.brut(value))}{html.escape(unit)}"
        )
    changes = " ; ".join(items) if items else "aucun (paramètres du rapport)"
    return (
        "<strong>Variante — ces résultats ne sont pas ceux du rapport.</strong> "
        f"Paramètres modifiés : {changes} — "
        f"convention de calcul : <strong>{html.escape(conventions.LIBELLES[convention])}</strong>"
    )


# --------------------------------------------------------------------------------------
# Beside the pages: the spreadsheet of the tables, the PDF's cover
# --------------------------------------------------------------------------------------


def write_tables_workbook(html_dir: Path, scenario: Scenario, convention: str) -> Path:
    """Write the workbook of every table of this book into ``html_dir`` (:data:`WORKBOOK`).

    The gap is measured against the printed figure for the report's parameters, against
    the convention's default as soon as a parameter changes (as ``aaas tables`` does), so
    a variant book's spreadsheet shows the variant's figures and their effect.
    """
    from ..checks import tables
    from ..checks.evaluation import Evaluation
    from ..present import classeur

    baseline = "defaut" if scenario.changed else "rapport"
    ev = Evaluation(scenario, convention)
    return classeur.write_workbook(ev, tables.ids(), html_dir / WORKBOOK, baseline)


def cover(root: Path, scenario: Scenario, convention: str) -> tuple[str, str, str]:
    """The book's title, its :func:`footer_stamp` and, for a variant, its :func:`variant_banner`."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    banner = variant_banner(scenario, convention) if conventions.is_variant(scenario, convention) else ""
    return str(config.get("title", "aaas")), footer_stamp(root, scenario, convention), banner


def edition_line(root: Path) -> str:
    """« Édition du <date> » from the date of the commit built (:func:`aaas.provenance.edition_date`)."""
    return f"Édition du {date_fr(edition_date(root))}"


def date_fr(iso: str) -> str:
    """A date ``YYYY-MM-DD`` in French words; any other text unchanged.

    >>> date_fr("2026-12-02"), date_fr("2026-03-01"), date_fr("inconnue")
    ('2 décembre 2026', '1er mars 2026', 'inconnue')
    """
    parts = iso.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return iso
    year, month, day = (int(part) for part in parts)
    return f"{'1er' if day == 1 else day} {MOIS[month - 1]} {year}"


def axe_core_version() -> str:
    """Version of axe-core shipped by ``axe-playwright-python`` (the accessibility test's), or ``inconnue``."""
    import importlib.util
    import re

    spec = importlib.util.find_spec("axe_playwright_python")
    source = Path(spec.origin).parent / "axe.min.js" if spec and spec.origin else None
    if source is None or not source.is_file():
        return "inconnue"
    found = re.search(r"axe v(\d+\.\d+\.\d+)", source.read_text(encoding="utf-8")[:200])
    return found.group(1) if found else "inconnue"
