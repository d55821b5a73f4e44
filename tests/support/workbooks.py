"""Small XLSX workbooks for tests, one of them with an extension openpyxl warns it drops."""

import warnings
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

EXTENSION = b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x/></ext></extLst>'


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def with_extension(path: Path) -> Path:
    """The workbook with a conditional-formatting extension openpyxl warns it drops."""
    changed = path.with_name("extended.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(changed, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", EXTENSION + b"</worksheet>")
            target.writestr(entry, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        list(load_workbook(changed, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert caught, "openpyxl no longer warns of this extension: pick another"
    return changed
