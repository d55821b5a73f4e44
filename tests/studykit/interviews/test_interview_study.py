"""Interviews and surveys in a study, through the commands, on SQLite and PostgreSQL."""

from pathlib import Path

import pandas as pd
import pytest

from studykit.study import Study
from tests.support.interview_study import run
from tests.support.qdpx_files import XXE, project_xml, write_qdpx


def counts(study: Path, db: str) -> dict[str, int]:
    opened = Study.open(study, db=db)
    try:
        return opened.db.counts()
    finally:
        opened.close()


def test_interviews_end_to_end(study: Path, db_url: str) -> None:
    for step in (("import", "participants"), ("import", "transcripts")):
        code, text = run(study, db_url, *step)
        assert code == 0, text
    assert "flagged: P04-0001 name\nflagged: P04-0042 email\n" in text
    assert counts(study, db_url)["segments"] == 260
    code, text = run(study, db_url, "sheets", "export", "--kind", "segment", "--rater", "alice")
    assert code == 2 and "personal data left" in text and "P04-0042 (email)" in text
    code, text = run(study, db_url, "import", "transcripts", "--redact")
    assert code == 0, text
    code, text = run(
        study, db_url, "import", "qdpx", str(study.parent / "interviews" / "example.qdpx")
    )
    assert code == 0 and "codings by alice, bob on 6 source(s)" in text, text
    opened = Study.open(study, db=db_url)
    segments = opened.table("segments")
    assert "[name]" in segments.loc[segments["id"] == "P04-0001", "text"].item()
    items = opened.table("items")
    assert (items["kind"] == "segment").sum() == 130
    codings = opened.table("codings")
    assert set(codings["round"]) == {"interviews"} and set(codings["dimension"]) == {"theme"}
    opened.close()
    code, text = run(
        study, db_url, "agree", "--codebook", str(study.parent / "interviews" / "codebook.yaml")
    )
    assert code == 0 and "theme" in text, text
    code, text = run(study, db_url, "analyze", "interviews", "--format", "csv")
    assert code == 0, text
    themes = pd.read_csv(pd.io.common.StringIO(text))
    assert themes.columns[1] == "Participants (n=6)" and len(themes) == 8
    code, text = run(study, db_url, "analyze", "interviews", "saturation", "--format", "json")
    assert code == 0 and '"participant_id": "P01"' in text, text
    for table in ("matrix", "cooccurrence", "quotes"):
        code, text = run(study, db_url, "analyze", "interviews", table, "--format", "markdown")
        assert code == 0, text


def test_segment_sheets_go_round_the_coding_loop(study: Path, sqlite_url: str) -> None:
    study.write_text(study.read_text().replace("[coding]\n", '[coding]\nrounds = ["i1"]\n', 1))
    for step in (("import", "participants"), ("import", "transcripts", "--redact")):
        assert run(study, sqlite_url, *step)[0] == 0
    for rater, code_ in (("alice", "environment"), ("bob", "tooling_gaps")):
        code, text = run(
            study,
            sqlite_url,
            "sheets",
            "export",
            "--kind",
            "segment",
            "--rater",
            rater,
            "--round",
            "i1",
            "--format",
            "csv",
        )
        assert code == 0, text
        path = study.parent / "sheets" / "round-i1" / f"segment-{rater}.csv"
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert len(sheet) == 130 and sheet["item_id"].iloc[0] == "P01-0002"
        sheet["theme"] = [code_ if i % 2 else "environment" for i in range(len(sheet))]
        sheet.to_csv(path, index=False)
        code, text = run(study, sqlite_url, "sheets", "import", "--kind", "segment", str(path))
        assert code == 0, text
    code, text = run(
        study,
        sqlite_url,
        "agree",
        "--round",
        "i1",
        "--format",
        "csv",
        "--codebook",
        str(study.parent / "interviews" / "codebook.yaml"),
    )
    assert code == 0 and "theme" in text, text


