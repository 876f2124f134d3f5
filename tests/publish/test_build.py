"""Tests of the book build machinery (aaas/publish: build, toc, cache, execute, stage, jupyterbook).

The default book is built once (or reused when its cache is valid); failure cases run on
a minimal temporary repository so that the real notebooks are never touched.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from aaas import datastore
from aaas.errors import BuildError, InputError
from aaas.models import scenario as scenarios
from aaas.publish import build, execute, pages, stage, toc
from aaas.publish.build import build_book

ROOT = build.ROOT
SANITIZE_CFG = ROOT / "tests" / "nbval_sanitize.cfg"


def quiet(_message: str) -> None:
    """Progress callback that discards messages."""


def html_dir(index: Path) -> Path:
    return index.parent


def page_html(index: Path, docname: str) -> str:
    return (html_dir(index) / f"{docname}.html").read_text(encoding="utf-8")


def toc_docnames() -> list[str]:
    """Docnames of every toc entry (extension stripped)."""
    return [re.sub(r"\.(ipynb|md)$", "", f) for f in toc.toc_files(ROOT)]


@pytest.fixture(scope="module")
def default_book() -> Path:
    """The default book as ``make book`` builds it, with its PDF (reused when nothing changed
    since the last build; every test of the default book builds it alike, so none rebuilds it)."""
    return build_book(progress=quiet, pdf=True)


@pytest.fixture(scope="module")
def variant_book() -> Path:
    return build_book(overrides={"population_bassin": 50000}, progress=quiet)


# ----------------------------------------------------------------------------------
# Default book
# ----------------------------------------------------------------------------------


def test_default_build_has_every_chapter(default_book):
    assert default_book.name == "index.html" and default_book.is_file()
    assert default_book == ROOT / "_build" / "book" / "_build" / "html" / "index.html"
    for docname in toc_docnames():
        assert (html_dir(default_book) / f"{docname}.html").is_file(), docname


def test_footer_stamp_names_convention_and_hash(default_book):
    scenario_hash = scenarios.resolve().hash()
    for docname in ("book/intro", "notebooks/synthese"):
        text = page_html(default_book, docname)
        footer = text[text.index('class="extra_footer"') :]
        assert "convention : <strong>rapport</strong>" in footer
        assert f"<code>{scenario_hash}</code>" in footer
        assert "aaas " in footer and "commit" in footer


def test_default_build_has_no_variant_banner(default_book):
    assert "bd-header-announcement__content" not in page_html(default_book, "book/intro")


def test_parameter_cells_are_hidden(default_book):
    for rel in toc.toc_notebooks(ROOT):
        docname = rel[: -len(".ipynb")]
        text = page_html(default_book, docname)
        assert "tag_injected-parameters" not in text, docname
        staged = nbformat.read(html_dir(default_book) / "_sources" / rel, as_version=4)
        injected = [c for c in staged.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and all("remove-cell" in c.metadata["tags"] for c in injected), docname


def test_generated_pages_come_from_data(default_book):
    parametres = page_html(default_book, "book/parametres")
    for name in datastore.parameters()["name"]:
        assert name in parametres, name
    errata = page_html(default_book, "book/errata")
    ids = pages._errata_table()["id"]
    assert len(ids) > 0
    for erratum in ids:
        assert erratum in errata, erratum


def test_link_targets_used_by_notebooks_exist(default_book):
    """aaas.publish.notebook links to parametres.html#param-<name> and errata.html#<id lower>."""
    parametres = page_html(default_book, "book/parametres")
    for name in datastore.parameters()["name"]:
        assert f'id="param-{name}"' in parametres, name
    errata = page_html(default_book, "book/errata")
    for erratum in pages._errata_table()["id"]:
        assert f'id="{erratum.strip().lower()}"' in errata, erratum


def test_no_change_rebuild_skips_jupyter_book(default_book):
    """A rebuild with nothing changed runs no notebook and no jupyter-book (its time is
    measured by benchmarks/bench_build.py, not here)."""
    build_book(progress=quiet, pdf=True)  # up to date unless the tree changed since the fixture ran
    messages: list[str] = []
    index = build_book(progress=messages.append, pdf=True)
    assert index == default_book
    assert any("à jour" in m for m in messages), messages
    assert not any("jupyter-book" in m for m in messages), messages
    assert all("en cache" in m for m in messages if m.startswith("[")), messages


