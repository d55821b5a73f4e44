"""REFI-QDA projects (.qdpx): text sources and their codings per coder, read safely.

A .qdpx is a zip holding `project.qde` (XML, namespace urn:QDA-XML:project:1.0) and the
sources under `sources/`. Every entry name is checked before anything is read: a name that
would land outside the project folder (absolute, `..`, a drive, a symlink) refuses the whole
file, as do declared sizes beyond the limits (safe_zip.py) and damaged entries; the XML is
parsed with defusedxml, refusing DTDs and entities (no external entities).
"""

from __future__ import annotations

import stat
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from coding.codebook import Codebook
from coding.errors import CodingInputError
from coding.safe_zip import open_zip, read_entry
from coding.transcripts import Turn

NAMESPACE = "urn:QDA-XML:project:1.0"
_NS = {"q": NAMESPACE}
PROJECT_FILE = "project.qde"
CODING_COLUMNS = ["source", "start", "end", "coder", "code_guid"]
_ID_LINE = "studykit-code: "


@dataclass(frozen=True)
class QdaCode:
    """A code of the project's codebook: its name, description and whether it can be coded."""

    guid: str
    name: str
    description: str
    codable: bool


@dataclass(frozen=True)
class QdaProject:
    """What studykit takes from a REFI-QDA project: codes, text sources and codings."""

    name: str
    codes: dict[str, QdaCode]
    sources: dict[str, str]
    codings: pd.DataFrame


def check_entry_names(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse an archive with an entry that would escape its folder, or a symlink."""
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        escapes = (
            name.startswith("/")
            or (len(name) > 1 and name[1] == ":")
            or ".." in parts
            or stat.S_ISLNK(info.external_attr >> 16)
        )
        if escapes:
            raise CodingInputError(
                f"{source}: refused: archive entry {info.filename!r} would be written outside "
                "the project folder (path traversal); nothing was imported"
            )


def parse_xml(data: bytes, source: str) -> ET.Element:
    """Parse XML without DTDs, entities or external references."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise CodingInputError(
            f"{source}: refused unsafe XML: {exc} (DTDs and entities, which can read local "
            "files, are not allowed); nothing was imported"
        ) from None
    except ET.ParseError as exc:
        raise CodingInputError(f"{source}: not valid XML: {exc}") from None


def read_qdpx(path: Path) -> QdaProject:
    """Read a .qdpx project's codes, text sources and codings; refuse unsafe archives."""
    try:
        archive = open_zip(path, "REFI-QDA project (.qdpx)")
    except FileNotFoundError:
        raise CodingInputError(f"{path}: no such REFI-QDA project") from None
    with archive:
        check_entry_names(archive, str(path))
        names = {info.filename.replace("\\", "/"): info.filename for info in archive.infolist()}
        if PROJECT_FILE not in names:
            raise CodingInputError(f"{path}: no {PROJECT_FILE} in the archive")
        where = f"{path}: {PROJECT_FILE}"
        root = parse_xml(read_entry(archive, names[PROJECT_FILE], where), where)
        if root.tag != f"{{{NAMESPACE}}}Project":
            raise CodingInputError(f"{where}: not a REFI-QDA project (root is {root.tag!r})")
        users = {u.get("guid", ""): u.get("name", "") for u in root.iterfind(".//q:User", _NS)}
        codes = {
            c.get("guid", ""): QdaCode(
                c.get("guid", ""),
                c.get("name", ""),
                (c.findtext("q:Description", "", _NS) or "").strip(),
                c.get("isCodable", "true") == "true",
            )
            for c in root.iterfind(".//q:CodeBook//q:Code", _NS)
        }
        sources: dict[str, str] = {}
        rows: list[dict[str, object]] = []
        for node in root.iterfind(".//q:Sources/q:TextSource", _NS):
            name = node.get("name", "")
            sources[name] = _source_text(node, archive, names, where)
            for selection in node.iterfind("q:PlainTextSelection", _NS):
                rows += _codings(selection, name, users, codes, sources[name], where)
    return QdaProject(
        root.get("name", path.stem), codes, sources, pd.DataFrame(rows, columns=CODING_COLUMNS)
    )


def _source_text(
    node: ET.Element, archive: zipfile.ZipFile, names: dict[str, str], where: str
) -> str:
    inline = node.find("q:PlainTextContent", _NS)
    if inline is not None:
        return inline.text or ""
    reference = node.get("plainTextPath", "")
    if not reference.startswith("internal://"):
        raise CodingInputError(
            f"{where}: source {node.get('name')!r} refers to {reference!r} outside the project; "
            "export the project with its sources embedded"
        )
    member = f"sources/{reference.removeprefix('internal://')}"
    if member not in names:
        raise CodingInputError(f"{where}: source {node.get('name')!r}: {member} is missing")
    try:
        return read_entry(archive, names[member], f"{where}: {member}").decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodingInputError(f"{where}: {member} is not UTF-8 text ({exc.reason})") from None


def _codings(
    selection: ET.Element,
    source: str,
    users: dict[str, str],
    codes: dict[str, QdaCode],
    text: str,
    where: str,
) -> list[dict[str, object]]:
    label = f"{where}: selection {selection.get('guid')!r} of {source!r}"
    try:
        start = int(selection.get("startPosition", ""))
        end = int(selection.get("endPosition", ""))
    except ValueError:
        raise CodingInputError(f"{label}: startPosition/endPosition are not numbers") from None
    if not 0 <= start <= end <= len(text):
        raise CodingInputError(f"{label}: positions {start}-{end} lie outside the source")
    rows = []
    for coding in selection.iterfind("q:Coding", _NS):
        target = coding.find("q:CodeRef", _NS)
        guid = target.get("targetGUID", "") if target is not None else ""
        if guid not in codes:
            raise CodingInputError(f"{label}: refers to code {guid!r}, not in the codebook")
        user = coding.get("creatingUser") or selection.get("creatingUser") or ""
        rows.append(
            {
                "source": source,
                "start": start,
                "end": end,
                "coder": users.get(user, user or "unknown"),
                "code_guid": guid,
            }
        )
    return rows


def map_codes(project: QdaProject, codebook: Codebook, source: str) -> dict[str, tuple[str, str]]:
    """Each used code's (dimension, code) in the study codebook, by studykit id, code or label."""
    used = set(project.codings["code_guid"])
    mapped: dict[str, tuple[str, str]] = {}
    unknown = []
    for guid in sorted(used):
        code = project.codes[guid]
        wanted = next(
            (
                line[len(_ID_LINE) :].strip()
                for line in code.description.splitlines()
                if line.startswith(_ID_LINE)
            ),
            code.name,
        )
        hit = next(((d.name, c) for d in codebook.dimensions if (c := d.resolve(wanted))), None)
        if hit is None:
            unknown.append(code.name)
        else:
            mapped[guid] = hit
    if unknown:
        raise CodingInputError(
            f"{source}: code(s) {', '.join(map(repr, sorted(unknown)))} are not in the codebook "
            f"{codebook.source}; add them (or rename them in the QDA tool) and import again"
        )
    return mapped


def selected_turns(turns: list[Turn], start: int, end: int) -> list[int]:
    """Indexes of the turns whose text span overlaps the selection [start, end)."""
    return [
        i
        for i, turn in enumerate(turns)
        if turn.span is not None and turn.span[0] < max(end, start + 1) and start < turn.span[1]
    ]
