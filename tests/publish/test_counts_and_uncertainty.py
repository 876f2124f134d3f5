"""One set of counts and an honest uncertainty statement (issue 17, items 3 and 4).

The home page states every status with its count, the counts adding up to the figures
checked, in the words the method page, the verification chapter and the errata page use (one
function, :func:`aaas.present.bilan.texte`); its range of the total is measured from the
book's total (404 565 €), each bound with its Monte Carlo precision, beside the structural
choice that moves the total most.  The glued texts are read from the committed notebooks'
stored outputs (nbval checks that they are current).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import aaas
from aaas import fmt, labels
from aaas.checks import reconcile
from aaas.present import bilan
from aaas.publish import pages
from aaas.sensitivity import montecarlo, structural

ROOT = Path(__file__).resolve().parents[2]
RECORD = "application/papermill.record/text/plain"


def glued(name: str) -> dict[str, str]:
    """Every glued text of a committed notebook, by key, from its stored outputs."""
    out = {}
    for cell in nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells:
        for output in cell.get("outputs", []):
            key = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if key and RECORD in output.get("data", {}):
                out[key] = output["data"][RECORD]
    return out


def markdown(name: str) -> str:
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def counts(text: str) -> list[int]:
    return [int(n.replace("\u202f", "")) for n in re.findall(r"(\d[\d\u202f]*)\xa0", text)]


@pytest.mark.parametrize("overrides", [{}, {"population_bassin": 36000}, {"file_active": 250}])
@pytest.mark.parametrize("convention", ["rapport", "corrige", "actualise"])
def test_every_status_is_counted_and_the_counts_add_up(overrides, convention):
    rec = aaas.evaluate(overrides, convention).reconciliation
    b = reconcile.bilan(rec)
    text = bilan.texte(b)
    n = rec["statut"].value_counts()
    for label, count in n.items():  # every status that occurs, in its own words
        key = reconcile.CLES[label]
        assert bilan.compte(int(count), key) in text if key != "non_chiffre" else "« non chiffré »" in text, label
    first, *statuses, cited = counts(text)  # the groups' totals (« 224 sont reproduits ») are not counted twice
    assert first == b.chiffres == len(rec) - cited and sum(statuses) == b.chiffres, text
    table = bilan.tableau({convention: rec})
    column = [int(x.replace("\u202f", "")) for x in table[bilan.ENTETES[convention]]]
    assert sum(column[:-2]) == column[-2] == b.chiffres and column[-1] == cited


def test_the_same_sentence_on_the_home_page_the_verification_chapter_the_method_and_errata_pages():
    text = bilan.texte(reconcile.bilan())
    assert glued("accueil")["bilan_texte"] == glued("verification")["bilan_texte"] == text
    assert "{glue:}`bilan_texte`" in markdown("accueil") and "{glue:}`bilan_texte`" in markdown("verification")
    methode = (ROOT / "book" / "methode.md").read_text(encoding="utf-8")
    assert "verification.ipynb::bilan_texte" in methode and "grisé" not in methode
    assert text in pages.render_errata_page()


def test_the_home_page_range_is_measured_from_the_total_with_its_precision():
    g = glued("accueil")
    ev = aaas.evaluate()
    assert g["incertitude_total"] == fmt.euros(ev.total) == "404\u202f565\xa0€"
    assert g["incertitude_n"] == fmt.nombre(100_000)
    draws = montecarlo.montecarlo("rapport", 100_000, 1, ["total"])["total"]
    p5, p95 = np.quantile(draws, [0.05, 0.95])
    assert g["incertitude_ind_p5"] == fmt.euros(p5) and g["incertitude_ind_p95"] == fmt.euros(p95)
    assert g["incertitude_ind_bas"] == fmt.variation(p5 / ev.total - 1)  # from the total, not the median
    assert g["incertitude_ind_haut"] == fmt.variation(p95 / ev.total - 1)
    lo, hi = montecarlo.precision_quantile(draws, 0.05)
    assert lo < p5 < hi and g["incertitude_ind_p5_precision"] == "±\xa0" + fmt.euros((hi - lo) / 2)
    half = float(g["incertitude_ind_p5_precision"].split("\xa0")[1].replace("\u202f", ""))
    assert 50 < half < 1000  # the quantile is not stable to the euro: its margin is shown
    prose = markdown("accueil")
    for key in ("incertitude_ind_p5_precision", "incertitude_cor_p95_precision", "incertitude_struct_ecart"):
        assert f"{{glue:}}`{key}`" in prose
    assert "médiane" in prose and "stables à l'euro" not in markdown("sensibilite")


def test_the_home_page_names_the_structural_choice_that_moves_the_total_most():
    g = glued("accueil")
    st = structural.structurel("rapport", ["total"])
    top = st.loc[st["ecart"].abs().idxmax()]
    assert (top["parametre"], top["choix"]) == ("base_etp_coordinateur", "habitants")
    assert g["incertitude_struct_choix"] == labels.choix("base_etp_coordinateur", "habitants")  # for readers
    assert g["incertitude_struct_libelle"] == labels.parametre("base_etp_coordinateur")
    assert g["incertitude_struct_ecart"] == fmt.ecart(top["ecart"], "€")
    assert g["incertitude_struct_part"] == fmt.variation(top["ecart_relatif"])


def test_a_quantile_interval_covers_the_true_quantile_at_its_confidence():
    """Seeded: the order-statistic interval of the 5 % quantile of a uniform sample covers
    0.05 in about 95 % of 400 samples."""
    rng = np.random.default_rng(7)
    hits = [
        lo <= 0.05 <= hi for lo, hi in (montecarlo.precision_quantile(rng.uniform(size=2000), 0.05) for _ in range(400))
    ]
    assert 0.92 <= np.mean(hits) <= 0.985
