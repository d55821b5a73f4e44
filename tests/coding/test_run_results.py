"""Per-run result files read into one value per run: the pattern's factors, the reductions,
long tables, and errors that name file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from coding.errors import CodingInputError
from coding.run_results import Reduction, read_long_runs, read_run_files

PATTERN = r"(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\d+)/trials\.csv$"
BEST_VAL = Reduction("test_acc", "val_acc", "max")


def _trials(path: Path, rows: list[tuple[float | str, float | str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["trial_id,val_acc,test_acc"] + [f"t{i},{v},{t}" for i, (v, t) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_folder_of_runs_reduces_to_the_test_score_of_the_best_validation_trial(
    tmp_path: Path,
) -> None:
    _trials(tmp_path / "res/tool/m1/run_0/trials.csv", [(0.5, 0.4), (0.9, 0.8), (0.7, 0.95)])
    _trials(tmp_path / "res/tool/m1/run_1/trials.csv", [(0.6, 0.61)])
    _trials(tmp_path / "res/random/m1/run_0/trials.csv", [(0.2, 0.1), (0.3, 0.2)])
    (tmp_path / "res/tool/m1/run_0/params.json").write_text("{}")
    seen: list[tuple[int, int]] = []
    results = read_run_files(
        [tmp_path / "res"], PATTERN, BEST_VAL, progress=lambda *step: seen.append(step)
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    frame = results.frame.set_index(["technique", "run"])
    assert frame.loc[("tool", "0"), "value"] == 0.8
    assert frame.loc[("tool", "0"), "row"] == 3
    assert frame.loc[("tool", "1"), "value"] == 0.61
    assert frame.loc[("random", "0"), "value"] == 0.2
    assert list(results.frame["subject"].unique()) == ["m1"]
    assert results.notes == ["1 file(s) in the folders do not match the pattern and were left out"]


def test_at_min_and_a_further_factor_from_the_pattern(tmp_path: Path) -> None:
    _trials(tmp_path / "b10/tool/m1/run_0/trials.csv", [(0.5, 0.4), (0.2, 0.3)])
    _trials(tmp_path / "b20/tool/m1/run_0/trials.csv", [(0.1, 0.9), (0.2, 0.3)])
    pattern = r"b(?P<budget>\d+)/" + PATTERN
    results = read_run_files([tmp_path], pattern, Reduction("test_acc", "val_acc", "min"))
    assert results.factors == ["budget"]
    assert sorted(zip(results.frame["budget"], results.frame["value"], strict=True)) == [
        ("10", 0.3),
        ("20", 0.9),
    ]


def test_ties_at_the_best_row_take_the_first_and_say_so(tmp_path: Path) -> None:
    _trials(tmp_path / "tool/m1/run_0/trials.csv", [(0.9, 0.5), (0.9, 0.7)])
    results = read_run_files([tmp_path], PATTERN, BEST_VAL)
    assert results.frame["value"].tolist() == [0.5]
    assert "1 file(s) had several rows with the max of val_acc" in results.notes[0]


def test_a_plain_column_must_hold_one_value(tmp_path: Path) -> None:
    _trials(tmp_path / "tool/m1/run_0/trials.csv", [(0.9, 0.5), (0.8, 0.7)])
    with pytest.raises(CodingInputError, match="has 2 values; name a row by its best"):
        read_run_files([tmp_path], PATTERN, Reduction("test_acc"))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(0.9, "n/a")], r"trials\.csv row 2, column 'test_acc' \(C\): 'n/a' is not a number"),
        ([(0.5, 0.1), ("high", 0.2)], r"row 3, column 'val_acc' \(B\): 'high' is not a number"),
        ([(0.9, "inf")], "not a finite number"),
    ],
)
def test_bad_cells_are_named_by_file_row_and_column(
    tmp_path: Path, rows: list[tuple[float | str, float | str]], message: str
) -> None:
    _trials(tmp_path / "tool/m1/run_0/trials.csv", rows)
    with pytest.raises(CodingInputError, match=message):
        read_run_files([tmp_path], PATTERN, BEST_VAL)


def test_pattern_problems_are_refused(tmp_path: Path) -> None:
    path = _trials(tmp_path / "tool/m1/run_0/trials.csv", [(0.9, 0.5)])
    with pytest.raises(CodingInputError, match=r"needs the named group\(s\) \(\?P<run>"):
        read_run_files([tmp_path], r"(?P<technique>\w+)/(?P<subject>\w+)", BEST_VAL)
    with pytest.raises(CodingInputError, match="not a regular expression"):
        read_run_files([tmp_path], "(?P<technique", BEST_VAL)
    with pytest.raises(CodingInputError, match="does not match this path"):
        read_run_files([path], PATTERN.replace("trials", "progress"), BEST_VAL)
    with pytest.raises(CodingInputError, match="no file matches"):
        read_run_files([tmp_path], PATTERN.replace("trials", "progress"), BEST_VAL)
    with pytest.raises(
        CodingInputError, match="no column 'test_accuracy'; did you mean 'test_acc'"
    ):
        read_run_files([path], PATTERN, Reduction("test_accuracy", "val_acc"))


def test_the_same_run_twice_is_refused_naming_both_files(tmp_path: Path) -> None:
    _trials(tmp_path / "a/tool/m1/run_1/trials.csv", [(0.9, 0.5)])
    _trials(tmp_path / "b/tool/m1/run_01/trials.csv", [(0.9, 0.5)])
    pattern = r"(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_0*(?P<run>\d+)/trials\.csv$"
    with pytest.raises(CodingInputError, match=r"b/tool/m1/run_01/trials\.csv row 2: the run .* "
                       r"is also in .*a/tool/m1/run_1/trials\.csv row 2"):  # fmt: skip
        read_run_files([tmp_path], pattern, BEST_VAL)


def test_long_tables_in_csv_and_xlsx_with_renamed_columns(tmp_path: Path) -> None:
    csv = tmp_path / "runs.csv"
    csv.write_text("Tool;Model;Seed;Loss\nrandom;m1;1;0,5\n")
    with pytest.raises(CodingInputError, match=r"row 2, column 'Loss' \(D\): '0,5' is not"):
        read_long_runs([csv], {"technique": "Tool", "subject": "Model", "run": "Seed",
                               "value": "Loss"})  # fmt: skip
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["technique", "subject", "run", "budget", "loss"])
    sheet.append(["random", "m1", 1, 10, 0.5])
    sheet.append(["tool", "m1", 1, 10, 0.25])
    book.save(tmp_path / "runs.xlsx")
    results = read_long_runs([tmp_path / "runs.xlsx"], {"value": "loss", "budget": "budget"})
    assert results.factors == ["budget"]
    assert results.frame[["technique", "run", "budget", "value"]].values.tolist() == [
        ["random", "1", "10", 0.5],
        ["tool", "1", "10", 0.25],
    ]
    assert results.frame["row"].tolist() == [2, 3]
