"""The ``actualise`` convention: payroll by the URSSAF rules, the newest mileage scale, the
fee in force; the steps from the report's total to today's; bad input."""

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import aaas
from aaas import cli
from aaas.checks import actualisation, reconcile
from aaas.errors import ParameterError
from aaas.models import conventions, paie, parameters
from aaas.models import scenario as scenarios

ROOT = Path(__file__).resolve().parents[2]

#: Lines the report prices from a salary (through its flat rates), the mileage scale or the
#: consultation fee; every other line must be the same under ``actualise`` as under
#: ``corrige`` (``actualise`` starts from the corrected set).
LIGNES_MISES_A_JOUR = {
    "mediateur",  # salary chain (2.2.2.2)
    "deplacements_relais",  # mileage scale (2.2.2.4)
    "consultations_inclusion",  # fee G (2.2.2.6)
    "referents_parcours",  # salary chain (2.3.2.1)
    "medecin_coordinateur",  # salary chain (2.3.2.2)
    "visites_domicile",  # mileage scale (2.3.2.3)
    "ateliers",  # secretariat's salary (2.3.2.4)
    "reunions_pluripro",  # case manager's hourly employer cost, doctor at the fee G (2.3.2.5)
    "poste_coordination",  # salary chain (2.4.2.1)
    "communication",  # advocacy officer's salary (2.4.2.2)
}


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _lignes(convention: str) -> dict[str, float]:
    r = conventions.compute(convention)
    return {k[len("ligne_") :]: float(np.asarray(v)) for k, v in r.items() if k.startswith("ligne_")}


def test_actualise_is_corrige_plus_its_own_rows_each_with_a_source():
    diff = conventions.differences("actualise")
    own = diff[diff["convention"] == "actualise"]
    assert set(own["parametre"]) == {
        "calcul_cotisations",
        "salaire_brut_secretariat",
        "annee_bareme",
        "tarif_consultation_mg",
    }
    assert (own["source"] != "").all() and (own["erratum"] == "").all()
    corrige = conventions.defaults("corrige")
    actualise = conventions.defaults("actualise")
    assert {n for n in corrige if corrige[n] != actualise[n]} == set(own["parametre"])
    assert int(actualise["annee_bareme"]) == max(int(c) for c in parameters.lookup("annee_bareme").choices)
    assert actualise["tarif_consultation_mg"] == 30


def test_lines_that_depend_on_no_salary_scale_or_fee_are_those_of_corrige():
    rapport, corrige, actualise = _lignes("rapport"), _lignes("corrige"), _lignes("actualise")
    assert set(corrige) >= LIGNES_MISES_A_JOUR
    for ligne in set(corrige) - LIGNES_MISES_A_JOUR:
        assert actualise[ligne] == corrige[ligne], ligne
        if corrige[ligne] == rapport[ligne]:  # no erratum either: the report's own figure
            assert actualise[ligne] == rapport[ligne], ligne
    assert sum(corrige[x] == rapport[x] for x in set(corrige) - LIGNES_MISES_A_JOUR) >= 6
    for ligne in LIGNES_MISES_A_JOUR:
        assert actualise[ligne] != corrige[ligne], ligne


def test_the_secretariat_is_paid_the_highest_smic_of_the_year():
    values = conventions.defaults("actualise")
    g = paie.grille_de(values, "secretariat")
    assert values["salaire_brut_secretariat"] == pytest.approx(g.smic, abs=0.005)


def test_the_rates_a_table_prints_are_those_the_rules_imply():
    r = conventions.compute("actualise")
    for poste, base in paie.postes().items():
        brut, cout = r[f"salaire_brut_{poste}"], r[f"cout_mensuel_{poste}"]
        assert r[f"taux_patronal_effectif_{poste}"] == pytest.approx(cout / brut - 1, rel=1e-12)
        if base == "net":
            assert r[f"taux_salarial_effectif_{poste}"] == pytest.approx(brut / r[f"salaire_net_{poste}"] - 1)
    rapport = conventions.compute("rapport")
    assert rapport["taux_patronal_effectif_mediateur"] == pytest.approx(rapport["taux_charges_patronales_mediateur"])


def test_the_mediator_of_the_report_by_the_rules():
    """2 049 € gross ↔ 1 600 € net (the report's mediator), and an employer cost near the
    2 304 € the rules give from July 2026 (the annual average also counts January–June)."""
    r = conventions.compute("actualise")
    assert r["salaire_brut_mediateur"] == pytest.approx(2049, abs=0.5)
    assert 2290 < r["cout_mensuel_mediateur"] < 2360


@pytest.mark.parametrize(("brut", "cout"), [(1800, 1876), (2049, 2304), (3000, 3984), (5000, 7060)])
def test_employer_cost_in_july_2026_matches_the_engine(brut, cout):
    """The engine's own evaluation at 1 July 2026 (non-cadre, CDI, under 11 employees),
    recorded independently in ../shared/stack-notes.md, read off the grid's period that
    holds July."""
    g = aaas.datastore.paie_regles()
    g = g[g["postes"].str.contains("mediateur")]
    debut = g["periode"].str[3:5].astype(int)
    g = g[debut == debut[debut <= 7].max()]  # the period that holds July 2026
    assert np.interp(brut, g["brut"], g["cout_employeur"]) == pytest.approx(cout, abs=1)


