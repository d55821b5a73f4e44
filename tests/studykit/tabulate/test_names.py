"""Names of dimensions and item fields resolve the same way in every command (issue 11 item 2),
codes outside the codebook are counted and named (item 4), a cross-tab that cannot be tested is
one line (item 9) and the command-line cross-tab follows the codebook's order (item 20)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app
from studykit.db import insert, schema
from studykit.replication.importing import import_package

CODEBOOK = """name: t
dimensions:
  - name: bug_type
    codes:
      - {code: memory, label: Memory}
      - {code: numerical, label: Numerical}
      - {code: crash, label: Crash, children: [{code: segfault, label: Segfault}]}
  - name: severity
    scale: ordinal
    codes: [{code: low, label: Low}, {code: medium, label: Medium}, {code: high, label: High}]
"""
# the sheet's "Bug Type" is stored twice: as item metadata (raw) and as the mapped dimension
ITEMS = """id,Bug Type,Severity,Library
1,mem,high,keras
2,mem,high,keras
3,num,high,torch
4,num,high,torch
5,segv,medium,keras
6,mem,high,torch
7,num,low,keras
8,segv,high,torch
"""
MAP = "raw,code\nmem,memory\nnum,numerical\nsegv,segfault\n"
MANIFEST = """[study]
name = "t"
database = "sqlite:///study.sqlite"
[coding]
codebook = "codebook.yaml"

[[imports]]
what = "items"
file = "items.csv"
item = "id"

[[imports]]
what = "labels"
file = "items.csv"
item = "id"
final = "Bug Type"
dimension = "bug_type"
map = "map.csv"

[[imports]]
what = "labels"
file = "items.csv"
item = "id"
final = "Severity"
dimension = "severity"
"""

runner = CliRunner()


@pytest.fixture
def study(tmp_path: Path) -> Study:
    files = {"items.csv": ITEMS, "map.csv": MAP, "codebook.yaml": CODEBOOK, "study.toml": MANIFEST}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    opened = Study.open(tmp_path / "study.toml")
    import_package(opened)
    return opened


def run(study: Study, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--study", str(study.manifest.path)])
    return result.exit_code, result.stdout, result.stderr


def first_column(csv_text: str) -> list[str]:
    """The row labels of a cross-tab printed as CSV, without its Total row."""
    return [line.split(",")[0] for line in csv_text.splitlines()[1:-1]]


def test_a_name_that_is_both_is_refused_by_crosstab_and_distribution(study: Study) -> None:
    # the import stored "Bug Type" as item metadata (raw) and as the dimension (mapped)
    assert {m["bug_type"] for m in study.table("items")["meta"]} == {"mem", "num", "segv"}
    consensus = study.table("consensus")
    mapped = set(consensus[consensus["dimension"] == "bug_type"]["code"])
    assert mapped == {"memory", "numerical", "segfault"}
    code, _, err = run(study, "analyze", "crosstab", "bug_type", "library")
    assert code == 2
    assert "both a dimension and an item field" in err
    assert "dimension:bug_type" in err and "field:bug_type" in err
    assert "Traceback" not in err
    code, _, err = run(study, "analyze", "distribution", "severity", "--by", "bug_type")
    assert code == 2 and "both a dimension and an item field" in err


def test_a_prefixed_name_is_used_as_said_and_the_command_says_which(study: Study) -> None:
    code, out, err = run(study, "analyze", "crosstab", "dimension:bug_type", "library", "-f", "csv")
    assert code == 0, err
    assert "bug_type: dimension (consensus labels)" in err
    assert "library: item field" in err
    # the mapped labels, rolled up: crash (segfault), not the raw 'segv'
    assert out.splitlines()[0] == "bug_type,keras,torch,Total"
    assert first_column(out) == ["Memory", "Numerical", "Crash"]
    code, out, err = run(study, "analyze", "crosstab", "field:bug_type", "library", "-f", "csv")
    assert code == 0, err
    assert "bug_type: item field" in err
    assert sorted(first_column(out)) == ["mem", "num", "segv"]


def test_distribution_and_crosstab_count_the_same_labels(study: Study) -> None:
    code, out, err = run(study, "analyze", "distribution", "bug_type", "--raw", "-f", "csv")
    assert code == 0, err
    assert "bug_type: dimension (consensus labels)" in err
    rows = [line.split(",") for line in out.splitlines()]
    header = rows[0]
    counts = {r[header.index("code")]: r[header.index("count")] for r in rows[1:]}
    assert counts["memory"] == "3" and counts["crash"] == "2"
    code, out, err = run(
        study, "analyze", "crosstab", "dimension:bug_type", "dimension:severity", "-f", "csv"
    )
    assert code == 0, err
    totals = {line.split(",")[0]: line.split(",")[-1] for line in out.splitlines()[1:]}
    assert totals["Memory"] == "3" and totals["Crash"] == "2"


def test_the_command_line_crosstab_follows_an_ordinal_codebook_order(study: Study) -> None:
    code, out, err = run(study, "analyze", "crosstab", "library", "dimension:severity", "-f", "csv")
    assert code == 0, err
    # 'high' is the most frequent, yet the columns follow the codebook: low, medium, high
    assert out.splitlines()[0] == "library,Low,Medium,High,Total"


def test_a_crosstab_with_one_non_empty_column_is_one_line(study: Study) -> None:
    with study.db.begin() as conn:
        conn.execute(schema.consensus.delete().where(schema.consensus.c.dimension == "severity"))
        insert(
            conn,
            schema.consensus,
            [
                {
                    "item_id": str(i),
                    "dimension": "severity",
                    "code": "high",
                    "round": "1",
                    "method": "imported",
                    "decided_at": "2026-01-01T00:00:00Z",
                }
                for i in range(1, 9)
            ],
        )
    code, _, err = run(study, "analyze", "crosstab", "library", "dimension:severity")
    assert code == 2
    assert "1 non-empty column" in err and "at least 2" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _add_outside_codes(study: Study) -> None:
    """Codes the codebook does not know, as an old database (or --keep-unmapped) stores them."""
    with study.db.begin() as conn:
        conn.execute(
            schema.consensus.update()
            .where(schema.consensus.c.item_id.in_(["6", "7"]))
            .where(schema.consensus.c.dimension == "bug_type")
            .values(code="memroy")
        )


def test_codes_outside_the_codebook_are_counted_and_named(study: Study) -> None:
    _add_outside_codes(study)
    code, out, err = run(study, "analyze", "distribution", "bug_type", "--raw", "-f", "csv")
    assert code == 0, err
    assert "2 items carry bug_type codes outside the codebook" in err and "'memroy' (2)" in err
    rows = [line.split(",") for line in out.splitlines()]
    header = rows[0]
    memroy = next(r for r in rows[1:] if r[header.index("code")] == "memroy")
    assert memroy[header.index("depth")] == "0" and memroy[header.index("count")] == "2"
    code, out, err = run(study, "analyze", "crosstab", "dimension:bug_type", "library", "-f", "csv")
    assert code == 0, err
    assert "'memroy' (2)" in err and "Traceback" not in err
    assert first_column(out)[-1] == "memroy"
