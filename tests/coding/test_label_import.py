"""Labels others produced: column matching, label normalisation, mappings, every table shape."""

from pathlib import Path

import pytest

from coding.codebook import parse_codebook
from coding.columns import find_column
from coding.errors import CodingInputError
from coding.item_import import table_items
from coding.label_import import LabelSpec, table_labels
from coding.label_map import LabelCoder, load_label_map, normalise_label
from coding.tables import read_table

CODEBOOK = parse_codebook(
    {
        "name": "t",
        "dimensions": [
            {
                "name": "symptom",
                "codes": [
                    {"code": "crash", "label": "Crash"},
                    {"code": "accuracy", "label": "Accuracy below expectations"},
                ],
            }
        ],
    }
)


def csv(tmp_path: Path, text: str, name: str = "labels.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("wanted", "names", "found"),
    [
        ("Final Tag", ["FINAL TAG", "Link"], "FINAL TAG"),
        ("final_tag", ["Final tag"], "Final tag"),
        ("Conflict", ["Conflicts"], "Conflicts"),
        ("Taxonomy Category", ["Taxonomy Cat"], "Taxonomy Cat"),
        ("same code", ["Same Code?"], "Same Code?"),
    ],
)
def test_column_names_drift_in_case_spacing_plural_and_abbreviation(
    wanted: str, names: list[str], found: str
) -> None:
    assert find_column(names, wanted) == found


def test_an_unknown_or_ambiguous_column_is_an_error_that_lists_the_columns() -> None:
    with pytest.raises(CodingInputError, match=r"no column 'Tag2'.*'Tag1'"):
        find_column(["Evaluator2", "Tag1", "Tag3"], "Tag2", where="round_2.xlsx")
    with pytest.raises(CodingInputError, match="ambiguous"):
        find_column(["Tag", "tag "], "TAG")


def test_labels_compare_case_and_whitespace_insensitively() -> None:
    assert normalise_label("  Data   Pipeline ") == normalise_label("data pipeline")


def test_a_wide_table_gives_each_rater_codings_and_the_final_label(tmp_path: Path) -> None:
    path = csv(tmp_path, "id,A,B,Final\n1,Crash,crash ,CRASH\n2,Accuracy below expectations,-,\n")
    coder = LabelCoder.build(("-",), codebook=CODEBOOK)
    spec = LabelSpec(dimension="symptom", raters=(("ann", "name:A"), ("bob", "name:B")),
                     final="Final", item="id", round="2")  # fmt: skip
    found = table_labels(read_table(path), spec, coder)
    assert found.codings[["item_id", "rater", "code"]].values.tolist() == [
        ["1", "ann", "crash"], ["1", "bob", "crash"], ["2", "ann", "accuracy"],
    ]  # fmt: skip
    assert found.codings["note"].tolist() == ["Crash", "crash ", "Accuracy below expectations"]
    assert set(found.codings["round"]) == {"2"}
    assert found.consensus[["item_id", "code"]].values.tolist() == [["1", "crash"]]
    assert ("rater ann", "A") in found.taken


def test_long_pairs_name_the_rater_beside_the_label(tmp_path: Path) -> None:
    path = csv(tmp_path, "Link,Evaluator1,Tag1,Evaluator2,Tag2\nu1,E1,wrong shape,E5,Wrong  Shape\n"
                         "u2,E2,generic,E3,\n")  # fmt: skip
    spec = LabelSpec(dimension="tag", long=(("Evaluator1", "Tag1"), ("Evaluator2", "Tag2")),
                     item="Link")  # fmt: skip
    found = table_labels(read_table(path), spec, LabelCoder.build())
    assert found.codings[["item_id", "rater", "code"]].values.tolist() == [
        ["u1", "E1", "wrong shape"], ["u1", "E5", "wrong shape"], ["u2", "E2", "generic"],
    ]  # fmt: skip


def test_a_label_without_a_rater_name_is_an_error_naming_row_and_column(tmp_path: Path) -> None:
    path = csv(tmp_path, "Link,Evaluator1,Tag1\nu1,,shape\n")
    spec = LabelSpec(dimension="tag", long=(("Evaluator1", "Tag1"),), item="Link")
    with pytest.raises(CodingInputError, match=r"row 2, column 'Evaluator1'.*no rater name"):
        table_labels(read_table(path), spec, LabelCoder.build())


def test_one_raters_sheet_with_a_column_per_dimension(tmp_path: Path) -> None:
    path = csv(tmp_path, "Issue #,Impacts,Stage\n48,Crash,Training\n48,,N/A\n")
    spec = LabelSpec(columns=(("symptom", "impacts"), ("stage", "STAGE")), rater="r1")
    found = table_labels(read_table(path), spec, LabelCoder.build(("N/A",), codebook=CODEBOOK))
    assert found.items == ["1", "2"]
    assert found.codings[["item_id", "dimension", "code"]].values.tolist() == [
        ["1", "symptom", "crash"], ["1", "stage", "training"],
    ]  # fmt: skip
    assert found.consensus.empty


