"""REFI-QDA codebook exchange (.qdc): codebooks to and from ATLAS.ti, NVivo, MAXQDA, QualCoder.

Each dimension becomes a top-level, non-codable code holding its codes. A code's Description
carries its definition and studykit's own lines (`Include:`, `Exclude:`, `Examples:`,
`studykit-code:`), so a studykit codebook survives the round trip exactly and a codebook from
another tool still imports (code ids are then made from the names).
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from coding.codebook import Codebook, Dimension, load_codebook, parse_codebook
from coding.errors import CodingInputError
from coding.file_limits import MAX_DOCUMENT_BYTES, check_size, check_xml_nesting

NAMESPACE = "urn:QDA-XML:codebook:1.0"
_NS = {"q": NAMESPACE}
_LINES = {"Include": "include", "Exclude": "exclude", "Examples": "examples"}
_ID_LINE = "studykit-code: "
_DIMENSION_LINE = "studykit-dimension: "


def codebook_to_qdc(codebook: Codebook) -> bytes:
    """The codebook as REFI-QDA codebook XML, with stable GUIDs derived from the code ids."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}CodeBook", {"origin": "studykit"})
    add_codes(ET.SubElement(root, f"{{{NAMESPACE}}}Codes"), codebook, NAMESPACE)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def add_codes(codes: ET.Element, codebook: Codebook, namespace: str) -> None:
    """Each dimension as a non-codable Code holding its codes, under a `Codes` element.

    `namespace` is the codebook's (a .qdc) or the project's (a .qdpx): the elements are the same.
    """
    for dim in codebook.dimensions:
        node = _code_element(codes, codebook.name, dim.name, "", dim.title, namespace, False)
        flags = f"multi_label={str(dim.multi_label).lower()} scale={dim.scale} " + (
            f"required={str(dim.required).lower()}"
        )
        _description(node, [dim.description, f"{_DIMENSION_LINE}{dim.name} {flags}"], namespace)
        _children(node, codebook.name, dim, None, namespace)


def code_guid(book: str, dimension: str, code: str) -> str:
    """The stable GUID of a code (or, with code "", of a dimension) of a codebook."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"studykit:{book}:{dimension}:{code}")).upper()


def _children(
    parent: ET.Element, book: str, dim: Dimension, code: str | None, namespace: str
) -> None:
    for entry in (c for c in dim.codes if c.parent == code):
        node = _code_element(parent, book, dim.name, entry.code, entry.label, namespace, True)
        lines = [entry.definition]
        lines += [
            f"{key}: {getattr(entry, attr)}"
            for key, attr in _LINES.items()
            if attr != "examples" and getattr(entry, attr)
        ]
        if entry.examples:
            lines.append(f"Examples: {'; '.join(entry.examples)}")
        lines.append(f"{_ID_LINE}{entry.code}")
        _description(node, lines, namespace)
        _children(node, book, dim, entry.code, namespace)


def _code_element(
    parent: ET.Element,
    book: str,
    dimension: str,
    code: str,
    name: str,
    namespace: str,
    codable: bool,
) -> ET.Element:
    attrs = {
        "guid": code_guid(book, dimension, code),
        "name": name,
        "isCodable": str(codable).lower(),
    }
    return ET.SubElement(parent, f"{{{namespace}}}Code", attrs)


def _description(node: ET.Element, lines: list[str], namespace: str) -> None:
    text = "\n".join(line for line in lines if line)
    if text:
        ET.SubElement(node, f"{{{namespace}}}Description").text = text


def qdc_to_codebook(data: bytes, *, source: str, name: str | None = None) -> Codebook:
    """Parse REFI-QDA codebook XML (safely: no external entities) into a codebook."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise CodingInputError(f"{source}: refused unsafe XML ({exc})") from None
    except ET.ParseError as exc:
        raise CodingInputError(f"{source}: not valid XML: {exc}") from None
    check_xml_nesting(root, source)
    codes = root.find("q:Codes", _NS)
    if root.tag != f"{{{NAMESPACE}}}CodeBook" or codes is None:
        raise CodingInputError(f"{source}: not a REFI-QDA codebook (no CodeBook/Codes)")
    dimensions = [_dimension(node, source) for node in codes.findall("q:Code", _NS)]
    document = {"name": name or Path(source).stem, "dimensions": dimensions}
    return parse_codebook(document, source=source)


def read_qdc(path: Path) -> Codebook:
    """Read a .qdc file into a codebook."""
    try:
        check_size(path, MAX_DOCUMENT_BYTES, "a codebook")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CodingInputError(f"{path}: no such codebook file") from None
    return qdc_to_codebook(data, source=str(path))


def read_any_codebook(path: Path) -> Codebook:
    """Read a codebook from YAML, or from a REFI-QDA .qdc by its suffix."""
    return read_qdc(path) if path.suffix.lower() == ".qdc" else load_codebook(path)


def _dimension(node: ET.Element, source: str) -> dict[str, Any]:
    text, fields = _parse_description(node)
    spec = fields.pop("dimension", "")
    parts = spec.split()
    name = parts[0] if parts else _slug(node.get("name", ""))
    flags = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    codes = [_code(child) for child in node.findall("q:Code", _NS)]
    if not codes:
        codes = [_code(node)]
        name = _slug(node.get("name", "")) + "_codes"
    return {
        "name": name,
        "title": node.get("name", name),
        "description": text,
        "multi_label": flags.get("multi_label", "true") == "true",
        "scale": flags.get("scale", "nominal"),
        "required": flags.get("required", "false") == "true",
        "codes": codes,
    }


def _code(node: ET.Element) -> dict[str, Any]:
    text, fields = _parse_description(node)
    entry: dict[str, Any] = {
        "code": fields.pop("code", "") or _slug(node.get("name", "")),
        "label": node.get("name", ""),
        "definition": text,
    }
    if "examples" in fields:
        entry["examples"] = [e.strip() for e in fields.pop("examples").split(";") if e.strip()]
    entry.update(fields)
    children = [_code(child) for child in node.findall("q:Code", _NS)]
    if children:
        entry["children"] = children
    return entry


def _parse_description(node: ET.Element) -> tuple[str, dict[str, str]]:
    element = node.find("q:Description", _NS)
    lines = (element.text or "").splitlines() if element is not None else []
    fields: dict[str, str] = {}
    kept = []
    for line in lines:
        if line.startswith(_ID_LINE):
            fields["code"] = line[len(_ID_LINE) :].strip()
        elif line.startswith(_DIMENSION_LINE):
            fields["dimension"] = line[len(_DIMENSION_LINE) :].strip()
        elif (key := line.split(":", 1)[0]) in _LINES and ":" in line:
            fields[_LINES[key]] = line.split(":", 1)[1].strip()
        else:
            kept.append(line)
    return "\n".join(kept).strip(), fields


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return slug if slug and slug[0].isalpha() else f"c_{slug}"
