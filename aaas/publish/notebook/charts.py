"""The book's charts (matplotlib): each mission's lines, the four missions, the carriers
(3.2.5) and the cost structure (3.3), always this scenario against the other convention
where both are shown.  Amounts on the € axis are French numbers."""

from __future__ import annotations

import numpy as np

from ... import datastore, fmt

#: Colours of the two conventions (this scenario's first).
COULEURS = ("#2a6f97", "#e0a458")
NOMS = {"rapport": "convention rapport", "corrige": "convention corrigée"}


def _figure(n_rows: int):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(8, 0.55 * n_rows + 1.4))


def _euros_axis(ax) -> None:
    ax.set_xlabel("€ par an")
    ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x, 0))


def _court(label: str, n: int = 38) -> str:
    """``label`` cut to ``n`` characters, with an ellipsis.

    >>> _court("Relais favorisant l'accessibilité à la santé", 20)
    'Relais favorisant l…'
    """
    return label if len(label) <= n else label[: n - 1] + "…"


def _finish(fig, ax, title: str) -> None:
    import matplotlib.pyplot as plt

    ax.invert_yaxis()
    ax.set_title(title)
    fig.tight_layout()
    plt.show()


def graphique_mission(ctx, mission: str) -> None:
    """Horizontal bars of a mission's lines: this scenario vs the other convention."""
    import matplotlib.pyplot as plt

    lignes = datastore.lignes()
    rows = lignes[lignes["mission"] == mission]
    y = np.arange(len(rows))
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(rows) + 1.2))
    other = ctx.evaluation.autre_convention
    for k, (conv, results) in enumerate(((ctx.convention, ctx.results), (other, ctx.reference))):
        values = [float(np.asarray(results[f"ligne_{i}"])) for i in rows["ligne"]]
        ax.barh(y - 0.2 + 0.4 * k, values, height=0.4, label=NOMS[conv], color=COULEURS[k])
    ax.set_yticks(y, [_court(label) for label in rows["libelle"]])
    ax.set_xlabel("€ par an")
    ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x, 0))
    ax.legend(loc="lower right")
    titre = datastore.missions().set_index("mission").loc[mission, "libelle"]
    _finish(fig, ax, f"{titre} : coût par poste")


def graphique_missions(ctx) -> None:
    """The four missions' costs under both conventions (3.1)."""
    m = datastore.missions()
    par = ctx.par_convention
    y = np.arange(len(m))
    fig, ax = _figure(len(m))
    for k, conv in enumerate(("rapport", "corrige")):
        values = [float(np.asarray(par[conv][f"mission_{i}"])) for i in m["mission"]]
        ax.barh(y - 0.2 + 0.4 * k, values, 0.4, label=NOMS[conv], color=COULEURS[k])
    ax.set_yticks(y, [_court(label, 45) for label in m["libelle"]])
    _euros_axis(ax)
    ax.legend(loc="lower right")
    _finish(fig, ax, "Surcoût annuel par mission")


def graphique_porteurs(ctx) -> None:
    """Share of the extra cost each category of carrier already funds (3.2.5 chart)."""
    p = datastore.porteurs()
    mut = [ctx.v(f"part_mutualisee_{i}") * 100 for i in p["porteur"]]
    sur = [ctx.v(f"part_surcout_{i}") * 100 for i in p["porteur"]]
    y = np.arange(len(p))
    fig, ax = _figure(len(p))
    ax.barh(y, sur, color=COULEURS[0], label="Surcoûts AAAS")
    ax.barh(y, mut, left=sur, color="#9ccfd8", label="Surcoûts mutualisés de l'AAAS")
    for i, (a, b) in enumerate(zip(sur, mut, strict=True)):
        ax.text(a / 2, i, fmt.pourcent(a / 100), ha="center", va="center", color="white")
        ax.text(a + b / 2, i, fmt.pourcent(b / 100), ha="center", va="center")
    ax.set_yticks(y, list(p["libelle"]))
    ax.set_xlim(0, 100)
    ax.set_xlabel("% du surcoût total")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.45), ncol=2)
    _finish(fig, ax, "Estimation des surcoûts par catégorie de structure")


def graphique_structure(ctx) -> None:
    """Cost structure by category (3.3)."""
    c = datastore.categories()
    values = [ctx.v(f"montant_{i}") for i in c["categorie"]]
    y = np.arange(len(c))
    fig, ax = _figure(len(c))
    ax.barh(y, values, color=COULEURS[0])
    for i, v in enumerate(values):
        ax.text(v, i, " " + fmt.pourcent(v / ctx.v("total")), va="center")
    ax.set_yticks(y, [_court(label, 45) for label in c["libelle"]])
    _euros_axis(ax)
    _finish(fig, ax, "Structure des dépenses de l'AAAS")
