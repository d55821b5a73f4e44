"""Labelling sheets with an explicit suggestion column: opt-in, never a coding, and recorded on
import as the codings made with a suggestion in view."""

import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from studykit.cli import app
from studykit.study import Study
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE

runner = CliRunner()
UNCODED = 60


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example study, with the consensus on defect_type of its first 60 items taken away."""
    path = tmp_path_factory.mktemp("example") / "study.sqlite"
    study = load_example(f"sqlite:///{path}")
    study.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "DELETE FROM consensus WHERE dimension = 'defect_type' AND item_id IN "
            "(SELECT id FROM items ORDER BY id LIMIT ?)",
            (UNCODED,),
        )
    conn.close()
    return path


@pytest.fixture
def db(loaded: Path, tmp_path: Path) -> str:
    target = tmp_path / "copy.sqlite"
    with sqlite3.connect(loaded) as source, sqlite3.connect(target) as copied:
        source.backup(copied)
    source.close()
    copied.close()
    return f"sqlite:///{target}"


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--study", str(EXAMPLE / "study.toml"), "--db", db])
    return result.exit_code, result.stdout, result.stderr


def export(db: str, folder: Path, *more: str) -> pd.DataFrame:
    code, _, err = run(
        db,
        "sheets",
        "export",
        "--rater",
        "alice",
        "--round",
        "3",
        "-f",
        "csv",
        "-o",
        str(folder),
        *more,
    )
    assert code == 0, err
    return pd.read_csv(folder / "round-3" / "alice.csv", dtype=str, keep_default_na=False)


def fill(sheet: pd.DataFrame, path: Path) -> Path:
    """Every dimension coded with its first code, as a rater would fill it."""
    codebook = Study.open(EXAMPLE / "study.toml").manifest.coding.codebook
    assert codebook is not None
    import yaml

    data = yaml.safe_load((EXAMPLE / codebook).read_text(encoding="utf-8"))
    for dim in data["dimensions"]:
        sheet[dim["name"]] = dim["codes"][0]["code"]
    sheet.to_csv(path, index=False)
    return path


def test_suggestions_are_off_by_default_and_an_explicit_column_when_asked(
    db: str, tmp_path: Path
) -> None:
    plain = export(db, tmp_path / "plain")
    assert not [c for c in plain.columns if c.startswith("suggested")]
    before = len(Study.open(EXAMPLE / "study.toml", db=db).db.read("codings"))
    sheet = export(db, tmp_path / "with", "--suggestions", "defect_type")
    cells = sheet["suggested defect_type"]
    shown = cells != ""
    assert int(shown.sum()) == UNCODED  # the items without a consensus label, and only they
    first = sorted(sheet["item_id"])[:UNCODED]
    assert set(sheet.loc[shown, "item_id"]) == set(first)
    for cell in cells[shown]:
        parts = cell.split("; ")
        assert len(parts) == 3
        assert all(re.fullmatch(r"[\w.-]+ \(\d+%\)", p) for p in parts)
        shares = [int(p.rsplit("(", 1)[1].rstrip("%)")) for p in parts]
        assert shares == sorted(shares, reverse=True)
    # exporting suggestions stores nothing: no model label becomes a coding
    assert len(Study.open(EXAMPLE / "study.toml", db=db).db.read("codings")) == before


def test_import_records_which_codings_had_a_suggestion_in_view(db: str, tmp_path: Path) -> None:
    sheet = export(db, tmp_path / "with", "--suggestions", "defect_type")
    path = fill(sheet, tmp_path / "alice.csv")
    code, _, err = run(db, "sheets", "import", str(path))
    assert code == 0, err
    codings = Study.open(EXAMPLE / "study.toml", db=db).db.read("codings")
    mine = codings[(codings["round"] == "3") & (codings["rater"] == "alice")]
    shown = set(sheet.loc[sheet["suggested defect_type"] != "", "item_id"])
    expected = mine["dimension"].eq("defect_type") & mine["item_id"].isin(shown)
    assert mine["suggestion_visible"].astype(bool).tolist() == expected.tolist()
    assert int(expected.sum()) == UNCODED
    # no coding took the model's code: each is the rater's (the first code, filled above)
    assert mine.groupby("dimension")["code"].nunique().eq(1).all()


def test_a_sheet_without_the_column_records_that_no_suggestion_was_in_view(
    db: str, tmp_path: Path
) -> None:
    path = fill(export(db, tmp_path / "plain"), tmp_path / "alice.csv")
    code, _, err = run(db, "sheets", "import", str(path))
    assert code == 0, err
    codings = Study.open(EXAMPLE / "study.toml", db=db).db.read("codings")
    third = codings[codings["round"] == "3"]["suggestion_visible"]
    assert len(third) > 0 and not third.isna().any() and not third.astype(bool).any()


def test_suggestions_for_an_unknown_dimension_are_refused_in_one_line(
    db: str, tmp_path: Path
) -> None:
    code, _, err = run(
        db,
        "sheets",
        "export",
        "--rater",
        "alice",
        "--round",
        "3",
        "-o",
        str(tmp_path),
        "--suggestions",
        "defect",
    )
    assert code == 2
    assert "--suggestions: defect not a dimension of the codebook" in err
    assert len(err.strip().splitlines()) == 1
