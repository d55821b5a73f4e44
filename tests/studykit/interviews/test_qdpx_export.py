"""Exporting transcripts and codings as a REFI-QDA project, and reading it back in."""

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from coding.qdpx import read_qdpx
from coding.transcripts import parse_plain
from studykit.study import Study
from tests.support.interview_study import run

KEYS = ["item_id", "rater", "dimension", "code"]


def export(path: Path, url: str, *args: str) -> tuple[int, str]:
    code, text = run(path, url, "sheets", "export-qdpx", *args)
    return code, " ".join(text.split())


def coded(path: Path, url: str, *, redact: bool = True, with_project: bool = True) -> None:
    steps = [("import", "participants"), ("import", "transcripts", *(["--redact"] * redact))]
    if redact and with_project:
        steps.append(("import", "qdpx", str(path.parent / "interviews" / "example.qdpx")))
    for step in steps:
        code, text = run(path, url, *step)
        assert code == 0, text


def codings(path: Path, url: str, round: str) -> pd.DataFrame:
    opened = Study.open(path, db=url)
    table = opened.table("codings")
    opened.close()
    chosen = table[table["round"] == round][KEYS]
    return chosen.sort_values(KEYS, ignore_index=True)


def test_exported_codings_import_back_unchanged(study: Path, sqlite_url: str) -> None:
    coded(study, sqlite_url)
    target = study.parent / "out.qdpx"
    code, text = export(study, sqlite_url, "-o", str(target))
    assert code == 0 and "6 transcript(s)" in text and "by alice, bob" in text, text
    code, text = run(study, sqlite_url, "import", "qdpx", str(target), "--round", "again")
    assert code == 0 and "new transcripts" not in text, text
    before = codings(study, sqlite_url, "interviews")
    assert len(before) > 300
    pd.testing.assert_frame_equal(codings(study, sqlite_url, "again"), before)


def test_sources_read_back_as_the_stored_turns(
    study: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    coded(study, sqlite_url)
    first, second = study.parent / "a.qdpx", study.parent / "b.qdpx"
    for target, clock in ((first, "1800000000"), (second, "1900000000")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", clock)
        assert export(study, sqlite_url, "-o", str(target))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    project = read_qdpx(first)
    opened = Study.open(study, db=sqlite_url)
    segments = opened.table("segments")
    opened.close()
    assert sorted(project.sources) == sorted(set(segments["transcript_id"]))
    for name, text in project.sources.items():
        stored = segments[segments["transcript_id"] == name].sort_values("seq")
        turns = parse_plain(text, name)
        assert [t.text for t in turns] == stored["text"].tolist()
        assert [t.speaker for t in turns] == stored["speaker"].tolist()
    used = {project.codes[g].name for g in project.codings["code_guid"]}
    assert "Model conversion" in used
    with zipfile.ZipFile(first) as archive:
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())


def test_without_codings_only_text_and_codes(study: Path, sqlite_url: str) -> None:
    coded(study, sqlite_url)
    target = study.parent / "blank.qdpx"
    code, text = export(study, sqlite_url, "-o", str(target), "--no-codings")
    assert code == 0 and "0 coding(s)" in text, text
    project = read_qdpx(target)
    assert project.codings.empty and len(project.sources) == 6
    assert sum(c.codable for c in project.codes.values()) >= 16


def test_flagged_personal_data_refuses_the_export(study: Path, sqlite_url: str) -> None:
    coded(study, sqlite_url, redact=False)
    target = study.parent / "leak.qdpx"
    code, text = export(study, sqlite_url, "-o", str(target))
    assert code == 2 and "personal data left" in text and "P04-0042 (email)" in text, text
    assert not target.exists()


@pytest.mark.postgres
def test_export_from_postgres_equals_sqlite(
    study: Path,
    sqlite_url: str,
    postgres_url: str,
) -> None:
    files = []
    for url in (sqlite_url, postgres_url):
        coded(study, url)
        target = study.parent / f"{len(files)}.qdpx"
        assert export(study, url, "-o", str(target))[0] == 0
        files.append(target.read_bytes())
    assert files[0] == files[1]


def test_unlabelled_transcripts_export_without_speaker_labels(study: Path, sqlite_url: str) -> None:
    coded(study, sqlite_url, with_project=False)
    plain = study.parent / "P01.txt"
    plain.write_text("We ported the model.\n\nThen the numbers differed.\n")
    code, text = run(study, sqlite_url, "import", "transcripts", str(plain))
    assert code == 0, text
    target = study.parent / "plain.qdpx"
    assert export(study, sqlite_url, "-o", str(target), "--no-codings")[0] == 0
    sources = read_qdpx(target).sources
    assert sources["P02"].startswith("Interviewer: ")
    assert sources["P01"] == "We ported the model.\n\nThen the numbers differed.\n\n"
