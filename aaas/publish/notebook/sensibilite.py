"""Tables and charts of the « Sensibilité » chapter, over :mod:`aaas.sensitivity`: the
tornado, structural choices, Monte Carlo distributions, Sobol indices, scale curves and the
two-way heat map.  French labels, € axes in thousands."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ... import datastore, fmt
from ...models import parameters

COULEURS = ("#2a6f97", "#e0a458")


def libelle(nom: str, n: int = 45) -> str:
    """A parameter's label (wrapped), or the name of a model quantity."""
    table = parameters.parameters()
    text = table[nom].label if nom in table else nom
    return "\n".join(textwrap.wrap(text, n))


def _keur(ax, axis: str = "x") -> None:
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(lambda x, pos: fmt.nombre(x / 1000, 0) + " k€")


def _show(fig, titre: str):
    """The figure, laid out (the notebook glues it with its alt text, then closes it)."""
    fig.tight_layout()
    return fig


def colle_figure(key: str, fig) -> None:
    """Glue a figure for a ``{glue:figure}`` directive (which carries its alt text) and
    close it, so that it is not shown twice."""
    import matplotlib.pyplot as plt
    from myst_nb import glue

    glue(key, fig, display=False)
    plt.close(fig)


def tornade(top: pd.DataFrame, titre: str) -> object:
    """Horizontal bars from the lowest to the highest change of the total (€)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 0.5 * len(top) + 1.5))
    y = np.arange(len(top))
    ax.barh(y, top["haut"], color=COULEURS[1], label="hausse de l'hypothèse (+15 %)")
    ax.barh(y, top["bas"], color=COULEURS[0], label="baisse de l'hypothèse (−15 %)")
    ax.set_yticks(y, [libelle(n, 40) for n in top["parametre"]], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x, 0) + " €")
    ax.set_xlabel("Écart au total du rapport (€ par an)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8)
    ax.set_title(titre)
    return _show(fig, titre)


def distributions(independants: np.ndarray, correles: np.ndarray, imprime: float) -> object:
    """Histograms of the total under independent and correlated draws, the printed total marked."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    bins = np.linspace(min(correles.min(), independants.min()), max(correles.max(), independants.max()), 80)
    ax.hist(correles, bins=bins, color=COULEURS[1], alpha=0.7, label="variations corrélées (même territoire)")
    ax.hist(independants, bins=bins, color=COULEURS[0], alpha=0.8, label="variations indépendantes")
    ax.axvline(imprime, color="black", lw=1, ls="--", label="total imprimé")
    _keur(ax)
    ax.set_xlabel("Total des surcoûts (€ par an)")
    ax.set_ylabel("Tirages")
    ax.legend(fontsize=8)
    ax.set_title("Distribution du total : chaque hypothèse à ±15 %")
    return _show(fig, "distribution du total")


def ecdf(independants: np.ndarray, correles: np.ndarray) -> object:
    """Empirical cumulative distributions of the total."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.5))
    for x, label, color in ((independants, "indépendantes", COULEURS[0]), (correles, "corrélées", COULEURS[1])):
        s = np.sort(x)
        ax.plot(s, np.arange(1, len(s) + 1) / len(s), color=color, label=f"variations {label}")
    _keur(ax)
    ax.yaxis.set_major_formatter(lambda y, pos: fmt.pourcent(y))
    ax.set_xlabel("Total des surcoûts (€ par an)")
    ax.set_ylabel("Part des tirages inférieurs")
    ax.legend(fontsize=8)
    ax.set_title("Fonction de répartition du total")
    return _show(fig, "répartition du total")


def indices(df: pd.DataFrame, n: int = 12) -> object:
    """Sobol first- and total-order indices of the total, ranked."""
    import matplotlib.pyplot as plt

    top = df.sort_values("st", ascending=False).head(n)
    y = np.arange(len(top))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(top) + 1.5))
    ax.barh(y - 0.2, top["st"], 0.4, color=COULEURS[1], label="indice total")
    ax.barh(y + 0.2, top["s1"], 0.4, color=COULEURS[0], label="indice de premier ordre")
    ax.set_yticks(y, [libelle(x, 40) for x in top["parametre"]], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x, 2))
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Indices de Sobol du total")
    return _show(fig, "indices de Sobol")


def courbe(df: pd.DataFrame, x: str, y: str, titre: str, xlabel: str, ylabel: str) -> object:
    """A cost curve (the steps of workshops, vehicles and ETP show)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.plot(df[x], df[y], color=COULEURS[0])
    ax.xaxis.set_major_formatter(lambda v, pos: fmt.nombre(v, 0))
    ax.yaxis.set_major_formatter(lambda v, pos: fmt.nombre(v, 0) + " €")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(titre)
    return _show(fig, titre)


