"""Interview transcripts: plain text, Markdown, DOCX, WebVTT and SubRip, split into speaker turns.

Each reader returns `Turn`s; `speaker_turns` merges consecutive cues of one speaker (subtitle
formats cut a turn into many short cues) and `segment_frame` numbers the turns as segments.
Errors name the file and the line (or paragraph) that cannot be read.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from coding.docx_colours import colour_legend, colour_speaker
from coding.errors import CodingInputError, quoted
from coding.file_limits import check_text, read_document
from coding.safe_zip import ZIP_ERRORS, check_zip

FORMATS = {".txt": "text", ".md": "markdown", ".docx": "docx", ".vtt": "webvtt", ".srt": "srt"}
SEGMENT_COLUMNS = ["id", "transcript_id", "seq", "speaker", "start_seconds", "end_seconds", "text"]

_LABEL = re.compile(
    r"^\s*(?:\*\*|__)?(?P<speaker>[^\s:*_#>\[(][^:\n]{0,39}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?"
    r"\s*(?P<text>\S.*)?$",
    re.DOTALL,
)
_VOICE = re.compile(r"<v(?:\.[^\s>]+)?\s+([^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_MAX_HOURS = 99
_TIME = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})$")
_MAX_SPEAKER_WORDS = 4


@dataclass(frozen=True)
class Turn:
    """One speaker turn (or subtitle cue): who spoke, what, when, and where it is in the file.

    `line` is the 1-based line (paragraph for DOCX) it starts on; `span` the character range
    it covers in the file's text, for mapping text selections (plain text only).
    """

    speaker: str | None
    text: str
    line: int
    start: float | None = None
    end: float | None = None
    span: tuple[int, int] | None = None


def transcript_format(path: Path) -> str:
    """The format name of a transcript file by its suffix, or an error listing the known ones."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(FORMATS))
        raise CodingInputError(f"{path}: unknown transcript format {path.suffix!r} ({known})")
    return found


def read_transcript(path: Path) -> list[Turn]:
    """Read a transcript file of any supported format into speaker turns."""
    fmt = transcript_format(path)
    if fmt == "docx":
        return speaker_turns(read_docx(path))
    try:
        text = read_document(path, "a transcript", "transcript", "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodingInputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    check_text(text, str(path))
    if fmt == "webvtt":
        return speaker_turns(parse_vtt(text, str(path)))
    if fmt == "srt":
        return speaker_turns(parse_srt(text, str(path)))
    return parse_plain(text, str(path))


def split_label(text: str) -> tuple[str | None, str]:
    """Split `Speaker: text` into its speaker and text; (None, text) when there is no label."""
    match = _LABEL.match(text)
    if match is None:
        return None, text
    speaker = match["speaker"].strip()
    if len(speaker.split()) > _MAX_SPEAKER_WORDS or speaker.endswith((".", ",", "?", "!")):
        return None, text
    return speaker, (match["text"] or "").strip()


def parse_plain(text: str, source: str) -> list[Turn]:
    """Paragraph turns of plain text or Markdown: `Speaker: text`, continued by unlabelled ones.

    A turn also starts, without a blank line before it, at a line holding only a label
    (`Speaker 1:` with the text on the next lines) or at a line opening with the label of a
    speaker who opens a paragraph or two or more lines elsewhere in the file (so a one-off
    `Note:` inside a turn stays in it). Paragraphs before the first labelled one (a title, a
    header line) are skipped; Markdown headings and rules are ignored. Without any label, each
    paragraph is a turn of no speaker.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = _turn_blocks(text, _paragraphs(text))
    labelled = any(split_label(p)[0] for p, _, _ in paragraphs)
    turns: list[Turn] = []
    for paragraph, start, end in paragraphs:
        line = text.count("\n", 0, start) + 1
        speaker, body = split_label(paragraph)
        body = " ".join(body.split())
        if speaker is None and labelled:
            if turns:
                last = turns[-1]
                assert last.span is not None
                turns[-1] = replace(last, text=f"{last.text} {body}", span=(last.span[0], end))
            continue
        turns.append(Turn(speaker, body, line, span=(start, end)))
    if not turns:
        raise CodingInputError(f"{source}: no transcript text found")
    return turns


def _turn_blocks(text: str, paragraphs: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Paragraphs cut further where a line starts a new speaker's turn."""
    lines = []  # per paragraph: each line's offset in text and its label, if any
    for _, start, end in paragraphs:
        offset, labelled = start, []
        for line in text[start:end].split("\n"):
            labelled.append((offset, *split_label(line)))
            offset += len(line) + 1
        lines.append(labelled)
    speakers, openings = set(), Counter[str]()
    for labelled in lines:
        for number, (_, speaker, rest) in enumerate(labelled):
            if speaker is not None and (number == 0 or not rest):
                speakers.add(speaker)
            elif speaker is not None:
                openings[speaker] += 1
    speakers |= {speaker for speaker, count in openings.items() if count >= 2}
    blocks = []
    for (_, start, end), labelled in zip(paragraphs, lines, strict=True):
        cuts = [start, *(at for at, speaker, _ in labelled[1:] if speaker in speakers)]
        for begin, finish in zip(cuts, [*cuts[1:], end], strict=True):
            block = text[begin:finish]
            lead = len(block) - len(block.lstrip())
            if block.strip():
                blocks.append((block.strip(), begin + lead, begin + len(block.rstrip())))
    return blocks


def _paragraphs(text: str) -> list[tuple[str, int, int]]:
    found = []
    for match in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text):
        block = match.group(0)
        stripped = block.strip()
        if not stripped or stripped.startswith("#") or re.fullmatch(r"[-*_]{3,}", stripped):
            continue
        found.append((stripped, match.start(), match.end()))
    return found


