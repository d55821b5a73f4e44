"""The coding loop on a study: sheets out and in (all or nothing), consensus, codebook revisions."""

import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from studykit.cli import app
from studykit.study import Study
from tests.support.archives import build_archive
from tests.support.codebooks import CODEBOOK_DATA

runner = CliRunner()


def run(study: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--study", str(study)])
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def study(tmp_path: Path) -> Path:
    build_archive(tmp_path / "archive")
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(CODEBOOK_DATA))
    manifest = tmp_path / "study.toml"
    manifest.write_text(
        '[study]\nname = "loop"\n[filter]\nlabels = ["bug"]\n'
        '[sampling]\nsize = 6\nstrata = "repository"\nseed = 3\n'
        '[coding]\ncodebook = "codebook.yaml"\nraters = ["ann", "ben"]\n'
    )
    for step in (("mine", "--replay", str(tmp_path / "archive")), ("sample",)):
        code, text = run(manifest, *step)
        assert code == 0, text
    return manifest


def fill(study: Path, rater: str, codes: list[str]) -> Path:
    code, text = run(study, "sheets", "export", "--rater", rater, "--format", "csv")
    assert code == 0, text
    path = study.parent / "sheets" / "round-1" / f"{rater}.csv"
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet["defect_type"] = codes
    sheet["symptom"] = "crash"
    sheet.to_csv(path, index=False)
    return path


def test_xlsx_sheets_round_trip_through_the_commands(study: Path) -> None:
    code, text = run(study, "sheets", "export", "--rater", "ann")
    assert code == 0, text
    path = study.parent / "sheets" / "round-1" / "ann.xlsx"
    sheet = pd.read_excel(path, dtype=str, keep_default_na=False)
    assert len(sheet) == 6
    sheet["defect_type"] = "model"
    sheet["symptom"] = "crash; slow"
    sheet.to_excel(path, index=False, sheet_name="labels")
    code, text = run(study, "sheets", "import", str(path))
    assert code == 0, text
    assert "Imported 18 codings" in text


def test_full_loop_disagreements_consensus_and_a_revision(study: Path) -> None:
    ann = fill(study, "ann", ["model", "model", "env_api", "env_api", "training", "training"])
    ben = fill(study, "ben", ["model", "training", "env_api", "env_version", "training", "model"])
    code, text = run(study, "sheets", "import", str(ann), str(ben))
    assert code == 0, text
    adjudication = study.parent / "adj.csv"
    code, text = run(study, "disagreements", "-o", str(adjudication))
    assert code == 0 and "3 disagreements in round 1: defect_type 3" in text
    sheet = pd.read_csv(adjudication, dtype=str, keep_default_na=False)
    sheet["consensus"] = ["training", "env_api", "model"]
    sheet.to_csv(adjudication, index=False)
    code, text = run(study, "consensus", "--adjudication", str(adjudication))
    assert code == 0 and "9 item-dimensions agreed, 3 adjudicated, 0 still open" in text
    code, text = run(study, "codebook", "rename", "defect_type", "model", "ml_model")
    assert code == 0, text
    opened = Study.open(study)
    codings = opened.table("codings")
    assert "model" not in set(codings["code"]) and (codings["code"] == "ml_model").sum() == 4
    assert "model" not in set(opened.table("consensus")["code"])
    assert opened.table("codebook_changes")["operation"].tolist() == ["rename"]
    assert "ml_model" in (study.parent / "codebook.yaml").read_text()
    code, text = run(study, "agree", "--format", "csv")
    assert code == 0 and "cohen_kappa" in text


BROKEN = {
    "unknown code": lambda s: s.assign(defect_type="modle"),
    "item not in sample": lambda s: s.assign(item_id=s["item_id"].str.replace("#", "#9")),
    "duplicated row": lambda s: pd.concat([s, s.head(1)]),
    "another rater": lambda s: s.assign(rater="ben"),
    "another round": lambda s: s.assign(round="2"),
    "empty required cell": lambda s: s.assign(defect_type=""),
    "bad column": lambda s: s.rename(columns={"symptom": "symptoms"}),
}


@pytest.mark.parametrize("mistake", sorted(BROKEN))
def test_a_broken_sheet_changes_nothing(study: Path, mistake: str) -> None:
    good = fill(study, "ann", ["model"] * 6)
    code, text = run(study, "sheets", "import", str(good))
    assert code == 0, text
    before = Study.open(study).table("codings")
    sheet = BROKEN[mistake](pd.read_csv(good, dtype=str, keep_default_na=False))
    broken = study.parent / "broken.csv"
    sheet.to_csv(broken, index=False)
    code, text = run(study, "sheets", "import", "--rater", "ann", "--round", "1", str(broken))
    assert code == 2, text
    assert "broken.csv: row" in text and "nothing was imported" in text
    assert Study.open(study).table("codings").equals(before)


