"""Every quantity of the model, identical to a snapshot taken before the model was refactored.

The snapshot ``tests/models/snapshot_results.json`` holds, for each case of :data:`CASES`
(both conventions at the report's point, off the point, under each scaling reading, with
the other readings and with arrays of draws), every key of the results with its type and
value.  It was generated from the code before the refactoring of the model into steps:

    PYTHONPATH=. python tests/models/test_snapshot.py

(run it again only on purpose: a change of any quantity must be a deliberate one).  It was
regenerated once when the ``actualise`` convention came: every quantity of the earlier
snapshot was first checked unchanged; the new keys are the payroll reading, its year, the
rates each salary chain implies and the secretariat's and advocacy officer's monthly costs,
and the ``actualise`` cases were added.  Regenerated again when a ratio to nothing became 0
instead of NaN (issue 18, every declared value evaluable): the 42 values that changed were
all NaN before, in the draws with no vehicle or no département (a fleet of no vehicle, the
coordination of no département: its shares, its cost per département, the spread of its
functions; the key posts' range, NaN as soon as one share was) — every other value identical.
Regenerated when the total per unit became quantities (issue 19: ``total_par_habitant``,
``total_par_personne``, ``total_par_departement``, ``total_par_structure``): every value of
the earlier snapshot checked identical, these four keys added.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from aaas.models import conventions

SNAPSHOT = Path(__file__).with_name("snapshot_results.json")

ECHELLES = (
    "echelle_vehicules_relais",
    "echelle_lieux_alternatifs",
    "echelle_vehicules_vad",
    "echelle_reunions_pluripro",
    "echelle_ateliers",
    "echelle_departements",
    "echelle_structures",
)
HORS_POINT = {"population_bassin": 50000.0, "file_active": 250.0, "nb_departements": 2.5, "nb_structures": 1.5}
AUTRES_LECTURES = {
    "base_surcout_consultation": "duree_courante",
    "base_etp_medecin": "heures_par_patient",
    "repartition_bareme": "par_vehicule",
    "lecture_heures_patient_expert": "seances_x_duree",
    "base_cout_horaire_referent_reunion": "cout_employeur",
    "base_etp_coordinateur": "habitants",
    "base_indemnisation_concertation": "participant",
    "annee_bareme": "2024",
    "puissance_fiscale_cv": "6",
}
TIRAGES = {
    "population_bassin": np.array([5000.0, 20000.0, 50000.0, 123456.0]),
    "file_active": np.array([20.0, 100.0, 250.0, 7.0]),
    "nb_departements": np.array([1.0, 2.5, 3.0, 0.0]),
    "nb_structures": np.array([0.5, 1.0, 1.5, 4.0]),
    "nb_vehicules_relais": np.array([0.0, 1.0, 2.0, 3.0]),
}


def _cases() -> dict[str, tuple[str, dict]]:
    cases: dict[str, tuple[str, dict]] = {}
    for conv in conventions.CONVENTIONS:
        cases[f"{conv}"] = (conv, {})
        cases[f"{conv}/hors_point"] = (conv, dict(HORS_POINT))
        for lecture in ("proportionnelle", "unites_entamees"):
            cases[f"{conv}/hors_point/{lecture}"] = (conv, {**HORS_POINT, **dict.fromkeys(ECHELLES, lecture)})
        cases[f"{conv}/hors_point/autres_lectures"] = (conv, {**HORS_POINT, **AUTRES_LECTURES})
        cases[f"{conv}/tirages"] = (conv, dict(TIRAGES))
        cases[f"{conv}/tirages/proportionnelle"] = (conv, {**TIRAGES, **dict.fromkeys(ECHELLES, "proportionnelle")})
    return cases


CASES = _cases()


def _encode(value):
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return {"type": "ndarray", "value": [_number(x) for x in value.tolist()]}
    return {"type": type(value).__name__, "value": _number(value)}


def _number(x):
    x = float(x)
    return repr(x) if math.isnan(x) or math.isinf(x) else x


def _decode(value):
    return float(value) if isinstance(value, str) else value


def snapshot() -> dict:
    """Every quantity of every case, encoded for JSON."""
    return {
        name: {k: _encode(v) for k, v in conventions.compute(conv, changes).items()}
        for name, (conv, changes) in CASES.items()
    }


def _close(actual, expected) -> bool:
    a = np.asarray(actual, dtype=float)
    e = np.asarray([_decode(x) for x in expected] if isinstance(expected, list) else _decode(expected), dtype=float)
    return a.shape == e.shape and bool(np.all(np.isclose(a, e, rtol=1e-12, atol=0.0, equal_nan=True)))


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_quantity_matches_the_snapshot(case):
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))[case]
    conv, changes = CASES[case]
    actual = conventions.compute(conv, changes)
    assert sorted(actual) == sorted(expected)
    for key, exp in expected.items():
        value = actual[key]
        kind = "ndarray" if isinstance(value, np.ndarray) and value.ndim > 0 else type(value).__name__
        assert kind == exp["type"], key
        if kind == "str":
            assert value == exp["value"], key
        else:
            assert _close(value, exp["value"]), (key, value, exp["value"])


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(snapshot(), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{SNAPSHOT}: {len(CASES)} cases")
