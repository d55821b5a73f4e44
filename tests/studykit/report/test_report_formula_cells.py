"""A report's CSV tables are safe to open in a spreadsheet: a cell a spreadsheet would run as a
formula gets an apostrophe in front (OWASP CSV injection), numbers stay numbers, and the HTML page
shows the cell as written (issue 11, item 12)."""

import csv
from pathlib import Path

from sqlalchemy import update
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import schema
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE

runner = CliRunner()
HOSTILE = '=HYPERLINK("http://x","y")'

MANIFEST = f"""[study]
name = "formula cells"
database = "sqlite:///study.sqlite"

[coding]
codebook = "{EXAMPLE / "codebook.yaml"}"

[report]
output = "report"

[[report.tables]]
name = "repository-by-defect-type"
kind = "crosstab"
rows = "repository"
columns = "defect_type"
"""


def test_a_formula_in_a_report_table_is_neutralised_in_its_csv_only(tmp_path: Path) -> None:
    study = load_example(f"sqlite:///{tmp_path / 'study.sqlite'}")
    with study.db.begin() as conn:
        first = conn.execute(
            schema.items.select().where(schema.items.c.repository.is_not(None)).limit(1)
        ).first()
        assert first is not None
        conn.execute(
            update(schema.items)
            .where(schema.items.c.repository == first.repository)
            .values(repository=HOSTILE)
        )
    study.close()
    manifest = tmp_path / "study.toml"
    manifest.write_text(MANIFEST)
    result = runner.invoke(app, ["report", "--study", str(manifest)])
    assert result.exit_code == 0, result.stdout + result.stderr
    tables = tmp_path / "report" / "tables"
    with (tables / "repository-by-defect-type.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'" + HOSTILE in cells
    assert HOSTILE not in cells
    assert HOSTILE in (tables / "repository-by-defect-type.md").read_text(encoding="utf-8")
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "<td>=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td>" in page
