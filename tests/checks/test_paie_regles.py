"""The payroll grid by the rules (``data/paie_regles.csv``): gross -> payroll per profile of
posts and period, to be interpolated linearly (``np.interp``).

The regeneration checks make one Node call, ``node payroll/generate.mjs --grille --points``,
with a JSON array of points on stdin (``{"options": {...}, "periode": "01/06/2026", "brut":
2050.5}``, or ``"net"`` instead of ``"brut"``); it answers, for each point, the grid's amounts
at the same rounding (0.0001 €).  The same call evaluates a sample of committed rows (they
must come back identical), the mediator's net salary (its gross must be the grid's), and
salaries between grid points, at the last month of their period (the interpolated grid must
agree with the engine there).

Interpolation tolerance: 0.05 €/mois, except for the employer cost between the SMIC and
3 SMIC, where the rules round the coefficient of the general reduction (RGDU) to 4 decimals:
the cost is a staircase of steps of 0.0001 × gross (0.19 to 0.56 €/mois), which a grid of
25 € cannot follow; there the tolerance is one step more.
"""

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from aaas import datastore

ROOT = Path(__file__).resolve().parents[2]
#: Interpolation tolerance (€/mois), and the step of the RGDU coefficient (rounded to 4 decimals).
TOLERANCE, MARCHE_RGDU = 0.05, 1e-4
#: The employee's rate of the contribution d'équilibre technique, with a margin.
CET = 0.0015
#: Salaries (€/mois) near which to test the interpolation, alternately in the periods: near
#: the SMIC, inside the RGDU band, just above the social security ceiling (4 005 €), just
#: above 3 SMIC (5 469.10 € until May 2026, 5 601.05 € from June), 4 ceilings, plain ranges.
CIBLES = (1850, 2500, 3330, 4010, 5480, 5610, 7000, 12000, 16030, 19000)
AMOUNTS = ("brut", "net", "cotisations_salariales", "cotisations_patronales", "reduction_generale", "cout_employeur")


def _node() -> str:
    node = shutil.which("node")
    assert node, "Node introuvable : installer Node ≥ 20 (la grille de paie se régénère avec payroll/generate.mjs)"
    assert (ROOT / "payroll/node_modules/modele-social").is_dir(), (
        "payroll/node_modules absent : lancer « npm ci --prefix payroll » (fait par « make setup »)"
    )
    return node


@pytest.fixture(scope="module")
def grille():
    return datastore.paie_regles()


def _periods(grille):
    """One row per profile, year and period (with its number of months)."""
    return grille.drop_duplicates(["postes", "annee", "periode"])[["postes", "options", "annee", "periode", "mois"]]


def _options(poste: str) -> dict[str, str]:
    return {o.regle: o.valeur for o in datastore.paie_options().itertuples() if o.poste in ("*", poste)}


def _salaried_posts() -> list[str]:
    names = datastore.parameters()["name"]
    return [n.split("_", 2)[2] for n in names if n.startswith(("salaire_net_", "salaire_brut_"))]


def test_months_sum_to_12_and_periods_share_their_gross_salaries(grille):
    periods = _periods(grille)
    assert (periods.groupby(["postes", "annee"])["mois"].sum() == 12).all()
    for _, g in grille.groupby(["postes", "annee"]):
        bruts = [tuple(p["brut"]) for _, p in g.groupby("periode")]
        assert len(set(bruts)) == 1  # the same gross salaries in every period
    keys = list(zip(grille["postes"], grille["annee"], grille["periode"].str[3:5], grille["brut"], strict=True))
    order = {p: i for i, p in enumerate(dict.fromkeys(grille["postes"]))}
    assert keys == sorted(keys, key=lambda k: (order[k[0]], *k[1:]))


def test_net_and_cost_strictly_increase_with_the_gross_but_for_the_cet(grille):
    """The cost always rises with the gross; so does the net, but where the contribution
    d'équilibre technique starts (salaries above the social security ceiling, on the whole
    salary, 0.14 % for the employee): there the net falls, once, within one cent."""
    for _, g in grille.groupby(["postes", "annee", "periode"]):
        brut, net, cout = (g[c].to_numpy() for c in ("brut", "net", "cout_employeur"))
        assert (np.diff(brut) > 0).all() and (np.diff(cout) > 0).all()
        falls = np.flatnonzero(np.diff(net) <= 0)
        assert len(falls) <= 1, brut[falls]
        for i in falls:
            assert brut[i + 1] - brut[i] == pytest.approx(0.01) and net[i] - net[i + 1] < CET * brut[i + 1]


