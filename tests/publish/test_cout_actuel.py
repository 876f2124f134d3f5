"""The « Le coût aujourd'hui » chapter (notebooks/cout_actuel.ipynb): its glued figures are
the model's, formatted as the notebook formats them; its waterfall is shown with an alt text;
its table of steps adds up; no figure of its prose is typed.  The glued texts and tables are
read from the committed notebook's stored outputs (nbval checks they are current)."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import nbformat
import numpy as np
import pytest

from aaas import fmt, labels
from aaas.checks import actualisation
from aaas.models import conventions, paie
from aaas.models import scenario as scenarios
from aaas.publish.notebook import actualisation as act
from aaas.publish.notebook import charts

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]
CHAPITRE = ROOT / "notebooks" / "cout_actuel.ipynb"
RECORD = "application/papermill.record/"
GLUE = re.compile(r"\{glue(?::\w*)?\}`([^`]+)`")


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(CHAPITRE, as_version=4)


@pytest.fixture(scope="module")
def glued(nb) -> dict[str, str]:
    """Every glued text of the chapter, by key, from its stored outputs."""
    out = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and f"{RECORD}text/plain" in output.get("data", {}):
                out[name] = output["data"][f"{RECORD}text/plain"]
    return out


@pytest.fixture(scope="module")
def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _html(nb, uid: str) -> str:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = "".join(output.get("data", {}).get("text/html", ""))
            if f'id="{uid}"' in text:
                return text
    raise AssertionError(f"pas de tableau {uid}")


@pytest.mark.parametrize("convention", actualisation.TROIS)
def test_the_glued_totals_are_the_models(glued, convention):
    assert glued[f"act_total_{convention}"] == fmt.euros(conventions.compute(convention).scalar("total"))


def test_the_change_from_the_report_and_the_rules_are_computed(glued):
    rapport, actuel = (conventions.compute(c).scalar("total") for c in ("rapport", "actualise"))
    assert glued["act_ecart"] == fmt.ecart(round(actuel) - round(rapport), "€")  # the totals shown
    assert glued["act_variation"] == fmt.variation((actuel - rapport) / rapport)
    assert glued["act_version"] == paie.version()
    assert glued["act_annee"] == str(int(conventions.defaults("actualise")["annee_paie"]))


def test_the_rate_gaps_are_counted_by_verdict(glued):
    verdicts = actualisation.ecarts_taux()["verdict"]
    assert glued["act_nb_erreurs"] == fmt.accord(int((verdicts == "sans_reduction").sum()), "poste")
    assert glued["act_nb_regles"] == fmt.accord(int((verdicts != "sans_reduction").sum()), "poste")


def test_the_largest_step_is_glued(glued):
    df = actualisation.etapes()
    effets = df["effet"].iloc[1:]
    assert glued["act_etape_max"] == df.loc[effets.abs().idxmax(), "etape"]
    shown = act.montants_etapes(df)["total"].diff()  # each step as the table shows it
    assert glued["act_etape_max_effet"] == act.ecart_euros(shown.loc[effets.abs().idxmax()])


def test_every_key_of_the_prose_is_glued_and_prefixed(glued, markdown):
    keys = set(GLUE.findall(markdown))
    assert keys and keys <= set(glued)
    assert all(k.startswith("act_") or k.startswith("fig_act_") for k in glued)


def test_no_figure_of_the_prose_is_typed(markdown):
    """Digits only in glued figures, code, links and titles (the years the chapter's titles name)."""
    text = GLUE.sub("", markdown)
    text = re.sub(r"```\{glue:figure\}.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`|<[^>]+>", "", text)
    prose = [line for line in text.splitlines() if not line.startswith("#")]
    assert not [line for line in prose if re.search(r"\d", line)]


def test_the_waterfall_is_shown_with_its_alt_text(nb, markdown):
    shown = re.findall(r"```\{glue:figure\} fig_act_cascade\n:alt: (.+)\n:name: (\S+)\n", markdown)
    assert len(shown) == 1 and len(shown[0][0]) > 80 and shown[0][1] == "fig-act-cascade"
    images = [
        o
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("metadata", {}).get("scrapbook", {}).get("name") == "fig_act_cascade"
    ]
    assert len(images) == 1 and f"{RECORD}image/png" in images[0]["data"]


def test_figure_labels_are_unique_across_the_book():
    names = []
    for path in [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "book").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        names += re.findall(r":name: ([\w-]+)", text)
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_the_steps_add_up_to_the_actualise_figures():
    df = actualisation.etapes()
    lignes = actualisation.par_ligne().set_index("cle")
    assert df["effet"].sum() == pytest.approx(lignes.loc["total", "ecart"], abs=1e-6)
    for m in labels.missions_courtes():
        assert df[f"effet_{m}"].sum() == pytest.approx(lignes.loc[f"mission_{m}", "ecart"], abs=1e-6)
    assert np.allclose(df["total"].iloc[1:].to_numpy(), (df["total"] + df["effet"].shift(-1)).iloc[:-1].to_numpy())


def test_the_stored_step_table_closes_on_the_actualise_total(nb):
    html = _html(nb, "act-etapes")
    vue, _ = act.vue_etapes(actualisation.etapes())
    last = vue.iloc[-1]
    assert last["Étape"] == "Ensemble des étapes"
    assert last["Total après l’étape"] == fmt.euros(conventions.compute("actualise").scalar("total"))
    lignes = actualisation.par_ligne().set_index("cle")
    shown = [round(lignes.loc["total", c]) for c in ("actualise", "rapport")]  # the steps add up to the totals shown
    assert last["Effet sur le total"] == act.ecart_euros(shown[0] - shown[1])
    assert f'<td class="nombre">{last["Effet sur le total"]}</td>' in html


def test_the_stored_tables_are_current(nb):
    """The stored HTML is what the helpers make now (markup without random ids)."""
    vue, classes = act.vue_lignes(actualisation.par_ligne())
    caption = "Surcoût annuel de chaque ligne, de chaque mission et total, dans les trois conventions"
    assert _html(nb, "act-lignes").strip() == act.table_html(vue, "act-lignes", caption, classes).strip()


def test_a_user_value_is_kept_through_every_step():
    scenario = scenarios.resolve(overrides={"tarif_consultation_mg": 25})
    df = actualisation.etapes(scenario)
    assert "tarif_consultation_mg" not in ",".join(df["parametres"])
    vue, _ = act.vue_etapes(df)
    assert len(vue) == len(df) + 1


def test_the_waterfall_reads_in_kilo_euros_with_whole_labels():
    import matplotlib.pyplot as plt

    fig = act.cascade(actualisation.etapes())
    try:
        fig.canvas.draw()
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[0].startswith("Rapport") and labels[-1] == act.FIN
        assert all(len(line) <= charts.LARGEUR_LIBELLE for label in labels for line in label.split("\n"))
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert 2 <= len(ticks) <= 6 and all(re.fullmatch(r"[\d\u202f]+\xa0k€", t) for t in ticks), ticks
        renderer = fig.canvas.get_renderer()
        assert all(lg.get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0 for lg in fig.legends)
        texts = {t.get_text().strip() for t in ax.texts}
        assert fmt.euros(conventions.compute("actualise").scalar("total")) in texts
    finally:
        plt.close(fig)


def test_the_step_parameters_leave_out_what_the_user_set():
    diff = conventions.differences("actualise")
    vue = act.vue_parametres(diff, {"tarif_consultation_mg": 25})
    assert len(vue) == len(diff) - 1
    assert not vue["Paramètre"].str.contains("tarif_consultation_mg").any()
    assert vue["Erratum"].str.contains('href="../book/errata.html#e02"').any()


def test_numbers_are_right_aligned_and_text_wraps():
    vue, classes = act.vue_etapes(actualisation.etapes())
    table = act.table_html(vue, "t", "Étapes", classes)
    assert '<td class="texte">Corrections des erreurs du rapport</td>' in table
    assert f'<td class="nombre">{vue.iloc[1]["Effet sur le total"]}</td>' in table
    assert table.count('<tr class="sous-total">') == 2


def test_the_kept_hypotheses_leave_out_what_the_user_set():
    kept = conventions.gardees_2022()
    vue = act.vue_gardees(kept, {"loyer_m2_mensuel": 20})
    assert len(vue) == len(kept) - 1
    assert not vue["Paramètre"].str.contains("loyer_m2_mensuel").any()