def test_final_labels_only_give_a_consensus_only_dataset(tmp_path: Path) -> None:
    path = csv(tmp_path, "Reporter,Stage\nRe-user,Environment\nAdaptor,Training\n")
    spec = LabelSpec(columns=(("reporter", "Reporter"), ("stage", "Stage")), item_prefix="d-")
    found = table_labels(read_table(path), spec, LabelCoder.build())
    assert found.codings.empty
    assert found.consensus["item_id"].tolist() == ["d-1", "d-1", "d-2", "d-2"]
    spec = LabelSpec(dimension="reporter", final="Reporter")
    assert len(table_labels(read_table(path), spec, LabelCoder.build()).consensus) == 2


def test_the_file_row_pseudo_column_holds_each_rows_number(tmp_path: Path) -> None:
    path = csv(tmp_path, "Issue #,Stage\n48,Training\n\n50,Modeling\n")
    spec = LabelSpec(columns=(("stage", "Stage"), ("row", "@file_row")), rater="r1")
    found = table_labels(read_table(path), spec, LabelCoder.build())
    rows = found.codings[found.codings["dimension"] == "row"]
    assert rows[["item_id", "code"]].values.tolist() == [["1", "2"], ["2", "4"]]


def test_the_text_none_is_a_label_unless_it_is_listed_as_missing(tmp_path: Path) -> None:
    path = csv(tmp_path, "id,A\n1,None\n2,-\n")
    spec = LabelSpec(dimension="d", raters=(("ann", "name:A"),), item="id")
    kept = table_labels(read_table(path), spec, LabelCoder.build(("-",)))
    assert kept.codings["code"].tolist() == ["none"]
    dropped = table_labels(read_table(path), spec, LabelCoder.build(("-", "None")))
    assert dropped.codings.empty


def test_a_repeated_item_id_is_refused_with_both_rows(tmp_path: Path) -> None:
    path = csv(tmp_path, "Issue #,A\n42,x\n42,y\n")
    spec = LabelSpec(dimension="d", raters=(("ann", "name:A"),), item="Issue #")
    with pytest.raises(CodingInputError, match=r"row 3.*'42' again \(first on row 2\).*@row"):
        table_labels(read_table(path), spec, LabelCoder.build())


def test_a_mapping_file_maps_free_text_and_lists_what_it_could_not_map(tmp_path: Path) -> None:
    mapping = load_label_map(
        csv(
            tmp_path,
            "raw;code;dimension\nBad Performance (lower accuracy);accuracy;symptom\n"
            "not mentioned;;\n",
            "map.csv",
        )
    )
    coder = LabelCoder.build(mapping=mapping, codebook=CODEBOOK)
    path = csv(
        tmp_path, "id,A\n1,bad performance  (lower accuracy)\n2,Not Mentioned\n3,Hang\n4,hang\n"
    )
    spec = LabelSpec(dimension="symptom", raters=(("ann", "name:A"),), item="id")
    found = table_labels(read_table(path), spec, coder)
    assert found.codings["code"].tolist() == ["accuracy", "hang", "hang"]
    assert coder.unmapped == {("symptom", "hang"): [4, 5]}


def test_a_mapping_that_maps_one_label_twice_is_refused(tmp_path: Path) -> None:
    path = csv(tmp_path, "raw,code\nCrash,crash\ncrash ,hang\n", "map.csv")
    with pytest.raises(CodingInputError, match="mapped twice"):
        load_label_map(path)


def test_items_take_known_columns_and_keep_the_rest_as_metadata(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "URL,Repo type,Issue creation time,Reporter,Framework\n"
        "https://github.com/o/r/issues/42,Solo,2018-05-07T14:29:50Z,Re-user,-\n"
        "https://stackoverflow.com/questions/47,Zoo,2019-01-01,Adaptor,Keras\n",
    )
    found = table_items(read_table(path), item_prefix="d-", na=("-",))
    first, second = found.items.to_dict("records")
    assert first["id"] == "d-1" and first["repository"] == "o/r" and first["issue_number"] == 42
    assert first["kind"] == "github_issue" and first["source"] == "github"
    assert first["created_at"] == "2018-05-07T14:29:50Z"
    assert first["meta"] == {"repo_type": "Solo", "reporter": "Re-user"}
    assert second["source"] == "stackoverflow" and second["meta"]["framework"] == "Keras"
    assert ("link", "URL") in found.taken and ("created_at", "Issue creation time") in found.taken


def test_an_unknown_item_field_is_refused(tmp_path: Path) -> None:
    path = csv(tmp_path, "id,x\n1,2\n")
    with pytest.raises(CodingInputError, match="unknown item field"):
        table_items(read_table(path), item="id", columns={"author": "x"})
