"""The declared schemas of the data files: complete, consistent with the model, able to fail."""

import pandas as pd
import pytest

from aaas import datastore, schemas
from aaas.models import surcouts
from aaas.schemas import files


def test_every_reference_names_declared_files_and_columns():
    for name, table in schemas.TABLES.items():
        for ref in table.references:
            assert ref.target in schemas.TABLES, (name, ref)
            assert {ref.column, *ref.columns} <= set(table.required), (name, ref)
            assert {ref.key, *ref.keys} <= set(schemas.TABLES[ref.target].required), (name, ref)


def test_the_units_of_the_lines_are_those_the_aggregation_counts():
    assert set(schemas.ECHELLES) == set(surcouts.COMPTES)


def test_number_columns_are_read_as_floats():
    assert schemas.TABLES["published.csv"].numeric == ("value", "precision")
    assert datastore.published()["precision"].dtype == float
    # bounds stay as written (``aaas params --format csv`` shows 1000, not 1000.0)
    assert datastore.parameters()["min"].iloc[0] == "1000"


@pytest.mark.parametrize(
    "ref,cell,names",
    [
        (schemas.Reference("c", "t.csv", "k", separator="|"), "a|b", ["a", "b"]),
        (schemas.Reference("c", "t.csv", "k", empty=True), "", []),
        (schemas.Reference("c", "t.csv", "k", pattern=r"^([a-z_]+)="), "base=choix", ["base"]),
        (schemas.Reference("c", "t.csv", "k", pattern=r"^([a-z_]+)="), "toujours", []),
    ],
)
def test_what_a_cell_names(ref, cell, names):
    assert ref.names(cell) == names


def test_a_reference_finds_the_first_unknown_name():
    target = pd.DataFrame({"k": ["a", "b"]})
    df = pd.DataFrame({"c": ["a|b", "b|x|y", "z"]})
    ref = schemas.Reference("c", "t.csv", "k", separator="|", also=("z",))
    assert list(ref.missing(df, target)) == [None, "x", None]


def test_the_scale_bands_are_checked_per_year_and_power():
    df = datastore.bareme()
    assert files._bands(df).all()
    one_less = df.drop(df.index[4])
    assert not files._bands(one_less).loc[df.index[3]]
