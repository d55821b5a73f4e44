"""Hostile files made by code, for the malformed-input tests: damaged and lying zips, bombs
that declare their huge sizes instead of having them, sheets and documents of each kind."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook

from tests.support.qdpx_files import project_xml, write_qdpx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SPARSE_BYTES = 300 * 1024 * 1024


# --- zip archives made hostile ------------------------------------------------------------


def zip_bytes(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of the members, in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    """The members of a zip in memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def patch_member(
    data: bytes, name: str, *, size: int | None = None, crc: int | None = None
) -> bytes:
    """The zip with one member's declared uncompressed size and/or CRC-32 overwritten."""
    raw = bytearray(data)
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + name_length].decode() == name:
            local = struct.unpack_from("<I", raw, at + 42)[0]
            for field, value in ((16, crc), (24, size)):
                if value is not None:
                    struct.pack_into("<I", raw, at + field, value)
                    struct.pack_into("<I", raw, local + field - 2, value)
            return bytes(raw)
        at = raw.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"no member {name}")


def corrupt_deflate(data: bytes, name: str) -> bytes:
    """The zip with the start of one member's compressed data overwritten by junk."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start : start + 8] = b"\xff" * 8
    return bytes(raw)


def lying_bomb(data: bytes, name: str) -> bytes:
    """The zip with one member replaced by 8 MB of zeros that declares it holds 100 bytes."""
    members = members_of(data)
    members[name] = b"\0" * (8 * 1024 * 1024)
    return patch_member(zip_bytes(members), name, size=100)


def huge_declared(data: bytes, name: str) -> bytes:
    """The zip with one member declaring nearly 4 GB (its real, tiny content unchanged)."""
    return patch_member(data, name, size=0xF0000000)


# --- files of each kind -------------------------------------------------------------------


def qdpx_bytes(tmp: Path) -> bytes:
    """A valid small REFI-QDA project."""
    return write_qdpx(tmp / "valid.qdpx", project_xml()).read_bytes()


def xlsx_bytes() -> bytes:
    """A valid small labelling workbook (item_id, rater, round, theme)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["id", "title", "theme"], ["P04-0002", "a", "b"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_xml(rows: str, dimension: str = "") -> bytes:
    """A worksheet part with the given rows (and a declared dimension)."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{declared}<sheetData>{rows}</sheetData></worksheet>'.encode()


def text_cell(ref: str, text: str) -> str:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_with_sheet(xml: bytes) -> bytes:
    """The valid workbook with its first sheet replaced."""
    members = members_of(xlsx_bytes())
    members["xl/worksheets/sheet1.xml"] = xml
    return zip_bytes(members)


def millions_of_rows() -> bytes:
    """A sheet that declares 5,000,000 rows of 16,384 columns and holds two rows."""
    rows = f'<row r="1">{text_cell("A1", "id")}</row>'
    rows += f'<row r="5000000">{text_cell("A5000000", "x")}</row>'
    return xlsx_with_sheet(sheet_xml(rows, "A1:XFD5000000"))


def wide_rows() -> bytes:
    """2,000 rows that each reach column XFD (16,384): 32 million cells to fill in."""
    rows = "".join(
        f'<row r="{n}">{text_cell(f"A{n}", "id" if n == 1 else str(n))}'
        f"{text_cell(f'XFD{n}', 'x')}</row>"
        for n in range(1, 2001)
    )
    return xlsx_with_sheet(sheet_xml(rows))


def docx_bytes(document: bytes) -> bytes:
    """A minimal Word document with the given main part."""
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    return zip_bytes(
        {
            "[Content_Types].xml": types.encode(),
            "_rels/.rels": rels.encode(),
            "word/document.xml": document,
        }
    )


def word_document(body: str, doctype: str = "") -> bytes:
    """A document.xml with paragraphs of text."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in body.split("\n"))
    return (
        f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{WORD}"><w:body>{paragraphs}'
        "</w:body></w:document>"
    ).encode()


ENTITY_BOMB = (
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)
BILLION_LAUGHS = (
    "name: x\ndimensions:\n  - name: d\n    codes: [{code: c}]\n    description:\n"
    '      - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(
        f"      - &{c} [{', '.join(['*' + p] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
)


def csv_row_of(columns: int, first: str = "participant_id") -> str:
    """A header and a row of `columns` columns."""
    header = ",".join([first, "role"] + [f"c{i}" for i in range(columns - 2)])
    return header + "\n" + ",".join(["P09", "x"] + ["1"] * (columns - 2)) + "\n"


def sparse(path: Path) -> None:
    """A 300 MB file of zero bytes that takes no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(SPARSE_BYTES)


def gzip_bomb_page(size: int) -> bytes:
    """A gzip archive page whose JSON unpacks to more than `size` bytes, packed in chunks."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    parts = [packer.compress(b'{"url": "u", "body": "')]
    parts += [packer.compress(chunk) for _ in range(size // len(chunk) + 1)]
    parts.append(packer.compress(b'"}') + packer.flush())
    return b"".join(parts)
