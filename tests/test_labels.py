"""The French labels of what readers see (``aaas.labels``): one for every parameter, every
reading value, convention, scenario, source text and salaried post the book shows."""

from __future__ import annotations

import pytest

from aaas import datastore, labels
from aaas.models import conventions, paie, parameters
from aaas.sensitivity import presets


def test_every_parameter_has_a_short_label_distinct_from_the_others():
    p = datastore.parameters()
    courts = [labels.parametre(n) for n in p["name"]]
    assert all(0 < len(c) <= 40 for c in courts)
    assert len(set(courts)) == len(courts)
    assert all(c != n for c, n in zip(courts, p["name"], strict=True))


def test_every_reading_value_has_a_label():
    for p in parameters.parameters().values():
        for value in p.choices or ():
            text = labels.choix(p.name, value)
            assert text and (text != value or value.isdigit()), (p.name, value)


@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("convention", conventions.CONVENTIONS),
        ("scenario", ("rapport", *presets.PRESETS, *(f.stem for f in presets.fichiers()))),
        ("source", tuple(datastore.fiss_enveloppes()["source"].unique())),
        ("poste", tuple(paie.postes())),
    ],
)
def test_every_name_shown_has_a_label(kind, names):
    for name in names:
        assert "_" not in labels.libelle(kind, name), (kind, name)
        assert labels.libelle(kind, name) != name or kind == "convention"


def test_a_missing_label_is_an_error_not_an_identifier_on_a_page():
    with pytest.raises(KeyError, match="libellé manquant"):
        labels.libelle("poste", "astronaute")
    assert labels.libelle("scenario", "mon_territoire") == "mon territoire"
    assert labels.choix("annee_bareme", "2021") == "2021"


def test_values_read_as_their_labels():
    assert labels.valeur("base_etp_coordinateur", "habitants") == "selon la population"
    assert (
        labels.lecture("repartition_bareme", "flotte")
        == "Application du barème kilométrique : barème sur toute la flotte"
    )
