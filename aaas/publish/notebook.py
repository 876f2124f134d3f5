"""Helpers that keep the book's notebooks thin: set up a scenario, show a report table the
way the report prints it (French numbers, printed figure, recomputed figure, gap flagged,
link to each hypothesis), glue every figure of the prose, draw each mission's chart.

Notebooks call these; they never compute a formula themselves.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import datastore as data
from .. import fmt
from ..checks import reconcile
from ..models import aggregate, conventions, parameters
from ..models import scenario as scenarios
from ..models import surcouts as model
from ..present import render

#: Page of the book listing the parameters; each has an anchor ``param-<name>``.
PAGE_PARAMETRES = "../book/parametres.html"
PAGE_ERRATA = "../book/errata.html"


class Texte:
    """A preformatted figure for myst-nb's glue: its plain representation is the text
    itself (a bare ``str`` would be glued with its quotes)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


@dataclass
class Contexte:
    """One scenario under one convention, evaluated once for a whole notebook."""

    scenario: scenarios.Scenario
    convention: str
    results: Any
    reference: Any
    rec: pd.DataFrame
    glued: dict[str, str] = field(default_factory=dict)

    # --- values -------------------------------------------------------------------------
    def v(self, name: str) -> float:
        """A quantity of the model (or a parameter value) as a float."""
        return float(np.asarray(self.results[name]))

    def texte(self, name: str, unit: str = "€", precision: float | None = 1.0) -> str:
        """A quantity formatted the French way (``precision=None``: just the decimals the
        number needs, up to two)."""
        if precision is None:
            return fmt.valeur_auto(self.v(name), unit)
        return fmt.valeur(self.v(name), unit, precision)

    def parametre(self, name: str) -> str:
        """A parameter's value with its unit, as used in this scenario."""
        return _format_parametre(name, self.scenario.values[name])

    # --- glue ---------------------------------------------------------------------------

    def colle(self, key: str, text: str) -> None:
        """Glue a preformatted text under ``key`` (``{glue:}`key``` in the prose).
        Returns nothing, so that a glue call never prints as a cell's last line."""
        from myst_nb import glue

        self.glued[key] = text
        glue(key, Texte(text), display=False)

    def colle_valeur(self, key: str, name: str, unit: str = "€", precision: float | None = 1.0) -> None:
        self.colle(key, self.texte(name, unit, precision))

    def colle_parametre(self, key: str, name: str) -> None:
        self.colle(key, self.parametre(name))

    def colle_publie(self, key: str, table_id: str, label: str) -> None:
        """Glue the figure the report prints for a row (as printed)."""
        row = self.ligne(table_id, label)
        self.colle(key, fmt.valeur(row["value"], row["unit"], row["precision"]))

    def colle_ecart(self, key: str, table_id: str, label: str) -> None:
        row = self.ligne(table_id, label)
        self.colle(key, fmt.ecart(row["ecart"], row["unit"], row["precision"]) or "aucun écart")

    # --- tables -------------------------------------------------------------------------
    def ligne(self, table_id: str, label: str) -> pd.Series:
        sel = self.rec[(self.rec["tableau"] == table_id) & (self.rec["label"] == label)]
        if len(sel) != 1:
            raise KeyError(f"{table_id} : pas de ligne « {label} »")
        return sel.iloc[0]

    def tableau(self, table_id: str) -> pd.DataFrame:
        rows = self.rec[self.rec["tableau"] == table_id]
        return rows.rename(columns={"value": "rapport", "unit": "unite", "label": "libelle"}).set_index("libelle")

    def montre(self, table_id: str):
        """Display a report table as HTML (deterministic markup, for nbval)."""
        from IPython.display import HTML, display

        display(HTML(self.html(table_id)))

    def html(self, table_id: str) -> str:
        info = reconcile.tableaux().set_index("tableau").loc[table_id]
        df = self.tableau(table_id)
        shown = render.formatted(
            df[["rapport", "recalcule", "ecart", "unite", "precision", "comparaison", "statut", "errata"]]
        )
        table_params = parameters.parameters()
        lines = [
            f'<table class="aaas-tableau" id="tableau-{table_id}">',
            f"<caption>{html.escape(info['section'])} — {html.escape(info['titre'])}</caption>",
            "<thead><tr><th>Libellé</th><th>Rapport</th><th>Recalculé</th><th>Écart</th>"
            "<th>Statut</th><th>Hypothèse, source</th></tr></thead><tbody>",
        ]
        for (label, row), (_, cells) in zip(df.iterrows(), shown.iterrows(), strict=True):
            statut = row["statut"]
            css = {"conforme": "ok", "non chiffré": "na", "scénario": "scenario"}.get(statut, "ecart")
            errata = ", ".join(
                f'<a href="{PAGE_ERRATA}#{e.strip().lower()}">{html.escape(e.strip())}</a>'
                for e in str(row["errata"]).split(",")
                if e.strip()
            )
            name = row["variable"]
            source = ""
            if name in table_params:
                p = table_params[name]
                source = f'<a href="{PAGE_PARAMETRES}#param-{name}"><code>{name}</code></a> ({html.escape(p.section)})'
            origin = " <em>(texte)</em>" if row["origine"] == "texte" else ""
            lines.append(
                f'<tr class="{css}"><td>{html.escape(str(label))}{origin}</td>'
                f"<td>{html.escape(cells['Rapport'])}</td><td>{html.escape(cells['Recalculé'])}</td>"
                f"<td>{html.escape(cells['Écart'])}</td><td>{html.escape(statut)} {errata}</td>"
                f"<td>{source}</td></tr>"
            )
        lines.append("</tbody></table>")
        return "\n".join(lines)

    def autre(self, convention: str | None = None, **changes) -> Any:
        """The model under other readings or values (e.g. ``base_surcout_consultation=
        "duree_courante"``), same scenario otherwise."""
        scenario = self.scenario.under(convention or self.convention)
        values = dict(scenario.values)
        for name, raw in changes.items():
            values[name] = parameters.lookup(name).validate(raw)
        return model.evaluate(values)

    def variante(self, variante: str, convention: str | None = None) -> Any:
        """The model with one documented alternative value (``data/variantes.csv``)."""
        row = variantes().set_index("variante").loc[variante]
        return self.autre(convention, **{row["parametre"]: row["valeur"]})

    def colle_variante(self, key: str, variante: str) -> None:
        """Glue the alternative value itself (formatted like its parameter)."""
        row = variantes().set_index("variante").loc[variante]
        self.colle(key, _format_parametre(row["parametre"], float(row["valeur"])))

    # --- errata and scenario ------------------------------------------------------------
    def montre_errata(self, table_id: str):
        """List the report's errors found in a table (from ``data/errata.csv``)."""
        from IPython.display import Markdown, display

        display(Markdown(self.markdown_errata(table_id)))

    def markdown_errata(self, table_id: str) -> str:
        e = self.errata(table_id)
        if e.empty:
            return "*Aucune erreur relevée dans ce tableau.*"
        pub = reconcile.published().set_index(["tableau", "label"])
        items = []
        for r in e.itertuples(index=False):
            row = pub.loc[(r.tableau, r.label)]
            imprime = fmt.valeur_auto(r.valeur_imprimee, row["unit"])
            recalc = fmt.valeur_auto(r.valeur_recalculee, row["unit"])
            effet = "modifie le total" if r.modifie_total == "oui" else "sans effet sur le total"
            items.append(f"- **{r.id}** — {r.label} : imprimé {imprime}, recalculé {recalc} ({effet}). {r.explication}")
        return "**Erreurs du rapport relevées dans ce tableau**\n\n" + "\n".join(items)

    def errata(self, table_id: str | None = None) -> pd.DataFrame:
        e = conventions.errata()
        return e if table_id is None else e[e["tableau"] == table_id]

    def differences(self) -> pd.DataFrame:
        return self.scenario.differences()

    def note_scenario(self):
        """Display, at the top of a chapter, what differs from the report."""
        from IPython.display import Markdown, display

        display(Markdown(self.markdown_scenario()))

    def markdown_scenario(self) -> str:
        conv = conventions.LIBELLES[self.convention]
        if not self.scenario.changed:
            return f"*Scénario du rapport ; convention {conv}.*"
        items = "; ".join(
            f"`{k}` = {fmt.brut(v)} (rapport : {fmt.brut(parameters.parameters()[k].value)})"
            for k, v in self.scenario.changed.items()
        )
        return f"**Variante du rapport** — paramètres modifiés : {items} ; convention {conv}."

    # --- charts -------------------------------------------------------------------------
    def graphique_mission(self, mission: str):
        """Horizontal bars of a mission's lines: this scenario vs the corrected convention."""
        import matplotlib.pyplot as plt

        lignes = aggregate.lignes()
        rows = lignes[lignes["mission"] == mission]
        labels = [_court(l) for l in rows["libelle"]]
        ici = [self.v(f"ligne_{i}") for i in rows["ligne"]]
        other = "corrige" if self.convention == "rapport" else "rapport"
        autre = [float(np.asarray(self.reference[f"ligne_{i}"])) for i in rows["ligne"]]
        y = np.arange(len(labels))
        fig, ax = plt.subplots(figsize=(8, 0.55 * len(labels) + 1.2))
        noms = {"rapport": "convention rapport", "corrige": "convention corrigée"}
        ax.barh(y - 0.2, ici, height=0.4, label=noms[self.convention], color="#2a6f97")
        ax.barh(y + 0.2, autre, height=0.4, label=noms[other], color="#e0a458")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlabel("€ par an")
        ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x, 0))
        ax.legend(loc="lower right")
        titre = aggregate.missions().set_index("mission").loc[mission, "libelle"]
        ax.set_title(f"{titre} : coût par poste")
        fig.tight_layout()
        plt.show()


