"""`studykit import items|labels`, a whole package from [[imports]], and `studykit check`."""

from pathlib import Path

from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app

runner = CliRunner()

ITEMS = (
    "\ufeffURL;Repo type;Reporter;Impacts\r\n"
    "https://github.com/o/r/issues/1;Solo;Re-user;Crash\r\n"
    "https://github.com/o/r/issues/2;Zoo;Adaptor;Bad Performance (lower accuracy)\r\n"
    "https://github.com/o/s/issues/3;Solo;Re-user;crash\r\n"
)
CODEBOOK = """name: t
dimensions:
  - name: reporter
    codes: [{code: re_user, label: Re-user}, {code: adaptor, label: Adaptor}]
  - name: symptom
    codes: [{code: crash, label: Crash}, {code: accuracy, label: Accuracy below expectations}]
"""
IMPORTS = """
[[imports]]
what = "items"
file = "defects.csv"
item = "@row"
item_prefix = "d-"

[[imports]]
what = "labels"
file = "defects.csv"
item = "@row"
item_prefix = "d-"
round = "final"
map = "map.csv"
dimensions = { reporter = "reporter", symptom = "IMPACTS" }
"""
CHECKS = """
[[checks]]
name = "re-users"
dimension = "reporter"
codes = ["Re-user"]
round = "final"
percent = 67
count = 2
of = 3

[[checks]]
name = "crashes of re-users"
dimension = "symptom"
codes = ["crash"]
where = { "dimension:reporter" = "re-user", repo_type = "solo" }
count = 2
of = 2

[[checks]]
name = "repositories"
measure = "distinct"
field = "repository"
count = 2
"""


def study(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "defects.csv").write_bytes(ITEMS.encode())
    (tmp_path / "codebook.yaml").write_text(CODEBOOK)
    (tmp_path / "map.csv").write_text("raw,code\nBad Performance (lower accuracy),accuracy\n")
    manifest = tmp_path / "study.toml"
    manifest.write_text(
        '[study]\nname = "t"\ndatabase = "sqlite:///processed/study.sqlite"\n'
        '[coding]\ncodebook = "codebook.yaml"\n' + extra
    )
    return manifest


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_labels_says_which_columns_it_took_and_stores_codings(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    path = tmp_path / "ratings.csv"
    path.write_text("Issue,Rater A,rater b\n7,Crash,crash\n8,Crash,Accuracy below expectations\n")
    code, out, err = run(
        "import", "labels", str(path), "--item", "issue", "--rater", "ann=rater a",
        "--rater", "bob=Rater B", "--dimension", "symptom", "--round", "1",
        "--study", str(manifest),
    )  # fmt: skip
    assert code == 0, err
    assert "took column 'Issue'" in out and "took column 'Rater A'" in out
    assert "4 rater labels (raters: ann, bob), 0 final labels, 2 items (2 new)" in out
    opened = Study.open(manifest)
    codings = opened.table("codings")
    assert sorted(codings["code"]) == ["accuracy", "crash", "crash", "crash"]
    assert set(opened.table("items")["id"]) == {"7", "8"}
    code, out, _ = run("agree", "--study", str(manifest), "--format", "csv")
    assert code == 0 and "cohen_kappa" in out


def test_import_labels_errors_name_the_file_and_column(tmp_path: Path) -> None:
    manifest = study(tmp_path)
    code, _, err = run(
        "import", "labels", str(tmp_path / "defects.csv"), "--item", "@row",
        "--dimension", "symptom", "--rater", "ann=Tag2", "--study", str(manifest),
    )  # fmt: skip
    assert code == 2
    assert "defects.csv: no column 'Tag2'" in err


def test_import_items_then_the_package_from_the_manifest(tmp_path: Path) -> None:
    manifest = study(tmp_path, IMPORTS)
    code, out, err = run("import", "--study", str(manifest))
    assert code == 0, err
    assert "encoding utf-8-sig (byte-order mark)" in out and "separator ';'" in out
    assert "reporter: took column 'Reporter'" in out and "symptom: took column 'Impacts'" in out
    opened = Study.open(manifest)
    items = opened.table("items").set_index("id")
    assert items.loc["d-3", "repository"] == "o/s"
    assert items.loc["d-1", "meta"]["repo_type"] == "Solo"
    consensus = opened.table("consensus")
    assert len(consensus) == 6 and set(consensus["round"]) == {"final"}
    assert sorted(consensus[consensus["dimension"] == "symptom"]["code"]) == [
        "accuracy", "crash", "crash",
    ]  # fmt: skip
    code, _, err = run("import", "--study", str(manifest))
    assert code == 0, err
    assert len(Study.open(manifest).table("consensus")) == 6


def test_a_failing_entry_imports_nothing(tmp_path: Path) -> None:
    broken = IMPORTS.replace('symptom = "IMPACTS"', 'symptom = "Symptoms"')
    manifest = study(tmp_path, broken)
    code, _, err = run("import", "--study", str(manifest))
    assert code == 2
    assert "[[imports]] #2" in err and "no column 'Symptoms'" in err
    assert Study.open(manifest).table("items").empty


def test_check_prints_reported_beside_reproduced_and_fails_on_a_difference(
    tmp_path: Path,
) -> None:
    manifest = study(tmp_path, IMPORTS + CHECKS)
    assert run("import", "--study", str(manifest))[0] == 0
    code, out, err = run("check", "--study", str(manifest))
    assert code == 0, out + err
    assert "67% (2 of 3)" in out and "66.7% (2 of 3)" in out
    assert "3 of 3 reported numbers reproduced" in out
    manifest.write_text(manifest.read_text().replace("count = 2\nof = 2", "count = 1\nof = 2"))
    code, out, _ = run("check", "--study", str(manifest))
    assert code == 1 and "DIFFERS" in out


# labels of a dimension the study's codebook lacks are imported with a warning naming it


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
