"""The schema of each file of ``data/``: :data:`TABLES`, file name -> :class:`~aaas.schemas.declare.Table`."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .declare import (
    COURT,
    KINDS,
    NUMBER,
    SECTION,
    ColumnsFrom,
    Reference,
    Table,
    at_least,
    between,
    choice,
    ident,
    number,
    number_text,
    row_check,
    schema,
    text,
)

#: The units of the lines of ``lignes.csv`` (``echelle``): the keys of ``surcouts.COMPTES`` (a test checks they agree).
ECHELLES = ("habitants", "file_active", "departements", "structures")

#: The target publics of section 4's funding tables (``financements.csv``: a column each, as each mission).
PUBLICS = ("jeunes", "personnes_agees", "handicap_psychique", "handicap_physique", "public_precaire", "professionnels")
#: A cell of those tables: ``oui``, ``non``, or ``nd`` (not determinable from the extraction).
CASES = ("oui", "non", "nd")

#: The version of ``modele-social`` behind a payroll file.
VERSION_REGLES = pa.Check.str_matches(r"^\d+\.\d+\.\d+$", error="version x.y.z attendue")
#: The amounts (€/mois) of a row of the payroll grid ``paie_regles.csv``.
MONTANTS_PAIE = (
    "brut",
    "net",
    "cotisations_salariales",
    "cotisations_patronales",
    "reduction_generale",
    "cout_employeur",
    "smic",
)


def _value_is_number(df: pd.DataFrame) -> pd.Series:
    return (df["choices"] != "") | df["value"].str.fullmatch(NUMBER)


def _value_of_choice(df: pd.DataFrame) -> pd.Series:
    return (df["value"] != "") == (df["kind"] == "choix")


def _erratum_or_source(df):
    return (df["erratum"] != "") | (df["source"] != "")


def _choices_have_no_bounds(df: pd.DataFrame) -> pd.Series:
    return (df["choices"] == "") | ((df["min"] == "") & (df["max"] == "") & (df["entier"] == ""))


def _min_not_above_max(df: pd.DataFrame) -> pd.Series:
    return ~(pd.to_numeric(df["min"], errors="coerce") > pd.to_numeric(df["max"], errors="coerce"))


def _bands(df: pd.DataFrame) -> pd.Series:
    """Three bands per income year and power: from 0 km, each from the previous one's upper
    bound, the last one open."""
    s = df.sort_values("km_min", kind="stable")
    g = s.groupby(["annee_revenus", "cv"], sort=False)
    rank, size = g.cumcount(), g["km_min"].transform("size")
    starts = s["km_min"].where(rank > 0, 0.0) == s["km_min"].where(rank == 0, g["km_max"].shift())
    ends = (rank == 2) == s["km_max"].isna()
    return ((size == 3) & starts & ends).reindex(df.index)


def _category_is_plausible(df: pd.DataFrame) -> pd.Series:
    pairs = zip(df["categorie"], df["categories_plausibles"], strict=True)
    return pd.Series([c in p.split("|") for c, p in pairs], index=df.index)


TABLES: dict[str, Table] = {
    "parameters.csv": Table(
        schema(
            {
                "name": ident(unique=True),
                "value": text(),
                "unit": text(),
                "mission": ident(),
                "section": text(SECTION),
                "label": text(),
                "libelle_court": text(COURT),
                "source": text(),
                "min": number_text(),
                "max": number_text(),
                "choices": text(
                    pa.Check.str_matches(r"^([a-z0-9_]+(\|[a-z0-9_]+)*)?$", error="choix a|b|…"), empty=True
                ),
                "sens": choice("+", "-", "0", "~"),
                "inerte_si": text(
                    pa.Check.str_matches(
                        r"^(toujours|[a-z][a-z0-9_]*=[a-z0-9_.]+)?$", error="« toujours » ou nom=choix"
                    ),
                    empty=True,
                ),
                "entier": choice("", "oui"),
                # plausible ranges of the sensitivity analysis (empty: ±15 % of the value)
                "bas": number_text(),
                "haut": number_text(),
                "loi": choice("", "uniforme", "triangulaire", "aucune"),
                "source_plage": text(empty=True),
            },
            checks=(
                row_check("value", _value_is_number, "nombre attendu (le paramètre n'a pas de choix)"),
                row_check("choices", _choices_have_no_bounds, "un paramètre à choix n'a ni min, ni max, ni entier"),
                row_check("max", _min_not_above_max, "max inférieur à min"),
            ),
        ),
        (
            Reference("mission", "missions.csv", "mission", also=("transversal",)),
            Reference("inerte_si", "parameters.csv", "name", pattern=r"^([a-z][a-z0-9_]*)="),
            # the choices of the scale year and the fiscal power are those of the scale
            Reference(
                "choices", "bareme_kilometrique.csv", "annee_revenus", separator="|", only=("name", "annee_bareme")
            ),
            Reference("choices", "bareme_kilometrique.csv", "cv", separator="|", only=("name", "puissance_fiscale_cv")),
            # the years of the payroll rules are those of the committed grid
            Reference("choices", "paie_regles.csv", "annee", separator="|", only=("name", "annee_paie")),
        ),
    ),
    "conventions.csv": Table(
        schema(
            {
                "convention": ident(),
                "parametre": ident(),
                "valeur": text(),
                "erratum": text(empty=True),
                "source": text(empty=True),
                "etape": text(),
            },
            unique=("convention", "parametre"),
            checks=[row_check("erratum", _erratum_or_source, "une valeur de convention cite son erratum ou sa source")],
        ),
        (Reference("parametre", "parameters.csv", "name"), Reference("erratum", "errata.csv", "id", empty=True)),
        rows=False,
    ),
    "variantes.csv": Table(
        schema(
            {
                "variante": ident(unique=True),
                "parametre": ident(),
                "valeur": text(),
                "libelle": text(),
                "source": text(),
            }
        ),
        (Reference("parametre", "parameters.csv", "name"),),
        rows=False,
    ),
    "libelles.csv": Table(
        schema(
            {"kind": choice(*KINDS), "name": ident(), "value": ident(empty=True), "libelle": text()},
            unique=("kind", "name", "value"),
            checks=(row_check("value", _value_of_choice, "une valeur pour un choix (kind=choix) seulement"),),
        ),
        (Reference("name", "parameters.csv", "name", only=("kind", "choix")),),
    ),
    "bareme_kilometrique.csv": Table(
        schema(
            {
                "annee_revenus": text(pa.Check.str_matches(r"^\d{4}$", error="année attendue (ex. 2021)")),
                "cv": choice("3", "4", "5", "6", "7"),
                "km_min": number(at_least(0)),
                "km_max": number(at_least(0), empty=True),
                "taux": number(at_least(0)),
                "fixe": number(at_least(0)),
                "source": text(),
            },
            unique=("annee_revenus", "cv", "km_min"),
            checks=(row_check("km_min", _bands, "trois tranches contiguës par année et puissance, de 0 km"),),
        )
    ),
    "missions.csv": Table(
        schema(
            {
                "mission": ident(unique=True),
                "libelle": text(),
                "section": text(SECTION, unique=True),
                "unite": text(),
                "demarche": ident(),
                "poste_cle": ident(empty=True),
                "libelle_court": text(COURT, unique=True),
                "cout_par_unite": ident(unique=True),
                "par_unite": text(),
            }
        ),
        (
            Reference("demarche", "demarches.csv", "demarche"),
            Reference("poste_cle", "lignes.csv", "ligne", empty=True),
        ),
    ),
    "lignes.csv": Table(
        schema(
            {
                "ligne": ident(unique=True),
                "mission": ident(),
                "libelle": text(),
                "echelle": choice(*ECHELLES),
                "section": text(SECTION),
            }
        ),
        (Reference("mission", "missions.csv", "mission"),),
    ),
    "composantes.csv": Table(
        schema(
            {
                "composante": ident(unique=True),
                "ligne": ident(),
                "libelle": text(),
                "categorie": ident(),
                "categories_plausibles": text(),
            },
            checks=(row_check("categorie", _category_is_plausible, "absente de categories_plausibles"),),
        ),
        (
            Reference("ligne", "lignes.csv", "ligne"),
            Reference("categorie", "categories.csv", "categorie"),
            Reference("categories_plausibles", "categories.csv", "categorie", separator="|"),
        ),
    ),
    "categories.csv": Table(schema({"categorie": ident(unique=True), "libelle": text(), "section": text(SECTION)})),
    "porteurs.csv": Table(
        schema({"porteur": ident(unique=True), "libelle": text(), "exemples": text(), "section": text(SECTION)})
    ),
    "mutualisation.csv": Table(
        schema(
            {"porteur": ident(), "ligne": ident(), "part_mutualisee": number(between(0, 1)), "justification": text()},
            unique=("porteur", "ligne"),
        ),
        (Reference("porteur", "porteurs.csv", "porteur"), Reference("ligne", "lignes.csv", "ligne")),
    ),
    "modes_financement.csv": Table(
        schema(
            {
                "mission": ident(),
                "porteur": ident(),
                "type_porteur": text(),
                "exemples": text(),
                "mode": text(),
                "notes": text(empty=True),
                "source": text(SECTION),
            },
            unique=("mission", "porteur"),
        ),
        (Reference("porteur", "porteurs.csv", "porteur"), Reference("mission", "missions.csv", "mission")),
    ),
    "financements.csv": Table(
        schema(
            {
                "id": ident(unique=True),
                "programme": text(unique=True),
                "partie": choice("4.1", "4.2"),
                "rubrique": text(),
                "financeurs": text(empty=True),
                "caracteristiques": text(empty=True),
                **{c: choice(*CASES) for c in PUBLICS},
                "oui_imprimes": number(between(0, 10)),
                "infos": text(empty=True),
                "notes": text(empty=True),
                "source": text(),
            }
        ),
        columns_from=ColumnsFrom("missions.csv", "mission", choice(*CASES)),
    ),
    "demarches.csv": Table(schema({"demarche": ident(unique=True), "libelle": text(), "fonctions_cles": text()})),
    "published.csv": Table(
        schema(
            {
                "tableau": ident(),
                "section": text(SECTION),
                "label": text(),
                "value": number(empty=True),
                "unit": text(),
                "precision": number(pa.Check.gt(0, error="nombre > 0 attendu")),
                "comparaison": choice("=", "<", ">", "-"),
                "origine": choice("tableau", "texte"),
                "variable": ident(),
                "verification": choice("", "reconstitue", "classement"),
            },
            unique=("tableau", "label"),
            checks=(
                row_check(
                    "value",
                    lambda df: df["value"].notna() | (df["comparaison"] == "-"),
                    "nombre attendu (seul un chiffre de comparaison « - » peut n'en pas avoir)",
                ),
            ),
        ),
        (Reference("tableau", "tableaux.csv", "tableau"),),
    ),
    "tableaux.csv": Table(
        schema({"tableau": ident(unique=True), "section": text(SECTION), "titre": text(), "mission": ident()}),
        (Reference("mission", "missions.csv", "mission", also=("synthese",)),),
    ),
    "errata.csv": Table(
        schema(
            {
                "id": text(pa.Check.str_matches(r"^E\d{2,}$", error="identifiant E01, E02… attendu"), unique=True),
                "section": text(SECTION),
                "tableau": ident(),
                "label": text(),
                "valeur_imprimee": number(),
                "valeur_recalculee": number(),
                "valeur_reportee": choice("aucune", "imprimee", "recalculee"),
                "modifie_total": choice("oui", "non"),
                "explication": text(),
            }
        ),
        (Reference("tableau", "published.csv", "tableau", columns=("label",), keys=("label",)),),
    ),
    "sec_parametres.csv": Table(
        schema(
            {
                "name": ident(unique=True),
                "value": number(),
                "unit": text(),
                "section": text(),
                "label": text(),
                "source": text(),
                "min": number(empty=True),
                "max": number(empty=True),
            }
        )
    ),
    "fiss_enveloppes.csv": Table(
        schema(
            {
                "source": choice("seed_001", "seed_004"),
                "annee": text(pa.Check.str_matches(r"^\d{4}(-\d{4})?$", error="année ou période attendue")),
                "nature": choice("annuel", "total_tableau", "total_texte"),
                "montant": number(at_least(0)),
                "section": text(),
                "libelle": text(),
            },
            unique=("source", "annee", "nature"),
        ),
        (Reference("source", "libelles.csv", "name"),),
    ),
    "sec_errata.csv": Table(
        schema(
            {
                "id": text(pa.Check.str_matches(r"^S\d{2,}$", error="identifiant S01, S02… attendu"), unique=True),
                "source": text(),  # the source texts (libelles.csv), separated by |
                "section": text(),
                "label": text(),
                "valeur_imprimee": number(),
                "valeur_recalculee": number(),
                "explication": text(),
            }
        ),
        (Reference("source", "libelles.csv", "name", separator="|"),),
    ),
    "paie_options.csv": Table(
        schema(
            {
                "poste": text(pa.Check.str_matches(r"^(\*|[a-z][a-z0-9_]*)$", error="poste (snake_case) ou * attendu")),
                "regle": text(),
                "valeur": text(),
                "libelle": text(),
                "source": text(),
            },
            unique=("poste", "regle"),
        )
    ),
    "paie_regles.csv": Table(
        schema(
            {
                "postes": text(
                    pa.Check.str_matches(r"^[a-z][a-z0-9_]*(;[a-z][a-z0-9_]*)*$", error="postes séparés par ; attendus")
                ),
                "options": text(),
                "annee": text(pa.Check.str_matches(r"^\d{4}$", error="année attendue (ex. 2026)")),
                "periode": text(
                    pa.Check.str_matches(
                        r"^01/(0[1-9]|1[0-2])/\d{4}$", error="premier jour d'un mois (01/mm/aaaa) attendu"
                    )
                ),
                "mois": number(between(1, 12), pa.Check(lambda s: s == s.round(), error="nombre entier attendu")),
                **{c: number(at_least(0)) for c in MONTANTS_PAIE},
                "version_regles": text(VERSION_REGLES),
            },
            unique=("postes", "annee", "periode", "brut"),
            checks=(row_check("periode", lambda df: df["periode"].str[-4:] == df["annee"], "période hors de l'année"),),
        )
    ),
}
