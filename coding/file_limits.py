"""What one input file may cost: every limit in one place, each with the reason for its size.

A file beyond a limit is refused in one line naming it (and the row or field), never read on
until memory or patience runs out. The limits sit far above any real study's files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from coding.errors import CodingInputError

MiB = 1024 * 1024

# A sheet, table or survey export on disk; real replication packages' tables are tens of MB.
MAX_FILE_BYTES = 256 * MiB
# A codebook, manifest, .qdc or text transcript: a day of transcribed speech is about 1 MB.
MAX_DOCUMENT_BYTES = 16 * MiB
# Rows of a table: Excel's own maximum per sheet.
MAX_ROWS = 1_048_576
# Columns of a table: Excel's own maximum per sheet.
MAX_COLUMNS = 16_384
# Cells of a table (rows x columns up to the last filled cell): about 2 GB held as Python text.
MAX_CELLS = 20_000_000
# Characters of one cell: 32 times Excel's limit (32,767); a GitHub issue body stops at 65,536.
MAX_CELL_CHARS = 1 * MiB
# A zip (XLSX, DOCX, QDPX) unpacked, all entries together: twice the largest QDA project seen.
MAX_UNPACKED_BYTES = 512 * MiB
# Entries of a zip: a QDA project of a large study holds a few thousand sources.
MAX_ZIP_ENTRIES = 100_000
# Unpacked / packed size of one zip entry: XML packs 5-20 times, a deflate bomb about 1,000.
MAX_PACKING_RATIO = 200
# Entries unpacking to less than this may pack as well as they like (a blank sheet packs 100x).
RATIO_FLOOR_BYTES = 1 * MiB
# Levels of nesting in YAML, TOML or XML: code hierarchies are a handful deep, and the
# readers recurse per level (Python stops near 1,000).
MAX_NESTING = 100
# YAML nodes once aliases are expanded ("billion laughs"); 100 dimensions of 500 codes have
# about 400,000.
MAX_YAML_NODES = 1_000_000


def check_size(path: Path, limit: int, what: str) -> None:
    """Refuse a folder given as a file, or a file bigger than `limit` bytes.

    A missing file raises FileNotFoundError, which each reader reports in its own words.
    """
    if path.is_dir():
        raise CodingInputError(f"{path}: a folder, not {what}; name the file")
    size = path.stat().st_size
    if size > limit:
        raise CodingInputError(
            f"{path}: refused: {size:,} bytes is more than the {limit:,} {what} may have"
        )


def read_document(path: Path, what: str, missing: str, encoding: str) -> str:
    """The text of a document file (codebook, transcript) within MAX_DOCUMENT_BYTES.

    `what` names it in a refusal ("a codebook"), `missing` when it is absent ("no such
    codebook file"); text not valid in `encoding` raises UnicodeDecodeError for the reader
    to report in its own words.
    """
    try:
        check_size(path, MAX_DOCUMENT_BYTES, what)
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise CodingInputError(f"{path}: no such {missing}") from None


def check_text(text: str, source: str) -> None:
    """Refuse text holding a NUL character: binary data, or UTF-16 without its byte-order mark."""
    at = text.find("\0")
    if at != -1:
        line = text.count("\n", 0, at) + 1
        raise CodingInputError(
            f"{source}: line {line}: refused: a NUL byte, so this is binary data, not text "
            "(or UTF-16 without a byte-order mark: save it as UTF-8)"
        )


def too_many(source: str, count: int, limit: int, what: str) -> CodingInputError:
    """The error for a file that holds more `what` than `limit`."""
    return CodingInputError(
        f"{source}: refused: more than {limit:,} {what} ({count:,} so far); "
        "split the file, or leave out what is not needed"
    )


def check_cell(source: str, row: int, column: int, value: str) -> None:
    """Refuse a cell of more than MAX_CELL_CHARS characters, naming its row and column."""
    if len(value) > MAX_CELL_CHARS:
        raise CodingInputError(
            f"{source}: row {row}, column {column}: refused: a cell of {len(value):,} "
            f"characters, more than {MAX_CELL_CHARS:,}"
        )


def check_xml_nesting(root: ET.Element, source: str) -> None:
    """Refuse XML whose elements nest deeper than MAX_NESTING levels."""
    level = [root]
    for depth in range(1, MAX_NESTING + 2):
        level = [child for node in level for child in node]
        if not level:
            return
        if depth > MAX_NESTING:
            break
    raise CodingInputError(
        f"{source}: refused: elements nested more than {MAX_NESTING} levels deep"
    )
