"""Build the Jupyter Book edition of the report.

Pipeline (see :func:`build_book`):

1. resolve and validate the scenario (:func:`aaas.scenarios.resolve`) before writing anything;
2. execute every notebook of ``_toc.yml`` living in ``notebooks/`` with papermill, in
   parallel, injecting ``scenario_file``, ``convention`` and ``overrides``; executed copies
   are cached as ``_build/cache/<key>.ipynb`` where the key covers the notebook, the
   ``aaas`` package, the ``data/`` folder, the parameter values, the convention and the
   package version;
3. stage a source tree (``<out>/src``) with the configuration, the static pages, the
   pages generated from data (errata, parameters) and the executed notebooks, writing
   only the files whose content changed;
4. run ``jupyter-book build -W -n --keep-going`` unless the whole staged tree is unchanged
   since the last successful build.

The committed notebooks are never modified by a build; :func:`refresh_notebooks` is the
deliberate way to re-execute them in place (stored outputs checked by nbval).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from .. import __version__
from .. import datastore as data
from ..errors import BuildError
from ..models import conventions, parameters
from ..models import scenario as scenarios
from ..models.scenario import Scenario
from . import pages

#: Root of the repository.
ROOT = data.ROOT
#: Folder holding the notebooks executed by papermill.
NOTEBOOK_DIR = "notebooks"
#: Folders copied as-is into the staged source tree (when they exist).
STATIC_DIRS = ("book", "_static", "_templates")
#: Tags of the cells hidden from readers in the executed copies.
HIDDEN_CELL_TAGS = ("injected-parameters", "parameters")
#: Tag added to hidden cells (myst-nb removes the whole cell).
REMOVE_TAG = "remove-cell"
#: Longest run allowed for one notebook cell, in seconds (a hung cell fails the build).
CELL_TIMEOUT_S = 600
#: jupyter-book strictness flags.
STRICT_FLAGS = ("-W", "-n", "--keep-going")
#: Lines of the jupyter-book log shown on failure: problems first, then the last lines.
LOG_PROBLEMS = 30
LOG_TAIL = 15
#: A Sphinx warning or error line of the log.
SPHINX_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b|Traceback|Exception")
#: Name of the file recording the key of the last successful HTML build.
BUILD_KEY_FILE = ".build-key"
#: Terminal colour codes (stripped from the log excerpt shown on failure).
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")

Progress = Callable[[str], Any]


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def build_book(
    scenario_file: str | os.PathLike | None = None,
    overrides: Mapping[str, Any] | None = None,
    convention: str = "rapport",
    out: str | os.PathLike | None = None,
    jobs: int | None = None,
    progress: Progress = print,
    *,
    root: str | os.PathLike | None = None,
) -> Path:
    """Build the HTML book for a scenario and return the path of its ``index.html``.

    ``scenario_file``/``overrides`` are resolved by :func:`aaas.scenarios.resolve` (a
    :class:`~aaas.errors.InputError` propagates before anything is written);
    ``convention`` is ``"rapport"`` or ``"corrige"``.  ``out`` defaults to ``_build/book``
    for the report's parameters and to ``_build/variants/<hash>`` for a variant.
    ``jobs`` is the number of notebooks executed at once (default: CPU count).
    ``root`` (keyword only) is the repository to build, for tests on a copy.
    Raises :class:`BuildError` when a notebook or jupyter-book fails.
    """
    root = Path(root).resolve() if root else ROOT
    conventions.check_convention(convention)
    scenario = scenarios.resolve(scenario_file, overrides, convention)
    out_dir = Path(out).resolve() if out else default_out_dir(root, scenario, convention)
    notebooks = toc_notebooks(root)

    tasks = plan_notebooks(root, notebooks, scenario, convention)
    parameters = papermill_parameters(scenario, convention)
    execute_notebooks(tasks, parameters, root, jobs=jobs, progress=progress)

    files = staged_files(root, tasks, scenario, convention)
    src = out_dir / "src"
    changed = sync_tree(src, files)
    index = out_dir / "_build" / "html" / "index.html"
    key = build_key(files)
    if index.exists() and _read_text(out_dir / BUILD_KEY_FILE) == key:
        progress("Livre HTML à jour (aucun changement) : " + str(index))
        return index
    run_jupyter_book(src, out_dir, root, full=needs_full_build(changed, index), progress=progress)
    (out_dir / BUILD_KEY_FILE).write_text(key, encoding="utf-8")
    progress("Livre HTML : " + str(index))
    return index


def needs_full_build(changed: Iterable[str], index: Path) -> bool:
    """Whether Sphinx must re-read every page (``--all``).

    Sphinx re-reads only the changed pages, but a page may show values glued from a
    notebook (``{glue:}`nb.ipynb::key```) or refer to a generated page; neither is
    tracked as a dependency.  Only edits to hand-written pages stay incremental.
    """
    generated = set(pages.generated_pages_paths())
    return not index.exists() or any(
        rel.endswith(".ipynb") or rel in generated or rel.startswith("_") for rel in changed
    )


def refresh_notebooks(
    root: str | os.PathLike | None = None,
    jobs: int | None = None,
    progress: Progress = print,
) -> list[Path]:
    """Re-execute the committed notebooks IN PLACE with the report's parameters.

    This is the deliberate way to refresh the stored outputs that nbval compares.
    Execution metadata (timestamps, durations) is stripped to keep diffs small.
    Also rewrites the pages generated from data (errata, parameters) in ``book/``.
    """
    root = Path(root).resolve() if root else ROOT
    paths = [root / rel for rel in toc_notebooks(root)]

    def run(path: Path) -> tuple[Path, float, str | None]:
        start = time.perf_counter()
        tmp = path.with_name(f".{path.stem}.refresh.ipynb")
        try:
            _papermill(path, tmp, {}, root)
            nb = _read_notebook(tmp)
            _strip_execution_metadata(nb)
            _write_notebook(nb, path)
            return path, time.perf_counter() - start, None
        except Exception as exc:  # noqa: BLE001 - reported to the user below
            return path, time.perf_counter() - start, describe_failure(path, exc, root)
        finally:
            tmp.unlink(missing_ok=True)

    failures = []
    with ThreadPoolExecutor(max_workers=_workers(jobs, len(paths))) as pool:
        futures = [pool.submit(run, p) for p in paths]
        for i, fut in enumerate(as_completed(futures), 1):
            path, seconds, error = fut.result()
            progress(f"[{i}/{len(paths)}] {path.name} … {seconds:.1f} s" + (" ÉCHEC" if error else ""))
            if error:
                failures.append(error)
    if failures:
        raise BuildError("\n".join(failures))
    write_generated_pages(root)
    return paths


def write_generated_pages(root: str | os.PathLike | None = None) -> list[Path]:
    """Write the pages generated from data (report parameters) into ``<root>/book``."""
    root = Path(root).resolve() if root else ROOT
    scenario = scenarios.resolve()
    written = []
    for rel, text in pages.generated_pages(scenario, "rapport").items():
        path = root / rel
        if _write_if_changed(path, text.encode("utf-8")):
            written.append(path)
    return written


# --------------------------------------------------------------------------------------
# Scenario, convention, output folder
# --------------------------------------------------------------------------------------


def variant_id(scenario: Scenario, convention: str) -> str:
    """Folder name of a variant: the parameter hash, suffixed by a non-default convention."""
    suffix = "" if convention == "rapport" else f"-{convention}"
    return scenario.hash() + suffix


def default_out_dir(root: Path, scenario: Scenario, convention: str) -> Path:
    """``_build/book`` for the report, ``_build/variants/<id>`` for a variant."""
    if conventions.is_variant(scenario, convention):
        return root / "_build" / "variants" / variant_id(scenario, convention)
    return root / "_build" / "book"


def papermill_parameters(scenario: Scenario, convention: str) -> dict[str, Any]:
    """Parameters injected in every notebook (changed values only, as plain types)."""
    scenario_file = str(Path(scenario.scenario_file).resolve()) if scenario.scenario_file else ""
    return {
        "scenario_file": scenario_file,
        "convention": convention,
        "overrides": {name: _plain(v) for name, v in scenario.changed.items()},
    }


def _plain(value: Any) -> Any:
    """A JSON/Python-literal friendly version of a parameter value."""
    if isinstance(value, np.ndarray):
        return [float(x) for x in value.ravel()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return str(value)


# --------------------------------------------------------------------------------------
# Table of contents
# --------------------------------------------------------------------------------------


def toc_files(root: Path) -> list[str]:
    """Every ``file`` entry of ``_toc.yml`` (root first), in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    found = [toc["root"]] if toc.get("root") else []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return found


