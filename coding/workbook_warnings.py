"""openpyxl's warnings while reading a workbook: silenced, except one that changes a value.

openpyxl warns of what it skips (styles, extensions, drawings, print areas), which never changes
a cell's value; those are dropped. A cell formatted as a date whose number is no date is read
as "#VALUE!": that is refused, naming the cell.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coding.errors import CodingInputError

_BAD_DATE = re.compile(r"Cell (\S+) is marked as a date but the serial value (\S+) is outside")


@contextmanager
def quiet_openpyxl(path: Path) -> Iterator[None]:
    """Read a workbook inside this: openpyxl's notes stay off the terminal, bad dates refused."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        found = _BAD_DATE.search(str(warning.message))
        if found is not None:
            cell, value = found.groups()
            raise CodingInputError(
                f"{path}: cell {cell} is formatted as a date but holds {value}, which is no "
                "date; format the cell as a number or text"
            )
