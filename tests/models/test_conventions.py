"""Conventions are visible parameter sets: invariants over every parameter, both
conventions and every entry point (Python, scenario file, CLI, papermill)."""

import contextlib
import io
import json

import numpy as np
import pytest
import yaml

from aaas import cli
from aaas.checks import reconcile
from aaas.errors import InputError
from aaas.models import conventions, parameters
from aaas.models import scenario as scenarios
from aaas.models import surcouts as model

PARAMS = parameters.parameters()
CONVENTIONS = conventions.CONVENTIONS
#: Readings of a count stated for the reference unit: they agree at the report's point.
ECHELLES_DE_REFERENCE = {
    "echelle_vehicules_relais",
    "echelle_lieux_alternatifs",
    "echelle_vehicules_vad",
    "echelle_reunions_pluripro",
    "echelle_departements",
    "echelle_structures",
}

#: Moves the model refuses at a convention's values: paying the posts by the URSSAF rules
#: while the report's secretariat earns 1 700 € gross, below the 2026 SMIC.
REFUS_ATTENDUS = {("calcul_cotisations", "rapport"), ("calcul_cotisations", "corrige")}

#: A point away from the report's (20 000 inhabitants, file active 100, one département):
#: every scaling reading acts there.
AILLEURS = {"population_bassin": 50000.0, "file_active": 250.0, "nb_departements": 2.5, "nb_structures": 1.5}


def _lines(r) -> dict:
    return {k: float(np.asarray(v)) for k, v in r.items() if k.startswith(("ligne_", "mission_")) or k == "total"}


def _cli(*argv: str) -> str:
    """What ``aaas argv`` prints (exit status 0 asserted)."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(list(argv)) == 0
    return buf.getvalue()


@pytest.fixture(scope="module")
def shown():
    out = {}
    for convention in CONVENTIONS:
        rows = json.loads(_cli("params", "--convention", convention, "--format", "json"))["parametres"]
        out[convention] = {r["name"]: r["value"] for r in rows}
    return out


def test_rapport_is_the_parameter_table_and_corrige_differs_only_by_errata():
    assert conventions.defaults("rapport") == {n: p.value for n, p in PARAMS.items()}
    diff = conventions.differences("corrige")
    corrige = conventions.defaults("corrige")
    assert {n for n in PARAMS if corrige[n] != PARAMS[n].value} == set(diff["parametre"])
    ids = set(conventions.errata()["id"])
    assert set(diff["erratum"]) <= ids
    # each correction is carried by the report: its erratum says it changes the total
    e = conventions.errata().set_index("id")
    assert (e.loc[list(diff["erratum"]), "modifie_total"] == "oui").all()


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_setting_a_parameter_to_the_value_shown_changes_nothing(shown, convention):
    base = _lines(conventions.compute(convention))
    for name, text in shown[convention].items():
        s = scenarios.resolve(overrides={name: text}, convention=convention)
        assert s.changed == {}, name
        assert _lines(conventions.compute_scenario(s)) == base, name


def _moved(name: str, values: dict):
    """Another valid value of ``name`` (another choice, or a different number in bounds)."""
    p = PARAMS[name]
    if p.categorical:
        return [c for c in p.choices if c != values[name]]
    v = values[name]
    out = []
    for new in (v * 1.37 + 0.11, v * 3 + 1, v * 0.63):
        if p.max is not None:
            new = min(new, p.max)
        if p.min is not None:
            new = max(new, p.min)
        if new != v:
            out.append(new)
    return out


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("point", ["rapport", "ailleurs"])
def test_every_parameter_moves_a_line_unless_declared_inert(convention, point):
    values = dict(conventions.defaults(convention), **(AILLEURS if point == "ailleurs" else {}))
    base = _lines(model.evaluate(values))
    for name, p in PARAMS.items():
        inert = p.inert_under(values)
        # a rounded budget (1 000 €) may absorb one small change, not all of them
        changed, refused = False, []
        candidates = _moved(name, values)
        if not candidates:  # one accepted value (annee_paie: the rules cover one year)
            assert p.categorical and len(p.choices) == 1, name
            continue
        for new in candidates:
            try:
                moved = _lines(model.evaluate(dict(values, **{name: new})))
            except InputError as exc:  # e.g. paid by the rules with a salary below the SMIC
                refused.append(str(exc))
                continue
            changed = changed or any(not np.isclose(moved[k], base[k], rtol=1e-12, atol=1e-9) for k in base)
        if refused and not changed:
            assert all("SMIC" in r for r in refused), refused
            assert (name, convention) in REFUS_ATTENDUS, (name, convention, refused)
        else:
            if inert:
                assert not changed, f"{name} déclaré inerte mais déplace une ligne ({point}, {convention})"
            elif name in ECHELLES_DE_REFERENCE and point == "rapport":
                assert not changed, f"{name} : une lecture d'échelle est sans effet au point du rapport"
            else:
                assert changed, f"{name} = {new} ne déplace aucune ligne ({point}, {convention})"


def test_params_yaml_reproduces_each_convention_exactly(tmp_path):
    for convention in CONVENTIONS:
        f = tmp_path / f"{convention}.yaml"
        f.write_text(_cli("params", "--convention", convention, "--format", "yaml"), encoding="utf-8")
        assert set(yaml.safe_load(f.read_text(encoding="utf-8"))) == set(PARAMS)
        # applied to the report's set, the corrige file turns it into the corrige set
        s = scenarios.resolve(f)
        assert s.values == conventions.defaults(convention)
        assert conventions.compute_scenario(s).scalar("total") == conventions.compute(convention).scalar("total")
    rapport = scenarios.resolve(tmp_path / "rapport.yaml")
    assert round(conventions.compute_scenario(rapport).scalar("total")) == 404565
    assert rapport.changed == {}


def _plus_10(values: dict) -> dict:
    out = {}
    for name, v in values.items():
        p = PARAMS[name]
        if p.categorical:
            continue
        new = v * 1.1
        if p.entier:  # a count stays whole
            new = float(round(new))
        if p.max is not None:
            new = min(new, p.max)
        out[name] = new
    return out


def test_every_input_plus_10_percent_is_the_same_through_every_entry_point(tmp_path, capsys):
    changes = _plus_10(conventions.defaults("rapport"))
    python = conventions.compute("rapport", changes).scalar("total")
    f = tmp_path / "plus10.yaml"
    f.write_text(yaml.safe_dump(changes), encoding="utf-8")
    scenario = conventions.compute_scenario(scenarios.resolve(f)).scalar("total")
    sets = [f"--set={k}={v!r}" for k, v in changes.items()]
    code = cli.main(["tables", "synthese", "--format", "json", *sets])
    out, _ = capsys.readouterr()
    assert code == 0
    cli_total = [r for r in json.loads(out)["tableaux"]["synthese"]["lignes"] if r["variable"] == "total"][0][
        "recalcule"
    ]
    code = cli.main(["tables", "synthese", "--format", "json", "--scenario", str(f)])
    out, _ = capsys.readouterr()
    file_total = [r for r in json.loads(out)["tableaux"]["synthese"]["lignes"] if r["variable"] == "total"][0][
        "recalcule"
    ]
    assert python == scenario
    assert round(python, 6) == cli_total == file_total  # the JSON export keeps 6 decimals
    assert python != conventions.compute("rapport").scalar("total")


@pytest.mark.parametrize("fa", [20.0, 50.0, 250.0])
@pytest.mark.parametrize("convention", CONVENTIONS)
def test_doctor_and_secretariat_scale_with_the_file_active(fa, convention):
    ref = conventions.compute(convention)
    r = conventions.compute(convention, {"file_active": fa})
    assert r.scalar("cout_medecin_coordinateur") == pytest.approx(ref.scalar("cout_medecin_coordinateur") * fa / 100)
    ateliers = np.ceil(fa / 8)
    heures = conventions.defaults(convention)["heures_secretariat_par_seance"]
    assert r.scalar("heures_secretariat_ateliers") == pytest.approx(ateliers * 7 * heures)
    assert r.scalar("etp_secretariat") == pytest.approx(ateliers * 7 * heures / 1820)
    assert r.scalar("ateliers_secretariat") > 0


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_patient_expert_sessions_move_the_workshops_in_both_conventions(convention):
    base = conventions.compute(convention).scalar("ligne_ateliers")
    three = conventions.compute(convention, {"nb_seances_patient_expert": 3.0}).scalar("ligne_ateliers")
    # one more session: 13 workshops × 8 h (table) or × 3,5 h (text) at 30 €/h
    per_session = 8 if convention == "rapport" else 3.5
    assert three - base == pytest.approx(13 * per_session * 30)


def test_corrected_total_is_the_report_total_moved_by_each_carried_erratum():
    effets = reconcile.effets_errata("corrige")
    rapport = conventions.compute("rapport").scalar("total")
    corrige = conventions.compute("corrige").scalar("total")
    assert round(rapport) == 404565
    assert rapport + effets["effet"].sum() == pytest.approx(corrige, abs=1e-6)
    assert effets.set_index("erratum").loc["interaction", "effet"] == pytest.approx(0, abs=1e-6)
    # every erratum said to change the total is one of these corrections (E17 repeats E16)
    e = conventions.errata()
    assert set(e.loc[e["modifie_total"] == "oui", "id"]) == set(effets["erratum"]) - {"interaction"}


def test_unknown_convention():
    with pytest.raises(InputError, match="convention inconnue 'corrigé'"):
        conventions.defaults("corrigé")


def test_a_scenario_moves_to_another_convention_with_the_users_values():
    s = scenarios.resolve(overrides={"file_active": "250"})
    c = s.under("corrige")
    assert c.values["file_active"] == 250 and c.values["double_compte_groupes_qualite"] == 0
    assert c.changed == {"file_active": 250.0}


#: Counts the tables print and the cost each one drives (quantity of the count, cost it
#: multiplies, unit cost): what a table prints is what is costed.
COMPTES = [
    ("deplacements_relais", "Nb de véhicules", "taxe_vehicules_relais", "taxe_vehicule"),
    ("visites_domicile", "Nb de véhicules", "vad_taxe", "taxe_vehicule"),
    ("lieu_alternatif", "Nb de lieux alternatif", "lieux_loyer", None),
    ("reunions_pluripro", "Nb réunions annuelles (en nb)", "reunion_medecin", None),
    ("ateliers", "Nb d'ateliers pour une file active de 100 personnes", "ateliers_location", None),
]
LECTURES = {
    "echelle_vehicules_relais": ("fixe", "proportionnelle", "unites_entamees"),
    "echelle_lieux_alternatifs": ("fixe", "proportionnelle", "unites_entamees"),
    "echelle_vehicules_vad": ("fixe", "proportionnelle", "unites_entamees"),
    "echelle_reunions_pluripro": ("fixe", "proportionnelle", "unites_entamees"),
    "echelle_ateliers": ("unites_entamees", "proportionnelle"),
}


def _parse(text: str) -> float:
    number = text.replace("\u202f", "").replace("\u00a0", " ").split(" ")[0].replace(",", ".")
    return float(number)


@pytest.mark.parametrize("lecture", ["fixe", "proportionnelle", "unites_entamees"])
@pytest.mark.parametrize("convention", CONVENTIONS)
def test_every_count_printed_is_the_count_costed(lecture, convention):
    from aaas.checks.evaluation import Evaluation
    from aaas.present import render

    sets = {name: (lecture if lecture in choices else choices[0]) for name, choices in LECTURES.items()}
    s = scenarios.resolve(overrides={"population_bassin": 50000, "file_active": 250, **sets}, convention=convention)
    r = conventions.compute_scenario(s)
    every = Evaluation(s, convention).tables()
    for table_id, label, cost, unit_cost in COMPTES:
        df = every[table_id]
        shown = render.formatted(df).set_index("Libellé").loc[label, "Recalculé"]
        count = float(np.asarray(r[df.loc[label, "variable"]]))
        assert _parse(shown) == pytest.approx(count, rel=1e-12), (table_id, label, shown)
        if unit_cost:
            assert r.scalar(cost) == pytest.approx(count * s.values[unit_cost])
        assert r.scalar(cost) > 0
    expected = {"fixe": (1, 2, 1, 20), "proportionnelle": (2.5, 5, 2.5, 50), "unites_entamees": (3, 6, 3, 60)}[lecture]
    got = tuple(
        r.scalar(n)
        for n in (
            "nb_vehicules_relais_bassin",
            "nb_vehicules_vad_total",
            "nb_lieux_bassin",
            "nb_reunions_pluripro_total",
        )
    )
    assert got == expected
    assert r.scalar("lieux_loyer") == pytest.approx(expected[2] * 40 * 16 * 12)
    heure_medecin = s.values["nb_consultations_heure_medecin"] * s.values["tarif_consultation_mg"]  # 100 € in 2022
    assert r.scalar("reunion_medecin") == pytest.approx(expected[3] * 2 * heure_medecin)


def test_papermill_gives_the_python_result(tmp_path):
    """The fourth entry point: a chapter executed by papermill with injected values (as
    ``aaas build`` does), under ``corrige`` with a value equal to the report's."""
    import papermill

    from aaas import datastore as data
    from aaas import fmt
    from aaas.publish import build

    s = scenarios.resolve(overrides={"file_active": "250", "double_compte_groupes_qualite": "1"}, convention="corrige")
    assert s.changed == {"file_active": 250.0, "double_compte_groupes_qualite": 1.0}
    injected = build.papermill_parameters(s, "corrige")
    out = tmp_path / "synthese.ipynb"
    papermill.execute_notebook(
        str(data.ROOT / "notebooks" / "synthese.ipynb"),
        str(out),
        parameters=injected,
        kernel_name="python3",
        cwd=str(data.ROOT),
        progress_bar=False,
        log_output=False,
    )
    glued = {}
    for cell in json.loads(out.read_text(encoding="utf-8"))["cells"]:
        for o in cell.get("outputs", []):
            name = o.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                glued[name] = o["data"]["application/papermill.record/text/plain"]
    python = conventions.compute_scenario(s).scalar("total")
    assert glued["total"] == fmt.euros(python)
    assert python == conventions.compute(
        "corrige", {"file_active": 250.0, "double_compte_groupes_qualite": 1.0}
    ).scalar("total")
