"""Build the Jupyter Book edition of the report: the pipeline.

:func:`build_book`:

1. validates ``jobs``, the convention and the scenario (:func:`aaas.models.scenario.resolve`),
   then the output folder (:func:`aaas.publish.outdir.check`: default
   :func:`default_out_dir`) and the notebook cache (:func:`aaas.publish.cache.cache_dir`),
   before anything is written or run;
2. claims the output folder (marker and lock, :func:`aaas.publish.outdir.claimed`);
3. executes every notebook of ``_toc.yml`` living in ``notebooks/`` with papermill, in
   parallel, injecting the convention and the user's settings
   (:func:`papermill_parameters`); executed copies are cached under their key
   (:mod:`aaas.publish.cache`, :mod:`aaas.publish.execute`);
4. unless the book is up to date (same build key), stages a source tree in the output
   folder's work area with the configuration, the static pages, the pages generated from
   data (errata, parameters) and the executed notebooks, writing only the files whose
   content changed (:mod:`aaas.publish.stage`), and runs ``jupyter-book build -W -n
   --keep-going`` there (:mod:`aaas.publish.jupyterbook`);
5. writes the spreadsheet of the book's tables into the new HTML
   (:func:`aaas.publish.stage.write_tables_workbook`) and, with ``pdf``, prints the
   book as one PDF beside it (:mod:`aaas.publish.pdf`);
6. swaps the new HTML (with its spreadsheet and PDF) in place of the published book,
   then records the build key and the manifest (:mod:`aaas.publish.variants`), with
   SIGINT and SIGTERM held from the first rename to the manifest (:mod:`aaas.publish.swap`).

An interrupted or failed build leaves the previous book as it was; an interruption
during the swap takes effect once the new book, its key and its manifest are in place.
An interruption raises :class:`~aaas.errors.Interrupted`, whose message says which
(« le livre précédent est intact », « le nouveau livre est complet », « aucun livre
publié »).  Nothing is written outside the output folder and the notebook cache.  The
committed notebooks are never modified by a build; :func:`refresh_notebooks` is the
deliberate way to re-execute them in place (stored outputs checked by nbval).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .. import datastore as data
from .. import inputs
from ..errors import BuildError, InputError
from ..models import conventions
from ..models import scenario as scenarios
from ..models.scenario import Scenario
from . import cache, execute, jupyterbook, outdir, pages, processes, stage, swap, toc, variants
from . import pdf as pdf_module
from .outdir import OutDir

#: Root of the repository.
ROOT = data.ROOT


def build_book(
    scenario_file: str | os.PathLike | None = None,
    overrides: Mapping[str, Any] | None = None,
    convention: str = "rapport",
    out: str | os.PathLike | None = None,
    jobs: int | None = None,
    progress: Callable[[str], object] = print,
    *,
    root: str | os.PathLike | None = None,
    pdf: bool | None = False,
) -> Path:
    """Build the HTML book of a scenario; return the path of its ``index.html``.

    Parameters
    ----------
    scenario_file, overrides, convention
        The scenario: a YAML file, then single values (:func:`aaas.models.scenario.resolve`).
    out : path-like, optional
        Output folder (default: :func:`default_out_dir`), new, empty or made by a build
        (:mod:`aaas.publish.outdir`): the book is ``<out>/_build/html``, with ``aaas-tableaux.xlsx``.
    jobs, progress
        Notebooks executed at once, at least 1 (default: the CPU count); receives a French message at each step.
    root, pdf : keyword only
        Repository to build (tests build a copy); whether to print the book as one PDF,
        ``<out>/_build/html/aaas.pdf`` (:func:`pdf_path`), linked from every page:
        ``True``, ``False`` or ``None``, when Chromium is found (:func:`wants_pdf`).

    Bad input (:class:`~aaas.errors.InputError`, e.g. :class:`~aaas.errors.OutputPathError`) is refused
    before anything is written.  A :class:`~aaas.errors.BuildError` leaves the previous book; a
    ``KeyboardInterrupt`` becomes an :class:`~aaas.errors.Interrupted` saying what became of it.
    """
    root = Path(root).resolve() if root else ROOT
    check_jobs(jobs)
    conventions.check_convention(convention)
    scenario = _scenario_for_every_convention(scenarios.resolve(scenario_file, overrides, convention))
    target, adopt, tasks, parameters = _plan(root, out, scenario, convention, pdf)
    pdf = wants_pdf(pdf, progress)
    with _publishing(target, adopt, tasks) as (owned, fate):
        execute.execute_notebooks(tasks, parameters, root, jobs=jobs, progress=progress)
        files = stage.staged_files(root, tasks, scenario, convention, pdf)
        job = _Publication(root, owned, scenario, convention, pdf, progress, fate)
        if not _build_html(files, job) and not owned.manifest.is_file():
            variants.write_manifest(owned.manifest, variants.manifest(scenario, convention, root))
        os.utime(owned.path / outdir.MARKER)  # last use, for variants.prune
    return owned.index


@contextlib.contextmanager
def _publishing(target: Path, adopt: bool, tasks: list[cache.NotebookTask]) -> Iterator[tuple[OutDir, swap.Fate]]:
    """The output folder claimed (its lock held), what became of its book (told on an
    interruption, the swap recovered) and the build's cache entries in use (spared by prune)."""
    with (
        swap.telling(OutDir(target)) as fate,
        outdir.claimed(target, adopt=adopt) as owned,
        swap.recovering(owned, fate),
        cache.in_use(tasks),
    ):
        yield owned, fate


