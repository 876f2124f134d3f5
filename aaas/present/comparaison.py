"""A comparison of two scenarios (``aaas compare``) in every format: lines, missions and
the total side by side, the difference and the relative difference."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from . import exports
from .render import text_frame

ENTETES = ["Poste", "A", "B", "Écart B − A", "Écart relatif"]


def render_comparison(df: pd.DataFrame, a: tuple, b: tuple, form: str) -> str:
    """The comparison ``df`` (:func:`aaas.checks.compare.compare`) of the operands ``a``
    and ``b`` (label, evaluation) in format ``form``."""
    prov = {"a": _side(*a), "b": _side(*b)}
    data = df[["niveau", "mission", "libelle", "variable", "a", "b", "ecart", "ecart_relatif"]]
    if form == "json":
        return exports.to_json({"provenance": prov, "comparaison": exports.records(data)})
    if form in {"csv", "csv-fr"}:
        flat = {f"{side}_{k}": v for side, p in prov.items() for k, v in p.items()}
        return exports.to_csv(data, form, flat)
    shown = pd.DataFrame(
        [
            [_label(r), fmt.euros(r.a), fmt.euros(r.b), fmt.ecart(r.ecart, "€") or "0\u00a0€",
             fmt.variation(r.ecart_relatif)]
            for r in df.itertuples(index=False)
        ],
        columns=ENTETES,
    )  # fmt: skip
    header = [f"A : {a[0]}", *_lines(prov["a"]), f"B : {b[0]}", *_lines(prov["b"])]
    if form == "markdown":
        body = ["| " + " | ".join(ENTETES) + " |", "|" + "---|" * len(ENTETES)]
        body += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in shown.values.tolist()]
        return "\n".join(header) + "\n\n" + "\n".join(body)
    return "\n".join(header) + "\n\n" + text_frame(shown, "Comparaison des surcoûts annuels", left={0})


def _side(label: str, ev) -> dict:
    return {"libelle": label, **exports.provenance_of(ev.scenario, ev.convention)}


def _lines(prov: dict) -> list[str]:
    return ["  " + line for line in exports.header_lines(prov)[:1]]


def _label(r) -> str:
    if r.niveau == "ligne":
        return "  " + r.libelle
    return r.libelle.upper() if r.niveau == "total" else r.libelle
