"""What every export carries and how machine formats are written: the provenance of a
result (convention, parameters changed, scenario file, baseline, commit, version, data),
CSV for a spreadsheet (``csv``: « , » and decimal point; ``csv-fr``: « ; », decimal comma
and a byte-order mark, as a French spreadsheet opens it), JSON with numbers as numbers.

Shares travel as fractions with the unit ``part`` (0,56, not « 56 % »).

Where any output may be written is checked here, once for exports and books alike
(:func:`check_output_path`), and a temporary file beside an output gets a short name
(:func:`temporary_name`).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from .. import fmt, provenance
from ..errors import OutputPathError, cite_path
from ..models.quantites import PART as UNITE_PART  # a share in machine exports: a fraction


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
    return lines + donnees_modifiees(prov)


def donnees_modifiees(prov: dict[str, Any]) -> list[str]:
    """« Données modifiées : … » when the data in use differ from the published data
    (:func:`aaas.datastore.modifications`), else nothing.

    >>> donnees_modifiees({"donnees_modifiees": "tarif_horaire_interpretariat 40 → 45"})
    ['Données modifiées : tarif_horaire_interpretariat 40 → 45']
    >>> donnees_modifiees({})
    []
    """
    edits = prov.get("donnees_modifiees")
    return [f"Données modifiées : {edits}"] if edits else []


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


# --------------------------------------------------------------------------------------
# Where an output may be written (exports and books alike)
# --------------------------------------------------------------------------------------

#: Where no output is ever written: devices, kernel interfaces, the system's programs and
#: settings (the root itself, and anything directly in it, too: see :func:`check_output_path`).
SYSTEM_DIRS = tuple(
    Path(p) for p in ("/dev", "/proc", "/sys", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/boot", "/usr")
)
#: Accepted although inside :data:`SYSTEM_DIRS`: the administrator's own tree.
LOCAL_DIRS = (Path("/usr/local"),)
#: Limits used when the file system does not tell them (``os.pathconf``), in bytes.
NAME_MAX, PATH_MAX = 255, 4096


def check_output_path(path: str | os.PathLike, option: str = "--out") -> Path:
    """Refuse, with one line, a path where no output may be written; return it resolved.

    The one check, before any work, of an export (``aaas tables --format xlsx --out``), a
    book's folder (:func:`aaas.publish.outdir.check`) and the notebook cache.  Refused: a
    path or a name beyond the file system's limits (``PC_PATH_MAX``, ``PC_NAME_MAX``, else
    :data:`PATH_MAX`, :data:`NAME_MAX`), a system location (:data:`SYSTEM_DIRS`, the root
    and anything directly in it), a special file, a place that cannot be written (tried).

    Parameters
    ----------
    path : path-like
        The file or folder to be written (it need not exist; ``~`` is expanded).
    option : str
        What named it, quoted in the message (``--out``, ``AAAS_CACHE_DIR``…).

    Returns
    -------
    Path
        ``path``, absolute, with every symbolic link resolved.

    Raises
    ------
    OutputPathError
        One line naming ``option`` and the path (shortened if huge), and what to do.

    Examples
    --------
    >>> check_output_path("/dev/null.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.OutputPathError: --out « /dev/null.xlsx » est un emplacement système (/dev) ; ...
    """
    absolute = Path(os.path.abspath(os.path.expanduser(os.fspath(path))))
    _check_limits(absolute, option)
    resolved = Path(os.path.realpath(absolute))
    _check_limits(resolved, option)
    link = "" if resolved == absolute else f" (lien vers « {cite_path(resolved)} »)"
    named = f"{option} « {cite_path(absolute)} »{link}"
    where = _system_place(resolved)
    if where is not None:
        raise OutputPathError(f"{named} est un emplacement système ({where}) ; choisissez un dossier de travail")
    _check_kind_and_writable(resolved, named)
    return resolved


def _check_limits(path: Path, option: str) -> None:
    """The path and each of its names within the file system's limits (in bytes)."""
    size = len(os.fsencode(path))
    limit = _pathconf(path, "PC_PATH_MAX", PATH_MAX)
    if size >= limit:
        raise OutputPathError(
            f"{option} « {cite_path(path)} » : chemin de {size} octets, au-delà de la limite du système"
            f" ({limit - 1}) ; choisissez un chemin plus court"
        )
    name_max = _pathconf(path, "PC_NAME_MAX", NAME_MAX)
    for name in path.parts[1:]:
        if len(os.fsencode(name)) > name_max:
            raise OutputPathError(
                f"{option} « {cite_path(path)} » : le nom « {cite_path(name, 60)} »"
                f" fait {len(os.fsencode(name))} octets,"
                f" au-delà de la limite du système de fichiers ({name_max}) ; choisissez un nom plus court"
            )


def _pathconf(path: Path, name: str, default: int) -> int:
    """``os.pathconf`` of the nearest existing folder of ``path``, or ``default``."""
    try:
        return os.pathconf(_existing(path), name)
    except (OSError, ValueError):
        return default


def _existing(path: Path) -> Path:
    """``path`` or its nearest existing parent."""
    return next(p for p in (path, *path.parents) if os.path.lexists(p))


def _system_place(path: Path) -> Path | None:
    """The system location ``path`` is, or is inside (None if it is none)."""
    if path.parent == path or path.parent == Path(path.anchor):
        return Path(path.anchor)
    if any(path == d or d in path.parents for d in LOCAL_DIRS):
        return None
    return next((d for d in SYSTEM_DIRS if path == d or d in path.parents), None)


def _check_kind_and_writable(path: Path, named: str) -> None:
    """Not a special file; its folder (or nearest existing parent) accepts a new entry (tried, then removed).

    ``named`` is how the messages name the path (option and path).
    """
    if path.exists() and not (path.is_file() or path.is_dir()):
        raise OutputPathError(f"{named} est un fichier spécial ; choisissez un fichier ordinaire")
    existing = _existing(path.parent if path.is_file() else path)
    if not existing.is_dir():
        raise OutputPathError(f"{named} ne peut pas être créé : « {cite_path(existing)} » n'est pas un dossier")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".aaas-essai-", dir=existing))
    except OSError as exc:
        raise OutputPathError(
            f"{named} : écriture impossible dans « {cite_path(existing)} » ({exc.strerror}) ;"
            " choisissez un dossier accessible en écriture"
        ) from None


def temporary_name(path: str | os.PathLike) -> Path:
    """A temporary file beside ``path``, named so that it stays within the name limit.

    Derived from a hash of the name and the process id (at most 32 characters): a name
    near the limit gets a temporary name that can still be created.

    >>> temporary_name("/tmp/" + "a" * 250 + ".xlsx").parent.as_posix(), len(temporary_name("/x/y").name) <= 32
    ('/tmp', True)
    """
    path = Path(path)
    digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:12]
    return path.with_name(f".aaas-{digest}-{os.getpid()}.tmp")
