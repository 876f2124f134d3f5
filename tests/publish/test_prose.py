"""The committed chapters read well: their prose, with the glued figures put in, holds none
of the artefacts a figure and the words around it can make (a unit written twice, a unit
missing, a plural after 1, needless decimals, a straight apostrophe before bold).  Nothing is
built or executed: the glued texts are read from the notebooks' stored outputs."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
TEXTE = "application/papermill.record/text/plain"
GLUE = re.compile(r"\{glue(?::\w*)?\}`([^`]+)`")

#: Artefacts of a glued figure and its prose (« ESP » any space, the figure included).
ARTEFACTS = [
    r"\bETP\s+ETP\b",  # the figure carries its unit, the prose writes it again
    r"€/(mois|an)\b[^.;:,]{0,12}\bpar \1\b",  # « 2 900 €/mois bruts par mois »
    r"€/h\s+de l.heure",  # « 40 €/h de l'heure »
    r"€/(\w+)\s+(chacun|par \1)\b",  # « 500 €/professionnel chacun »
    r"\d\s+par\s+(an et par personne|ETP|véhicule)\b",  # a figure missing its unit (h, €)
    r"\b1[\s\u202f]607\s+par an",  # the legal duration without « h »
    r"(?<![\d,\u202f])1\s+(véhicules|départements|structures|personnes|lieux)\b",  # plural after 1
    r"(?<![\d,\u202f])(\d{3}|\d{1,3}(\u202f\d{3})+),0(?![\d\xa0]*%)(?!\d)",  # « 462,0 », « 102 652,0 € »
    r"\w'\*\*",  # « d'**Accompagnement » renders a closing quote: « d”Accompagnement »
]


def glued_texts(nb) -> dict[str, str]:
    """Every glued text of a notebook, by key, from its stored outputs."""
    out = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and TEXTE in output.get("data", {}):
                out[name] = output["data"][TEXTE]
    return out


def prose(path: Path) -> list[str]:
    """The markdown cells of a chapter with its glued figures put in."""
    nb = nbformat.read(path, as_version=4)
    texts = glued_texts(nb)
    cells = [c.source for c in nb.cells if c.cell_type == "markdown"]
    return [GLUE.sub(lambda m: texts.get(m.group(1).split(":")[0], m.group(0)), c) for c in cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_glued_prose_has_no_artefact(path):
    found = [
        (pattern, cell[max(0, m.start() - 40) : m.end() + 20])
        for cell in prose(path)
        for pattern in ARTEFACTS
        for m in re.finditer(pattern, cell)
    ]
    assert not found, found


@pytest.mark.parametrize(
    "text",
    [
        "sur 0,1\xa0ETP ETP pour",
        "payé 2\u202f900\xa0€/mois bruts par mois",
        "payé 40\xa0€/h de l'heure",
        "15\u202f000\xa0€/an par an",
        "(1\u202f400 par véhicule)",
        "par 1,5 par an et par personne suivie",
        "base de 1\u202f607 par an",
        "(1\u202f820 par ETP)",
        "1\xa0véhicules",
        "soit 462,0 personnes",
        "coûte 102\u202f652,0\xa0€.",
        "d'**Accompagnement à l'Autonomie**",
    ],
)
def test_each_artefact_is_caught(text):
    assert any(re.search(p, text) for p in ARTEFACTS)


@pytest.mark.parametrize(
    "text",
    ["payé 2\u202f900\xa0€/mois bruts", "1,5\xa0h par an et par personne", "1\u202f400\xa0€ par véhicule",
     "14,00\xa0€ par consultation", "1\xa0département", "30,0\xa0%", "d’**Accompagnement**"],
)  # fmt: skip
def test_good_prose_passes(text):
    assert not any(re.search(p, text) for p in ARTEFACTS)


def test_every_chapter_has_glued_prose():
    assert sum(bool(glued_texts(nbformat.read(p, as_version=4))) for p in NOTEBOOKS) >= 7


@pytest.mark.parametrize(
    ("chapter", "key"),
    [("relais", "med_sal_part"), ("synthese", "part_collectif_tiers"), ("pair_aidance", "vad_cout")],
)
def test_a_figure_beside_its_table_is_the_table_cell(chapter, key):
    """The prose quotes the table's figure at the table's rounding (« 22 % », not « 21,9 % »
    beside a cell showing 22 %)."""
    nb = nbformat.read(next(p for p in NOTEBOOKS if p.stem == chapter), as_version=4)
    html = "".join(
        "".join(o["data"]["text/html"])
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {})
    )
    assert f'<td class="nombre">{glued_texts(nb)[key]}</td>' in html
