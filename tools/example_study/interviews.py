"""Interview files: participants, roster, six transcripts in five formats (WebVTT, SubRip, DOCX,
plain text, Markdown) and the interview codebook."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import numpy as np

from tools.example_study.banks import codebooks as cb
from tools.example_study.banks import interviews as iv
from tools.example_study.codebook_files import write_yaml
from tools.example_study.helpers import sha1


def timestamp(seconds: float, sep: str) -> str:
    """hh:mm:ss.mmm (WebVTT, sep '.') or hh:mm:ss,mmm (SubRip, sep ',')."""
    ms = round(seconds * 1000)
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues(
    rng: np.random.Generator, turns: list[tuple[str, str]], max_words: int
) -> list[tuple[float, float, str, str]]:
    """Split turns into timed cues of at most max_words words (about 2.6 words per second)."""
    out = []
    t = float(rng.uniform(1.0, 4.0))
    for speaker, text in turns:
        sentences = re.split(r"(?<=[.?!])\s+", text)
        chunk: list[str] = []
        for s in [*sentences, ""]:
            if s and len(" ".join([*chunk, s]).split()) <= max_words:
                chunk.append(s)
                continue
            if chunk:
                words = len(" ".join(chunk).split())
                dur = words / 2.6 + float(rng.uniform(0.2, 0.9))
                out.append((t, t + dur, speaker, " ".join(chunk)))
                t += dur + float(rng.uniform(0.05, 0.4))
            chunk = [s] if s else []
        t += float(rng.uniform(0.3, 1.5))
    return out


def write_vtt_teams(rng: np.random.Generator, path: Path, turns: list[tuple[str, str]]) -> None:
    """WebVTT as Microsoft Teams exports it: GUID-like cue ids and <v Speaker>...</v> tags."""
    lines = ["WEBVTT", ""]
    guid = sha1(path.name)
    for i, (a, b, speaker, text) in enumerate(cues(rng, turns, 28)):
        lines += [
            f"{guid[:8]}-{guid[8:12]}-{guid[12:16]}-{guid[16:20]}-{guid[20:32]}/{i + 11}-0",
            f"{timestamp(a, '.')} --> {timestamp(b, '.')}",
            f"<v {speaker}>{text}</v>",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_vtt_zoom(rng: np.random.Generator, path: Path, turns: list[tuple[str, str]]) -> None:
    """WebVTT as a Zoom-style export: numbered cues, a NOTE block, <v Speaker> tags unclosed."""
    lines = ["WEBVTT", "", "NOTE synthetic transcript, studykit example data", ""]
    for i, (a, b, speaker, text) in enumerate(cues(rng, turns, 22), start=1):
        lines += [
            str(i),
            f"{timestamp(a, '.')} --> {timestamp(b, '.')}",
            f"<v {speaker}>{text}",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(rng: np.random.Generator, path: Path, turns: list[tuple[str, str]]) -> None:
    """SubRip with `Speaker: text` cue lines."""
    lines = []
    for i, (a, b, speaker, text) in enumerate(cues(rng, turns, 24), start=1):
        lines += [str(i), f"{timestamp(a, ',')} --> {timestamp(b, ',')}", f"{speaker}: {text}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_docx(path: Path, pid: str, turns: list[tuple[str, str]]) -> None:
    """A Word transcript (`Interviewer: ...` / `P03: ...` paragraphs), re-packed to be
    byte-stable."""
    doc = docx.Document()
    props = doc.core_properties
    props.author = "studykit example (synthetic)"
    props.last_modified_by = "studykit example (synthetic)"
    props.title = f"Interview {pid} (synthetic transcript)"
    props.created = props.modified = dt.datetime(2025, 9, 30, 12, 0, 0)
    props.revision = 1
    doc.add_heading(f"Interview {pid} — synthetic transcript (studykit example data)", level=1)
    for speaker, text in turns:
        doc.add_paragraph(f"{speaker}: {text}")
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(repack_zip(buf.getvalue()))


def repack_zip(data: bytes) -> bytes:
    """Rewrite a zip (docx) with fixed timestamps and order so that it is byte-identical per run."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_plain(path: Path, header: str, turns: list[tuple[str, str]]) -> None:
    """Plain text / Markdown transcript: a header, then `Speaker: text` paragraphs."""
    body = "\n\n".join(f"{speaker}: {text}" for speaker, text in turns)
    path.write_text(header + "\n\n" + body + "\n", encoding="utf-8")


def write_interviews(out: Path, rng: np.random.Generator) -> dict[str, int]:
    """participants.csv, roster.csv, six transcripts in five formats, interview codebook."""
    folder = out / "interviews"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "participants.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["participant_id", "role", "experience_years", "org_size", "domain"])
        w.writerows(iv.PARTICIPANTS)
    with (folder / "roster.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["participant_id", "name", "email"])
        w.writerows(iv.ROSTER)
    words = {}
    for pid, raw in iv.TRANSCRIPTS.items():
        turns = iv.parse(raw, pid)
        words[pid] = sum(len(text.split()) for _, text in turns)
        if pid == "P01":
            write_vtt_teams(rng, folder / "P01.vtt", turns)
        elif pid == "P06":
            write_vtt_zoom(rng, folder / "P06.vtt", turns)
        elif pid == "P02":
            write_srt(rng, folder / "P02.srt", turns)
        elif pid == "P03":
            write_docx(folder / "P03.docx", pid, turns)
        elif pid == "P04":
            write_plain(folder / "P04.txt", "Interview P04 (synthetic example transcript)", turns)
        else:
            write_plain(folder / "P05.md", "# Interview P05 (synthetic example transcript)", turns)
    write_yaml(
        folder / "codebook.yaml",
        cb.interview_codebook(),
        "# Interview codebook of the studykit example study. SYNTHETIC example data.\n",
    )
    return words
