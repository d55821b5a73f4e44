"""`studykit report` when an output cannot be built (issue 11 item 9), its text (item 19), and
names and codes outside the codebook in report outputs (items 2 and 4)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app
from studykit.db import insert, schema
from studykit.replication.importing import import_package

CODEBOOK = """name: t
dimensions:
  - name: stage
    codes: [{code: training, label: Training}, {code: modeling, label: Modeling}]
  - name: severity
    scale: ordinal
    codes: [{code: low, label: Low}, {code: high, label: High}]
"""
ITEMS = "id,Link\n" + "".join(f"{i},https://github.com/o/r/issues/{i}\n" for i in range(1, 7))


# round 1 codes stage only, round 2 severity only
def sheet(header: str, codes: str) -> str:
    """A rater's sheet: an id column and one of codes, one row per item."""
    return f"id,{header}\n" + "".join(f"{i},{c}\n" for i, c in enumerate(codes.split(), 1))


SHEETS = {
    "ann1.csv": sheet("Stage", "training training modeling modeling training modeling"),
    "bob1.csv": sheet("Stage", "training modeling modeling modeling training training"),
    "ann2.csv": sheet("Severity", "low high high low low high"),
    "bob2.csv": sheet("Severity", "low high low low low high"),
}
MANIFEST = """[study]
name = "t"
database = "sqlite:///study.sqlite"
[coding]
codebook = "codebook.yaml"

[[imports]]
what = "items"
file = "items.csv"
item = "id"
""" + "".join(
    f"""
[[imports]]
what = "labels"
file = "{name}"
item = "id"
rater = "{name[:3]}"
round = "{name[3]}"
dimensions = {{ {"stage" if name[3] == "1" else "severity"} = "{
        "Stage" if name[3] == "1" else "Severity"
    }" }}
"""
    for name in SHEETS
)
REPORT = """
[report]
output = "report"

[[report.tables]]
name = "agreement"
kind = "agreement"

[[report.tables]]
name = "stages"
kind = "distribution"
dimension = "stage"

[[report.tables]]
name = "stage-by-severity"
kind = "crosstab"
rows = "stage"
columns = "severity"
"""

runner = CliRunner()


@pytest.fixture
def study(tmp_path: Path) -> Study:
    files = {"items.csv": ITEMS, "codebook.yaml": CODEBOOK, **SHEETS}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "study.toml").write_text(MANIFEST + REPORT)
    opened = Study.open(tmp_path / "study.toml")
    import_package(opened)
    return opened


def report(study: Study) -> tuple[int, str, str]:
    result = runner.invoke(app, ["report", "--study", str(study.manifest.path)])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, " ".join(result.stdout.split()), result.stderr


def add_consensus(study: Study, dimension: str, codes: list[str]) -> None:
    rows = [
        {
            "item_id": str(i),
            "dimension": dimension,
            "code": code,
            "round": "1",
            "method": "imported",
            "decided_at": "2026-01-01T00:00:00Z",
        }
        for i, code in enumerate(codes, start=1)
    ]
    with study.db.begin() as conn:
        insert(conn, schema.consensus, rows)


def test_codings_without_consensus_build_the_rest_and_name_what_needs_consensus(
    study: Study,
) -> None:
    code, out, err = report(study)
    assert code == 2
    assert "1 output(s) built, 0 unchanged, 2 not built" in out
    failures = [line for line in err.splitlines() if line.startswith("not built")]
    assert len(failures) == 2
    assert failures[0].startswith("not built: tables/stages: ")
    assert "no consensus labels yet" in failures[0] and "studykit consensus" in failures[0]
    folder = study.root / "report"
    assert (folder / "tables" / "agreement.csv").is_file()
    assert not (folder / "tables" / "stages.csv").exists()
    record = json.loads((folder / "manifest.json").read_text())
    assert "tables/agreement" in record and "tables/stages" not in record
    assert "## Not built" in (folder / "index.md").read_text()
    # the next run retries what failed, and builds it once it can
    add_consensus(
        study, "stage", ["training", "training", "modeling", "modeling", "training", "modeling"]
    )
    add_consensus(study, "severity", ["low", "high", "low", "low", "low", "high"])
    code, out, err = report(study)
    assert code == 0, err
    assert "2 output(s) built, 1 unchanged" in out
    assert (folder / "tables" / "stages.csv").is_file()
    assert "Not built" not in (folder / "index.md").read_text()


def test_a_crosstab_that_cannot_be_tested_is_named_and_the_rest_built(study: Study) -> None:
    add_consensus(study, "stage", ["training"] * 6)
    add_consensus(study, "severity", ["low", "high", "low", "low", "low", "high"])
    folder = study.root / "report"
    (folder / "tables").mkdir(parents=True)
    stale = folder / "tables" / "stage-by-severity.csv"
    stale.write_text("an older run's table\n")
    code, out, err = report(study)
    assert code == 2
    assert "2 output(s) built, 0 unchanged, 1 not built" in out
    (line,) = [line for line in err.splitlines() if line.startswith("not built")]
    assert line.startswith("not built: tables/stage-by-severity: ")
    assert "1 non-empty row(s)" in line
    assert not stale.exists()
    assert (folder / "tables" / "stages.csv").is_file()


