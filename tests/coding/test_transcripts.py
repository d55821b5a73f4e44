"""Transcripts of every format split into speaker turns; broken files name file and line."""

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import RGBColor

from coding.errors import CodingInputError
from coding.transcripts import (
    Turn,
    parse_plain,
    parse_srt,
    parse_vtt,
    plain_text,
    read_transcript,
    rename_speakers,
    segment_frame,
    speaker_turns,
)
from tests.support.paths import EXAMPLE
from tools.example_study.banks import interviews as truth

INTERVIEWS = EXAMPLE / "interviews"


@pytest.mark.parametrize("name", ["P01.vtt", "P02.srt", "P03.docx", "P04.txt", "P05.md", "P06.vtt"])
def test_every_example_format_gives_the_generators_turns(name: str) -> None:
    pid = name[:3]
    expected = truth.parse(truth.TRANSCRIPTS[pid], pid)
    turns = read_transcript(INTERVIEWS / name)
    assert [(t.speaker, t.text) for t in turns] == expected
    timed = name.endswith((".vtt", ".srt"))
    assert all((t.start is not None) == timed for t in turns)
    if timed:
        assert all(t.start <= t.end for t in turns)  # type: ignore[operator]
        assert [t.start for t in turns] == sorted(t.start for t in turns)  # type: ignore[misc]


def test_vtt_cues_of_one_speaker_merge_into_a_turn_with_its_time_span() -> None:
    text = (
        "WEBVTT\n\nNOTE a note\n\n"
        "1\n00:00:01.000 --> 00:00:02.500\n<v Ann>Hello &amp; welcome</v>\n\n"
        "2\n00:00:02.600 --> 00:00:04.000\n<v Ann>to the call.</v>\n\n"
        "00:05.000 --> 00:06.000 align:start\n<v.loud Bob>Hi <i>there</i>\n"
    )
    turns = speaker_turns(parse_vtt(text, "t.vtt"))
    assert [(t.speaker, t.text, t.start, t.end) for t in turns] == [
        ("Ann", "Hello & welcome to the call.", 1.0, 4.0),
        ("Bob", "Hi there", 5.0, 6.0),
    ]


def test_zoom_style_speaker_prefix_and_srt() -> None:
    vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nJane Doe: Yes.\n"
    assert parse_vtt(vtt, "z.vtt")[0].speaker == "Jane Doe"
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nP07: First line\nsecond line\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n<i>no speaker</i>\n"
    )
    cues = parse_srt(srt, "s.srt")
    assert [(c.speaker, c.text) for c in cues] == [
        ("P07", "First line second line"),
        (None, "no speaker"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1\n00:00:01.000 --> 00:00:02.000\nhi\n", "line 1: a WebVTT file starts with 'WEBVTT'"),
        ("WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nhi\n", "line 3: a cue needs a timing line"),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhi\n",
            "line 3: '00:00:0x.000' is not a timestamp",
        ),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nhi\n", "line 3: the cue ends before it starts"),
        ("WEBVTT\n\nNOTE only a note\n", "holds no cues"),
        (
            "WEBVTT\n\n99999999999999999999:00:01.000 --> 99999999999999999999:00:02.000\nhi\n",
            "line 3: '99999999999999999999:00:01.000' is more than 99 hours into the recording",
        ),
        (
            "WEBVTT\n\n100:00:01.000 --> 100:00:02.000\nhi\n",
            "line 3: '100:00:01.000' is more than 99 hours",
        ),
        (
            "WEBVTT\n\n" + "9" * 100_000 + ":00:01.000 --> 00:00:02.000\nhi\n",
            "line 3: '99999999999999999999999999999999999999999999999999",
        ),
    ],
)
def test_broken_vtt_is_refused_naming_file_and_line(text: str, message: str) -> None:
    with pytest.raises(CodingInputError, match=r"broken\.vtt") as caught:
        parse_vtt(text, "broken.vtt")
    assert message in str(caught.value) and len(str(caught.value)) < 300


def test_an_srt_hour_beyond_any_recording_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.srt"
    path.write_text("1\n99999999999999999999:00:01,000 --> 99999999999999999999:00:02,000\nA: hi\n")
    with pytest.raises(CodingInputError, match=r"long.srt: line 2: .* more than 99 hours"):
        read_transcript(path)
    path.write_text("1\n99:59:01,000 --> 99:59:02,500\nA: hi\n")
    assert read_transcript(path)[0].end == 99 * 3600 + 59 * 60 + 2.5


def test_broken_srt_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nA: ok\n\n2\n00:00:03,000 to 00:00:04,000\nB: no\n"
    )
    with pytest.raises(CodingInputError, match=r"broken.srt: line 5: a cue needs a timing line"):
        read_transcript(path)


def test_broken_docx_text_encoding_and_empty_files(tmp_path: Path) -> None:
    fake = tmp_path / "broken.docx"
    fake.write_bytes(b"PK\x03\x04 this is not a Word document")
    with pytest.raises(CodingInputError, match=r"broken.docx: not a readable Word"):
        read_transcript(fake)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Interviewer: caf\xe9".encode("latin-1"))
    with pytest.raises(CodingInputError, match=r"latin.txt: not UTF-8"):
        read_transcript(latin)
    empty = tmp_path / "empty.md"
    empty.write_text("# Only a title\n\n---\n")
    with pytest.raises(CodingInputError, match=r"empty.md: no transcript text"):
        read_transcript(empty)
    with pytest.raises(CodingInputError, match=r"unknown transcript format '.pdf'"):
        read_transcript(tmp_path / "x.pdf")


