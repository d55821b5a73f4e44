"""Export any table as CSV, Parquet or JSON Lines, byte-identical on every backend.

CSV is what a spreadsheet opens: a text cell that starts like a formula (or with an apostrophe)
gets an apostrophe in front (see coding.formulas and docs/formats.md)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import BinaryIO, Literal

import pandas as pd
from sqlalchemy import JSON

from coding.formulas import spreadsheet_safe
from studykit.db import Database, table_named
from studykit.replacing_file import replacing

ExportFormat = Literal["csv", "parquet", "jsonl"]


def canonical_frame(db: Database, name: str, *, nested: bool = False) -> pd.DataFrame:
    """A table ready to export: JSON columns as sorted-key JSON text unless `nested`."""
    table = table_named(name)
    frame = db.read(table)
    if not nested:
        for column in table.columns:
            if isinstance(column.type, JSON):
                frame[column.name] = frame[column.name].map(
                    lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)
                )
    return frame


def export_table(db: Database, name: str, fmt: ExportFormat, out: BinaryIO) -> int:
    """Write a table to a binary stream in the given format; return the number of rows."""
    frame = canonical_frame(db, name, nested=fmt == "jsonl")
    if fmt == "csv":
        out.write(spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n").encode("utf-8"))
    elif fmt == "jsonl":
        for record in frame.to_dict("records"):
            clean = {k: (None if _is_missing(v) else v) for k, v in record.items()}
            line = json.dumps(clean, sort_keys=True, ensure_ascii=False, default=str)
            out.write(line.encode("utf-8") + b"\n")
    else:
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        out.write(buffer.getvalue())
    return len(frame)


def export_to_path(db: Database, name: str, fmt: ExportFormat, path: Path) -> int:
    """Write a table to a file, whole or not at all (a failure leaves an existing file as it
    was); return the number of rows."""
    with replacing(path) as out:
        return export_table(db, name, fmt, out)


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)