def test_report_text_counts_in_the_singular_and_leaves_uncoded_rounds_empty(
    study: Study,
) -> None:
    add_consensus(
        study, "stage", ["training", "training", "modeling", "modeling", "training", "modeling"]
    )
    add_consensus(study, "severity", ["low", "high", "low", "low", "low", "high"])
    code, _, err = report(study)
    assert code == 0, err
    folder = study.root / "report"
    index = (folder / "index.md").read_text()
    assert "6 github issue items from 1 repository;" in index
    assert "across 1 dimension." in index and "across 1 dimensions" not in index
    for suffix in ("csv", "md", "tex"):
        text = (folder / "tables" / f"agreement.{suffix}").read_text()
        assert "nan" not in text.lower()
        assert "not coded" in text
    assert "nan" not in (folder / "index.html").read_text().lower()


def test_a_report_output_refuses_an_ambiguous_name_and_takes_a_prefixed_one(
    study: Study,
) -> None:
    add_consensus(
        study, "stage", ["training", "training", "modeling", "modeling", "training", "modeling"]
    )
    add_consensus(study, "severity", ["low", "high", "low", "low", "low", "high"])
    with study.db.begin() as conn:
        for i in range(1, 7):
            conn.execute(
                schema.items.update()
                .where(schema.items.c.id == str(i))
                .values(meta={"stage": "raw" if i < 4 else "other", "library": "keras"})
            )
    code, _, err = report(study)
    assert code == 2
    (line,) = [line for line in err.splitlines() if line.startswith("not built")]
    assert "tables/stage-by-severity" in line and "both a dimension and an item field" in line
    manifest = study.manifest.path
    manifest.write_text(manifest.read_text().replace('rows = "stage"', 'rows = "dimension:stage"'))
    code, _, err = report(Study.open(manifest))
    assert code == 0, err
    assert "stage: dimension (consensus labels)" in err


def test_codes_outside_the_codebook_are_counted_in_the_report(study: Study) -> None:
    add_consensus(
        study, "stage", ["training", "trainig", "modeling", "modeling", "trainig", "modeling"]
    )
    add_consensus(study, "severity", ["low", "high", "low", "low", "low", "high"])
    with study.db.begin() as conn:
        conn.execute(
            schema.codings.update()
            .where(schema.codings.c.item_id.in_(["2", "3", "4"]))
            .where(schema.codings.c.rater == "ann")
            .where(schema.codings.c.dimension == "stage")
            .values(code="trainig")
        )
    rounds = '\n[[report.tables]]\nname = "rounds"\nkind = "rounds"\ndimension = "severity"\n'
    study.manifest.path.write_text(MANIFEST + REPORT + rounds + 'by = "dimension:stage"\n')
    code, _, err = report(Study.open(study.manifest.path))
    assert code == 0, err
    folder = study.root / "report"
    index = (folder / "index.md").read_text()
    assert "2 items carry stage codes outside the codebook, counted as top-level codes" in index
    assert "codes outside the codebook, shown as written: 'trainig' (2)" in index
    assert "'trainig' (2)" in index
    assert (
        "3 items carry stage codes outside the codebook, in rater codings: 'trainig' (3)" in index
    )
    stages = (folder / "tables" / "stages.csv").read_text()
    assert "trainig" in stages
    crosstab = (folder / "tables" / "stage-by-severity.csv").read_text().splitlines()
    assert [line.split(",")[0] for line in crosstab[1:-1]] == ["Training", "Modeling", "trainig"]


def test_outputs_a_study_lacks_the_data_for_are_named_with_why(tmp_path: Path) -> None:
    (tmp_path / "items.csv").write_text(ITEMS)
    (tmp_path / "codebook.yaml").write_text(CODEBOOK)
    items_only = MANIFEST[: MANIFEST.index('\n[[imports]]\nwhat = "labels"')]
    extra = """
[[report.tables]]
name = "per-code"
kind = "agreement_per_code"
dimension = "stage"

[[report.figures]]
name = "over-time"
kind = "timeline"
"""
    (tmp_path / "study.toml").write_text(items_only + REPORT + extra)
    study = Study.open(tmp_path / "study.toml")
    import_package(study)
    add_consensus(
        study, "stage", ["training", "training", "modeling", "modeling", "training", "modeling"]
    )
    code, out, err = report(study)
    assert code == 2
    assert "1 output(s) built, 0 unchanged, 4 not built" in out
    failures = sorted(line for line in err.splitlines() if line.startswith("not built"))
    assert [line.split(":")[1].strip() for line in failures] == [
        "figures/over-time",
        "tables/agreement",
        "tables/per-code",
        "tables/stage-by-severity",
    ]
    assert "needs rater codings; the study has none" in failures[1]
    assert "no item has a created_at" in failures[0]
    assert (study.root / "report" / "tables" / "stages.csv").is_file()
