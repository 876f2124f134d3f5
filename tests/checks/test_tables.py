"""Report tables compared whole with the published figures (NHS RAP style)."""

import pandas as pd
import pytest

import aaas
from aaas.checks import reconcile, tables
from aaas.errors import InputError


@pytest.mark.parametrize("table_id", tables.ids())
def test_printed_column_is_the_published_data(table_id):
    df = aaas.evaluate().table(table_id)
    pub = reconcile.published()
    expected = pub[pub["tableau"] == table_id].set_index("label")["value"].rename("rapport")
    expected.index.name = "libelle"
    pd.testing.assert_series_equal(df["rapport"], expected)
    assert list(df.columns) == tables.COLONNES


def test_synthesis_table_whole():
    df = aaas.evaluate().table("synthese")
    got = df[["rapport", "recalcule"]].round(0)
    expected = pd.DataFrame(
        {
            "rapport": [105540.0, 158573.0, 102625.0, 37800.0, 404565.0, 400000.0],
            "recalcule": [105540.0, 158573.0, 102652.0, 37800.0, 404565.0, 404565.0],
        },
        index=pd.Index(list(df.index), name="libelle"),
    )
    pd.testing.assert_frame_equal(got, expected)
    assert df.loc["Coordination territoriale en faveur de l'action sur l'environnement", "errata"] == "E19"


def test_every_table_comes_from_one_reconciliation():
    ev = aaas.evaluate()
    every = ev.tables()
    assert list(every) == tables.ids()
    assert sum(len(df) for df in every.values()) == len(ev.reconciliation)


def test_unknown_table():
    with pytest.raises(InputError, match="tableau inconnu 'synthes'.*'synthese'"):
        aaas.evaluate().table("synthes")
