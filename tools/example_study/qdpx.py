"""Write interviews/example.qdpx: the six transcripts coded by two coders, as a REFI-QDA project.

SYNTHETIC example data. The sources are the pseudonymised transcripts as studykit reads them
(speaker turns as `Speaker: text` paragraphs, roster names and e-mails redacted); the codings
come from keyword rules on the participants' turns: alice codes the sentence that mentions a
theme, bob the whole turn and, by a seeded habit, misses or adds a neighbouring code now and
then. Deterministic: fixed GUIDs (uuid5), dates and zip timestamps. `generate` calls it after
writing the transcripts.
"""

from __future__ import annotations

import csv
import random
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from coding.codebook import Codebook, Dimension, load_codebook
from coding.pii import find_personal_data, redact
from coding.qdpx_writer import render_source, stable_zip
from coding.transcripts import Turn, read_transcript

NS = "urn:QDA-XML:project:1.0"
STAMP = "2025-10-01T12:00:00Z"
CODERS = ("alice", "bob")

RULES: dict[str, str] = {
    "deployment_targets": r"embedded|edge device|\bboard\b|on the drone|phone|mobile|server",
    "model_conversion": r"onnx|tensorrt|tflite|convert|conversion|export",
    "latency_budget": r"latency|milliseconds|memory|frames per second|fast enough|speed",
    "accuracy_gap": (
        r"points? (?:less|lower|worse|below)|accuracy|\bmap\b|the number from the paper"
    ),
    "silent_errors": r"silent|no error|doesn't crash|didn't crash|without (?:an )?error",
    "layer_comparison": r"layer by layer|layer-by-layer|intermediate|activations?\b",
    "unsupported_operations": r"not supported|unsupported|operator|custom (?:cuda )?kernel",
    "numerical_differences": r"tolerance|numerical|rounding|float|slightly different",
    "framework_migration": r"tensorflow|port(?:ed|ing)? (?:it|the model|to)|keras",
    "custom_preprocessing": r"preprocessing|normali[sz]ation|augmentation|resiz",
    "dataset_formats": r"label format|annotation|coco|format of the labels|labels",
    "data_validation": r"check(?:ing)? the data|data checks|validate the data|corrupt",
    "missing_details": r"not in the paper|doesn't say|undocumented|not documented|detail",
    "nondeterminism": r"seed|nondetermin|non-determin|run to run|variance",
    "compute_cost": r"gpu hours|compute|budget|can't afford|expensive",
    "environment": r"cuda|driver|install|requirements|pinned|container|docker|version",
    "validation_tools": r"compare(?:s)? (?:against|with) (?:a|the) reference|test(?:s)? against",
    "experiment_tracking": r"track|spreadsheet|logging|wandb|mlflow|experiment",
    "debugging_tools": r"debugger|profiler|saliency|visuali[sz]",
    "upstream_communication": r"issue tracker|opened an issue|maintainer|the authors|e-mail",
    "knowledge_transfer": (
        r"hand (?:it )?over|research side|research team|onboard|document(?:ation)? for"
    ),
}


def pseudonymised_turns(path: Path, names: list[str]) -> list[Turn]:
    """The transcript's turns with roster names and contact data redacted."""
    turns = read_transcript(path)
    texts = {str(i): t.text for i, t in enumerate(turns)}
    findings = find_personal_data(texts, names)
    return [
        Turn(t.speaker, redact(t.text, findings[findings["segment_id"] == str(i)]), t.line)
        for i, t in enumerate(turns)
    ]


def coded(text: str) -> list[tuple[str, re.Match[str]]]:
    """The codes whose rule matches the text, with their first match, in codebook order."""
    hits = ((code, re.search(rule, text, re.IGNORECASE)) for code, rule in RULES.items())
    return [(code, match) for code, match in hits if match is not None]


def sentence_around(text: str, position: int) -> tuple[int, int]:
    """The sentence of `text` that holds `position`."""
    starts = [0, *[m.end() for m in re.finditer(r"[.?!]\s+", text)]]
    start = max(s for s in starts if s <= position)
    after = re.search(r"[.?!](\s|$)", text[position:])
    return start, position + after.end() if after else len(text)


