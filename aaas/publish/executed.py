"""The executed copies of the notebooks: what readers see of them, and what they keep.

:func:`hide_parameter_cells` tags the parameter cells (the notebook's own and the one
papermill injects) so that myst-nb removes them from the pages; :func:`remove_code_inputs`
tags every other code cell so that its code is removed and its outputs stay (no code, and
no "Show code cell source" toggle, on the reader's path); :func:`clean_executed`
removes every trace of where and when a copy ran (absolute paths, timings, papermill's
random cell id), so that the published notebooks are the same bytes for the same
inputs; :func:`strip_execution_metadata` is its counterpart for the committed notebooks
refreshed in place.
"""

from __future__ import annotations

from pathlib import Path

#: Tags of the cells hidden from readers in the executed copies.
HIDDEN_CELL_TAGS = ("injected-parameters", "parameters")
#: Tag added to hidden cells (myst-nb removes the whole cell).
REMOVE_TAG = "remove-cell"
#: Tag added to every other code cell (myst-nb removes its input, keeps its outputs).
REMOVE_INPUT_TAG = "remove-input"
#: Tags replaced by :data:`REMOVE_INPUT_TAG`: they show an (English) toggle instead.
TOGGLE_TAGS = ("hide-input", "hide-cell", "hide-output")
#: Id given to the cell papermill injects (it draws a random one).
INJECTED_CELL_ID = "parametres-injectes"
#: Papermill's timings of a run, dropped from the executed copies.
PAPERMILL_TIMINGS = ("start_time", "end_time", "duration")


def hide_parameter_cells(nb) -> None:
    """Tag the parameter cells (original and injected) ``remove-cell``, in place.

    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["parameters"]}), new_code_cell("x")])
    >>> hide_parameter_cells(nb); hide_parameter_cells(nb)
    >>> [c.metadata["tags"] for c in nb.cells]
    [['parameters', 'remove-cell'], []]
    """
    for cell in nb.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if any(t in tags for t in HIDDEN_CELL_TAGS) and REMOVE_TAG not in tags:
            tags.append(REMOVE_TAG)


def remove_code_inputs(nb) -> None:
    """Tag every code cell that is not removed ``remove-input``, in place; drop the toggle tags.

    The committed notebooks keep their tags; only the executed copies (the pages and the
    downloadable notebooks of the book) carry these.

    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> cells = [new_code_cell("x", metadata={"tags": ["hide-input"]}), new_markdown_cell("t")]
    >>> nb = new_notebook(cells=cells + [new_code_cell("y", metadata={"tags": ["remove-cell"]})])
    >>> remove_code_inputs(nb); remove_code_inputs(nb)
    >>> [c.metadata.get("tags") for c in nb.cells]
    [['remove-input'], None, ['remove-cell']]
    """
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if REMOVE_TAG in tags:
            continue
        tags[:] = [t for t in tags if t not in TOGGLE_TAGS]
        if REMOVE_INPUT_TAG not in tags:
            tags.append(REMOVE_INPUT_TAG)


def clean_executed(nb, rel: str) -> None:
    """Make an executed copy independent of where and when it ran, in place.

    Papermill records the absolute paths of its input and output (the checkout, the
    cache) and its timings; nbclient stamps every cell.  The paths become ``rel``, the
    notebook's path in the book, the timings are dropped and the cell papermill injects
    gets a fixed id instead of a random one: the published notebooks carry no path of the
    machine that built them, and the same inputs give the same bytes.

    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = new_notebook(cells=[new_code_cell("1", metadata={"execution": {"t": "0"}, "tags": []})])
    >>> nb.metadata["papermill"] = {"input_path": "/abs/n.ipynb", "output_path": "/tmp/x.ipynb", "duration": 1.5}
    >>> clean_executed(nb, "notebooks/n.ipynb")
    >>> dict(nb.metadata["papermill"]), dict(nb.cells[0].metadata)
    ({'input_path': 'notebooks/n.ipynb', 'output_path': 'notebooks/n.ipynb'}, {})
    """
    record = nb.metadata.get("papermill")
    if record is not None:
        for key in PAPERMILL_TIMINGS:
            record.pop(key, None)
        record.update(input_path=rel, output_path=rel)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = INJECTED_CELL_ID
    _strip_cell_metadata(nb)


def strip_execution_metadata(nb) -> None:
    """Drop papermill/execution timestamps so that refreshed notebooks diff cleanly."""
    nb.metadata.pop("papermill", None)
    _strip_cell_metadata(nb)


def _strip_cell_metadata(nb) -> None:
    """Drop the cells' papermill and execution records, and empty tag lists."""
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]


def read_notebook(path: Path):
    """Read a notebook (nbformat 4); nbformat is imported here: it is slow to import."""
    import nbformat

    return nbformat.read(str(path), as_version=4)


def write_notebook(nb, path: Path) -> None:
    """Write a notebook."""
    import nbformat

    nbformat.write(nb, str(path))