def toc_notebooks(root: Path) -> list[str]:
    """Relative paths (``notebooks/x.ipynb``) of the toc entries living in ``notebooks/``."""
    out = []
    for entry in toc_files(root):
        if not entry.startswith(NOTEBOOK_DIR + "/"):
            continue
        rel = entry if entry.endswith(".ipynb") else entry + ".ipynb"
        if not (root / rel).is_file():
            if (root / (entry + ".md")).is_file() or entry.endswith(".md"):
                continue  # a MyST page in notebooks/: staged as a static file
            raise BuildError(f"_toc.yml : notebook introuvable « {rel} »")
        out.append(rel)
    return out


# --------------------------------------------------------------------------------------
# Cache keys and notebook execution
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotebookTask:
    """One notebook to execute (or to take from the cache)."""

    rel: str  # path relative to the repository root, e.g. notebooks/relais.ipynb
    source: Path  # committed notebook
    key: str  # cache key
    executed: Path  # cached executed copy, _build/cache/<key>.ipynb

    @property
    def name(self) -> str:
        return Path(self.rel).name


def environment_digest(root: Path, scenario: Scenario, convention: str) -> str:
    """Digest of everything except the notebook itself that its outputs depend on."""
    h = hashlib.sha256()
    for label, files in (
        ("aaas", sorted((root / "aaas").rglob("*.py"))),
        ("data", sorted(p for p in (root / "data").rglob("*") if p.is_file())),
    ):
        for path in files:
            if "__pycache__" in path.parts:
                continue
            h.update(f"{label}:{path.relative_to(root).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    h.update(f"params:{scenario.hash()}\0convention:{convention}\0version:{__version__}".encode())
    return h.hexdigest()


def notebook_key(notebook: Path, env_digest: str) -> str:
    """Cache key of one executed notebook."""
    h = hashlib.sha256(notebook.read_bytes())
    h.update(env_digest.encode())
    return h.hexdigest()


def plan_notebooks(root: Path, rels: list[str], scenario: Scenario, convention: str) -> list[NotebookTask]:
    """Compute each notebook's cache key and cached copy path."""
    env = environment_digest(root, scenario, convention)
    cache = root / "_build" / "cache"
    tasks = []
    for rel in rels:
        source = root / rel
        key = notebook_key(source, env)
        tasks.append(NotebookTask(rel=rel, source=source, key=key, executed=cache / f"{key}.ipynb"))
    return tasks


def execute_notebooks(
    tasks: list[NotebookTask],
    parameters: Mapping[str, Any],
    root: Path,
    jobs: int | None = None,
    progress: Progress = print,
) -> None:
    """Execute the notebooks missing from the cache, in parallel; raise on any failure."""
    total = len(tasks)
    done = 0
    todo = []
    for task in tasks:
        if task.executed.is_file():
            done += 1
            progress(f"[{done}/{total}] {task.name} … en cache")
        else:
            todo.append(task)
    if not todo:
        return
    failures = []
    with ThreadPoolExecutor(max_workers=_workers(jobs, len(todo))) as pool:
        futures = {pool.submit(execute_one, t, parameters, root): t for t in todo}
        for fut in as_completed(futures):
            task, (seconds, error) = futures[fut], fut.result()
            done += 1
            status = " ÉCHEC" if error else ""
            progress(f"[{done}/{total}] {task.name} … {seconds:.1f} s{status}")
            if error:
                failures.append(error)
    if failures:
        raise BuildError("exécution des notebooks en échec :\n" + "\n".join(failures))


def execute_one(task: NotebookTask, parameters: Mapping[str, Any], root: Path) -> tuple[float, str | None]:
    """Execute one notebook into the cache; return (seconds, French error message or None)."""
    start = time.perf_counter()
    task.executed.parent.mkdir(parents=True, exist_ok=True)
    tmp = task.executed.with_name(f"{task.key}.{os.getpid()}-{threading.get_ident()}.partial.ipynb")
    try:
        _papermill(task.source, tmp, parameters, root)
        nb = _read_notebook(tmp)
        hide_parameter_cells(nb)
        _write_notebook(nb, tmp)
        os.replace(tmp, task.executed)
        (root / "_build" / "failed" / task.name).unlink(missing_ok=True)
        return time.perf_counter() - start, None
    except Exception as exc:  # noqa: BLE001 - turned into a BuildError by the caller
        kept = _keep_failed_copy(tmp, root, task.name)
        message = describe_failure(task.source, exc, root)
        if kept:
            message += f"\n    copie exécutée : {kept}"
        return time.perf_counter() - start, message
    finally:
        tmp.unlink(missing_ok=True)


def _papermill(source: Path, output: Path, parameters: Mapping[str, Any], root: Path) -> None:
    """Run papermill (imported lazily: it is slow to import)."""
    import papermill

    papermill.execute_notebook(
        str(source),
        str(output),
        parameters=dict(parameters),
        kernel_name="python3",
        cwd=str(root),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        execution_timeout=CELL_TIMEOUT_S,
        # Silence the kernel's own log: its "TCP without encryption" warning and the
        # "KeyboardInterrupt caught" line caused by jupyter_client interrupting every
        # kernel at shutdown are noise here; cell errors still come back as outputs.
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        # Outputs are complete once the last cell ran: kill the kernel instead of the
        # graceful shutdown, which sometimes waits seconds for SIGTERM.
        shutdown_kernel="immediate",
    )


def describe_failure(source: Path, exc: BaseException, root: Path) -> str:
    """A French one-paragraph description of a notebook failure, naming the cell."""
    try:
        rel = source.relative_to(root).as_posix()
    except ValueError:
        rel = str(source)
    cell_index = getattr(exc, "cell_index", None)
    if cell_index is None:
        first = (str(exc).strip().splitlines() or [""])[0]
        return f"  - {rel} : {type(exc).__name__} : {first}"
    number, where = _original_cell(source, cell_index)
    snippet = (getattr(exc, "source", "") or "").strip().splitlines()
    excerpt = f" « {snippet[0][:70]} »" if snippet else ""
    evalue = (str(getattr(exc, "evalue", "")).strip().splitlines() or [""])[0]
    return f"  - {rel} : {where} {number}{excerpt} : {getattr(exc, 'ename', 'Erreur')} : {evalue}"


def _original_cell(source: Path, executed_index: int) -> tuple[int, str]:
    """Map a cell index of the parameterised notebook to the committed one (1-based)."""
    try:
        cells = _read_notebook(source).cells
    except Exception:  # noqa: BLE001 - best effort only
        return executed_index + 1, "cellule n°"
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    injected = tagged[0] + 1 if tagged else 0
    if executed_index == injected:
        return executed_index + 1, "cellule des paramètres injectés, n°"
    return (executed_index if executed_index > injected else executed_index + 1), "cellule n°"


def _keep_failed_copy(tmp: Path, root: Path, name: str) -> Path | None:
    """Keep the partially executed notebook under ``_build/failed`` for inspection."""
    if not tmp.is_file():
        return None
    target = root / "_build" / "failed" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp, target)
    return target