def read_docx(path: Path) -> list[Turn]:
    """Paragraph turns of a Word document; headings and title paragraphs are skipped."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    if not path.exists():
        raise CodingInputError(f"{path}: no such transcript")
    check_zip(path, "Word (.docx) document")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, *ZIP_ERRORS, XMLSyntaxError, KeyError, ValueError) as exc:
        raise CodingInputError(f"{path}: not a readable Word (.docx) document ({exc})") from None
    kept = [
        (number, paragraph, " ".join(paragraph.text.split()))
        for number, paragraph in enumerate(document.paragraphs, start=1)
        if paragraph.text.strip()
        and not (paragraph.style.name if paragraph.style is not None else "").startswith(
            ("Heading", "Title")
        )
    ]
    legend = next(
        ((i, found) for i, (_, p, _) in enumerate(kept[:3]) if (found := colour_legend(p))), None
    )
    if legend is not None:
        return _coloured_turns(kept[legend[0] + 1 :], legend[1], path)
    turns: list[Turn] = []
    labelled = False
    for number, _, text in kept:
        speaker, body = split_label(text)
        labelled = labelled or speaker is not None
        if speaker is None and labelled and turns:
            turns[-1] = replace(turns[-1], text=f"{turns[-1].text} {body}")
        elif speaker is not None or not labelled:
            turns.append(Turn(speaker, body, number))
    if not labelled:
        turns = [Turn(None, t.text, t.line) for t in turns]
    if not turns:
        raise CodingInputError(f"{path}: the document holds no transcript text")
    return turns


def _coloured_turns(
    paragraphs: list[tuple[int, Any, str]], legend: dict[str, str], path: Path
) -> list[Turn]:
    """Turns of a transcript whose speakers are told apart by font colour (docx_colours.py)."""
    turns: list[Turn] = []
    for number, paragraph, text in paragraphs:
        speaker = colour_speaker(paragraph, legend)
        if speaker is None and turns:
            turns[-1] = replace(turns[-1], text=f"{turns[-1].text} {text}")
        else:
            turns.append(Turn(speaker, text, number))
    if not turns:
        raise CodingInputError(f"{path}: the document holds no transcript text")
    return turns


def parse_vtt(text: str, source: str) -> list[Turn]:
    """WebVTT cues (Teams, Zoom): speaker from `<v Name>` or a `Name:` prefix; NOTEs skipped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        raise CodingInputError(f"{source}: line 1: a WebVTT file starts with 'WEBVTT'")
    cues = []
    for first, block in _blocks(lines[1:], offset=2):
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        cues.append(_cue(block, first, source, voice=True))
    if not cues:
        raise CodingInputError(f"{source}: the WebVTT file holds no cues")
    return cues