def test_agree_warns_of_a_dimension_all_raters_agree_on(study: Path) -> None:
    ann = fill(study, "ann", ["model"] * 6)
    ben = fill(study, "ben", ["model"] * 6)
    code, text = run(study, "sheets", "import", str(ann), str(ben))
    assert code == 0, text
    code, text = run(study, "agree", "--format", "csv")
    assert code == 0
    assert "warning: round 1: column 'defect_type': all 2 raters have identical values" in text


def test_agree_on_a_plain_file_needs_no_study(tmp_path: Path) -> None:
    """Krippendorff (2011), section A: two observers, ten units, binary values: alpha .095."""
    path = tmp_path / "ratings.csv"
    pd.DataFrame(
        {
            "unit": range(1, 11),
            "A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
            "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
        }
    ).to_csv(path, index=False)
    result = runner.invoke(app, ["agree", str(path), "--level", "nominal", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = {row["coefficient"]: row for row in __import__("json").loads(result.stdout)}
    assert round(rows["krippendorff_alpha"]["estimate"], 3) == 0.095


def test_a_shorter_sheet_removes_nothing_without_replace(study: Path) -> None:
    ann = fill(study, "ann", ["model"] * 6)
    code, text = run(study, "sheets", "import", str(ann))
    assert code == 0, text
    assert "ann (round 1): 12 added, 0 changed, 0 removed, 0 unchanged" in text
    before = Study.open(study).table("codings")
    sheet = pd.read_csv(ann, dtype=str, keep_default_na=False)
    cut = study.parent / "cut.csv"
    sheet.head(2).assign(defect_type=["model", "training"]).to_csv(cut, index=False)
    code, text = run(study, "sheets", "import", str(cut))
    assert code == 2, text
    assert "would remove 8 stored coding(s)" in text and "(ann (round 1): 8)" in text
    assert "--replace" in text and "nothing was imported" in text
    assert Study.open(study).table("codings").equals(before)
    code, text = run(study, "sheets", "import", "--replace", str(cut))
    assert code == 0, text
    assert "ann (round 1): 0 added, 1 changed, 8 removed, 3 unchanged" in text
    assert len(Study.open(study).table("codings")) == 4


def test_a_round_called_nan_is_refused_with_its_row(study: Path) -> None:
    ann = fill(study, "ann", ["model"] * 6)
    sheet = pd.read_csv(ann, dtype=str, keep_default_na=False).assign(round="NaN")
    sheet.to_csv(ann, index=False)
    code, text = run(study, "sheets", "import", str(ann))
    assert code == 2, text
    assert "ann.csv: row 2, column 'round': 'NaN' is not a round" in text
    assert Study.open(study).table("codings").empty
    code, text = run(study, "sheets", "export", "--rater", "ann", "--round", "inf")
    assert code == 2 and "'inf' is not a round" in text


def test_a_declared_round_name_is_a_round(study: Path) -> None:
    study.write_text(
        study.read_text().replace(
            'raters = ["ann", "ben"]', 'raters = ["ann", "ben"]\nrounds = ["pilot"]'
        )
    )
    code, text = run(study, "sheets", "export", "--rater", "ann", "--round", "pilot", "-f", "csv")
    assert code == 0, text
    path = study.parent / "sheets" / "round-pilot" / "ann.csv"
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet.assign(defect_type="model", symptom="crash").to_csv(path, index=False)
    code, text = run(study, "sheets", "import", str(path))
    assert code == 0 and "ann (round pilot): 12 added" in text


def test_importing_with_another_codebook_warns_of_its_other_dimensions(study: Path) -> None:
    other = yaml.safe_load((study.parent / "codebook.yaml").read_text())
    other["dimensions"][1]["name"] = "symptoms"
    (study.parent / "older.yaml").write_text(yaml.safe_dump(other))
    ann = fill(study, "ann", ["model"] * 6)
    sheet = pd.read_csv(ann, dtype=str, keep_default_na=False).rename(
        columns={"symptom": "symptoms"}
    )
    sheet.to_csv(ann, index=False)
    code, text = run(
        study, "sheets", "import", "--codebook", str(study.parent / "older.yaml"), str(ann)
    )
    assert code == 0, text
    assert "older.yaml: dimension(s) symptoms are not in the study's codebook" in text


def test_exported_csv_tables_neutralise_formulas_and_keep_typed_notes(study: Path) -> None:
    ann = fill(study, "ann", ["model"] * 6)
    sheet = pd.read_csv(ann, dtype=str, keep_default_na=False)
    typed = ["=cmd|' /C calc'!A0", "'=1+2", "-2 looks negative", "@SUM(A1)", "plain", "'x"]
    sheet.assign(notes=typed).to_csv(ann, index=False)
    code, text = run(study, "sheets", "import", str(ann))
    assert code == 0, text
    opened = Study.open(study)
    stored = opened.table("codings").drop_duplicates("item_id")
    assert sorted(stored["note"]) == sorted(typed)
    first = sorted(opened.table("issues")["id"])[0]
    with opened.db.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE issues SET title = ? WHERE id = ?", ('=HYPERLINK("http://x","y")', first)
        )
    for table, column in (("codings", "note"), ("issues", "title")):
        target = study.parent / f"{table}.csv"
        code, text = run(study, "export", table, "-f", "csv", "-o", str(target))
        assert code == 0, text
        cells = pd.read_csv(target, dtype=str, keep_default_na=False)[column]
        trigger = ("=", "+", "-", "@", "\t", "\r")
        assert not any(cell.startswith(trigger) for cell in cells), list(cells)
        assert sorted(c[1:] if c.startswith("'") else c for c in cells) == sorted(
            opened.table(table)[column].fillna("")
        )


@pytest.mark.parametrize("cell", ["inf", "nan", "-Infinity", "1e999", "abc"])
def test_agree_on_a_file_refuses_a_rating_that_is_not_a_finite_number(
    tmp_path: Path, cell: str
) -> None:
    path = tmp_path / "ratings.csv"
    path.write_text(f"unit,A,B\n1,1,2\n2,{cell},3\n3,2,2\n4,4,\n")
    result = runner.invoke(app, ["agree", str(path), "--level", "interval"])
    assert result.exit_code == 2, result.stdout
    assert f"ratings.csv: row 3, column 'A': {cell!r} is not a rating" in result.stderr
    long = tmp_path / "long.csv"
    long.write_text(f"item,rater,Value\n1,a,1\n1,b,2\n2,a,{cell}\n2,b,3\n")
    result = runner.invoke(app, ["agree", str(long), "--level", "ratio"])
    assert result.exit_code == 2, result.stdout
    assert f"long.csv: row 4, column 'Value': {cell!r} is not a rating" in result.stderr


def test_agree_names_dimensions_missing_from_the_codebook(study: Path) -> None:
    other = yaml.safe_load((study.parent / "codebook.yaml").read_text())
    for dim in other["dimensions"]:
        dim["name"] = "old_" + dim["name"]
    (study.parent / "older.yaml").write_text(yaml.safe_dump(other))
    paths = []
    for rater in ("ann", "ben"):
        path = fill(study, rater, ["model"] * 6)
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
        sheet.rename(
            columns=lambda c: "old_" + c if c in ("defect_type", "symptom", "stage") else c
        ).to_csv(path, index=False)
        paths.append(str(path))
    code, text = run(
        study, "sheets", "import", "--codebook", str(study.parent / "older.yaml"), *paths
    )
    assert code == 0, text
    code, text = run(study, "agree")
    assert code == 2
    assert "dimension(s) old_defect_type, old_symptom were coded by two or more raters" in text
    assert "not in the codebook" in text and "--codebook" in text
    code, text = run(study, "agree", "--dimension", "old_symptom")
    assert code == 2 and "old_symptom were coded by two or more raters" in text
    code, text = run(study, "agree", "--codebook", str(study.parent / "older.yaml"))
    assert code == 0, text


def test_a_rater_typed_in_decomposed_unicode_is_the_study_rater(study: Path) -> None:
    study.write_text(study.read_text().replace('"ben"]', '"zoë"]'))
    path = fill(study, "zoë", ["model"] * 6)
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet.assign(rater=unicodedata.normalize("NFD", "zoë")).to_csv(path, index=False)
    code, text = run(study, "sheets", "import", str(path))
    assert code == 0, text
    assert "6 rater, round or code cell(s) written in decomposed Unicode" in text
    assert set(Study.open(study).table("codings")["rater"]) == {"zoë"}


def test_an_emptied_sheet_is_a_removal_too(study: Path) -> None:
    book = yaml.safe_load((study.parent / "codebook.yaml").read_text())
    for dim in book["dimensions"]:
        dim["required"] = False
    (study.parent / "codebook.yaml").write_text(yaml.safe_dump(book))
    ann = fill(study, "ann", ["model"] * 6)
    ben = fill(study, "ben", ["model"] * 6)
    code, text = run(study, "sheets", "import", str(ann), str(ben))
    assert code == 0, text
    sheet = pd.read_csv(ann, dtype=str, keep_default_na=False)
    sheet.assign(defect_type="", symptom="").to_csv(ann, index=False)
    code, text = run(study, "sheets", "import", str(ann))
    assert code == 2 and "would remove 12 stored coding(s) the sheet(s) no longer hold (ann" in text
    code, text = run(study, "sheets", "import", "--replace", str(ann))
    assert code == 0 and "ann (round 1): 0 added, 0 changed, 12 removed, 0 unchanged." in text
    assert set(Study.open(study).table("codings")["rater"]) == {"ben"}


def test_agree_on_a_workbook_refuses_a_formula_cell_naming_it(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    for row in (["unit", "A", "B"], [1, 1, 2], [2, "=B3+1", 3], [3, 2, 2]):
        ws.append(row)
    book.save(tmp_path / "ratings.xlsx")
    result = runner.invoke(app, ["agree", str(tmp_path / "ratings.xlsx"), "--level", "interval"])
    assert result.exit_code == 2, result.stdout
    assert "ratings.xlsx: cell B3 holds the formula '=B3+1'" in result.stderr
