"""A spreadsheet of the report's tables (``aaas tables --format xlsx --out FILE``), with
openpyxl: a first sheet with the provenance, one sheet per table (printed, default,
recomputed, gap, unit, status, errata, the parameter behind each row), the parameters and
the errata; number formats, frozen headers, filters.

The workbook is written beside its destination then renamed; an existing file is only
replaced when it is a workbook this tool wrote (its author is ``aaas``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import OutputPathError
from ..models import conventions, parameters
from . import exports

AUTEUR = "aaas"
#: Number formats by unit (shares are fractions shown as percentages).
FORMATS_NOMBRE = {"€": "#,##0 €", "%": "0.0 %", "": "#,##0.###"}
COLONNES = ["Libellé", "Imprimé", "Défaut", "Recalculé", "Écart", "Unité", "Statut", "Errata", "Variable", "Paramètre"]


def check_destination(path: str | os.PathLike) -> Path:
    """``path`` if a workbook may be written there, else :class:`~aaas.errors.OutputPathError`."""
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise OutputPathError(f"--out '{p}' : un classeur se termine par .xlsx")
    if p.is_dir():
        raise OutputPathError(f"--out '{p}' est un dossier")
    if not p.parent.is_dir() or not os.access(p.parent, os.W_OK):
        raise OutputPathError(f"--out '{p}' : dossier absent ou non accessible en écriture")
    if p.exists() and not _ours(p):
        raise OutputPathError(f"--out '{p}' existe et n'a pas été écrit par aaas : il n'est pas remplacé")
    return p


def _ours(p: Path) -> bool:
    from openpyxl import load_workbook

    try:
        return load_workbook(p, read_only=True).properties.creator == AUTEUR
    except Exception:  # noqa: BLE001 - not a workbook we can read: not ours
        return False


def write_workbook(ev, ids: list[str], path: str | os.PathLike, baseline: str = "rapport") -> Path:
    """Write the tables ``ids`` of the evaluation ``ev`` to the workbook ``path``."""
    from openpyxl import Workbook

    p = check_destination(path)
    prov = exports.provenance_of(ev.scenario, ev.convention, baseline)
    wb = Workbook()
    wb.properties.creator = AUTEUR
    _provenance_sheet(wb.active, prov)
    for table_id in ids:
        _table_sheet(wb.create_sheet(table_id[:31]), ev.table(table_id, baseline))
    _frame_sheet(wb.create_sheet("parametres"), _parametres(ev.scenario))
    _frame_sheet(wb.create_sheet("errata"), conventions.errata())
    tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, p)
    finally:
        tmp.unlink(missing_ok=True)
    return p


def _provenance_sheet(ws, prov: dict) -> None:
    ws.title = "provenance"
    ws.append(["Clé", "Valeur"])
    for key, value in prov.items():
        text = ", ".join(f"{k} = {v}" for k, v in value.items()) if isinstance(value, dict) else value
        ws.append([key, text])
    _header(ws)


def _table_sheet(ws, df: pd.DataFrame) -> None:
    ws.append(COLONNES)
    table = parameters.parameters()
    for label, r in df.iterrows():
        name = r["variable"] if r["variable"] in table else ""
        ws.append([label, _num(r["rapport"]), _num(r["defaut"]), _num(r["recalcule"]), _num(r["ecart"]),
                   exports.UNITE_PART if r["unite"] == "%" else r["unite"], r["statut"], r["errata"],
                   r["variable"], name])  # fmt: skip
        fmt_nombre = FORMATS_NOMBRE.get(r["unite"], FORMATS_NOMBRE["€"] if str(r["unite"]).startswith("€") else "")
        for cell in ws[ws.max_row][1:5]:
            cell.number_format = fmt_nombre or FORMATS_NOMBRE[""]
        if name:
            ws.cell(ws.max_row, len(COLONNES)).hyperlink = f"#parametres!A{list(table).index(name) + 2}"
    _header(ws)


def _frame_sheet(ws, df: pd.DataFrame) -> None:
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([_num(v) for v in row])
    _header(ws)


def _parametres(scenario) -> pd.DataFrame:
    df = parameters.table()
    df["value"] = [scenario.values[n] for n in df["name"]]
    return df


def _num(v):
    if isinstance(v, float) and v != v:
        return None
    return v.item() if hasattr(v, "item") else v


def _header(ws) -> None:
    from openpyxl.styles import Font

    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.column_dimensions["A"].width = 60
