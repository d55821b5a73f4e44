"""The command line: help, init, db info, export, and one-line errors with exit code 2."""

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import SCHEMA_VERSION
from tests.support.archives import build_archive

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def new_study(tmp_path: Path) -> Path:
    code, _, err = run("init", str(tmp_path / "s"), "--name", "Test study")
    assert code == 0, err
    return tmp_path / "s" / "study.toml"


def test_help_lists_every_command_with_its_purpose() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("init", "db", "export", "mine", "sample"):
        assert f" {command} " in out


def test_init_writes_a_manifest_that_loads(tmp_path: Path) -> None:
    manifest = new_study(tmp_path)
    text = manifest.read_text()
    assert 'name = "Test study"' in text and "# " in text
    assert (manifest.parent / "codebook.yaml").is_file()
    code, out, err = run("db", "info", "--study", str(manifest))
    assert code == 0, err
    assert f"schema version: {SCHEMA_VERSION}" in out
    code, _, err = run("init", str(manifest.parent))
    assert code == 2 and "exists already" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[study]\nname = "x"\n[sampling]\nsaize = 3\n', "[sampling] saize: unknown key"),
        ('[study]\nname = "x"\n[sampling]\nseed = "x"\n', "[sampling] seed: Input should be"),
        ('[study]\nname = "x"\n[coding]\ncodebook = "no.yaml"\n', "codebook = 'no.yaml': no such"),
        (
            '[study]\nname = "x"\ndatabase = "postgresql://u:pw@127.0.0.1:9/x"\n',
            "cannot reach the database postgresql+psycopg://u:***@127.0.0.1:9/x",
        ),
    ],
    ids=["misspelt-key", "wrong-type", "missing-file", "unreachable-database"],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, text: str, expected: str) -> None:
    manifest = tmp_path / "study.toml"
    manifest.write_text(text)
    code, out, err = run("db", "info", "--study", str(manifest))
    assert code == 2
    assert expected in err
    assert str(manifest) in err or "cannot reach" in err
    assert "Traceback" not in out + err
    assert "pw@" not in err


def test_unknown_table_lists_the_tables(tmp_path: Path) -> None:
    manifest = new_study(tmp_path)
    code, _, err = run("export", "isues", "--study", str(manifest))
    assert code == 2 and "no table 'isues'" in err and "issues" in err


def test_export_formats_agree(tmp_path: Path) -> None:
    manifest = new_study(tmp_path)
    build_archive(tmp_path / "archive")
    code, out, err = run("mine", "--study", str(manifest), "--replay", str(tmp_path / "archive"))
    assert code == 0, err
    assert "40 issues" in out
    code, csv_text, _ = run("export", "issues", "--study", str(manifest))
    assert code == 0
    paths = {fmt: tmp_path / f"issues.{fmt}" for fmt in ("csv", "parquet", "jsonl")}
    for fmt, path in paths.items():
        code, _, err = run("export", "issues", "-f", fmt, "-o", str(path), "--study", str(manifest))
        assert code == 0, err
    assert paths["csv"].read_text() == csv_text
    from_csv = pd.read_csv(paths["csv"])
    from_parquet = pd.read_parquet(paths["parquet"])
    records = [json.loads(line) for line in paths["jsonl"].read_text().splitlines()]
    assert len(from_csv) == len(from_parquet) == len(records) == 40
    assert from_parquet["title"].tolist() == from_csv["title"].tolist()
    assert records[0]["labels"] == ["bug"]
    assert json.loads(from_csv.loc[0, "labels"]) == ["bug"]


def test_mine_with_a_missing_archive(tmp_path: Path) -> None:
    manifest = new_study(tmp_path)
    code, _, err = run("mine", "--study", str(manifest), "--replay", str(tmp_path / "nope"))
    assert code == 2 and "no such archive folder" in err
