"""A spreadsheet of the report's tables (``aaas tables --format xlsx --out FILE``, and
``aaas-tableaux.xlsx`` beside every book), with openpyxl: a first sheet with the
provenance, one sheet per table (the printed figure and the three conventions side by side,
the gap, unit, status, errata, the parameter behind each row), the parameters with their
value in each convention, every quantity of the dictionary (:mod:`aaas.models.quantites`:
label, unit, section, function) with its value in each convention, and the errata; French
headers, frozen, with filters.  A share's unit is the dictionary's, « part » (a fraction,
shown in percent).

Each cell holds the full-precision value; its number format shows it as the book rounds it
(the precision of :mod:`aaas.present.render`), so the sheet reads like the book and still
computes exactly.

The workbook is written beside its destination then renamed; an existing file is only
replaced when it is a workbook this tool wrote (its author is ``aaas``).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd

from .. import fmt
from ..errors import OutputPathError, cite_path
from ..models import conventions, parameters, quantites
from . import exports

AUTEUR = "aaas"
#: The conventions side by side on each table sheet, with their column header.
TROIS = {"rapport": "Rapport (recalculé)", "corrige": "Corrigé", "actualise": "Actualisé"}
#: A convention's figure named in the gap's and the status's headers.
NOMS = {"rapport": "rapport recalculé", "corrige": "corrigé", "actualise": "actualisé"}
#: French headers of the parameter sheet, by column of ``data/parameters.csv``.
ENTETES_PARAMETRES = {
    "name": "Paramètre",
    "label": "Libellé",
    "unit": "Unité",
    "mission": "Mission",
    "section": "Section du rapport",
    "min": "Min",
    "max": "Max",
    "choices": "Valeurs possibles",
    "source": "Source",
}
#: French headers of the errata sheet, by column of ``data/errata.csv``.
ENTETES_ERRATA = {
    "id": "N°",
    "section": "Section",
    "tableau": "Tableau",
    "label": "Chiffre",
    "valeur_imprimee": "Valeur imprimée",
    "valeur_recalculee": "Valeur recalculée",
    "valeur_reportee": "Valeur reportée dans les totaux",
    "modifie_total": "Modifie le total",
    "explication": "Explication",
}


def check_destination(path: str | os.PathLike) -> Path:
    """``path`` resolved if a workbook may be written there, else :class:`~aaas.errors.OutputPathError`.

    Every output path is first checked as any other (:func:`aaas.present.exports.check_output_path`:
    limits, system places, writable); then the workbook's own rules.
    """
    if Path(path).suffix.lower() != ".xlsx":
        raise OutputPathError(f"--out « {cite_path(path)} » : un classeur se termine par .xlsx")
    p = exports.check_output_path(path, "--out")
    if p.is_dir():
        raise OutputPathError(f"--out « {cite_path(p)} » est un dossier")
    if not p.parent.is_dir():
        raise OutputPathError(f"--out « {cite_path(p)} » : dossier « {cite_path(p.parent)} » absent")
    if p.exists() and not _ours(p):
        raise OutputPathError(f"--out « {cite_path(p)} » existe et n'a pas été écrit par aaas : il n'est pas remplacé")
    return p


def _ours(p: Path) -> bool:
    from openpyxl import load_workbook

    try:
        return load_workbook(p, read_only=True).properties.creator == AUTEUR
    except Exception:  # noqa: BLE001 - not a workbook we can read: not ours
        return False


def write_workbook(ev, ids: list[str], path: str | os.PathLike, baseline: str = "rapport") -> Path:
    """Write the tables ``ids`` of the evaluation ``ev`` to the workbook ``path``: each
    table under the three conventions (this scenario), the gap and status of ``ev``'s."""
    from openpyxl import Workbook

    p = check_destination(path)
    prov = exports.provenance_of(ev.scenario, ev.convention, baseline)
    evs = {c: ev if c == ev.convention else ev.under(c) for c in TROIS}
    wb = Workbook()
    wb.properties.creator = AUTEUR
    _provenance_sheet(wb.active, prov)
    for table_id in ids:
        par = {c: e.table(table_id, baseline) for c, e in evs.items()}
        _table_sheet(wb.create_sheet(table_id[:31]), par, ev.convention, baseline)
    _parametres_sheet(wb.create_sheet("parametres"), ev.scenario)
    _quantites_sheet(wb.create_sheet("quantites"), ev.scenario)
    _frame_sheet(wb.create_sheet("errata"), conventions.errata().rename(columns=ENTETES_ERRATA))
    tmp = exports.temporary_name(p)
    try:
        wb.save(tmp)
        os.replace(tmp, p)
    finally:
        tmp.unlink(missing_ok=True)
    return p


