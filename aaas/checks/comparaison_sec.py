"""The two costings of the same work, on the same unit: the AAAS missions (the report) and
the dotations of the participative SEC (article 51, seed 001), with the reason of each gap."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..models import conventions, sec


def comparer(file_active_mg: float = 4500, convention: str = "rapport") -> pd.DataFrame:
    """Indicators computed both ways (AAAS, SEC), their unit and what explains the gap.

    The AAAS side is evaluated for a catchment of ``file_active_mg`` inhabitants: the people
    a centre with that MG file active serves.

    >>> df = comparer(4500).set_index("indicateur")
    >>> round(float(df.loc["Coût annuel employeur d'un ETP non soignant", "rapport_sec_aaas"]), 2)
    1.87
    """
    n = float(file_active_mg)
    a = conventions.compute(convention, {"population_bassin": n})
    s = sec.dotations(n, 0.0, 1.0)
    dot = s["dotations"]
    patients_c = min(n, 6000.0)
    sec_total = sum(d["montant"] for k, d in dot.items() if d["montant"] is not None)
    rows = [
        ("Interprétariat par patient de la file active ou habitant", a["cout_interpretariat"] / n,
         dot["c_interpretariat"]["montant"] / patients_c, "€ par an",
         "la SEC paie l'interprétariat pour chaque patient de sa file active ; l'AAAS ne le chiffre que pour "
         "les habitants qui en ont besoin (demandeurs d'asile et immigrés en difficulté avec la langue)"),
        ("Interprétariat par personne qui en a besoin",
         a["cout_interpretariat"] / a["population_concernee_interpretariat"], None, "€ par an",
         "la SEC ne dit pas combien de ses patients ont besoin d'un interprète"),
        ("Coût annuel employeur d'un ETP non soignant", a["cout_mensuel_mediateur"] * 12, 55_000.0, "€ par ETP",
         f"l'AAAS chiffre un médiateur santé payé {fmt.euros(a['salaire_net_mediateur'])} nets par mois ; "
         "la SEC finance à 55 000 € « brut chargé » des "
         "postes de coordination, d'accueil et de médiation, plus qualifiés en moyenne"),
        ("Relais et participation pour la population servie, par an", a["mission_relais"] + a["mission_participation"],
         sec_total, "€ par an",
         f"AAAS : mission relais pour un bassin de {fmt.nombre(n)} habitants ({fmt.euros(a['mission_relais'])}) "
         f"+ appui à la participation d'une structure ({fmt.euros(a['mission_participation'])}) ; SEC : dotations "
         "a, c et d. À population égale, l'AAAS ajoute l'itinérance, les lieux d'accueil et les consultations "
         "longues ; la SEC finance les postes non soignants, l'interprétariat et un psychologue, sans la "
         "dotation b (base non définie)"),
    ]  # fmt: skip
    df = pd.DataFrame(rows, columns=["indicateur", "aaas", "sec", "unite", "explication"])
    df["rapport_sec_aaas"] = df["sec"] / df["aaas"]
    return df
