"""Issue 11 item 1: a header that occurs twice is never picked by name; letters and positions."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coding.errors import CodingInputError
from coding.label_import import LabelSpec, table_labels
from coding.label_map import LabelCoder
from coding.tables import read_table
from studykit import Study
from studykit.cli import app

SHEET = "id,Reviewer 1,Reviewer 2,Reviewer 2,Final,Notes,Final\n1,a,b,c,x,n,y\n2,d,e,f,z,n,w\n"


def _table(tmp_path: Path, text: str = SHEET):
    path = tmp_path / "labels.csv"
    path.write_text(text)
    return read_table(path)


def _labels(tmp_path: Path, spec: LabelSpec, text: str = SHEET):
    return table_labels(_table(tmp_path, text), spec, LabelCoder.build())


def test_a_rater_heading_that_occurs_twice_is_refused_with_both_places(tmp_path: Path) -> None:
    spec = LabelSpec(dimension="d", raters=(("r3", "Reviewer 2"),), item="id")
    with pytest.raises(CodingInputError) as caught:
        _labels(tmp_path, spec)
    message = str(caught.value)
    assert "'Reviewer 2' occurs in columns 3 (C) and 4 (D)" in message
    assert "--rater r3=C or --rater r3=3" in message


def test_a_final_column_that_occurs_twice_is_refused(tmp_path: Path) -> None:
    spec = LabelSpec(dimension="d", final="Final", item="id")
    with pytest.raises(CodingInputError, match=r"'Final' occurs in columns 5 \(E\) and 7 \(G\): "
                       r"name one by letter or position, e.g. --final E or --final 5"):  # fmt: skip
        _labels(tmp_path, spec)


def test_headers_equal_after_tolerant_matching_are_duplicates_too(tmp_path: Path) -> None:
    spec = LabelSpec(dimension="d", final="final tag", item="id")
    with pytest.raises(CodingInputError, match=r"occurs in columns 2 \(B\) and 3 \(C\)"):
        _labels(tmp_path, spec, "id,Final Tag,FINAL_TAG\n1,x,y\n")


def test_letters_and_positions_name_each_of_the_duplicates(tmp_path: Path) -> None:
    spec = LabelSpec(dimension="d", raters=(("r2", "C"), ("r3", "4")), final="#g", item="A")
    found = _labels(tmp_path, spec)
    codings = found.codings[["item_id", "rater", "code"]].values.tolist()
    assert codings == [["1", "r2", "b"], ["1", "r3", "c"], ["2", "r2", "e"], ["2", "r3", "f"]]
    assert found.consensus["code"].tolist() == ["y", "w"]


def test_a_header_that_reads_like_a_letter_is_refused_unless_marked(tmp_path: Path) -> None:
    text = "id,A,B\n1,x,y\n"
    spec = LabelSpec(dimension="d", raters=(("ann", "A"),), item="id")
    with pytest.raises(CodingInputError, match=r"'A' is both column A .* write #A .* name:A"):
        _labels(tmp_path, spec, text)
    by_name = LabelSpec(dimension="d", raters=(("ann", "name:A"),), item="id")
    assert _labels(tmp_path, by_name, text).codings["code"].tolist() == ["x"]
    by_place = LabelSpec(dimension="d", raters=(("ann", "#A"),), item="#1")
    assert _labels(tmp_path, by_place, text).codings["code"].tolist() == ["1"]


def test_a_letter_beyond_the_table_is_refused_with_its_width(tmp_path: Path) -> None:
    spec = LabelSpec(dimension="d", raters=(("ann", "#Z"),), item="id")
    with pytest.raises(
        CodingInputError, match=r"no column Z \(number 26\).* 7 column\(s\), A to G"
    ):
        _labels(tmp_path, spec)


def test_a_missing_column_among_many_names_only_the_closest(tmp_path: Path) -> None:
    header = ",".join(f"Question about topic number {n} " + "x" * 150 for n in range(53))
    table = _table(tmp_path, "id," + header + "\n1" + ",a" * 53 + "\n")
    with pytest.raises(CodingInputError) as caught:
        table.column("Tag2")
    message = str(caught.value)
    assert "no column 'Tag2'" in message and "54 columns; the closest:" in message
    assert len(message) < 400


def test_the_command_line_and_the_manifest_name_columns_by_letter(tmp_path: Path) -> None:
    (tmp_path / "labels.csv").write_text(SHEET)
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "t"\ndatabase = "sqlite:///s.sqlite"\n')
    runner = CliRunner()
    result = runner.invoke(app, ["import", "labels", str(tmp_path / "labels.csv"), "--item", "id",
                                 "--dimension", "d", "--rater", "r3=Reviewer 2", "--round", "1",
                                 "--study", str(manifest)])  # fmt: skip
    assert result.exit_code == 2 and "occurs in columns 3 (C) and 4 (D)" in result.stderr
    manifest.write_text(
        manifest.read_text() + '[[imports]]\nwhat = "labels"\nfile = "labels.csv"\nitem = "id"\n'
        'dimension = "d"\nraters = { r2 = "C", r3 = "D" }\nfinal = "G"\n'
    )
    result = runner.invoke(app, ["import", "--study", str(manifest)])
    assert result.exit_code == 0, result.stderr
    assert "rater r3: took column 'Reviewer 2' (D)" in result.stdout
    opened = Study.open(manifest)
    assert sorted(opened.table("codings")["code"]) == ["b", "c", "e", "f"]
    assert sorted(opened.table("consensus")["code"]) == ["w", "y"]
