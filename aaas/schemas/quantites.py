"""The schema of ``data/quantites.csv``: the label, unit and section of each quantity the
model computes that no other file of ``data/`` names (the dictionary of quantities,
:mod:`aaas.models.quantites`, reads the others' labels from ``lignes.csv``,
``composantes.csv``, ``missions.csv``…).  Kept apart from :mod:`~aaas.schemas.files`, which
:data:`~aaas.schemas.TABLES` joins it to.
"""

from __future__ import annotations

from .declare import SECTION, Table, choice, ident, schema, text

#: The units a quantity of the dictionary may have (« part » : a share, a fraction of 1;
#: « rapport » : a ratio of two sizes of the same unit).
UNITES = (
    "€", "€/an", "€/mois", "€/h", "€/consultation", "€/atelier", "€/réunion", "€/campagne",
    "€/habitant/an", "€/personne/an", "€/département/an", "€/structure/an",
    "h", "h/an", "h/personne/an", "min", "jours", "jours/an", "mois",
    "ETP", "km", "km/an", "km/semaine", "km/véhicule/an",
    "personnes", "habitants/ETP", "consultations/an", "réunions/an", "déplacements/semaine",
    "véhicules", "lieux", "ateliers", "départements", "structures", "nombre",
    "part", "rapport", "Smic",
)  # fmt: skip

#: ``quantites.csv``: one row per quantity, its French label, unit and section of the report.
TABLES = {
    "quantites.csv": Table(
        schema(
            {
                "nom": ident(unique=True),
                "libelle": text(),
                "unite": choice(*UNITES),
                "section": text(SECTION),
            }
        )
    )
}