def test_unsafe_projects_leave_the_database_unchanged(study: Path, db_url: str) -> None:
    for step in (("import", "participants"), ("import", "transcripts", "--redact")):
        assert run(study, db_url, *step)[0] == 0
    before = counts(study, db_url)
    traversal = write_qdpx(study.parent / "t.qdpx", project_xml(), extra={"../../evil": b"x"})
    code, text = run(study, db_url, "import", "qdpx", str(traversal))
    assert code == 2 and "path traversal" in text and "nothing was imported" in text
    assert not (study.parent.parent / "evil").exists()
    xxe = write_qdpx(study.parent / "x.qdpx", project_xml(code_name="&secret;", doctype=XXE))
    code, text = run(study, db_url, "import", "qdpx", str(xxe))
    assert code == 2 and "refused unsafe XML" in text
    assert counts(study, db_url) == before


def test_survey_import_and_analysis(study: Path, db_url: str) -> None:
    code, text = run(study, db_url, "import", "survey")
    assert code == 0 and "42 respondents" in text, text
    opened = Study.open(study, db=db_url)
    questions = opened.table("survey_questions")
    assert (questions["kind"] == "likert").sum() == 8
    assert (opened.table("items")["kind"] == "survey_answer").sum() > 30
    opened.close()
    code, text = run(study, db_url, "analyze", "survey", "--format", "csv")
    assert code == 0, text
    likert = pd.read_csv(pd.io.common.StringIO(text))
    assert len(likert) == 8 and list(likert.columns[:3]) == ["Item", "n", "Median"]
    code, text = run(study, db_url, "analyze", "survey", "compare", "--format", "csv")
    assert code == 0 and "Researcher vs ML engineer" in text, text


def test_report_has_the_interview_and_survey_outputs(study: Path, sqlite_url: str) -> None:
    for step in (
        ("import", "participants"),
        ("import", "transcripts", "--redact"),
        ("import", "qdpx", str(study.parent / "interviews" / "example.qdpx")),
        ("import", "survey"),
        ("report",),
    ):
        code, text = run(study, sqlite_url, *step)
        assert code == 0, text
    report = study.parent / "report"
    for name in ("saturation", "cooccurrence", "likert"):
        assert (report / "figures" / f"{name}.png").stat().st_size > 10_000
    quotes = (report / "tables" / "quotes.md").read_text()
    assert quotes.startswith("#### ") and "> — P0" in quotes
    assert r"\begin{quote}" in (report / "tables" / "quotes.tex").read_text()
    assert "Participants (n=6)" in (report / "tables" / "themes.md").read_text()


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("participant_id,role,name\nP01,dev,Ann\n", "column 'name': names and contact data"),
        (
            "participant_id,role\nP 1,dev\n",
            "row 2, column 'participant_id': 'P 1' is not a pseudonym",
        ),
        ("participant_id,role\nP1,dev\nP1,qa\n", "row 3, column 'participant_id': 'P1' repeats"),
        ("participant_id,role,experience_years\nP1,dev,ten\n", "row 2, column 'experience_years'"),
        ("participant_id\nP1\n", "column 'role': required column is missing"),
    ],
)
def test_participants_are_validated(study: Path, sqlite_url: str, csv: str, message: str) -> None:
    path = study.parent / "people.csv"
    path.write_text(csv)
    code, text = run(study, sqlite_url, "import", "participants", str(path))
    assert code == 2 and "people.csv" in text and message in " ".join(text.split()), text


def test_transcripts_need_a_known_participant_who_speaks(study: Path, sqlite_url: str) -> None:
    assert run(study, sqlite_url, "import", "participants")[0] == 0
    other = study.parent / "X9.txt"
    other.write_text("Interviewer: hi\n\nSomeone: hello\n")
    code, text = run(study, sqlite_url, "import", "transcripts", str(other))
    assert code == 2 and "'X9' is not a participant" in text and "--participant" in text
    code, text = run(study, sqlite_url, "import", "transcripts", str(other), "--participant", "P01")
    assert code == 2 and "no turn is spoken by 'P01'" in " ".join(text.split())
    code, text = run(
        study,
        sqlite_url,
        "import",
        "transcripts",
        str(other),
        "--participant",
        "P01",
        "--speaker",
        "Someone",
    )
    assert code == 0, text