#: The provenance's keys (:func:`aaas.present.exports.provenance_of`) in words.
LIBELLES_PROVENANCE = {
    "convention": "Convention des colonnes Écart et Statut",
    "parametres_modifies": "Paramètres modifiés (valeur de ce scénario)",
    "fichier_scenario": "Fichier de scénario",
    "empreinte_parametres": "Empreinte des paramètres",
    "ecart_mesure_par_rapport_a": "Écart mesuré par rapport à (rapport : l’imprimé ; defaut : paramètres du rapport)",
    "commit": "Commit du dépôt",
    "version": "Version d'aaas",
    "date_donnees": "Date des données",
    "empreinte_donnees": "Empreinte des données",
    "donnees_modifiees": "Données modifiées (par rapport aux données publiées)",
    "regles_paie": "Règles de paie (convention actualisée)",
}
#: How to read the table sheets' figures.
LECTURE = (
    "Chaque cellule garde la valeur complète du calcul ; son format l'affiche arrondie comme dans le livre "
    "(la barre de formule montre la valeur complète)."
)


def _provenance_sheet(ws, prov: dict) -> None:
    ws.title = "provenance"
    ws.append(["Libellé", "Valeur", "Clé"])
    for key, value in prov.items():
        text = ", ".join(f"{k} = {v}" for k, v in value.items()) if isinstance(value, dict) else value
        ws.append([LIBELLES_PROVENANCE.get(key, key), text, key])
    ws.append(["Lecture des chiffres", LECTURE, ""])
    _header(ws)
    ws.column_dimensions["B"].width = 60


def colonnes(convention: str, baseline: str) -> list[str]:
    """The French headers of a table sheet (the gap and status are ``convention``'s).

    >>> colonnes("corrige", "defaut")[5:8]
    ['Paramètres du rapport (corrigé)', 'Écart (corrigé − paramètres du rapport)', 'Unité']
    """
    nom = NOMS[convention]
    defaut = [f"Paramètres du rapport ({nom})"] if baseline == "defaut" else []
    reference = "paramètres du rapport" if baseline == "defaut" else "imprimé"
    return [
        "Libellé", "Imprimé", *TROIS.values(), *defaut, f"Écart ({nom} − {reference})",
        "Unité", f"Statut ({NOMS[convention]})", "Errata", "Paramètre",
    ]  # fmt: skip


def _table_sheet(ws, par: dict[str, pd.DataFrame], convention: str, baseline: str) -> None:
    df = par[convention]
    ws.append(colonnes(convention, baseline))
    table = parameters.parameters()
    for i, (label, r) in enumerate(df.iterrows()):
        values = [r["rapport"], *(par[c].iloc[i]["recalcule"] for c in TROIS)]
        values += [r["defaut"]] if baseline == "defaut" else []
        name = r["variable"] if r["variable"] in table else ""
        unite = quantites.PART if r["unite"] == "%" else r["unite"]
        ws.append([label, *(_num(v) for v in values), _num(r["ecart"]), unite, r["statut"], r["errata"], name])
        formats = [_format(r, r["rapport"], imprime=True), *(_format(r, v) for v in values[1:])]
        formats.append(_format_ecart(r, values[1 + list(TROIS).index(convention)], baseline))
        for cell, number_format in zip(ws[ws.max_row][1 : 2 + len(values)], formats, strict=True):
            cell.number_format = number_format
        if name:
            ws.cell(ws.max_row, ws.max_column).hyperlink = f"#parametres!A{list(table).index(name) + 2}"
    _header(ws)
    for column in "BCDEFGH":
        ws.column_dimensions[column].width = 16


