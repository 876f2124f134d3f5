"""The book's one table renderer (:mod:`aaas.publish.notebook.tables`) and the tables built
on it: column kinds, detail lines, groups, the keyboard-reachable region, no truncation."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from aaas.checks import reconcile
from aaas.publish.notebook import financements, html_tables, tables
from aaas.publish.notebook.context import setup

FRAME = pd.DataFrame(
    {
        "Libellé": ["Coût annuel", "Nb ETP"],
        "Montant": ["44\u202f100\xa0€", "1,5\xa0ETP"],
        "Statut": ["conforme", "erreur reportée"],
        "Explication": ["", "Une explication <longue> & précise."],
    }
)


def render(**options) -> str:
    return tables.table_html(FRAME, "essai", "Un tableau", **options)


def test_numbers_are_inferred_and_text_is_not():
    kinds = tables.column_kinds(FRAME)
    assert kinds["Montant"] == "number" and kinds["Libellé"] == "text"
    assert tables.is_number(["−3\xa0%", "+12\u202f345\xa0€", "–"])
    assert not tables.is_number(["2.2.3", "E01", "Relais"])


def test_each_kind_has_its_cell_class_and_statuses_their_badge():
    out = render(kinds={"Statut": "status", "Explication": "detail"})
    assert '<td class="nombre">44\u202f100\xa0€</td>' in out
    assert '<td class="texte">Coût annuel</td>' in out
    assert '<td class="cellule-statut"><span class="statut statut-reportee">erreur reportée</span></td>' in out
    assert '<th scope="col" class="nombre">Montant</th>' in out


def test_a_detail_column_is_a_line_under_its_row_spanning_the_main_columns():
    out = render(kinds={"Statut": "status", "Explication": "detail"}, row_classes=["", "ecart"])
    assert '<th scope="col">Explication</th>' not in out
    assert out.count('<tr class="detail') == 1  # the empty explanation makes no line
    line = re.search(r'<tr class="detail ecart"><td colspan="3">(.*?)</td></tr>', out).group(1)
    assert "Explication :" in line and "Une explication &lt;longue&gt; &amp; précise." in line
    assert out.index("Nb ETP") < out.index("Une explication")


def test_groups_head_their_rows_and_the_group_column_is_not_repeated():
    df = pd.DataFrame({"Section": ["2.2", "2.2", "2.3"], "Chiffre": ["a", "b", "c"], "Valeur": ["1", "2", "3"]})
    out = tables.table_html(df, "g", group_by="Section")
    assert out.count("<tbody>") == 2
    assert out.count('scope="rowgroup"') == 2 and '<th colspan="2" scope="rowgroup">' in out
    assert '<th scope="col">Section</th>' not in out


def test_the_table_sits_in_a_named_region_the_keyboard_reaches():
    out = render()
    assert out.startswith('<div class="aaas-scrolling" role="region" tabindex="0" aria-label="Un tableau">')
    assert 'aria-label="Tableau"' in tables.table_html(FRAME, "sans-titre")


def test_unknown_columns_or_kinds_are_refused():
    with pytest.raises(ValueError, match="inconnus"):
        render(kinds={"Absente": "number"})
    with pytest.raises(ValueError, match="inconnus"):
        render(kinds={"Montant": "chiffre"})


def test_the_markup_is_deterministic():
    assert render() == render()


def test_a_report_table_puts_its_hypotheses_under_its_rows_untruncated():
    out = setup().html("interpretariat")
    assert "…</a>" not in out
    links = re.findall(r'<a class="parametre"[^>]*>(.*?)</a>', out)
    assert links and all(not text.endswith("…") for text in links)
    assert all(text.startswith("<code>") or "_" not in text for text in links)
    assert 'class="detail' in out and '<th scope="col">Hypothèse</th>' not in out
    assert out.count('<th scope="col"') == 6


def test_the_status_vocabulary_shows_every_status_as_a_badge():
    out = html_tables.tableau_vocabulaire()
    assert out.count('<td class="cellule-statut">') == len(reconcile.vocabulaire())


def test_the_atlas_is_split_so_that_each_half_fits():
    missions, publics = financements.programmes_html("missions"), financements.programmes_html("publics")
    assert missions.count('<th scope="col"') == 2 + 4 and publics.count('<th scope="col"') == 2 + 6
    assert 'scope="rowgroup"' in missions and "Partie 4.2" in missions