@pytest.mark.parametrize("book", ["default_book", "variant_book"])
def test_published_site_holds_no_path_of_the_checkout(book, request):
    site = html_dir(request.getfixturevalue(book))
    needle = str(ROOT).encode()
    assert not [p for p in site.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_committed_notebooks_are_not_modified(default_book):
    for rel in toc.toc_notebooks(ROOT):
        nb = nbformat.read(ROOT / rel, as_version=4)
        tags = [t for c in nb.cells for t in c.metadata.get("tags", [])]
        assert "injected-parameters" not in tags, rel


# ----------------------------------------------------------------------------------
# Variant
# ----------------------------------------------------------------------------------


def test_variant_banner_names_changed_parameter(variant_book):
    scenario = scenarios.resolve(None, {"population_bassin": 50000})
    folder = ROOT / "_build" / "variants" / f"variante-{scenario.hash()}"
    assert variant_book == folder / "_build" / "html" / "index.html"
    for docname in ("book/intro", "notebooks/relais", "book/parametres"):
        text = page_html(variant_book, docname)
        banner = text[text.index("bd-header-announcement__content") :]
        banner = banner[: banner.index("</div>")]
        assert "population_bassin" in banner, docname
        assert "50\u202f000" in banner and "→" in banner, banner
        assert "rapport" in banner
    footer = page_html(variant_book, "book/intro")
    assert f"<code>{scenario.hash()}</code>" in footer[footer.index("extra_footer") :]


def test_variant_parameters_page_lists_difference(variant_book):
    text = page_html(variant_book, "book/parametres")
    assert "Cette édition : une variante" in text
    assert "population_bassin" in text[: text.index("Paramètres transversaux")]


def test_variant_injects_changed_values_only():
    scenario = scenarios.resolve(None, {"population_bassin": 50000, "taux_recours_mg": 3.5})
    injected = build.papermill_parameters(scenario, "corrige")
    assert injected == {
        "scenario_file": "",
        "convention": "corrige",
        "overrides": {"population_bassin": 50000.0},
    }
    assert type(injected["overrides"]["population_bassin"]) is float


def test_scenario_file_is_injected_as_values_never_as_a_path(tmp_path, monkeypatch):
    # file_active restates the value of every convention (dropped); heures_secretariat_par_seance
    # restates the report's value, which the corrected convention changes (kept).
    (tmp_path / "scenario.yaml").write_text(
        "population_bassin: 30000\nfile_active: 100\nheures_secretariat_par_seance: 2\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    scenario = scenarios.resolve("scenario.yaml", {"tarif_consultation_mg": 30})
    injected = build.papermill_parameters(scenario, "rapport")
    assert injected == {
        "scenario_file": "",
        "convention": "rapport",
        "overrides": {
            "population_bassin": 30000.0,
            "heures_secretariat_par_seance": 2.0,
            "tarif_consultation_mg": 30.0,
        },
    }
    assert str(tmp_path) not in repr(injected)
    # The notebooks resolve exactly the same scenario from what is injected.
    again = scenarios.resolve(injected["scenario_file"] or None, injected["overrides"], "rapport")
    assert again.values == scenario.values and again.hash() == scenario.hash()
    assert again.under("corrige").values == scenario.under("corrige").values


def test_default_output_folders(tmp_path, monkeypatch):
    report = scenarios.resolve()
    assert build.default_out_dir(ROOT, report, "rapport") == ROOT / "_build" / "book"
    corrige = scenarios.resolve(convention="corrige")
    corrected = build.default_out_dir(ROOT, corrige, "corrige")
    assert corrected == ROOT / "_build" / "variants" / f"variante-{corrige.hash()}-corrige"
    assert "convention de calcul" in stage.variant_banner(report, "corrige")
    (tmp_path / "territoire_rural.yaml").write_text("population_bassin: 30000\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rural = scenarios.resolve("territoire_rural.yaml", None)
    assert build.default_out_dir(ROOT, rural, "rapport").name == f"territoire_rural-{rural.hash()}"
    rural = scenarios.resolve("territoire_rural.yaml", None, "corrige")
    assert build.default_out_dir(ROOT, rural, "corrige").name == f"territoire_rural-{rural.hash()}-corrige"


# ----------------------------------------------------------------------------------
# Invalid input: errors before anything is written
# ----------------------------------------------------------------------------------


def _snapshot(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"overrides": {"population_bassin": -5}},
        {"overrides": {"population_basin": 50000}},
        {"overrides": {"population_bassin": "beaucoup"}},
        {"convention": "fantaisie"},
        {"scenario_file": "/nonexistent/scenario.yaml"},
    ],
)
def test_invalid_input_raises_before_writing(tmp_path, kwargs):
    cache_before = _snapshot(ROOT / "_build" / "cache")
    variants_before = _snapshot(ROOT / "_build" / "variants")
    out = tmp_path / "out"
    with pytest.raises(InputError) as err:
        build_book(out=out, progress=quiet, **kwargs)
    assert "\n" not in str(err.value)
    assert not out.exists()
    with pytest.raises(InputError):
        build_book(progress=quiet, **kwargs)  # default output folder
    assert _snapshot(ROOT / "_build" / "cache") == cache_before
    assert _snapshot(ROOT / "_build" / "variants") == variants_before


# ----------------------------------------------------------------------------------
# Failures on a minimal temporary repository
# ----------------------------------------------------------------------------------


def test_failing_notebook_names_notebook_and_cell(make_repo, make_notebook):
    nb = make_notebook("boum", new_code_cell('x = 1\nraise ValueError("boum volontaire")'))
    root = make_repo(nb, "boum")
    committed = (root / "notebooks" / "boum.ipynb").read_bytes()
    with pytest.raises(BuildError) as err:
        build_book(root=root, progress=quiet)
    message = str(err.value)
    assert "notebooks/boum.ipynb" in message
    assert "cellule n° 3" in message
    assert "ValueError" in message and "boum volontaire" in message
    assert (root / "notebooks" / "boum.ipynb").read_bytes() == committed
    assert not (root / "_build" / "book").exists(), "dossier de sortie créé pour rien"
    assert not list((root / "_build" / "cache").glob("*.ipynb")), "échec mis en cache"
    assert (root / "_build" / "cache" / "failed" / "boum.ipynb").is_file()
    assert f"copie exécutée : {root / '_build' / 'cache' / 'failed' / 'boum.ipynb'}" in message


def test_bad_glue_key_fails_the_strict_build(make_repo, make_notebook):
    glue_cell = new_code_cell('from myst_nb import glue\nglue("bonne_cle", 2.0, display=False)')
    nb = make_notebook("colle", glue_cell, new_markdown_cell("Valeur : {glue:}`bonne_cle`."))
    root = make_repo(nb, "colle")
    index = build_book(root=root, progress=quiet)
    assert "2.0" in (index.parent / "notebooks" / "colle.html").read_text(encoding="utf-8")
    assert "<code>inconnu</code>" in index.parent.joinpath("book", "intro.html").read_text(encoding="utf-8")

    nb.cells[-1].source = "Valeur : {glue:}`cle_absente`."
    nbformat.write(nb, root / "notebooks" / "colle.ipynb")
    for _ in range(2):  # the second attempt must not pass on a stale environment
        with pytest.raises(BuildError) as err:
            build_book(root=root, progress=quiet)
        assert "jupyter-book" in str(err.value)
        assert "cle_absente" in str(err.value)


def test_missing_toc_notebook_is_reported(make_repo, make_notebook):
    root = make_repo(make_notebook("present"), "present")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/absent\n", encoding="utf-8"
    )
    with pytest.raises(BuildError, match="notebooks/absent.ipynb"):
        build_book(root=root, progress=quiet)


