"""Small REFI-QDA projects for tests, including malicious ones."""

import zipfile
from pathlib import Path

NS = "urn:QDA-XML:project:1.0"
TEXT = (
    "Interviewer: Why?\n\nP01: Because the ONNX export broke.\n\n"
    "Interviewer: And then?\n\nP01: We pinned the CUDA version.\n"
)


def project_xml(*, code_name: str = "Model conversion", doctype: str = "", source: str = "") -> str:
    """A project with one source (P01), two users and codings on both P01 turns."""
    start = TEXT.index("Because")
    later = TEXT.index("We pinned")
    source = source or 'plainTextPath="internal://p01.txt"'
    return f"""<?xml version="1.0" encoding="utf-8"?>
{doctype}<Project xmlns="{NS}" name="t">
  <Users><User guid="U1" name="ann"/><User guid="U2" name="ben"/></Users>
  <CodeBook><Codes>
    <Code guid="C1" name="{code_name}" isCodable="true"/>
    <Code guid="C2" name="Environment and dependencies" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="S1" name="P01" {source}>
      <PlainTextSelection guid="A" startPosition="{start}" endPosition="{start + 10}"
          creatingUser="U1">
        <Coding guid="A1" creatingUser="U1"><CodeRef targetGUID="C1"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="B" startPosition="0" endPosition="{len(TEXT)}" creatingUser="U2">
        <Coding guid="B1" creatingUser="U2"><CodeRef targetGUID="C1"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="C" startPosition="{later}" endPosition="{later + 5}"
          creatingUser="U1">
        <Coding guid="C1x" creatingUser="U1"><CodeRef targetGUID="C2"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""


def write_qdpx(path: Path, xml: str, *, extra: dict[str, bytes] | None = None) -> Path:
    """A .qdpx with project.qde, the source text, and any extra members."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr("sources/p01.txt", TEXT)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


XXE = '<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