def test_steps_go_from_the_report_to_today_and_add_up():
    df = actualisation.etapes()
    assert round(df["total"].iloc[0]) == 404565
    assert df["total"].iloc[-1] == pytest.approx(conventions.compute("actualise").scalar("total"))
    assert df["effet"].iloc[1:].sum() == pytest.approx(df["total"].iloc[-1] - df["total"].iloc[0])
    assert df["total"].iloc[1] == pytest.approx(conventions.compute("corrige").scalar("total"))
    assert len(df) == 1 + conventions.differences("actualise")["etape"].nunique()
    missions = [c for c in df.columns if c.startswith("effet_")]
    assert df[missions].sum(axis=1).to_numpy() == pytest.approx(df["effet"].to_numpy())


def test_steps_keep_a_value_the_user_set():
    s = scenarios.resolve(overrides={"population_bassin": 35000, "tarif_consultation_mg": 27})
    df = actualisation.etapes(s)
    assert df["total"].iloc[-1] == pytest.approx(conventions.compute_scenario(s, "actualise").scalar("total"))
    assert "tarif_consultation_mg" not in ", ".join(df["parametres"])


def test_par_ligne_has_every_line_mission_and_the_total_under_three_conventions():
    df = actualisation.par_ligne().set_index("cle")
    for c in actualisation.TROIS:
        assert df.loc["total", c] == pytest.approx(conventions.compute(c).scalar("total"))
    lignes = df[df["niveau"] == "ligne"]
    assert lignes["actualise"].sum() == pytest.approx(df.loc["total", "actualise"])


def test_postes_compare_the_reports_rates_with_the_rules():
    p = actualisation.postes().set_index("poste")
    assert set(p.index) == set(paie.postes())
    med = p.loc["mediateur"]
    assert med["taux_patronal_rapport"] == pytest.approx(0.1957052)
    assert med["ecart_annuel"] == pytest.approx((med["cout_mensuel_actualise"] - med["cout_mensuel_rapport"]) * 12)


def test_figures_moved_by_the_update_are_flagged_actualise_and_none_is_unexplained():
    rec = aaas.evaluate(convention="actualise").reconciliation
    assert (rec["statut"] == reconcile.STATUTS["actualise"]).any()
    assert not (rec["statut"] == reconcile.STATUTS["inexplique"]).any()
    rapport = aaas.evaluate().reconciliation
    assert not (rapport["statut"] == reconcile.STATUTS["actualise"]).any()


# --- bad input ------------------------------------------------------------------------


def test_a_salary_below_the_smic_is_refused_in_one_line():
    code, out, err = _cli("tables", "synthese", "--convention", "actualise", "--set", "salaire_net_mediateur=1200")
    assert code == 2 and out == ""
    assert "salaire_net_mediateur" in err and "SMIC" in err and "plage acceptée" in err
    assert len(err.strip().splitlines()) == 1


def test_a_year_the_rules_do_not_cover_is_refused_and_other_conventions_work():
    code, out, err = _cli("tables", "synthese", "--convention", "actualise", "--set", "annee_paie=2022")
    assert code == 2 and out == "" and "annee_paie" in err and "2026" in err
    for c in ("rapport", "corrige"):
        code, out, _ = _cli("tables", "synthese", "--convention", c, "--format", "json")
        assert code == 0 and json.loads(out)


def test_paying_the_reports_posts_by_the_rules_names_the_secretariat():
    with pytest.raises(ParameterError, match="salaire_brut_secretariat"):
        scenarios.resolve(overrides={"calcul_cotisations": "regles_urssaf"})


def test_draws_below_the_smic_are_refused_naming_the_parameter():
    with pytest.raises(ParameterError, match="salaire_net_referent"):
        conventions.compute("actualise", {"salaire_net_referent": np.array([2400.0, 900.0])})


def test_json_and_the_text_header_state_the_rules_version():
    code, out, _ = _cli("tables", "--convention", "actualise", "--format", "json")
    data = json.loads(out)
    assert data["provenance"]["regles_paie"] == f"modele-social {paie.version()}"
    code, out, _ = _cli("tables", "synthese", "--convention", "actualise")
    assert f"modele-social {paie.version()}" in out


def test_no_node_is_needed_at_run_time(tmp_path):
    """The rules are read from the committed grid: with no Node on the PATH, the
    ``actualise`` tables still come out."""
    env = dict(os.environ, PATH=str(tmp_path), PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-m", "aaas", "tables", "synthese", "--convention", "actualise", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "modele-social" in run.stdout


def test_a_book_whose_scenario_one_convention_refuses_is_refused_before_any_work(tmp_path):
    out = tmp_path / "livre"
    code, stdout, err = _cli("build", "--set", "salaire_net_mediateur=1300", "--out", str(out))
    assert code == 2 and "salaire_net_mediateur" in err and "actualise" in err
    assert not out.exists()
