"""Build the Jupyter Book edition of the report: the pipeline.

:func:`build_book`:

1. resolves and validates the scenario (:func:`aaas.models.scenario.resolve`) before
   writing anything, and chooses the output folder (:func:`default_out_dir`);
2. executes every notebook of ``_toc.yml`` living in ``notebooks/`` with papermill, in
   parallel, injecting ``scenario_file``, ``convention`` and ``overrides``
   (:func:`papermill_parameters`); executed copies are cached as
   ``_build/cache/<key>.ipynb`` (:mod:`aaas.publish.cache`, :mod:`aaas.publish.execute`);
3. stages a source tree (``<out>/src``) with the configuration, the static pages, the
   pages generated from data (errata, parameters) and the executed notebooks, writing
   only the files whose content changed (:mod:`aaas.publish.stage`);
4. runs ``jupyter-book build -W -n --keep-going`` unless the whole staged tree is
   unchanged since the last successful build (:mod:`aaas.publish.jupyterbook`).

The committed notebooks are never modified by a build; :func:`refresh_notebooks` is the
deliberate way to re-execute them in place (stored outputs checked by nbval).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .. import datastore as data
from ..errors import BuildError
from ..models import conventions
from ..models import scenario as scenarios
from ..models.scenario import Scenario
from . import cache, execute, jupyterbook, pages, stage, toc

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
) -> Path:
    """Build the HTML book of a scenario; return the path of its ``index.html``.

    Parameters
    ----------
    scenario_file, overrides
        The scenario: a YAML file, then single values, resolved by
        :func:`aaas.models.scenario.resolve`; an :class:`~aaas.errors.InputError`
        propagates before anything is written.
    convention : {"rapport", "corrige"}
    out : path-like, optional
        Output folder (default: :func:`default_out_dir`).
    jobs : int, optional
        Notebooks executed at once (default: the CPU count).
    progress : callable
        Receives a French message at each step.
    root : path-like, optional
        Repository to build (keyword only; tests build a copy).

    Raises
    ------
    BuildError
        A notebook or jupyter-book failed.
    """
    root = Path(root).resolve() if root else ROOT
    conventions.check_convention(convention)
    scenario = scenarios.resolve(scenario_file, overrides, convention)
    out_dir = Path(out).resolve() if out else default_out_dir(root, scenario, convention)
    tasks = cache.plan_notebooks(root, toc.toc_notebooks(root), scenario, convention)
    execute.execute_notebooks(tasks, papermill_parameters(scenario, convention), root, jobs=jobs, progress=progress)
    return _build_html(stage.staged_files(root, tasks, scenario, convention), out_dir, root, progress)


def _build_html(files: Mapping[str, bytes], out_dir: Path, root: Path, progress: Callable[[str], object]) -> Path:
    """Stage ``files`` in ``<out_dir>/src`` and run jupyter-book unless nothing changed."""
    src = out_dir / "src"
    changed = stage.sync_tree(src, files)
    index = jupyterbook.html_index(out_dir)
    key = jupyterbook.build_key(files)
    if jupyterbook.is_up_to_date(out_dir, key):
        progress("Livre HTML à jour (aucun changement) : " + str(index))
        return index
    jupyterbook.run_jupyter_book(src, out_dir, root, full=needs_full_build(changed, index), progress=progress)
    jupyterbook.record_build_key(out_dir, key)
    progress("Livre HTML : " + str(index))
    return index


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

    This is the deliberate way to refresh the stored outputs that nbval compares.
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
    failures = execute.run_parallel(paths, run, jobs=jobs, progress=progress)
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


def variant_id(scenario: Scenario, convention: str) -> str:
    """Folder name of a variant: the parameter hash, suffixed by a non-default convention.

    >>> report = scenarios.resolve()
    >>> variant_id(report, "rapport") == report.hash()
    True
    >>> variant_id(report, "corrige") == report.hash() + "-corrige"
    True
    """
    suffix = "" if convention == "rapport" else f"-{convention}"
    return scenario.hash() + suffix


def default_out_dir(root: Path, scenario: Scenario, convention: str) -> Path:
    """``<root>/_build/book`` for the report, ``<root>/_build/variants/<id>`` for a variant.

    See :func:`variant_id` and :func:`aaas.models.conventions.is_variant`.
    """
    if conventions.is_variant(scenario, convention):
        return root / "_build" / "variants" / variant_id(scenario, convention)
    return root / "_build" / "book"


def papermill_parameters(scenario: Scenario, convention: str) -> dict[str, Any]:
    """Parameters injected by papermill in every notebook.

    Returns
    -------
    dict
        ``scenario_file`` (absolute path, or ``""``), ``convention`` and ``overrides``:
        the values that differ from the report's, as plain Python types.
    """
    scenario_file = str(Path(scenario.scenario_file).resolve()) if scenario.scenario_file else ""
    return {
        "scenario_file": scenario_file,
        "convention": convention,
        "overrides": {name: _plain(v) for name, v in scenario.changed.items()},
    }


def _plain(value: Any) -> Any:
    """A JSON/Python-literal friendly version of a parameter value.

    >>> _plain(np.arange(3).reshape(1, 3)), _plain(np.bool_(True)), _plain(np.int64(2)), _plain("a")
    ([0.0, 1.0, 2.0], True, 2.0, 'a')
    """
    if isinstance(value, np.ndarray):
        return [float(x) for x in value.ravel()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return str(value)
