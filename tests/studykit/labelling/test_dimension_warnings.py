"""Labels of a dimension the study's codebook lacks are imported with a warning naming it."""

from pathlib import Path

from tests.studykit.replication.test_import_commands import run, study


def test_import_labels_of_a_dimension_outside_the_codebook_warns(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    path = tmp_path / "ratings.csv"
    path.write_text("Issue,First,Second\n7,Crash,crash\n8,Crash,crash\n")
    code, _, err = run(
        "import", "labels", str(path), "--item", "issue", "--rater", "ann=First",
        "--rater", "bob=Second", "--dimension", "impact", "--round", "1", "--study", str(manifest),
    )  # fmt: skip
    assert code == 0, err
    assert "warning:" in err and "ratings.csv: dimension(s) impact are not in the study's" in err
    code, _, err = run(
        "import", "labels", str(path), "--item", "issue", "--rater", "ann=First",
        "--rater", "bob=Second", "--dimension", "symptom", "--round", "1", "--study", str(manifest),
    )  # fmt: skip
    assert code == 0 and "warning" not in err


def test_the_manifest_imports_warn_too(tmp_path: Path) -> None:
    manifest = study(
        tmp_path,
        '[[imports]]\nwhat = "labels"\nfile = "defects.csv"\nitem = "@row"\n'
        'dimensions = { reporter = "Reporter", repo = "Repo type" }\n',
    )
    code, _, err = run("import", "--study", str(manifest))
    assert code == 0, err
    assert "dimension(s) repo are not in the study's codebook" in err