def test_refresh_notebooks_rewrites_outputs_in_place(make_repo, make_notebook):
    root = make_repo(make_notebook("frais", new_code_cell("print(6 * 7)")), "frais")
    messages: list[str] = []
    assert build.refresh_notebooks(root=root, progress=messages.append) == [root / "notebooks" / "frais.ipynb"]
    refreshed = nbformat.read(root / "notebooks" / "frais.ipynb", as_version=4)
    assert refreshed.cells[-1].outputs[0]["text"] == "42\n"
    assert "papermill" not in refreshed.metadata
    assert not any({"papermill", "execution"} & set(c.metadata) for c in refreshed.cells)
    assert {rel for rel in pages.generated_pages_paths()} <= {p.relative_to(root).as_posix() for p in root.rglob("*")}
    assert len(messages) == 1 and messages[0].startswith("[1/1] frais.ipynb … ")


def test_failed_refresh_leaves_the_notebook_as_committed(make_repo, make_notebook):
    root = make_repo(make_notebook("rate", new_code_cell('raise KeyError("absente")')), "rate")
    committed = (root / "notebooks" / "rate.ipynb").read_bytes()
    with pytest.raises(BuildError, match=r"notebooks/rate.ipynb : cellule n° 3 « raise KeyError"):
        build.refresh_notebooks(root=root, progress=quiet)
    assert (root / "notebooks" / "rate.ipynb").read_bytes() == committed
    assert sorted(p.name for p in (root / "book").iterdir()) == ["intro.md"]  # pages not rewritten
    assert not list((root / "notebooks").glob(".*"))  # no temporary copy left