def parse_srt(text: str, source: str) -> list[Turn]:
    """SubRip cues: a number, `00:00:01,000 --> 00:00:04,000`, then `Speaker: text` lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues = [_cue(block, first, source, voice=False) for first, block in _blocks(lines, offset=1)]
    if not cues:
        raise CodingInputError(f"{source}: the SubRip file holds no cues")
    return cues


def _blocks(lines: list[str], *, offset: int) -> list[tuple[int, list[str]]]:
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = offset
    for number, line in enumerate(lines, start=offset):
        if line.strip():
            if not current:
                first = number
            current.append(line.strip())
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _cue(block: list[str], first: int, source: str, *, voice: bool) -> Turn:
    timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
    if timing is None:
        raise CodingInputError(
            f"{source}: line {first}: a cue needs a timing line like "
            f"'00:00:01.000 --> 00:00:04.000' (got {block[0][:60]!r})"
        )
    line = first + timing
    parts = block[timing].split("-->")
    start = _seconds(parts[0].strip(), source, line)
    end = _seconds(parts[1].strip().split()[0] if parts[1].strip() else "", source, line)
    if end < start:
        raise CodingInputError(f"{source}: line {line}: the cue ends before it starts")
    payload = " ".join(block[timing + 1 :])
    speaker = None
    found = _VOICE.search(payload) if voice else None
    if found is not None:
        speaker = found.group(1).strip()
    body = " ".join(html.unescape(_TAG.sub("", payload)).split())
    if speaker is None:
        speaker, body = split_label(body)
    return Turn(speaker, body, line, start=start, end=end)


def _seconds(stamp: str, source: str, line: int) -> float:
    match = _TIME.match(stamp)
    if match is None:
        raise CodingInputError(
            f"{source}: line {line}: {quoted(stamp)} is not a timestamp (hh:mm:ss.mmm)"
        )
    hours, minutes, seconds, millis = match.groups()
    if hours and (len(hours) > 4 or int(hours) > _MAX_HOURS):
        raise CodingInputError(
            f"{source}: line {line}: {quoted(stamp)} is more than {_MAX_HOURS} hours into "
            "the recording; times count hh:mm:ss.mmm from its start"
        )
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def speaker_turns(cues: list[Turn]) -> list[Turn]:
    """Merge consecutive cues of one named speaker into one turn (unnamed cues stay apart)."""
    turns: list[Turn] = []
    for cue in cues:
        if not cue.text:
            continue
        last = turns[-1] if turns else None
        if last is not None and cue.speaker is not None and cue.speaker == last.speaker:
            turns[-1] = replace(last, text=f"{last.text} {cue.text}", end=cue.end)
        else:
            turns.append(cue)
    return turns


def rename_speakers(turns: list[Turn], names: Mapping[str, str]) -> list[Turn]:
    """Replace speaker labels (e.g. a real name) by others (the pseudonym), case-insensitively."""
    folded = {k.casefold(): v for k, v in names.items()}
    return [
        replace(t, speaker=folded.get(t.speaker.casefold(), t.speaker)) if t.speaker else t
        for t in turns
    ]


def segment_id(transcript_id: str, seq: int) -> str:
    """The id of a transcript's seq-th segment, e.g. P03-0012."""
    return f"{transcript_id}-{seq:04d}"


def segment_frame(turns: list[Turn], transcript_id: str) -> pd.DataFrame:
    """The turns as rows of the `segments` table, numbered from 1."""
    return pd.DataFrame(
        [
            {
                "id": segment_id(transcript_id, seq),
                "transcript_id": transcript_id,
                "seq": seq,
                "speaker": turn.speaker,
                "start_seconds": turn.start,
                "end_seconds": turn.end,
                "text": turn.text,
            }
            for seq, turn in enumerate(turns, start=1)
        ],
        columns=SEGMENT_COLUMNS,
    )


def plain_text(turns: list[Turn]) -> str:
    """The turns as `Speaker: text` paragraphs, the form `parse_plain` reads back."""
    return "\n\n".join(f"{t.speaker}: {t.text}" if t.speaker else t.text for t in turns) + "\n"
