"""The README's Python examples run as written (issue 19, part 4): every ``pycon`` block of
its « Python » and « Sensitivity » sections is a doctest, the blocks of one section sharing
their names, as a reader typing them in one session would."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
SECTIONS = ("Python", "Sensitivity")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def blocks(section: str) -> list[str]:
    """The ``pycon`` blocks of the README's section ``## section``."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"section « {section} » absente du README"
    return re.findall(r"^```pycon\n(.*?)^```", match.group(1), flags=re.M | re.S)


@pytest.mark.parametrize("section", SECTIONS)
def test_the_readme_examples_run(section):
    found = blocks(section)
    assert found, f"aucun exemple pycon dans la section « {section} »"
    parser, runner, names = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=FLAGS), {}
    for i, block in enumerate(found):
        test = parser.get_doctest(block, names, f"README {section} #{i + 1}", str(README), 0)
        runner.run(test, clear_globs=False)
        names = test.globs  # a DocTest copies the names it is given: carry them to the next block
    result = runner.summarize(verbose=False)
    assert result.attempted > 0 and result.failed == 0, f"{result.failed} exemple(s) du README en échec"


def test_a_wrong_example_fails():
    """The check can fail: an example whose printed result is wrong is caught."""
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    test = doctest.DocTestParser().get_doctest(">>> 1 + 1\n3\n", {}, "faux", "README.md", 0)
    runner.run(test, out=lambda _: None)
    assert runner.summarize(verbose=False).failed == 1