def montre_df(df: pd.DataFrame, uid: str):
    """Display a DataFrame of display strings as HTML with stable markup (a Styler's own
    representation would store a memory address in the notebook)."""
    from IPython.display import HTML, display

    display(HTML(df.style.hide(axis="index").set_uuid(uid).to_html()))


def _figure(n_rows: int):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(8, 0.55 * n_rows + 1.4))


def _euros_axis(ax) -> None:
    ax.set_xlabel("€ par an")
    ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x, 0))


def graphique_missions(ctx: Contexte):
    """The four missions' costs under both conventions (3.1)."""
    import matplotlib.pyplot as plt

    m = aggregate.missions()
    labels = [_court(l, 45) for l in m["libelle"]]
    rapport = ctx.results if ctx.convention == "rapport" else ctx.reference
    corrige = ctx.reference if ctx.convention == "rapport" else ctx.results
    y = np.arange(len(m))
    fig, ax = _figure(len(m))
    ax.barh(
        y - 0.2,
        [float(np.asarray(rapport[f"mission_{i}"])) for i in m["mission"]],
        0.4,
        label="convention rapport",
        color="#2a6f97",
    )
    ax.barh(
        y + 0.2,
        [float(np.asarray(corrige[f"mission_{i}"])) for i in m["mission"]],
        0.4,
        label="convention corrigée",
        color="#e0a458",
    )
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    _euros_axis(ax)
    ax.legend(loc="lower right")
    ax.set_title("Surcoût annuel par mission")
    fig.tight_layout()
    plt.show()