def test_every_post_is_in_exactly_one_profile_with_its_options(grille):
    profiles = _periods(grille).drop_duplicates("postes")
    counts = Counter(p for postes in profiles["postes"] for p in postes.split(";"))
    assert sorted(counts) == sorted(_salaried_posts()) and set(counts.values()) == {1}
    for r in profiles.itertuples():
        for poste in r.postes.split(";"):
            assert r.options == " ; ".join(f"{k} = {v}" for k, v in _options(poste).items()), poste
    assert profiles["options"].is_unique


def _gross_for_net(g, net: float) -> float:
    """The gross giving ``net`` (the rows whose net tops every lower gross's: np.interp
    needs increasing points, and the net falls where the CET starts)."""
    rising = g["net"].to_numpy() >= np.maximum.accumulate(g["net"].to_numpy())
    return float(np.interp(net, g["net"][rising], g["brut"][rising]))


def test_mediator_gross_for_1600_net_is_2048_95_in_every_period(grille):
    med = grille[grille["postes"].str.split(";").map(lambda p: "mediateur" in p)]
    assert med["periode"].nunique() >= 1
    for periode, g in med.groupby("periode"):
        assert _gross_for_net(g, 1600) == pytest.approx(2048.95, abs=0.05), periode


def _last_month(periode: str, mois: float) -> str:
    day, month, year = periode.split("/")
    return f"{day}/{int(month) + int(mois) - 1:02d}/{year}"


def _points(grille):
    """The points of the Node call: (kind, profile-period rows, point) triples."""
    out = []
    periods = list(_periods(grille).itertuples())
    for i, p in enumerate(periods):
        g = grille[(grille["postes"] == p.postes) & (grille["annee"] == p.annee) & (grille["periode"] == p.periode)]
        opts = _options(p.postes.split(";")[0])
        for j in (0, len(g) // 3, 2 * len(g) // 3, len(g) - 1):  # committed rows, regenerated
            out.append(("ligne", g.iloc[j], {"options": opts, "periode": p.periode, "brut": g["brut"].iloc[j]}))
        if "mediateur" in p.postes.split(";"):
            out.append(("mediateur", g, {"options": opts, "periode": p.periode, "net": 1600}))
        for cible in CIBLES[i % 2 :: 2] if len(periods) > 1 else CIBLES:  # between two grid points
            k = int(np.searchsorted(g["brut"].to_numpy(), cible))
            milieu = round((g["brut"].iloc[k - 1] + g["brut"].iloc[k]) / 2, 2)
            point = {"options": opts, "periode": _last_month(p.periode, p.mois), "brut": milieu}
            out.append(("interpolation", g, point))
    return out


@pytest.fixture(scope="module")
def regenerated(grille):
    points = _points(grille)
    out = subprocess.run(
        [_node(), "payroll/generate.mjs", "--grille", "--points"],
        input=json.dumps([pt for _, _, pt in points]),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return [(kind, rows, got) for (kind, rows, _), got in zip(points, json.loads(out.stdout), strict=True)]


def test_a_regenerated_sample_matches_the_committed_rows(regenerated):
    lignes = [(row, got) for kind, row, got in regenerated if kind == "ligne"]
    assert len(lignes) >= 8
    for row, got in lignes:
        assert got["version_regles"] == row["version_regles"]
        for col in (*AMOUNTS, "smic"):
            assert got[col] == pytest.approx(row[col], abs=1e-6), (row["postes"], row["periode"], row["brut"], col)


def test_the_mediator_gross_is_the_engine_gross_for_1600_net(regenerated):
    meds = [(g, got) for kind, g, got in regenerated if kind == "mediateur"]
    assert meds
    for g, got in meds:
        assert got["brut"] == pytest.approx(2048.95, abs=0.05)
        assert round(got["brut"], 2) in set(g["brut"])


def test_interpolation_between_grid_points_agrees_with_the_engine(regenerated):
    points = [(g, got) for kind, g, got in regenerated if kind == "interpolation"]
    assert len(points) >= len(CIBLES)
    for g, got in points:
        x = got["brut"]
        assert x not in set(g["brut"])
        assert abs(np.interp(x, g["brut"], g["net"]) - got["net"]) <= TOLERANCE, x
        band = g["smic"].iloc[0] <= x < 3 * g["smic"].iloc[0]  # the RGDU staircase
        tol = TOLERANCE + (MARCHE_RGDU * x if band else 0)
        assert abs(np.interp(x, g["brut"], g["cout_employeur"]) - got["cout_employeur"]) <= tol, x