def format_nombre(unite: str, decimales: int, signe: bool = False) -> str:
    """An Excel number format for ``unite`` at ``decimales`` (shares: fractions shown in
    percent, ``decimales`` counted on the percentage).

    >>> format_nombre("€", 0), format_nombre("%", 1), format_nombre("ETP", 3), format_nombre("€", 0, True)
    ('#,##0 "€"', '0.0 %', '#,##0.000', '+#,##0 "€";-#,##0 "€";0 "€"')
    """
    partie = "0" + ("." + "0" * decimales if decimales else "")
    if unite == "%":
        base, suffixe = partie, " %"
    else:
        base, suffixe = "#,##" + partie, ' "€"' if str(unite).startswith("€") else ""
    if not signe:
        return base + suffixe
    return f"+{base}{suffixe};-{base}{suffixe};0{suffixe}"


def _decimales(r, value, imprime: bool = False) -> int:
    """The decimals the book shows ``value`` of row ``r`` with (on the percentage for a share)."""
    if _num(value) is None:
        return 0
    ref = math.nan if _num(r["rapport"]) is None or r["comparaison"] == "-" else r["rapport"]
    precision = (
        fmt.precision_imprimee(value, r["precision"])
        if imprime
        else fmt.precision_montree(value, r["unite"], r["precision"], ref, r["comparaison"])
    )
    d = fmt.decimales(precision)
    return max(0, d - 2) if r["unite"] == "%" else d


def _format(r, value, imprime: bool = False) -> str:
    return format_nombre(r["unite"], _decimales(r, value, imprime))


def _format_ecart(r, value, baseline: str) -> str:
    """The gap at the finer of the two figures' precisions, signed."""
    reference = r["defaut"] if baseline == "defaut" else r["rapport"]
    d = max(_decimales(r, value), _decimales(r, reference, imprime=baseline != "defaut"))
    return format_nombre(r["unite"], d, signe=True)


def _parametres_sheet(ws, scenario) -> None:
    """Every parameter: its value in this scenario and in each convention, unit, bounds, source."""
    df = parameters.table()
    sets = {c: conventions.defaults(c) for c in TROIS}
    out = pd.DataFrame({"Paramètre": df["name"], "Libellé": df["label"]})
    out["Valeur (ce scénario)"] = [scenario.values[n] for n in df["name"]]
    for c, titre in TROIS.items():
        out[titre.replace(" (recalculé)", "")] = [sets[c][n] for n in df["name"]]
    rest = [k for k in ENTETES_PARAMETRES if k not in {"name", "label"}]
    out = pd.concat([out, df[rest].rename(columns=ENTETES_PARAMETRES)], axis=1)
    _frame_sheet(ws, out)


def _quantites_sheet(ws, scenario) -> None:
    """The dictionary: every parameter and quantity, its label, unit, section and function,
    and its value in this scenario under each convention (shares shown in percent)."""
    d = quantites.dictionary()
    out = d[["nom", "nature", "libelle"]].rename(columns=quantites.ENTETES)
    for c, titre in TROIS.items():
        results = conventions.compute_scenario(scenario, c)
        out[titre] = [results[n] for n in d["nom"]]
    rest = ["unite", "section", "fonction", "description"]
    out = pd.concat([out, d[rest].rename(columns=quantites.ENTETES)], axis=1)
    _frame_sheet(ws, out)
    for row, unite in enumerate(d["unite"], start=2):
        if unite == quantites.PART:
            for column in range(4, 4 + len(TROIS)):
                ws.cell(row, column).number_format = "0.00 %"


def _frame_sheet(ws, df: pd.DataFrame) -> None:
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([_num(v) for v in row])
    _header(ws)


def _num(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    return v.item() if hasattr(v, "item") else v


def _header(ws) -> None:
    from openpyxl.styles import Font

    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.column_dimensions["A"].width = 60