def graphique_porteurs(ctx: Contexte):
    """Share of the extra cost each category of carrier already funds (3.2.5 chart)."""
    import matplotlib.pyplot as plt

    p = aggregate.porteurs()
    mut = [ctx.v(f"part_mutualisee_{i}") * 100 for i in p["porteur"]]
    sur = [ctx.v(f"part_surcout_{i}") * 100 for i in p["porteur"]]
    y = np.arange(len(p))
    fig, ax = _figure(len(p))
    ax.barh(y, sur, color="#2a6f97", label="Surcoûts AAAS")
    ax.barh(y, mut, left=sur, color="#9ccfd8", label="Surcoûts mutualisés de l'AAAS")
    for i, (a, b) in enumerate(zip(sur, mut, strict=True)):
        ax.text(a / 2, i, fmt.pourcent(a / 100), ha="center", va="center", color="white")
        ax.text(a + b / 2, i, fmt.pourcent(b / 100), ha="center", va="center")
    ax.set_yticks(y, list(p["libelle"]))
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% du surcoût total")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.45), ncol=2)
    ax.set_title("Estimation des surcoûts par catégorie de structure")
    fig.tight_layout()
    plt.show()


def graphique_structure(ctx: Contexte):
    """Cost structure by category (3.3)."""
    import matplotlib.pyplot as plt

    c = aggregate.categories()
    values = [ctx.v(f"montant_{i}") for i in c["categorie"]]
    y = np.arange(len(c))
    fig, ax = _figure(len(c))
    ax.barh(y, values, color="#2a6f97")
    for i, v in enumerate(values):
        ax.text(v, i, " " + fmt.pourcent(v / ctx.v("total")), va="center")
    ax.set_yticks(y, [_court(l, 45) for l in c["libelle"]])
    ax.invert_yaxis()
    _euros_axis(ax)
    ax.set_title("Structure des dépenses de l'AAAS")
    fig.tight_layout()
    plt.show()


def variantes() -> pd.DataFrame:
    """Documented alternative values of some hypotheses (``data/variantes.csv``)."""
    return data.variantes()


UNITES_AFFICHEES = {"€", "€/h", "€/mois", "h", "min", "km", "m²", "€/m²", "€/m²/mois", "€/an", "€/professionnel"}


def _format_parametre(name: str, value: Any) -> str:
    p = parameters.parameters()[name]
    if p.categorical:
        return str(value)
    value = float(np.asarray(value))
    if p.unit.startswith(("taux", "part ")):
        return fmt.pourcent(value, 1 if round(100 * value, 1) != round(100 * value) else 0)
    decimals = 0 if value.is_integer() else (1 if round(value, 1) == value else 2)
    unit = p.unit.split(" ")[0]
    number = fmt.nombre(value, decimals)
    return f"{number}\u00a0{unit}" if unit in UNITES_AFFICHEES else number


def _court(label: str, n: int = 38) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def setup(scenario_file: str = "", convention: str = "rapport", overrides: Mapping[str, Any] | None = None) -> Contexte:
    """Resolve the papermill parameters of a notebook and evaluate the model once."""
    conventions.check_convention(convention)
    scenario = scenarios.resolve(scenario_file or None, dict(overrides or {}), convention)
    results = conventions.compute_scenario(scenario)
    other = "corrige" if convention == "rapport" else "rapport"
    reference = conventions.compute_scenario(scenario, other)
    rec = reconcile.reconcile(scenario, convention)
    return Contexte(scenario, convention, results, reference, rec)
