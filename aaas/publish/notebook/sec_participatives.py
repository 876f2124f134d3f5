"""The « Centres de santé participatifs » chapter (:class:`SecPage`): the dotations of the
participative SEC (:mod:`aaas.models.sec`), the FISS totals against the sum of their years
(:mod:`aaas.checks.fiss`), the errata of their texts and the comparison with the AAAS
missions (:mod:`aaas.checks.comparaison_sec`); each method glues a section's figures or
shows its table."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ... import datastore, fmt, labels
from ...checks import comparaison_sec, ecarts, fiss
from ...models import sec
from .. import readable
from . import financements as fin
from . import tables
from .charts import glue_figure

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context

#: The MG file actives of the dotations' table.
FILES_ACTIVES_TABLEAU = (1000, 2500, 4500, 8000)
#: The curves: the MG file actives (1 000 to 9 000, every 50) and the poverty rates (0 to 40 %).
FILES_ACTIVES_COURBE = np.arange(1000, 9001, 50)
TAUX_COURBE = np.linspace(0, 0.4, 81)
#: Under this (€), an amount of the comparison is shown with its cents.
CENTIMES_SOUS = 100
#: The comparison's rows the prose quotes.
LIGNE_ETP = "Coût annuel employeur d'un ETP non soignant"
LIGNE_INTERPRETARIAT = "Interprétariat par patient de la file active ou habitant"


def montant(x: float) -> str:
    """An amount of the comparison: with cents under :data:`CENTIMES_SOUS` €, « non précisé
    par le texte » when the text gives none.

    >>> montant(12.345), montant(1234.5), montant(float("nan"))
    ('12,35\\xa0€', '1\\u202f234\\xa0€', 'non précisé par le texte')
    """
    if pd.isna(x):
        return "non précisé par le texte"
    return fmt.euros(x, 2) if x < CENTIMES_SOUS else fmt.euros(x)


class SecPage:
    """The chapter for an MG file active and a poverty rate, the AAAS side under ``convention``."""

    def __init__(self, ctx: Context, file_active_mg: float, taux_pauvrete: float, convention: str):
        self.ctx, self.file_active_mg, self.taux_pauvrete = ctx, file_active_mg, taux_pauvrete
        self.convention = convention
        self.dotations = sec.dotations(file_active_mg, taux_pauvrete)

    @cached_property
    def fiss(self) -> pd.DataFrame:
        """Every stated FISS total against the sum of its years."""
        return fiss.reconcilier_fiss()

    @cached_property
    def comparaison(self) -> pd.DataFrame:
        """The AAAS missions and the SEC dotations on the same unit."""
        return comparaison_sec.comparer(self.file_active_mg, self.convention)

    def glue_dotations(self) -> None:
        """Glue the file active, the poverty rate and each dotation of this SEC."""
        ctx, r = self.ctx, self.dotations
        d = r["dotations"]
        ctx.glue("sec_fa", fmt.nombre(self.file_active_mg))
        ctx.glue("sec_taux", fmt.pourcent(self.taux_pauvrete))
        ctx.glue("sec_a", fmt.euros(d["a_non_professionnels_sante"]["montant"]))
        ctx.glue("sec_a_regle", d["a_non_professionnels_sante"]["regle"])
        ctx.glue("sec_c", fmt.euros(d["c_interpretariat"]["montant"]))
        ctx.glue("sec_d", fmt.euros(d["d_psychologue"]["montant"]))
        ctx.glue("sec_b_maj", fmt.variation(d["b_professionnels_sante"]["majoration"], 0))
        ctx.glue("sec_total", fmt.euros(r["total"]))
        ctx.glue("sec_formation", fmt.euros(r["plafond_formation"]))

    def vue_dotations(self) -> pd.DataFrame:
        """The dotations for each MG file active of :data:`FILES_ACTIVES_TABLEAU` (one
        evaluation per row)."""
        rows = []
        for n in FILES_ACTIVES_TABLEAU:
            r = sec.dotations(n, self.taux_pauvrete)
            x = r["dotations"]
            a = x["a_non_professionnels_sante"]
            rows.append([fmt.nombre(n), fmt.nombre(a["etp"], 1), fmt.euros(a["montant"]),
                         fmt.euros(x["c_interpretariat"]["montant"]), fmt.euros(x["d_psychologue"]["montant"]),
                         fmt.euros(r["total"])])  # fmt: skip
        return pd.DataFrame(rows, columns=["File active MG", "ETP non soignants", "a.", "c.", "d.", "Total hors b"])

    def show_dotations(self) -> None:
        """The dotations' table, then glue their curves."""
        tables.show(self.vue_dotations(), "sec-dotations", "Dotations selon la file active de médecine générale")
        glue_figure("fig_sec_courbes", fin.courbes_sec(FILES_ACTIVES_COURBE, TAUX_COURBE))

    def show_non_defini(self) -> None:
        """The list of what the texts leave undefined."""
        items = "\n".join(f"- {readable.md_text(x, str)}" for x in self.dotations["non_defini"])
        tables.show_markdown(items)

    def glue_fiss(self) -> None:
        """Glue how many FISS totals are stated, how many differ from the sum of their years,
        and how many errata the texts carry."""
        self.ctx.glue("fiss_nb", fmt.nombre(len(self.fiss)))
        self.ctx.glue("fiss_ecarts", fmt.accord(len(ecarts.significatifs(self.fiss)), "écart"))
        self.ctx.glue("sec_errata_nb", fmt.nombre(len(datastore.sec_errata())))

    def show_fiss(self) -> None:
        """The table of the FISS totals and the sums of their years."""
        rec = self.fiss
        vue = pd.DataFrame({
            "Source": [labels.libelle("source", s) for s in rec["source"]], "Période": rec["periode"],
            "Total annoncé par": rec["libelle"], "Total annoncé": [fmt.euros(x) for x in rec["montant_declare"]],
            "Somme des années": [fmt.euros(x) for x in rec["somme_annuelle"]],
            "Écart": [fmt.ecart(x, "€") or "0 €" for x in rec["ecart"]], "Erratum": rec["erratum"],
        })  # fmt: skip
        tables.show(vue, "sec-fiss", "Montants annoncés et somme des années")

    def show_errata(self) -> None:
        """The table of the errata of the SEC's texts."""
        errata = datastore.sec_errata()
        vue = pd.DataFrame({"N°": errata["id"], "Source": [fin.sources(s) for s in errata["source"]],
                            "Passage": errata["label"],
                            "Explication": [readable.html_text(e) for e in errata["explication"]]})  # fmt: skip
        titre = "Erreurs relevées dans les textes des centres de santé participatifs"
        tables.show(vue, "sec-errata", titre, kinds={"Explication": "detail"}, raw=("Explication",))

    def glue_comparaison(self) -> None:
        """Glue the comparison's figures the prose quotes: the cost of a non-clinical ETP and
        of interpreting, both ways."""
        ligne = self.comparaison.set_index("indicateur")
        etp, interp = ligne.loc[LIGNE_ETP], ligne.loc[LIGNE_INTERPRETARIAT]
        self.ctx.glue("cmp_etp_aaas", fmt.euros(etp["aaas"]))
        self.ctx.glue("cmp_etp_sec", fmt.euros(etp["sec"]))
        self.ctx.glue("cmp_etp_ratio", fmt.nombre(etp["rapport_sec_aaas"], 2))
        self.ctx.glue("cmp_int_aaas", fmt.euros(interp["aaas"], 2))
        self.ctx.glue("cmp_int_sec", fmt.euros(interp["sec"], 2))

    def show_comparaison(self) -> None:
        """The comparison's table."""
        cmp = self.comparaison
        vue = pd.DataFrame({
            "Indicateur": cmp["indicateur"], "AAAS": [montant(x) for x in cmp["aaas"]],
            "SEC": [montant(x) for x in cmp["sec"]],
            "Unité": cmp["unite"], "Ce qui explique l'écart": cmp["explication"],
        })  # fmt: skip
        titre = "AAAS et centres de santé participatifs comparés"
        tables.show(vue, "sec-comparaison", titre, kinds={"Ce qui explique l'écart": "detail"})
