"""What every export carries and how machine formats are written: the provenance of a
result (convention, parameters changed, scenario file, baseline, commit, version, data),
CSV for a spreadsheet (``csv``: « , » and decimal point; ``csv-fr``: « ; », decimal comma
and a byte-order mark, as a French spreadsheet opens it), JSON with numbers as numbers.

Shares travel as fractions with the unit ``part`` (0,56, not « 56 % »).
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd

from .. import fmt, provenance

#: Unit of a share in machine exports (the value is a fraction).
UNITE_PART = "part"


def provenance_of(scenario, convention: str, baseline: str | None = None) -> dict[str, Any]:
    """Where a result comes from: convention, parameters that differ from the
    convention's values, scenario file name, baseline of the gaps, commit, version, data."""
    out: dict[str, Any] = {
        "convention": convention,
        "parametres_modifies": {k: jsonable(v) for k, v in scenario.changed.items()},
        "fichier_scenario": _name(scenario.scenario_file),
        "empreinte_parametres": scenario.hash(),
    }
    if baseline:
        out["ecart_mesure_par_rapport_a"] = baseline
    out.update(provenance.stamp())
    return out


def _name(path: str | None) -> str:
    from pathlib import Path

    return Path(path).name if path else ""


def header_lines(prov: dict[str, Any]) -> list[str]:
    """The provenance as lines for a text or Markdown header."""
    changes = ", ".join(f"{k} = {fmt.brut(v)}" for k, v in prov["parametres_modifies"].items())
    changes = changes or "aucun (scénario du rapport)"
    lines = [f"Convention : {prov['convention']} ; paramètres modifiés : {changes}"]
    if prov["fichier_scenario"]:
        lines.append(f"Fichier de scénario : {prov['fichier_scenario']}")
    lines.append(
        f"aaas {prov['version']} ; commit {prov['commit']} ; données du {prov['date_donnees']} "
        f"(empreinte {prov['empreinte_donnees']}) ; règles de paie {prov['regles_paie']}"
    )
    return lines


def jsonable(v, decimals: int | None = 6):
    """A value for JSON: NaN → null, NumPy scalars → Python numbers, floats rounded to
    ``decimals`` (None: exact, for values a user types back)."""
    if hasattr(v, "item") and not hasattr(v, "__len__"):
        v = v.item()
    if isinstance(v, float):
        return None if math.isnan(v) else (v if decimals is None else round(v, decimals))
    if hasattr(v, "tolist"):
        return v.tolist()
    return v


def records(df: pd.DataFrame, decimals: int | None = 6) -> list[dict[str, Any]]:
    """The rows of ``df`` as JSON-ready mappings (see :func:`jsonable`)."""
    return [{k: jsonable(v, decimals) for k, v in r.items()} for r in df.to_dict(orient="records")]


def shares_as_parts(df: pd.DataFrame, unit_column: str = "unite") -> pd.DataFrame:
    """``df`` with the unit of shares written ``part`` (the values are already fractions)."""
    df = df.copy()
    df[unit_column] = df[unit_column].replace({"%": UNITE_PART})
    return df


def to_json(payload: dict[str, Any]) -> str:
    """Indented UTF-8 JSON (numbers stay numbers)."""
    return json.dumps(payload, ensure_ascii=False, indent=2)


def to_csv(df: pd.DataFrame, form: str, prov: dict[str, Any] | None = None) -> str:
    """``df`` as ``csv`` or ``csv-fr``, with the provenance as columns of every row."""
    df = df.copy()
    for key, value in (prov or {}).items():
        df[key] = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
    buf = io.StringIO()
    if form == "csv-fr":
        df.to_csv(buf, index=False, sep=";", decimal=",", float_format="%.6f", lineterminator="\n")
        return "\ufeff" + buf.getvalue().rstrip("\n")
    df.to_csv(buf, index=False, float_format="%.6f", lineterminator="\n")
    return buf.getvalue().rstrip("\n")