def _scenario_for_every_convention(scenario: Scenario) -> Scenario:
    """``scenario``, once every convention accepts it: the book shows all of them (a salary
    below the 2026 SMIC is refused now, not in the « Le coût aujourd'hui » chapter)."""
    for other in conventions.CONVENTIONS:
        try:
            scenario.under(other)
        except InputError as exc:
            raise type(exc)(f"{exc} — sous la convention « {other} », que le livre présente aussi") from None
    return scenario


def pdf_path(index: str | os.PathLike) -> Path:
    """The PDF of the book whose ``index.html`` is ``index``: beside it, with the spreadsheet.

    >>> pdf_path("/tmp/livre/_build/html/index.html").as_posix()
    '/tmp/livre/_build/html/aaas.pdf'
    """
    return Path(index).parent / pdf_module.PDF_NAME


def wants_pdf(pdf: bool | None, progress: Callable[[str], object] = print) -> bool:
    """Whether this build prints the PDF: ``pdf``, or for ``None`` (``aaas build``) whether
    Chromium is found; if not, one French line says the PDF is skipped and how to get it."""
    if pdf is not None:
        return bool(pdf)
    if pdf_module.find_chromium() is not None:
        return True
    progress(
        f"PDF non produit : Chromium introuvable ({pdf_module.CHROMIUM_ENV} ou chromium dans le PATH) ;"
        " livre HTML construit sans aaas.pdf (« make setup » installe Chromium)"
    )
    return False


@dataclasses.dataclass(frozen=True)
class _Publication:
    """What one build publishes: the repository, the output folder, the scenario, whether a PDF."""

    root: Path
    out: OutDir
    scenario: Scenario
    convention: str
    pdf: bool
    progress: Callable[[str], object]
    fate: swap.Fate


def _plan(
    root: Path, out: str | os.PathLike | None, scenario: Scenario, convention: str, pdf: bool | None = False
) -> tuple[Path, bool, list[cache.NotebookTask], dict[str, Any]]:
    """Check the output folder, the cache and Chromium (``pdf``), and plan the notebooks; nothing is written.

    Returns the output folder, whether to adopt it (:func:`_output_folder`), the notebooks
    and the injected parameters.
    """
    target, adopt, option = _output_folder(out, default_out_dir(root, scenario, convention))
    folder = cache.cache_dir(root, target)
    outdir.check(target, root, cache=folder, adopt=adopt, option=option)
    if pdf is True:
        pdf_module.chromium()
    parameters = papermill_parameters(scenario, convention)
    tasks = cache.plan_notebooks(root, toc.toc_notebooks(root), parameters, convention, folder)
    return target, adopt, tasks, parameters


