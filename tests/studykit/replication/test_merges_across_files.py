"""`studykit import` reports labels merged across the files of one run, not only within a file
(issue 11, item 3): "processing" in one file and "Processing" in another become one code."""

from pathlib import Path

from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app

runner = CliRunner()
ENTRY = """
[[imports]]
what = "labels"
file = "{file}"
item = "id"
dimension = "stage"
raters = {{ {rater} = "label" }}
{extra}
"""


def study(tmp_path: Path, first: str, second: str, extra: str = "") -> Path:
    (tmp_path / "ann.csv").write_text(first)
    (tmp_path / "bob.csv").write_text(second)
    entries = ENTRY.format(file="ann.csv", rater="ann", extra="") + ENTRY.format(
        file="bob.csv", rater="bob", extra=extra
    )
    manifest = tmp_path / "study.toml"
    manifest.write_text(
        f'[study]\nname = "t"\ndatabase = "sqlite:///processed/study.sqlite"\n{entries}'
    )
    return manifest


def run(manifest: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", "--study", str(manifest)])
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.stdout.split()), result.stderr


def test_a_label_spelt_differently_in_two_files_is_reported_as_merged(tmp_path: Path) -> None:
    manifest = study(
        tmp_path,
        "id,label\n1,processing\n2,processing\n3,loading\n",
        "id,label\n1,Processing\n2,loading\n3,Loading \n",
    )
    code, out, err = run(manifest)
    assert code == 0, err
    assert (
        "merged stage labels that differ only in case or spacing across the files of this "
        "import into 'processing': 'processing' (2 cell(s) in ann.csv), 'Processing' "
        "(1 cell(s) in bob.csv)"
    ) in out, out
    assert (
        "into 'loading': 'loading' (1 cell(s) in ann.csv), 'Loading ' (1 cell(s) in bob.csv)" in out
    )
    assert "(1 cell(s) in bob.csv), 'loading' (1 cell(s) in bob.csv)" in out
    codings = Study.open(manifest).table("codings")
    assert sorted(set(codings["code"])) == ["loading", "processing"]
    records = Study.open(manifest).table("imports").sort_values("id")
    assert [r["merged_across_files"] for r in records["counts"]] == [
        [["stage", "loading"], ["stage", "processing"]],
        [["stage", "loading"], ["stage", "processing"]],
    ]


def test_files_spelling_a_label_alike_report_no_merge(tmp_path: Path) -> None:
    manifest = study(tmp_path, "id,label\n1,processing\n", "id,label\n1,processing\n")
    code, out, err = run(manifest)
    assert code == 0, err
    assert "merged" not in out


def test_a_case_sensitive_file_takes_no_part_in_merges(tmp_path: Path) -> None:
    manifest = study(
        tmp_path,
        "id,label\n1,processing\n",
        "id,label\n1,Processing\n",
        extra="case_sensitive = true",
    )
    code, out, err = run(manifest)
    assert code == 0, err
    assert "merged" not in out
    assert sorted(Study.open(manifest).table("codings")["code"]) == ["Processing", "processing"]
