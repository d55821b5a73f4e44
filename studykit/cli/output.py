"""Write a result table to the terminal or a file as a table, CSV, JSON, LaTeX or Markdown."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
from rich.table import Table
from rich.text import Text

from analysis import to_latex, to_markdown
from coding.formulas import spreadsheet_safe
from studykit.cli.app import TableFormat, out


def render(frame: pd.DataFrame, fmt: TableFormat, *, decimals: int = 3) -> str | Table:
    """The frame in the chosen format; `table` is a rich Table (text as written) for a terminal."""
    if fmt == "csv":
        return spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        records = [
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in frame.to_dict("records")
        ]
        return json.dumps(records, indent=2, default=str, ensure_ascii=False) + "\n"
    shown = frame.map(lambda v: _short(v, decimals))
    if fmt == "latex":
        return to_latex(shown)
    if fmt == "markdown":
        return to_markdown(shown)
    table = Table()
    for column in frame.columns:
        table.add_column(Text(str(column)))
    for row in shown.itertuples(index=False):
        table.add_row(*[Text(str(v)) for v in row])
    return table


def emit(frame: pd.DataFrame, fmt: TableFormat, output: Path | None, *, decimals: int = 3) -> None:
    """Print the frame, or write it to `output`."""
    rendered = render(frame, "csv" if fmt == "table" and output else fmt, decimals=decimals)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(str(rendered), encoding="utf-8")
        out.print(f"Wrote {output}")
    elif isinstance(rendered, Table):
        out.print(rendered)
    else:
        print(rendered, end="")


def _short(value: object, decimals: int) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.{decimals}f}"
    return "" if value is None else str(value)