def _output_folder(out: str | os.PathLike | None, default: Path) -> tuple[Path, bool, str]:
    """The output folder resolved (symbolic links followed), whether to adopt it, and its name in messages.

    Only the default folder itself (``--out`` naming it too) is accepted without the
    ownership marker: under ``<root>/_build``, it belongs to the build (e.g. a book of an
    older version).  A default folder that is a link elsewhere is checked as that folder.
    """
    target = outdir.resolve(out if out is not None else default)
    if out is not None:
        return target, target == default, "--out"
    if target != default:
        return target, False, f"dossier de sortie {default} (lien symbolique vers)"
    return target, True, "dossier de sortie"


def check_jobs(jobs: object) -> None:
    """Accept ``None`` or a whole number from 1 to :data:`aaas.inputs.JOBS_MAX`, else raise a
    one-line :class:`~aaas.errors.ParameterError` (:func:`aaas.inputs.jobs`, as ``--jobs``).

    >>> check_jobs(None), check_jobs(2)
    (None, None)
    >>> check_jobs(0)
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: --jobs : 0 hors bornes ; plage acceptée : de 1 à 32
    """
    if jobs is not None:
        inputs.jobs(jobs)


def _build_html(files: Mapping[str, bytes], job: _Publication) -> bool:
    """Publish the book of ``files`` in ``job.out`` unless it is already there (same build key).

    jupyter-book runs in the output folder's work area on the staged tree, incrementally
    when the work area holds a successful run; the spreadsheet of the tables and, when
    asked, the PDF are written into the new HTML; the new HTML is then swapped in
    (:func:`aaas.publish.swap.publish`).  The build key and the manifest are removed
    before the swap and recorded after it, signals held meanwhile, so that none of them
    ever describes other pages.  Returns whether a new book was published.
    """
    out, progress = job.out, job.progress
    key = jupyterbook.build_key(files)
    if jupyterbook.is_up_to_date(out.path, key) and (out.html / stage.WORKBOOK).is_file():
        progress("Livre HTML à jour (aucun changement) : " + str(out.index))
        if job.pdf and not pdf_path(out.index).is_file():
            _print_pdf(job, out.html, pdf_path(out.index))
            progress("PDF : " + str(pdf_path(out.index)))
        return False
    complete = outdir.work_is_complete(out)
    outdir.set_work_complete(out, False)
    changed = stage.sync_tree(out.src, files)
    full = not complete or needs_full_build(changed, out.work_index)
    jupyterbook.run_jupyter_book(out.src, out.work, job.root, full=full, progress=progress)
    outdir.set_work_complete(out, True)
    stage.write_tables_workbook(out.work_index.parent, job.scenario, job.convention)
    work_pdf = pdf_path(out.work_index)
    work_pdf.unlink(missing_ok=True)  # the previous build's, printed from other pages
    if job.pdf:
        try:
            _print_pdf(job, out.work_index.parent, work_pdf)
        except BaseException:
            work_pdf.unlink(missing_ok=True)  # never published with other pages
            raise
    manifest = variants.manifest(job.scenario, job.convention, job.root)
    swap.publish(out, key, manifest, job.fate, forget=functools.partial(_forget, out))
    if job.pdf:
        progress("PDF : " + str(pdf_path(out.index)))
    progress("Livre HTML : " + str(out.index))
    return True


def _print_pdf(job: _Publication, html_dir: Path, dest: Path) -> Path:
    """Print the book in ``html_dir`` (toc order, cover with the stamp) into ``dest``."""
    docnames = [re.sub(r"\.(ipynb|md)$", "", entry) for entry in toc.toc_files(job.root)]
    title, stamp, banner = stage.cover(job.root, job.scenario, job.convention)
    cover = pdf_module.cover_page(title, stamp, banner, stage.edition_line(job.root))
    return pdf_module.write_pdf(html_dir, docnames, cover, dest, progress=job.progress)


def _forget(out: OutDir) -> None:
    """Remove what describes the published book: its build key, its manifest, and the PDF
    that earlier versions of the build wrote beside ``_build`` (``<out>/aaas.pdf``)."""
    jupyterbook.forget_build_key(out.path)
    out.manifest.unlink(missing_ok=True)
    (out.path / pdf_module.PDF_NAME).unlink(missing_ok=True)