# ----------------------------------------------------------------------------------
# nbval sanitizers
# ----------------------------------------------------------------------------------


def _run_nbval(notebook: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            str(notebook),
            "--nbval-sanitize-with",
            str(SANITIZE_CFG),
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(notebook.parent),
        ],
        capture_output=True,
        text=True,
        cwd=notebook.parent,
        timeout=300,
    )


def test_nbval_sanitizers_accept_volatile_outputs_and_catch_real_changes(tmp_path, make_notebook):
    code = (
        "import matplotlib.pyplot as plt\n"
        "from myst_nb import glue\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot([0, 1], [0, 1])\n"
        "glue('figure', fig, display=False)\n"
        "plt.close(fig)\n"
        "glue('valeur', 404, display=False)\n"
        "print(object())\n"
        "print(fig)"
    )
    nb = make_notebook("sanit", new_code_cell(code))
    path = tmp_path / "sanit.ipynb"
    nbformat.write(nb, path)
    execute.run_papermill(path, path, {}, tmp_path)  # the executor used by refresh_notebooks
    stored = nbformat.read(path, as_version=4)
    outputs = stored.cells[-1].outputs
    assert any("application/papermill.record/image/png" in o.get("data", {}) for o in outputs)

    # Volatile parts changed: still passes thanks to the sanitizers.
    volatile = nbformat.reads(nbformat.writes(stored), as_version=4)
    for out in volatile.cells[-1].outputs:
        data = out.get("data", {})
        if "application/papermill.record/image/png" in data:
            data["application/papermill.record/image/png"] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"
        if out.get("output_type") == "stream":
            out["text"] = re.sub(r"\b0x[0-9a-f]+", "0xdeadbeef1234", out["text"])
    nbformat.write(volatile, path)
    result = _run_nbval(path)
    assert result.returncode == 0, result.stdout[-3000:]

    # A real change of a value: fails.
    for out in volatile.cells[-1].outputs:
        data = out.get("data", {})
        if data.get("application/papermill.record/text/plain") == "404":
            data["application/papermill.record/text/plain"] = "405"
    nbformat.write(volatile, path)
    result = _run_nbval(path)
    assert result.returncode != 0, result.stdout[-3000:]


# ----------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------


def test_md_cell_escapes_table_syntax():
    assert pages.md_cell("a | b $x$ *c* <d>") == "a \\| b \\$x\\$ \\*c\\* &lt;d&gt;"


def test_toc_lists_expected_chapters():
    files = toc.toc_files(ROOT)
    assert files[0] == "notebooks/accueil"
    assert toc.toc_notebooks(ROOT) == [
        f"notebooks/{n}.ipynb"
        for n in (
            "accueil", "relais", "pair_aidance", "coordination", "participation", "synthese", "cout_actuel",
            "sensibilite", "sec_participatives", "financements", "verification",
        )
    ]  # fmt: skip


def test_a_book_under_actualise_builds_and_shows_the_updated_figures(tmp_path):
    """Every chapter runs under the third convention: tables print the updated figure in
    their « Actualisé » column, the footer names the convention and the payroll rules."""
    index = build_book(convention="actualise", out=tmp_path / "livre", progress=quiet)
    html = (index.parent / "notebooks" / "relais.html").read_text(encoding="utf-8")
    assert '<th scope="col" class="nombre">Actualisé</th>' in html
    assert "convention : <strong>actualise</strong>" in html and "modele-social" in html