def hide_parameter_cells(nb) -> None:
    """Tag the parameter cells (original and injected) ``remove-cell``."""
    for cell in nb.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if any(t in tags for t in HIDDEN_CELL_TAGS) and REMOVE_TAG not in tags:
            tags.append(REMOVE_TAG)


def _strip_execution_metadata(nb) -> None:
    """Drop papermill/execution timestamps so that refreshed notebooks diff cleanly."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]


def _read_notebook(path: Path):
    import nbformat

    return nbformat.read(str(path), as_version=4)


def _write_notebook(nb, path: Path) -> None:
    import nbformat

    nbformat.write(nb, str(path))


def _workers(jobs: int | None, count: int) -> int:
    return max(1, min(jobs or os.cpu_count() or 1, count or 1))


# --------------------------------------------------------------------------------------
# Staged source tree
# --------------------------------------------------------------------------------------


def staged_files(root: Path, tasks: list[NotebookTask], scenario: Scenario, convention: str) -> dict[str, bytes]:
    """Content of every file of the staged source tree, by relative POSIX path."""
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
    files["_config.yml"] = staged_config(root, scenario, convention).encode("utf-8")
    return files


def _tree_files(root: Path, folder: Path) -> dict[str, bytes]:
    """Files under ``folder`` (skipping checkpoints and caches), keyed by path from root."""
    if not folder.is_dir():
        return {}
    skip = {".ipynb_checkpoints", "__pycache__"}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not skip.intersection(p.parts) and not p.name.startswith(".")
    }


def sync_tree(dest: Path, files: Mapping[str, bytes]) -> list[str]:
    """Make ``dest`` hold exactly ``files``; write only changed files; return changed paths."""
    changed = []
    for rel, content in files.items():
        if _write_if_changed(dest / rel, content):
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


def _write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless ``path`` already holds it (keeps mtimes for Sphinx)."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)
    return True


def build_key(files: Mapping[str, bytes]) -> str:
    """Key of an HTML build: every staged file, the tool versions and the flags."""
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    h.update(" ".join(STRICT_FLAGS).encode())
    h.update(_tool_versions().encode())
    return h.hexdigest()


def _tool_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for dist in ("jupyter-book", "sphinx", "myst-nb", "sphinx-book-theme"):
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


# --------------------------------------------------------------------------------------
# Per-build configuration: footer stamp and variant banner
# --------------------------------------------------------------------------------------


def staged_config(root: Path, scenario: Scenario, convention: str) -> str:
    """The ``_config.yml`` of this build: no execution, footer stamp, variant banner."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    html_cfg = config.setdefault("html", {})
    html_cfg["extra_footer"] = footer_stamp(root, scenario, convention)
    html_cfg["announcement"] = (
        variant_banner(scenario, convention) if conventions.is_variant(scenario, convention) else ""
    )
    return "# Généré par aaas.build — ne pas modifier.\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False, width=1000
    )


