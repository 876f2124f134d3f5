"""The counts of the verification in words, stated once for every page (home, method,
verification chapter, errata page): every status with its count, the counts adding up to the
number of printed figures checked (:func:`aaas.checks.reconcile.bilan`), and the posts the
report cites without a figure said apart."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .. import fmt
from ..checks import reconcile

#: Groups of statuses the sentence names first (key -> (singular, plural, statuses)).
GROUPES = {
    "reproduits": ("est reproduit", "sont reproduits", ("conforme", "reconstitue")),
    "faux": ("est faux", "sont faux", reconcile.ERREURS),
}
#: The plural of a status label where the label's own words do not take it.
PLURIELS = {
    "non_verifiable": "non vérifiables",
    "scenario": "« scénario »",
    "actualise": "actualisés",
    "inexplique": "inexpliqués",
    "non_chiffre": "non chiffrés",
}
#: Column header of each convention in the table of counts.
ENTETES = {"rapport": "Rapport", "corrige": "Corrigé", "actualise": "Actualisé"}
#: The singular where it differs from the label (which is capitalised to stand out in tables).
SINGULIERS = {"scenario": "« scénario »", "inexplique": "inexpliqué"}


def compte(n: int, cle: str) -> str:
    """``n`` figures of status ``cle`` in words (« 49 erreurs reportées », « 0 inexpliqué »).

    >>> compte(2, "non_verifiable"), compte(1, "conforme"), compte(25, "sans_effet")
    ('2\\xa0non vérifiables', '1\\xa0conforme', '25\\xa0erreurs sans effet')
    """
    label = SINGULIERS.get(cle, reconcile.STATUTS[cle])
    return fmt.accord(n, label, PLURIELS.get(cle) or fmt.pluriel(label))


def texte(b: reconcile.Bilan) -> str:
    """The counts in one sentence: the figures checked, then each group and each status with
    its count (every status that occurs, and always the unexplained), adding up to the
    figures checked; the posts cited without a figure apart.

    >>> texte(reconcile.bilan()).startswith("sur 300\\xa0chiffres imprimés vérifiés, 224 sont reproduits")
    True
    """
    n = {reconcile.CLES[label]: v for label, v in b.par_statut.items()}
    parts = []
    for singulier, pluriel, cles in GROUPES.values():
        total = sum(n[c] for c in cles)
        detail = fmt.liste(compte(n[c], c) for c in cles if n[c])
        parts.append(f"{fmt.nombre(total)} {singulier if total < 2 else pluriel}" + (f" ({detail})" if detail else ""))
    groupes = {c for *_, cles in GROUPES.values() for c in cles}
    autres = [c for c in reconcile.STATUTS if c not in groupes | {"non_chiffre"} and (n[c] or c == "inexplique")]
    parts += [compte(n[c], c) for c in autres]
    verifies = fmt.accord(b.chiffres, "chiffre imprimé vérifié", "chiffres imprimés vérifiés")
    phrase = f"sur {verifies}, {fmt.liste(parts)}"
    if n["non_chiffre"]:
        cite = fmt.accord(n["non_chiffre"], "poste", "postes")
        verbe = "est" if n["non_chiffre"] < 2 else "sont"
        phrase += f" ; {cite} que le rapport cite sans le chiffrer {verbe} « non chiffré »"
    return phrase


def tableau(recs: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The count of each status under each convention (``recs``: their reconciliations; one
    column per convention, headed :data:`ENTETES`),
    closed by the figures checked (the sum of the statuses above it) and the posts cited
    without a figure; display strings, the statuses in the vocabulary's order."""
    counts = {c: reconcile.bilan(r).par_statut for c, r in recs.items()}
    cles = [k for k in reconcile.STATUTS if k != "non_chiffre"]
    cles = [k for k in cles if k == "inexplique" or any(v[reconcile.STATUTS[k]] for v in counts.values())]
    rows = [{"statut": reconcile.STATUTS[k], **{c: v[reconcile.STATUTS[k]] for c, v in counts.items()}} for k in cles]
    rows.append({"statut": "chiffres imprimés vérifiés", **{c: sum(r[c] for r in rows) for c in counts}})
    label = reconcile.STATUTS["non_chiffre"]
    rows.append({"statut": label, **{c: v[label] for c, v in counts.items()}})
    df = pd.DataFrame(rows)
    for c in counts:
        df[c] = df[c].map(fmt.nombre)
    return df.rename(columns={c: ENTETES.get(c, c) for c in counts})