def guid(*parts: str) -> str:
    """A stable GUID for a project element."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "studykit-example:" + ":".join(parts))).upper()


def code_elements(parent: ET.Element, dim: Dimension, code: str | None) -> None:
    """The dimension's codes under `parent`, nested as in the codebook."""
    for entry in (c for c in dim.codes if c.parent == code):
        node = ET.SubElement(
            parent, f"{{{NS}}}Code", guid=guid("code", entry.code), name=entry.label
        )
        node.set("isCodable", "true")
        ET.SubElement(node, f"{{{NS}}}Description").text = entry.definition
        code_elements(node, dim, entry.code)


def project(codebook: Codebook, transcripts: dict[str, list[Turn]]) -> tuple[bytes, dict[str, str]]:
    """project.qde and the source texts (file name -> text)."""
    ET.register_namespace("", NS)
    root = ET.Element(
        f"{{{NS}}}Project",
        name="DL re-engineering interviews (synthetic example)",
        # the generator's former path, kept so that the shipped example.qdpx stays byte-identical
        origin="studykit example data/example/make_qdpx.py",
        creatingUserGUID=guid("user", CODERS[0]),
        creationDateTime=STAMP,
    )
    users = ET.SubElement(root, f"{{{NS}}}Users")
    for coder in CODERS:
        ET.SubElement(users, f"{{{NS}}}User", guid=guid("user", coder), name=coder)
    codes = ET.SubElement(ET.SubElement(root, f"{{{NS}}}CodeBook"), f"{{{NS}}}Codes")
    dim = codebook.dimension("theme")
    code_elements(codes, dim, None)
    sources = ET.SubElement(root, f"{{{NS}}}Sources")
    files: dict[str, str] = {}
    habits = random.Random(2025)
    for pid, turns in transcripts.items():
        text, spans = render_source(turns)
        source_guid = guid("source", pid)
        files[f"{source_guid}.txt"] = text
        node = ET.SubElement(
            sources,
            f"{{{NS}}}TextSource",
            guid=source_guid,
            name=pid,
            plainTextPath=f"internal://{source_guid}.txt",
            creatingUser=guid("user", CODERS[0]),
            creationDateTime=STAMP,
        )
        for number, (turn, (start, end)) in enumerate(zip(turns, spans, strict=True)):
            if turn.speaker != pid:
                continue
            for code, match in coded(turn.text):
                a, b = sentence_around(turn.text, match.start())
                select(node, pid, number, "alice", code, start + a, start + b)
                if habits.random() < 0.15:
                    continue
                select(node, pid, number, "bob", code, start, end)
                if habits.random() < 0.08:
                    sibling = [c for c in dim.codes if c.parent == dim.parents()[code]]
                    other = sibling[habits.randrange(len(sibling))].code
                    select(node, pid, number, "bob", other, start, end)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n", files


def select(
    source: ET.Element, pid: str, number: int, coder: str, code: str, start: int, end: int
) -> None:
    """A PlainTextSelection [start, end) of the source coded with `code` by `coder`."""
    key = (pid, str(number), coder, code)
    node = ET.SubElement(
        source,
        f"{{{NS}}}PlainTextSelection",
        guid=guid("selection", *key),
        name=f"{pid} turn {number}",
        startPosition=str(start),
        endPosition=str(end),
        creatingUser=guid("user", coder),
        creationDateTime=STAMP,
    )
    coding = ET.SubElement(
        node,
        f"{{{NS}}}Coding",
        guid=guid("coding", *key),
        creatingUser=guid("user", coder),
        creationDateTime=STAMP,
    )
    ET.SubElement(coding, f"{{{NS}}}CodeRef", targetGUID=guid("code", code))


def write_project(folder: Path) -> None:
    """Write example.qdpx into the interview folder from the transcripts and roster in it."""
    with (folder / "roster.csv").open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    transcripts = {
        path.stem: pseudonymised_turns(path, names)
        for path in sorted(folder.glob("P0*.*"))
        if path.suffix in (".vtt", ".srt", ".docx", ".txt", ".md")
    }
    document, files = project(load_codebook(folder / "codebook.yaml"), transcripts)
    members = {"project.qde": document} | {
        f"sources/{name}": text.encode("utf-8") for name, text in files.items()
    }
    target = folder / "example.qdpx"
    target.write_bytes(stable_zip(members))
    print(f"wrote {target}: {len(transcripts)} sources")
