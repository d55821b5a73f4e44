"""Reading REFI-QDA projects: codings per coder, unsafe archives and XML refused."""

from pathlib import Path

import pytest

from coding.codebook import load_codebook
from coding.errors import CodingInputError
from coding.qdpx import map_codes, read_qdpx, selected_turns
from coding.transcripts import parse_plain
from tests.support.paths import EXAMPLE
from tests.support.qdpx_files import TEXT, XXE, project_xml, write_qdpx

CODEBOOK = load_codebook(EXAMPLE / "interviews" / "codebook.yaml")


def test_example_project_has_six_sources_and_two_coders() -> None:
    project = read_qdpx(EXAMPLE / "interviews" / "example.qdpx")
    assert sorted(project.sources) == ["P01", "P02", "P03", "P04", "P05", "P06"]
    assert sorted(set(project.codings["coder"])) == ["alice", "bob"]
    mapped = map_codes(project, CODEBOOK, "example.qdpx")
    assert {dim for dim, _ in mapped.values()} == {"theme"}


def test_selections_map_to_the_turns_they_overlap(tmp_path: Path) -> None:
    project = read_qdpx(write_qdpx(tmp_path / "t.qdpx", project_xml()))
    turns = parse_plain(project.sources["P01"], "P01")
    rows = project.codings.sort_values(["coder", "start"]).to_dict("records")
    assert [(r["coder"], selected_turns(turns, r["start"], r["end"])) for r in rows] == [
        ("ann", [1]),
        ("ann", [3]),
        ("ben", [0, 1, 2, 3]),
    ]
    mapped = map_codes(project, CODEBOOK, "t.qdpx")
    assert sorted(mapped.values()) == [("theme", "environment"), ("theme", "model_conversion")]


@pytest.mark.parametrize(
    "member",
    ["../evil.txt", "/etc/evil.txt", "sources/../../evil.txt", "C:/evil.txt", "..\\evil.txt"],
)
def test_path_traversal_refuses_the_whole_archive(tmp_path: Path, member: str) -> None:
    path = write_qdpx(tmp_path / "bad.qdpx", project_xml(), extra={member: b"x"})
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(CodingInputError, match="path traversal") as caught:
        read_qdpx(path)
    assert "bad.qdpx" in str(caught.value) and "nothing was imported" in str(caught.value)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_external_entities_are_refused(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "xxe.qdpx", project_xml(code_name="&secret;", doctype=XXE))
    with pytest.raises(CodingInputError, match=r"xxe.qdpx: project.qde: refused unsafe XML"):
        read_qdpx(path)


def test_other_broken_projects(tmp_path: Path) -> None:
    outside = write_qdpx(
        tmp_path / "ext.qdpx", project_xml(source='plainTextPath="file:///home/me/P01.txt"')
    )
    with pytest.raises(CodingInputError, match="outside the project"):
        read_qdpx(outside)
    unknown = read_qdpx(write_qdpx(tmp_path / "u.qdpx", project_xml(code_name="Vibes")))
    with pytest.raises(CodingInputError, match="'Vibes' are not in the codebook"):
        map_codes(unknown, CODEBOOK, "u.qdpx")
    (tmp_path / "not.qdpx").write_text("hello")
    with pytest.raises(CodingInputError, match="is a zip file"):
        read_qdpx(tmp_path / "not.qdpx")
    bad_xml = write_qdpx(tmp_path / "x.qdpx", "<Project")
    with pytest.raises(CodingInputError, match="not valid XML"):
        read_qdpx(bad_xml)
    assert TEXT.startswith("Interviewer")


def test_a_damaged_source_is_refused_naming_it(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "d.qdpx", project_xml())
    path.write_bytes(path.read_bytes().replace(b"pinned", b"pinnex"))  # stored: CRC now wrong
    with pytest.raises(CodingInputError, match=r"d\.qdpx: .*sources/p01\.txt: damaged archive"):
        read_qdpx(path)


def test_an_entry_declaring_more_than_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coding.safe_zip.MAX_UNPACKED_BYTES", 1000)
    path = write_qdpx(tmp_path / "big.qdpx", project_xml(), extra={"sources/big.txt": b"x" * 2000})
    with pytest.raises(CodingInputError, match=r"big\.qdpx: refused: the archive unpacks to more"):
        read_qdpx(path)