def carte(grid: pd.DataFrame, titre: str) -> object:
    """A heat map of the total over two parameters."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    im = ax.imshow(grid.to_numpy() / 1000, aspect="auto", cmap="viridis", origin="lower")
    ax.set_yticks(range(len(grid.index)), [fmt.brut(v) for v in grid.index])
    ax.set_xticks(range(len(grid.columns)), [fmt.brut(round(v, 2)) for v in grid.columns])
    ax.set_ylabel(libelle(grid.index.name, 60))
    ax.set_xlabel(libelle(grid.columns.name, 60))
    fig.colorbar(im, ax=ax, label="total (k€ par an)")
    ax.set_title(titre)
    return _show(fig, titre)


def printed_total() -> float:
    """The grand total the report prints (404 565 €)."""
    pub = datastore.published()
    return float(pub[(pub["tableau"] == "synthese") & (pub["variable"] == "total")]["value"].iloc[0])


def colle_incertitude(ctx, n: int = 100_000, seed: int = 1) -> None:
    """Glue the range of the total for the home page: P5–P95 of ``n`` seeded draws of every
    hypothesis within ±15 %, independent and correlated (see the « Sensibilité » chapter),
    each quantile with its Monte Carlo precision (:func:`aaas.sensitivity.montecarlo.precision_quantile`),
    the relative range measured from this book's total (the report's 404 565 € in the
    default book), and the structural choice that moves the total most (:func:`colle_structurel`)."""
    from ...sensitivity import montecarlo

    total = ctx.v("total")
    ctx.colle("incertitude_total", fmt.euros(total))
    ctx.colle("incertitude_n", fmt.nombre(n))
    ctx.colle("incertitude_confiance", fmt.pourcent(montecarlo.CONFIANCE))
    for nom, correle in (("ind", False), ("cor", True)):
        tirages = montecarlo.montecarlo(ctx.convention, n, seed, ["total"], correle, ctx.scenario.values)["total"]
        r = montecarlo.resume({"total": tirages}, centres={"total": total}).iloc[0]
        for q in ("p5", "p95"):
            ctx.colle(f"incertitude_{nom}_{q}", fmt.euros(r[q]))
            ctx.colle(f"incertitude_{nom}_{q}_precision", "±\u00a0" + fmt.euros(r[f"precision_{q}"]))
        ctx.colle(f"incertitude_{nom}_bas", fmt.variation(r["ecart_p5"]))
        ctx.colle(f"incertitude_{nom}_haut", fmt.variation(r["ecart_p95"]))
    colle_structurel(ctx)


def colle_structurel(ctx, prefixe: str = "incertitude_struct") -> None:
    """Glue the structural choice (a reading of the text, a scaling rule or the other
    convention, :func:`aaas.sensitivity.structural.structurel`) that moves the total most:
    the hypothesis' label, the choice, the effect in euros and relative to the total."""
    from ...sensitivity import structural

    st = structural.structurel(ctx.convention, ["total"], ctx.scenario.values)
    premier = st.loc[st["ecart"].abs().idxmax()]
    table = parameters.parameters()
    nom = premier["parametre"]
    libelle = table[nom].label.split(" : ")[0] if nom in table else "convention de calcul"
    ctx.colle(f"{prefixe}_libelle", libelle)
    ctx.colle(f"{prefixe}_choix", str(premier["choix"]))
    ctx.colle(f"{prefixe}_ecart", fmt.ecart(premier["ecart"], "€"))
    ctx.colle(f"{prefixe}_part", fmt.variation(premier["ecart_relatif"]))


def tornades_missions(ow: pd.DataFrame, n: int = 8) -> object:
    """One small tornado per mission: the ``n`` hypotheses that move each mission most."""
    import matplotlib.pyplot as plt

    from ...sensitivity import oneway

    missions = datastore.missions()
    fig, axes = plt.subplots(2, 2, figsize=(10, 8))
    for ax, (mission, titre) in zip(axes.ravel(), zip(missions["mission"], missions["libelle"], strict=True),
                                    strict=True):  # fmt: skip
        top = oneway.tornade(ow, f"mission_{mission}", n)
        y = np.arange(len(top))
        ax.barh(y, top["haut"], color=COULEURS[1])
        ax.barh(y, top["bas"], color=COULEURS[0])
        ax.set_yticks(y, [libelle(x, 28) for x in top["parametre"]], fontsize=6)
        ax.invert_yaxis()
        ax.axvline(0, color="black", lw=0.6)
        ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x / 1000, 1) + " k€")
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title("\n".join(textwrap.wrap(titre, 40)), fontsize=8)
    fig.suptitle("Hypothèses qui déplacent le plus chaque mission (−15 % en bleu, +15 % en orange)", fontsize=9)
    return _show(fig, "tornades par mission")


def effets_structurels(st: pd.DataFrame, n: int = 10) -> object:
    """The structural choices with the largest effect on the total, as bars (€)."""
    import matplotlib.pyplot as plt

    top = st.head(n)
    y = np.arange(len(top))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(top) + 1.5))
    colors = [COULEURS[1] if e > 0 else COULEURS[0] for e in top["ecart"]]
    ax.barh(y, top["ecart"], color=colors)
    ax.set_yticks(y, [f"{p} = {c}" for p, c in zip(top["parametre"], top["choix"], strict=True)], fontsize=7)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    ax.xaxis.set_major_formatter(lambda x, pos: fmt.nombre(x / 1000, 0) + " k€")
    ax.set_xlabel("Effet sur le total (€ par an)")
    ax.set_title("Lectures, échelles et conventions : effet de chaque choix seul")
    return _show(fig, "effets structurels")
