"""Hostile and malformed files through the real commands: one line naming the file, exit code 2,
no traceback, nothing stored changed, and no file costs more than its limits (issue 11, item 9).

Every hostile file is made by code (tests/support/hostile_files.py); bombs declare their huge sizes
instead of having them, so each case is refused (or, before the limits, failed) within seconds.
"""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner

from mining.archive import MAX_PAGE_BYTES
from studykit.cli import app
from tests.support.hostile_files import (
    BILLION_LAUGHS,
    ENTITY_BOMB,
    corrupt_deflate,
    csv_row_of,
    docx_bytes,
    gzip_bomb_page,
    huge_declared,
    lying_bomb,
    millions_of_rows,
    patch_member,
    qdpx_bytes,
    sheet_xml,
    sparse,
    text_cell,
    wide_rows,
    word_document,
    xlsx_bytes,
    xlsx_with_sheet,
)
from tests.support.interview_study import make_study
from tests.support.paths import EXAMPLE

runner = CliRunner()
SECONDS = 20


@dataclass(frozen=True)
class Study:
    """The interview study with participants and one transcript stored."""

    manifest: Path
    db: Path

    def url(self) -> str:
        """The database URL."""
        return f"sqlite:///{self.db}"


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Study:
    """A study with rows in its database, for commands that must leave them as they were."""
    root = tmp_path_factory.mktemp("study")
    manifest = make_study(root)
    db = root / "study.sqlite"
    for args in (
        ["import", "participants"],
        ["import", "transcripts", str(root / "interviews" / "P04.txt")],
    ):
        result = runner.invoke(app, [*args, "--study", str(manifest), "--db", f"sqlite:///{db}"])
        assert result.exit_code == 0, result.output
    return Study(manifest, db)


# --- the corpus ---------------------------------------------------------------------------

Make = Callable[[Path], Path]


@dataclass(frozen=True)
class Case:
    """A hostile file and the command that reads it ({file} is its path, {folder} the folder
    it was made in)."""

    name: str
    make: Make
    command: tuple[str, ...]


def writes(name: str, content: Callable[[Path], bytes | str]) -> Make:
    """A maker writing `content` to `name` in the case folder."""

    def make(folder: Path) -> Path:
        path = folder / name
        data = content(folder)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    return make


