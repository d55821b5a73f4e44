"""REFI-QDA .qdc codebooks: an exact round trip, other tools' files, and unsafe XML refused."""

from pathlib import Path

import pytest

from coding.codebook import codebook_document, parse_codebook
from coding.errors import CodingInputError
from coding.refi_codebook import codebook_to_qdc, qdc_to_codebook
from tests.support.codebooks import small_codebook
from tests.support.paths import EXAMPLE


def test_round_trip_is_exact_for_the_example_codebook() -> None:
    from coding.codebook import load_codebook

    book = load_codebook(EXAMPLE / "codebook.yaml")
    again = qdc_to_codebook(codebook_to_qdc(book), source="x.qdc", name=book.name)
    assert again.content_hash == book.content_hash
    assert again.dimension("symptom").multi_label
    assert again.dimension("discovery_stage").scale == "ordinal"
    first = book.dimension("defect_type").codes[1]
    assert again.dimension("defect_type").codes[1] == first


def test_the_xml_is_stable_and_namespaced() -> None:
    xml = codebook_to_qdc(small_codebook())
    assert xml == codebook_to_qdc(small_codebook())
    assert b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"' in xml
    assert b'name="API defect" isCodable="true"' in xml


def test_a_codebook_from_another_tool_imports_with_ids_from_names() -> None:
    xml = b"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="6B2A0C4E-0000-0000-0000-000000000001" name="Challenges" isCodable="false">
      <Code guid="6B2A0C4E-0000-0000-0000-000000000002" name="Model operationalization"
            isCodable="true"><Description>Turning a paper into code.</Description></Code>
      <Code guid="6B2A0C4E-0000-0000-0000-000000000003" name="2nd: Performance debugging"
            isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>"""
    book = qdc_to_codebook(xml, source="atlas.qdc")
    dim = book.dimension("challenges")
    assert dim.names() == ["model_operationalization", "c_2nd_performance_debugging"]
    assert dim.codes[0].definition == "Turning a paper into code."
    assert dim.multi_label
    assert parse_codebook(codebook_document(book)).content_hash == book.content_hash


def test_external_entities_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file://{secret}">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="1" name="&x;" isCodable="true"/></Codes></CodeBook>""".encode()
    with pytest.raises(CodingInputError, match=r"evil\.qdc: refused unsafe XML"):
        qdc_to_codebook(xml, source="evil.qdc")


def test_not_a_codebook() -> None:
    with pytest.raises(CodingInputError, match="not a REFI-QDA codebook"):
        qdc_to_codebook(b"<Project/>", source="p.qdc")
    with pytest.raises(CodingInputError, match="not valid XML"):
        qdc_to_codebook(b"<CodeBook", source="p.qdc")
