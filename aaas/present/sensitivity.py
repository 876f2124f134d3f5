"""The sensitivity analyses for the terminal, Markdown, CSV and JSON (``aaas sensitivity``):
tidy tables with their provenance (French numbers in text and Markdown), the sentence that
names the hypotheses ex aequo, and the Monte Carlo draws written to a file
(``--draws-out``: CSV, or Parquet when pyarrow is installed), whole or not at all."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from .. import fmt
from ..errors import OutputPathError, cite_path
from . import exports
from .render import text_frame

#: What the sentence on ties says of them.
EX_AEQUO = "même amplitude à 10⁻⁹ près, le plus souvent facteurs d’un même produit : leur ordre ne dit rien"
#: Formats of the draws file, by suffix.
FORMATS_TIRAGES = (".csv", ".parquet")

#: How each column is shown in text and Markdown: a formatter per column name.
AFFICHAGE = {
    "variation": lambda x: fmt.variation(x, 0),
    "ecart_relatif": fmt.variation,
    "elasticite": lambda x: fmt.nombre(x, 3),
    "s1": lambda x: fmt.nombre(x, 3),
    "s1_ic": lambda x: fmt.nombre(x, 3),
    "st": lambda x: fmt.nombre(x, 3),
    "st_ic": lambda x: fmt.nombre(x, 3),
    "ecart_p5": fmt.variation,
    "ecart_p95": fmt.variation,
    "p_depasse": lambda x: fmt.pourcent(x, 1),
}
EUROS = {"resultat", "ecart", "p5", "p50", "p95", "moyenne", "bas", "haut", "amplitude", "total"}
EUROS |= {"precision_p5", "precision_p50", "precision_p95"}


def render_frame(df: pd.DataFrame, form: str, prov: dict, title: str) -> str:
    """``df`` in format ``form``, with the provenance."""
    if form == "json":
        return exports.to_json({"provenance": prov, "resultats": exports.records(df)})
    if form in {"csv", "csv-fr"}:
        return exports.to_csv(df, form, prov)
    shown = pd.DataFrame({c: [_cell(c, v) for v in df[c]] for c in df.columns})
    header = "\n".join(exports.header_lines(prov))
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in shown.values.tolist()]
    ties = "".join(f"\n\n{line}" for line in ex_aequo_lines(df))
    if form == "markdown":
        return f"{header}\n\n### {title}\n\n" + "\n".join(lines) + ties
    text_columns = {i for i, c in enumerate(df.columns) if not pd.api.types.is_numeric_dtype(df[c])}
    return header + "\n\n" + text_frame(shown, title, left=text_columns) + ties


def ex_aequo_lines(df: pd.DataFrame) -> list[str]:
    """One sentence per output naming the hypotheses whose swings are equal (column
    ``ex_aequo``): factors of one product, whose order in the table means nothing.

    >>> df = pd.DataFrame({"parametre": ["etp", "salaire", "loyer"], "sortie": ["total"] * 3,
    ...                    "ex_aequo": ["salaire", "etp", ""]})
    >>> ex_aequo_lines(df)  # doctest: +ELLIPSIS
    ['Ex aequo sur total (même amplitude à 10⁻⁹ près, ... : etp = salaire.']
    """
    if "ex_aequo" not in df.columns:
        return []
    out = []
    tied = df[df["ex_aequo"] != ""]
    tied = tied if "sortie" in tied.columns else tied.assign(sortie="")
    for sortie, sel in tied.groupby("sortie", sort=False):
        groups = dict.fromkeys(
            " = ".join(sorted({p, *t.split(", ")})) for p, t in zip(sel["parametre"], sel["ex_aequo"], strict=True)
        )
        where = f" sur {sortie}" if sortie else ""
        out.append(f"Ex aequo{where} ({EX_AEQUO}) : " + " ; ".join(groups) + ".")
    return out


def _cell(column, value) -> str:
    """A cell for readers (a negative number with the minus sign « − »)."""
    if isinstance(value, str):
        return value
    column = str(column)
    if column in AFFICHAGE:
        text = AFFICHAGE[column](value)
    elif column in EUROS or column.startswith(("mission_", "cout_", "ligne_")):
        text = fmt.euros(value)
    else:
        text = fmt.brut(value)
    return "\u2212" + text[1:] if text.startswith("-") else text


def check_draws_path(path: str | os.PathLike) -> Path:
    """``path`` resolved if the draws may be written there (before any draw), else
    :class:`~aaas.errors.OutputPathError`: every output path's check
    (:func:`aaas.present.exports.check_output_path`), then a ``.csv`` or ``.parquet`` file
    (Parquet needs pyarrow), not a folder, in an existing folder, and not a file aaas did
    not write.

    >>> check_draws_path("/tmp/tirages.xlsx")
    Traceback (most recent call last):
    ...
    aaas.errors.OutputPathError: --draws-out « /tmp/tirages.xlsx » : un fichier .csv (ou .parquet) est attendu
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS_TIRAGES:
        raise OutputPathError(f"--draws-out « {cite_path(path)} » : un fichier .csv (ou .parquet) est attendu")
    if suffix == ".parquet" and not _pyarrow():
        raise OutputPathError(
            f"--draws-out « {cite_path(path)} » : Parquet demande pyarrow, absent (pip install pyarrow) ;"
            " choisissez un fichier .csv"
        )
    p = exports.check_output_path(path, "--draws-out")
    if p.is_dir():
        raise OutputPathError(f"--draws-out « {cite_path(p)} » est un dossier")
    if not p.parent.is_dir():
        raise OutputPathError(f"--draws-out « {cite_path(p)} » : dossier « {cite_path(p.parent)} » absent")
    if p.exists() and not _ours(p):
        raise OutputPathError(
            f"--draws-out « {cite_path(p)} » existe et n'a pas été écrit par aaas : il n'est pas remplacé"
        )
    return p