def needs_full_build(changed: Iterable[str], index: Path) -> bool:
    """Whether Sphinx must re-read every page (``--all``).

    Sphinx re-reads only the changed pages, but a page may show values glued from a
    notebook (``{glue:}`nb.ipynb::key```) or refer to a generated page; neither is
    tracked as a dependency.  Only edits to hand-written pages stay incremental.

    Parameters
    ----------
    changed : iterable of str
        Paths of the staged tree written or deleted (see :func:`aaas.publish.stage.sync_tree`).
    index : Path
        The book's ``index.html``: a full build when there is none yet.

    Examples
    --------
    >>> built = Path(__file__)  # any existing file stands for the last build's index.html
    >>> needs_full_build(["book/intro.md"], built)
    False
    >>> [needs_full_build([rel], built) for rel in ("notebooks/relais.ipynb", "book/errata.md", "_config.yml")]
    [True, True, True]
    >>> needs_full_build([], Path("/nonexistent/index.html"))
    True
    """
    generated = set(pages.generated_pages_paths())
    return not index.exists() or any(
        rel.endswith(".ipynb") or rel in generated or rel.startswith("_") for rel in changed
    )


def refresh_notebooks(
    root: str | os.PathLike | None = None,
    jobs: int | None = None,
    progress: Callable[[str], object] = print,
) -> list[Path]:
    """Re-execute the committed notebooks IN PLACE with the report's parameters.

    This is the deliberate way to refresh the stored outputs that nbval compares, each
    parameters cell first rewritten from the data (:mod:`.notebook.parameters_cell`).
    Execution metadata (timestamps, durations) is stripped to keep diffs small.
    Also rewrites the pages generated from data (errata, parameters) in ``book/``.

    Parameters
    ----------
    root : path-like, optional
        Repository whose notebooks are refreshed (default: this one).
    jobs, progress
        As for :func:`build_book`.

    Returns
    -------
    list of Path
        The notebooks, in the order of the table of contents.

    Raises
    ------
    BuildError
        A notebook failed (it is left as committed; the others are refreshed).
    """
    root = Path(root).resolve() if root else ROOT
    paths = [root / rel for rel in toc.toc_notebooks(root)]
    run = functools.partial(execute.refresh_one, root=root)
    failures = execute.run_parallel(paths, run, jobs=jobs, progress=progress, on_interrupt=processes.stop_kernels)
    if failures:
        raise BuildError("\n".join(failures))
    write_generated_pages(root)
    return paths


def write_generated_pages(root: str | os.PathLike | None = None) -> list[Path]:
    """Write the pages generated from data, for the report's parameters, into ``<root>/book``.

    Returns
    -------
    list of Path
        The pages whose content changed.
    """
    root = Path(root).resolve() if root else ROOT
    scenario = scenarios.resolve()
    written = []
    for rel, text in pages.generated_pages(scenario, "rapport").items():
        path = root / rel
        if stage.write_if_changed(path, text.encode("utf-8")):
            written.append(path)
    return written


# --------------------------------------------------------------------------------------
# Scenario, convention, output folder
# --------------------------------------------------------------------------------------


def default_out_dir(root: Path, scenario: Scenario, convention: str) -> Path:
    """``<root>/_build/book`` for the report, ``<root>/_build/variants/<name>`` for a variant.

    See :func:`aaas.publish.variants.variant_name` and :func:`aaas.models.conventions.is_variant`.
    """
    if conventions.is_variant(scenario, convention):
        return root / variants.VARIANTS_DIR / variants.variant_name(scenario, convention)
    return root / "_build" / "book"


def papermill_parameters(scenario: Scenario, convention: str) -> dict[str, Any]:
    """Parameters injected by papermill in every notebook: values only, never a path.

    Returns
    -------
    dict
        ``scenario_file`` (always ``""``), ``convention`` and ``overrides``: the user's
        settings (from the scenario file and single values, validated), as plain Python
        types, except those equal to every convention's value (they change nothing).
        The notebooks thus resolve the same scenario without reading the file, the
        executed copies hold no path of this machine, and a downloaded notebook reruns
        the variant on its own.
    """
    sets = [conventions.defaults(c) for c in conventions.CONVENTIONS]
    settings = {
        name: value
        for name, value in scenario.explicit.items()
        if isinstance(value, np.ndarray) or any(value != d[name] for d in sets)
    }
    return {
        "scenario_file": "",
        "convention": convention,
        "overrides": {name: variants.plain(value) for name, value in settings.items()},
    }