def test_docx_headings_are_skipped_and_unlabelled_paragraphs_continue(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Interview P09", level=1)
    document.add_paragraph("Interviewer: How did it go?")
    document.add_paragraph("P09: Badly.")
    document.add_paragraph("It crashed twice.")
    path = tmp_path / "P09.docx"
    document.save(str(path))
    assert [(t.speaker, t.text) for t in read_transcript(path)] == [
        ("Interviewer", "How did it go?"),
        ("P09", "Badly. It crashed twice."),
    ]


def coloured(paragraph: Any, text: str, rgb: str | None) -> None:
    run = paragraph.add_run(text)
    if rgb is not None:
        run.font.color.rgb = RGBColor.from_string(rgb)


def test_docx_speakers_by_font_colour_named_in_a_legend(tmp_path: Path) -> None:
    """Humbatova et al.'s layout: a legend line, then each speaker's paragraphs in a colour."""
    blue, green = "0000FF", "38761D"
    document = docx.Document()
    legend = document.add_paragraph()
    coloured(legend, "Blue", blue)
    coloured(legend, " \u2013 Interviewer, ", None)
    coloured(legend, "Green", green)
    coloured(legend, " - Interviewee", blue)
    for text, rgb in (
        ("Could you describe your role?", blue),
        ("I train detection models.", green),
        ("Mostly for drones.", None),
        ("Thanks: that helps.", blue),
    ):
        coloured(document.add_paragraph(), text, rgb)
    path = tmp_path / "I01.docx"
    document.save(str(path))
    assert [(t.speaker, t.text) for t in read_transcript(path)] == [
        ("Interviewer", "Could you describe your role?"),
        ("Interviewee", "I train detection models. Mostly for drones."),
        ("Interviewer", "Thanks: that helps."),
    ]
    plain = docx.Document()
    plain.add_paragraph("Blue - Interviewer, Green - Interviewee")
    plain.add_paragraph("Interviewer: Hello?")
    plain.save(str(tmp_path / "I02.docx"))
    turns = read_transcript(tmp_path / "I02.docx")
    assert [t.speaker for t in turns] == [None, "Interviewer"]  # no colours: not a legend


def test_plain_text_spans_round_trip_and_unlabelled_text() -> None:
    text = "Title line\n\n**Interviewer:** Why?\n\nP01: Because\nof data.\n\nMore on that.\n"
    turns = parse_plain(text, "t.md")
    assert [(t.speaker, t.text) for t in turns] == [
        ("Interviewer", "Why?"),
        ("P01", "Because of data. More on that."),
    ]
    assert text[slice(*turns[1].span)].startswith("P01: Because")  # type: ignore[misc]
    assert [(t.speaker, t.text) for t in parse_plain(plain_text(turns), "again")] == [
        (t.speaker, t.text) for t in turns
    ]
    unlabelled = parse_plain("First thought.\n\nSecond thought.", "u.txt")
    assert [(t.speaker, t.text) for t in unlabelled] == [
        (None, "First thought."),
        (None, "Second thought."),
    ]


def test_turns_start_at_label_lines_without_blank_lines() -> None:
    """`Speaker 1:` alone on a line, or a known speaker's label, starts a turn (Jiang et al.)."""
    text = "Speaker 1:\nHave you signed the form?\nSpeaker 2:\nYes.\nI did.\nSpeaker 1:\nGood.\n"
    turns = parse_plain(text, "bare.txt")
    assert [(t.speaker, t.text) for t in turns] == [
        ("Speaker 1", "Have you signed the form?"),
        ("Speaker 2", "Yes. I did."),
        ("Speaker 1", "Good."),
    ]
    assert [text[slice(*t.span)] for t in turns][1] == "Speaker 2:\nYes.\nI did."  # type: ignore[misc]
    chat = "Interviewer: Why?\nP01: Two reasons.\nNote: the first is data.\nInterviewer: And?\n"
    chat += "P01: The second is compute.\n"
    assert [(t.speaker, t.text) for t in parse_plain(chat, "chat.txt")] == [
        ("Interviewer", "Why?"),
        ("P01", "Two reasons. Note: the first is data."),
        ("Interviewer", "And?"),
        ("P01", "The second is compute."),
    ]


def test_segments_are_numbered_and_speakers_renamed() -> None:
    turns = rename_speakers(
        [Turn("Mira C", "hi", 1), Turn("Interviewer", "ok", 2)], {"mira c": "P04"}
    )
    frame = segment_frame(turns, "P04")
    assert list(frame["id"]) == ["P04-0001", "P04-0002"]
    assert list(frame["speaker"]) == ["P04", "Interviewer"]


def test_a_missing_transcript_or_a_folder_is_named_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(CodingInputError, match=r"gone.txt: no such transcript$"):
        read_transcript(tmp_path / "gone.txt")
    (tmp_path / "folder.vtt").mkdir()
    with pytest.raises(CodingInputError, match=r"folder.vtt: a folder, not a transcript"):
        read_transcript(tmp_path / "folder.vtt")