def git_commit(root: Path) -> str:
    """Short hash of HEAD (``+`` when the tree has uncommitted changes) or ``inconnu``."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "inconnu"
    if not head:
        return "inconnu"
    return head + ("+" if dirty else "")


def footer_stamp(root: Path, scenario: Scenario, convention: str) -> str:
    """HTML stamp shown under every page: commit, version, convention, parameter hash."""
    commit = git_commit(root)
    note = " (modifications non commitées)" if commit.endswith("+") else ""
    return (
        '<div class="aaas-stamp">'
        f"Édition construite depuis le commit <code>{html.escape(commit.rstrip('+'))}</code>{note}"
        f" · aaas {html.escape(__version__)}"
        f" · convention : <strong>{html.escape(convention)}</strong>"
        f" · empreinte des paramètres : <code>{scenario.hash()}</code>"
        "</div>"
    )


def variant_banner(scenario: Scenario, convention: str) -> str:
    """HTML banner listing the parameters that differ from the report, and the convention."""
    table = parameters.parameters()
    items = []
    for name, value in scenario.changed.items():
        p = table[name]
        unit = "" if p.categorical or not p.unit else f" {p.unit}"
        items.append(
            f"<code>{html.escape(name)}</code> : {html.escape(pages.parameter_text(p, p.value))}"
            f" → {html.escape(pages.parameter_text(p, value))}{html.escape(unit)}"
        )
    changes = " ; ".join(items) if items else "aucun (paramètres du rapport)"
    return (
        "<strong>Variante — ces résultats ne sont pas ceux du rapport.</strong> "
        f"Paramètres modifiés : {changes} — "
        f"convention de calcul : <strong>{html.escape(conventions.LIBELLES[convention])}</strong>"
    )


# --------------------------------------------------------------------------------------
# jupyter-book
# --------------------------------------------------------------------------------------


def run_jupyter_book(src: Path, out_dir: Path, root: Path, full: bool = False, progress: Progress = print) -> None:
    """Run ``jupyter-book build`` strictly; raise :class:`BuildError` with the log's tail.

    ``root`` goes first on ``PYTHONPATH`` so that the ``aaas.sphinx_ext`` Sphinx
    extension is imported from the repository being built.
    """
    cmd = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(src),
        "--path-output",
        str(out_dir),
        *STRICT_FLAGS,
    ]
    if full:
        cmd.append("--all")
    progress("Construction HTML (jupyter-book" + (", complète" if full else ", incrémentale") + ") …")
    start = time.perf_counter()
    log_path = out_dir / "jupyter-book.log"
    (out_dir / BUILD_KEY_FILE).unlink(missing_ok=True)
    python_path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=python_path)
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=str(src), env=env)
    if proc.returncode:
        # Sphinx only re-reads changed pages: forget the environment so that the next
        # build re-reads (and re-reports) every page instead of passing silently.
        shutil.rmtree(out_dir / "_build" / ".doctrees", ignore_errors=True)
        raise BuildError(
            f"jupyter-book a échoué (code {proc.returncode}) ; journal complet : {log_path}\n"
            + log_excerpt(log_path, src)
        )
    progress(f"Construction HTML … {time.perf_counter() - start:.1f} s")


def log_excerpt(log_path: Path, src: Path) -> str:
    """Sphinx warnings and errors of a jupyter-book log first, then its last lines.

    Paths of the staged tree are shown relative to it (i.e. as in the repository).
    """
    text = ANSI_ESCAPE.sub("", log_path.read_text(encoding="utf-8", errors="replace"))
    text = text.replace(str(src) + os.sep, "")
    lines = [line for line in text.splitlines() if line.strip()]
    problems = [line for line in lines if SPHINX_PROBLEM.search(line)][:LOG_PROBLEMS]
    parts = []
    if problems:
        parts += ["Avertissements et erreurs :", *problems, "Fin du journal :"]
    return "\n".join(parts + lines[-LOG_TAIL:])


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