def _pyarrow() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _ours(p: Path) -> bool:
    """Was ``p`` written by :class:`DrawsWriter` (a CSV whose header starts with ``draw,``,
    a Parquet file with aaas's provenance)?"""
    try:
        if p.suffix.lower() == ".csv":
            with open(p, "rb") as f:
                return f.read(5) == b"draw,"
        import pyarrow.parquet as pq

        return b"aaas" in (pq.read_schema(p).metadata or {})
    except Exception:  # noqa: BLE001 - unreadable: not ours
        return False


class DrawsWriter:
    """The draws, chunk by chunk (:meth:`write`), into a temporary file beside ``path``, renamed
    onto it when the analysis ends (an error or an interruption removes it: nothing
    half-written).  CSV: a column ``draw``, the drawn hypotheses, the outputs, then the
    provenance (``prov``) as columns of every row, as every CSV export; Parquet: the same
    columns, the provenance in the file's metadata (key ``aaas``)."""

    def __init__(self, path: Path, prov: dict):
        self.path, self.prov = Path(path), prov
        self.tmp = exports.temporary_name(self.path)
        self.parquet = self.path.suffix.lower() == ".parquet"
        self._file = self._writer = None

    def __enter__(self) -> DrawsWriter:
        if not self.parquet:
            self._file = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in __exit__
        return self

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk (index ``draw``)."""
        if self.parquet:
            self._write_parquet(frame)
            return
        frame = frame.copy()
        for key, value in self.prov.items():
            frame[key] = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
        frame.to_csv(self._file, header=self._file.tell() == 0, lineterminator="\n")

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame.reset_index(), preserve_index=False)
        if self._writer is None:
            meta = {b"aaas": json.dumps(self.prov, ensure_ascii=False).encode()}
            self._writer = pq.ParquetWriter(self.tmp, table.schema.with_metadata(meta))
        self._writer.write_table(table.replace_schema_metadata(self._writer.schema.metadata))

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            for handle in (self._file, self._writer):
                if handle is not None:
                    handle.close()
            if exc_type is None:
                os.replace(self.tmp, self.path)
        finally:
            self.tmp.unlink(missing_ok=True)
        return False
