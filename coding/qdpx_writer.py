"""Write REFI-QDA projects (.qdpx): text sources, the codebook and codings per coder.

The project opens in ATLAS.ti, NVivo, MAXQDA or QualCoder for coding, and `read_qdpx` reads it
back. Each source is a transcript as `Speaker: text` paragraphs under `sources/`; a coding is a
PlainTextSelection of one coder holding a Coding per code. Codes carry their studykit ids in
their descriptions (refi_codebook.py), so they map back exactly. Output is byte-stable: GUIDs
are derived from names, and the zip has fixed timestamps and member order.
"""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

import pandas as pd

from coding.codebook import Codebook
from coding.qdpx import NAMESPACE, PROJECT_FILE
from coding.refi_codebook import add_codes, code_guid
from coding.transcripts import Turn

CODING_COLUMNS = ["source", "start", "end", "coder", "dimension", "code"]


def render_source(turns: Sequence[Turn]) -> tuple[str, list[tuple[int, int]]]:
    """A transcript as `Speaker: text` paragraphs, and each turn's text span in it."""
    text, spans = "", []
    for turn in turns:
        label = f"{turn.speaker}: " if turn.speaker else ""
        start = len(text) + len(label)
        spans.append((start, start + len(turn.text)))
        text += f"{label}{turn.text}\n\n"
    return text, spans


def qdpx_bytes(
    name: str,
    codebook: Codebook,
    sources: dict[str, str],
    codings: pd.DataFrame,
    *,
    created: str,
) -> bytes:
    """A .qdpx of the sources (name -> text) and codings (CODING_COLUMNS, offsets into text)."""
    missing = [c for c in CODING_COLUMNS if c not in codings.columns]
    if missing:
        raise ValueError(f"codings lack column(s) {missing}")
    unknown = sorted(set(codings["source"]) - set(sources))
    if unknown:
        raise ValueError(f"codings refer to source(s) {unknown} that are not given")
    ET.register_namespace("", NAMESPACE)
    coders = sorted(set(codings["coder"]))
    root = ET.Element(
        _tag("Project"),
        {"name": name, "origin": "studykit", "creationDateTime": created},
    )
    users = ET.SubElement(root, _tag("Users"))
    for coder in coders:
        ET.SubElement(users, _tag("User"), {"guid": _guid("user", coder), "name": coder})
    add_codes(
        ET.SubElement(ET.SubElement(root, _tag("CodeBook")), _tag("Codes")), codebook, NAMESPACE
    )
    holder = ET.SubElement(root, _tag("Sources"))
    members: dict[str, bytes] = {}
    for source, text in sources.items():
        source_guid = _guid("source", source)
        members[f"sources/{source_guid}.txt"] = text.encode("utf-8")
        node = ET.SubElement(
            holder,
            _tag("TextSource"),
            {
                "guid": source_guid,
                "name": source,
                "plainTextPath": f"internal://{source_guid}.txt",
                "creationDateTime": created,
            },
        )
        _selections(node, codebook, source, codings[codings["source"] == source], created)
    ET.indent(root)
    members[PROJECT_FILE] = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    return stable_zip(members)


def _selections(
    node: ET.Element, codebook: Codebook, source: str, codings: pd.DataFrame, created: str
) -> None:
    ordered = codings.sort_values(["start", "end", "coder", "dimension", "code"])
    for (start, end, coder), chosen in ordered.groupby(["start", "end", "coder"], sort=False):
        key = (source, str(start), str(end), str(coder))
        user = _guid("user", str(coder))
        selection = ET.SubElement(
            node,
            _tag("PlainTextSelection"),
            {
                "guid": _guid("selection", *key),
                "startPosition": str(start),
                "endPosition": str(end),
                "creatingUser": user,
                "creationDateTime": created,
            },
        )
        for dimension, code in zip(chosen["dimension"], chosen["code"], strict=True):
            coding = ET.SubElement(
                selection,
                _tag("Coding"),
                {
                    "guid": _guid("coding", *key, dimension, code),
                    "creatingUser": user,
                    "creationDateTime": created,
                },
            )
            ET.SubElement(
                coding, _tag("CodeRef"), {"targetGUID": code_guid(codebook.name, dimension, code)}
            )


def stable_zip(members: dict[str, bytes]) -> bytes:
    """A zip of the members with fixed timestamps, permissions and order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "studykit:qdpx:" + ":".join(parts))).upper()
