"""What the « Coût actuel » chapter picks out of the update to today's rules
(:mod:`aaas.checks.actualisation`): the lines the update leaves unchanged, the line it
moves most, the line the URSSAF rules move most, the post whose employer rate moves most."""

from __future__ import annotations

import pandas as pd

from .ecarts import DEMI_EURO, nuls

#: A line whose gap between today's cost and the report's stays under this (€) is unchanged:
#: it shows the same whole euro.
SEUIL_INCHANGEE = DEMI_EURO


def lignes(par_ligne: pd.DataFrame) -> pd.DataFrame:
    """The cost lines of :func:`aaas.checks.actualisation.par_ligne` (not the missions nor
    the total)."""
    return par_ligne[par_ligne["niveau"] == "ligne"]


def nb_inchangees(par_ligne: pd.DataFrame, seuil: float = SEUIL_INCHANGEE) -> int:
    """How many lines the update leaves unchanged (a gap under ``seuil`` €).

    >>> df = pd.DataFrame({"niveau": ["ligne", "ligne", "total"], "ecart": [0.2, -3.0, 0.0]})
    >>> nb_inchangees(df)
    1
    """
    return len(nuls(lignes(par_ligne), "ecart", seuil))


def plus_grand_ecart(par_ligne: pd.DataFrame) -> pd.Series:
    """The line the update moves most (its largest gap to the report, either sign).

    >>> df = pd.DataFrame({"niveau": ["ligne", "ligne"], "cle": ["a", "b"], "ecart": [2.0, -5.0]})
    >>> plus_grand_ecart(df)["cle"]
    'b'
    """
    seules = lignes(par_ligne)
    return seules.loc[seules["ecart"].abs().idxmax()]


def plus_grand_effet_regles(par_ligne: pd.DataFrame) -> pd.Series:
    """The line today's rules and prices move most from the corrected convention
    (``actualise`` − ``corrige``, either sign)."""
    seules = lignes(par_ligne)
    return seules.loc[(seules["actualise"] - seules["corrige"]).abs().idxmax()]


def poste_plus_ecarte(postes: pd.DataFrame) -> pd.Series:
    """The post whose employer rate moves most between the report and the URSSAF rules
    (:func:`aaas.checks.actualisation.postes`, ``ecart_points``)."""
    return postes.loc[postes["ecart_points"].abs().idxmax()]


def effet_regles(etapes: pd.DataFrame, effets: pd.DataFrame, colonne: str = "total") -> float:
    """The effect on ``colonne`` of the steps that switch the posts to the URSSAF rules (those
    whose parameters include ``calcul_cotisations``), ``effets`` being each step's effect."""
    regles = etapes[etapes["parametres"].str.contains("calcul_cotisations")]
    return float(effets.loc[regles.index, colonne].sum())