def folder_named(name: str) -> Make:
    """A maker of a folder where a file is expected."""

    def make(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        return path

    return make


def sparse_file(name: str) -> Make:
    """A maker of a 300 MB file of zero bytes."""

    def make(folder: Path) -> Path:
        path = folder / name
        sparse(path)
        return path

    return make


AT = ("--study", "{manifest}", "--db", "{db}")
ITEMS = ("import", "items", "{file}", "--item", "id", *AT)
LABELS = ("import", "labels", "{file}", "--item", "id", "--dimension", "theme", "--final", "b", *AT)
SHEETS = ("sheets", "import", "--kind", "segment", "{file}", *AT)
TRANSCRIPT = ("import", "transcripts", "{file}", *AT)
QDPX = ("import", "qdpx", "{file}", *AT)
PARTICIPANTS = ("import", "participants", "{file}", *AT)
SURVEY = ("import", "survey", "{file}", *AT)
CHECK = ("codebook", "check", "{file}")
QDC = ("codebook", "import-qdc", "{file}", "-o", "{out}")
PROJECT = "project.qde"
SHEET = "xl/worksheets/sheet1.xml"
BIG = 2_000_000
NESTED_QDC = (
    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
    + '<Code name="x">' * 3000
    + "</Code>" * 3000
    + "</Codes></CodeBook>"
)


def one_cell(text: str) -> bytes:
    """A workbook with a header and one cell of `text`."""
    rows = f'<row r="1">{text_cell("A1", "id")}</row><row r="2">{text_cell("A2", text)}</row>'
    return xlsx_with_sheet(sheet_xml(rows))


HUGE_CUE = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nP01: " + "talk " * 4_000_000 + "\n"
PACKED_CELL = one_cell("x" * BIG)
HUGE_CELL = one_cell("".join(random.Random(1).choices(string.ascii_letters, k=BIG)))


def qdpx_case(name: str, spoil: Callable[[bytes], bytes]) -> Case:
    """A REFI-QDA project made hostile by `spoil`, imported."""
    return Case(name, writes("p.qdpx", lambda folder: spoil(qdpx_bytes(folder))), QDPX)


def xlsx_case(name: str, content: Callable[[], bytes], command: tuple[str, ...]) -> Case:
    """A workbook, read by `command`."""
    return Case(name, writes("s.xlsx", lambda folder: content()), command)


def csv_case(name: str, content: str, command: tuple[str, ...]) -> Case:
    """CSV text, read by `command`."""
    return Case(name, writes("t.csv", lambda folder: content), command)


OPEN_QUOTE = 'id,b\n1,x\n2,"never closed\n3,y\n4,z\n'


def survey_with_open_quote(folder: Path) -> str:
    """The example's survey export with a quote opened three rows from the end, never closed."""
    lines = (EXAMPLE / "survey" / "responses.csv").read_text(encoding="utf-8").splitlines()
    lines[-3] = '"' + lines[-3]
    return "\n".join(lines) + "\n"


def gzip_bomb_archive(folder: Path) -> Path:
    """An archive whose one page is a gzip bomb; the page's path."""
    page = folder / "archive" / "owner__repo" / "issues" / "0001.json.gz"
    page.parent.mkdir(parents=True)
    page.write_bytes(gzip_bomb_page(MAX_PAGE_BYTES))
    return page


def survey_with_huge_answer(folder: Path) -> str:
    """The example's survey export with a last column whose first answer is huge."""
    lines = (EXAMPLE / "survey" / "responses.csv").read_text(encoding="utf-8").splitlines()
    lines[0] += ",Anything else?"
    lines[1] += "," + "z" * BIG
    lines[2:] = [line + "," for line in lines[2:]]
    return "\n".join(lines) + "\n"


def docx_case(name: str, content: Callable[[], bytes]) -> Case:
    """A Word transcript of P01."""
    return Case(name, writes("P01.docx", lambda folder: content()), TRANSCRIPT)


CORPUS = [
    qdpx_case("qdpx-bad-crc", lambda data: patch_member(data, PROJECT, crc=1)),
    qdpx_case("qdpx-corrupt-deflate", lambda data: corrupt_deflate(data, PROJECT)),
    qdpx_case("qdpx-lying-bomb", lambda data: lying_bomb(data, PROJECT)),
    Case("qdpx-folder", folder_named("p.qdpx"), QDPX),
    xlsx_case("xlsx-items-bomb", lambda: huge_declared(xlsx_bytes(), SHEET), ITEMS),
    xlsx_case("xlsx-items-packed-like-a-bomb", lambda: PACKED_CELL, ITEMS),
    xlsx_case("xlsx-items-huge-cell", lambda: HUGE_CELL, ITEMS),
    xlsx_case("xlsx-items-millions-of-rows", millions_of_rows, ITEMS),
    xlsx_case("xlsx-items-wide-rows", wide_rows, ITEMS),
    xlsx_case("xlsx-sheets-truncated", lambda: xlsx_bytes()[:1500], SHEETS),
    xlsx_case("xlsx-sheets-bad-crc", lambda: patch_member(xlsx_bytes(), SHEET, crc=1), SHEETS),
    xlsx_case("xlsx-sheets-lying-bomb", lambda: lying_bomb(xlsx_bytes(), SHEET), SHEETS),
    xlsx_case("xlsx-sheets-bomb", lambda: huge_declared(xlsx_bytes(), SHEET), SHEETS),
    xlsx_case("xlsx-sheets-huge-cell", lambda: HUGE_CELL, SHEETS),
    xlsx_case("xlsx-sheets-millions-of-rows", millions_of_rows, SHEETS),
    Case("sheets-folder", folder_named("round-2"), SHEETS),
    csv_case("csv-sheets-many-columns", csv_row_of(20_000), SHEETS),
    csv_case("csv-sheets-huge-cell", "item_id,notes\nP04-0002," + "x" * BIG + "\n", SHEETS),
    csv_case("csv-items-many-columns", csv_row_of(20_000, "id"), ITEMS),
    csv_case("csv-items-huge-line", "id,text\n1," + "y" * BIG + "\n", ITEMS),
    csv_case(
        "csv-items-too-many-rows", "id\n" + "".join(f"{n}\n" for n in range(1_100_000)), ITEMS
    ),
    Case("csv-items-huge-file", sparse_file("t.csv"), ITEMS),
    csv_case("csv-items-open-quote", OPEN_QUOTE, ITEMS),
    csv_case("csv-labels-open-quote", OPEN_QUOTE, LABELS),
    csv_case("csv-sheets-open-quote", OPEN_QUOTE.replace("id,b", "item_id,notes"), SHEETS),
    csv_case(
        "csv-participants-open-quote",
        OPEN_QUOTE.replace("id,b", "participant_id,role"),
        PARTICIPANTS,
    ),
    Case("csv-survey-open-quote", writes("r.csv", survey_with_open_quote), SURVEY),
    csv_case("csv-participants-many-columns", csv_row_of(20_000), PARTICIPANTS),
    csv_case("csv-participants-huge-cell", "participant_id,role\nP09," + "r" * BIG, PARTICIPANTS),
    Case("csv-participants-folder", folder_named("p.csv"), PARTICIPANTS),
    docx_case("docx-entity-bomb", lambda: docx_bytes(word_document("P01: &i;", ENTITY_BOMB))),
    docx_case("docx-malformed-xml", lambda: docx_bytes(b"<w:document><w:body><w:p>")),
    docx_case(
        "docx-declares-4gb",
        lambda: huge_declared(docx_bytes(word_document("P01: hello")), "word/document.xml"),
    ),
    Case("csv-survey-huge-answer", writes("r.csv", survey_with_huge_answer), SURVEY),
    Case("txt-huge-file", sparse_file("P01.txt"), TRANSCRIPT),
    Case(
        "txt-binary",
        writes("P01.txt", lambda folder: b"P01: " + b"\0\1\2" * 2000),
        TRANSCRIPT,
    ),
    Case("vtt-huge-cue", writes("P01.vtt", lambda folder: HUGE_CUE), TRANSCRIPT),
    Case("txt-folder", folder_named("P01.txt"), TRANSCRIPT),
    Case("yaml-billion-laughs", writes("c.yaml", lambda folder: BILLION_LAUGHS), CHECK),
    Case("yaml-deep-nesting", writes("c.yaml", lambda folder: "[" * 5000 + "]" * 5000), CHECK),
    Case("yaml-huge-file", sparse_file("c.yaml"), CHECK),
    Case("yaml-folder", folder_named("c.yaml"), CHECK),
    Case("qdc-deep-nesting", writes("c.qdc", lambda folder: NESTED_QDC), QDC),
    Case("archive-gzip-bomb", gzip_bomb_archive, ("mine", "--replay", "{folder}/archive", *AT)),
]


@dataclass(frozen=True)
class ManifestCase:
    """A study.toml whose content is hostile."""

    name: str
    content: Callable[[str], str]


MANIFESTS = [
    ManifestCase(
        "toml-deep-nesting", lambda good: f"{good}\n[extra]\nx = {'[' * 5000}{']' * 5000}"
    ),
    ManifestCase("toml-huge-line", lambda good: good.replace("interviews", "n" * 20_000_000, 1)),
]


def dump(db: Path) -> str:
    """A hash of every row of the database."""
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


class _TookTooLong(Exception):
    pass


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail a command that runs longer than SECONDS (a file must not cost more than that)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _TookTooLong(f"still running after {SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def assert_refused(args: list[str], study: Study, named: str) -> None:
    """The command exits 2 with one line naming the file, no traceback, the database unchanged."""
    before = dump(study.db)
    result = runner.invoke(app, args)
    message = result.stderr.strip()
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "\n" not in message and named in message, message[:500]
    assert len(message) < 1000, message[:500]
    assert dump(study.db) == before


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_hostile_file_is_refused_in_one_line(case: Case, study: Study, tmp_path: Path) -> None:
    path = case.make(tmp_path)
    out = tmp_path / "out.yaml"
    args = [
        part.format(file=path, out=out, folder=tmp_path, manifest=study.manifest, db=study.url())
        for part in case.command
    ]
    assert_refused(args, study, path.name)
    assert not out.exists()


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize("case", MANIFESTS, ids=[c.name for c in MANIFESTS])
def test_hostile_manifest_is_refused_in_one_line(
    case: ManifestCase, study: Study, tmp_path: Path
) -> None:
    manifest = study.manifest.parent / f"{case.name}.toml"
    manifest.write_text(case.content(study.manifest.read_text()))
    args = ["import", "participants", "--study", str(manifest), "--db", study.url()]
    assert_refused(args, study, manifest.name)


@pytest.mark.usefixtures("deadline")
def test_a_transcript_of_one_huge_line_is_read_in_time(study: Study, tmp_path: Path) -> None:
    path = tmp_path / "P02.txt"
    path.write_text("P02: " + "word" * 150_000 + "\n", encoding="utf-8")
    args = ["import", "transcripts", str(path), "--study", str(study.manifest), "--db", study.url()]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
