"""A user's CSV file (participants, roster, survey export) read as text cells, or one line
naming the file that says why it cannot be read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coding.bounded_tables import check_table_file
from coding.errors import CodingInputError
from studykit.errors import InputError


def read_user_csv(path: Path, what: str) -> pd.DataFrame:
    """The CSV at `path` as text cells (no NA guessing, BOM dropped, column names stripped);
    `what` names the file in errors ("participants file")."""
    try:
        check_table_file(path, f"a {what}")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except CodingInputError:
        raise
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"{path}: cannot read the CSV: {exc}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame
