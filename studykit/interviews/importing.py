"""Interviews in a study: participants, transcripts as segments (and items), REFI-QDA codings.

Segments spoken by the participant become items of kind "segment" (id `P03-0012`), so the
labelling sheets, agreement and consensus of the coding loop work on them unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, and_, delete, func, select

from coding.codebook import Codebook
from coding.pii import find_personal_data, redact
from coding.qdpx import map_codes, read_qdpx, selected_turns
from coding.transcripts import Turn, parse_plain, read_transcript, rename_speakers, segment_frame
from coding.transcripts import transcript_format as file_format
from studykit.clock import now_iso
from studykit.db import insert, records, schema, upsert
from studykit.db.locks import codings_key, serialise_writers
from studykit.db.reads import interview_table
from studykit.errors import InputError, StudykitError
from studykit.labelling.codebooks import interview_codebook, store_codebook
from studykit.study import Study
from studykit.user_csv import read_user_csv

PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PARTICIPANT_FIELDS = ("role", "experience_years", "org_size", "domain")
# The writer keys of an import of transcripts (studykit.db.locks): it replaces transcripts,
# their segments and findings, and the segments' items.
TRANSCRIPT_SLICES = ("transcripts", "items")
REAL_NAME_COLUMNS = ("name", "full_name", "first_name", "last_name", "email", "e-mail", "phone")


def read_participants(path: Path) -> pd.DataFrame:
    """Read and validate a participants CSV into rows of the `participants` table."""
    frame = read_user_csv(path, "participants file")
    for column in ("participant_id", "role"):
        if column not in frame.columns:
            raise InputError(f"{path}: row 1, column {column!r}: required column is missing")
    for column in frame.columns:
        if column.casefold() in REAL_NAME_COLUMNS:
            raise InputError(
                f"{path}: row 1, column {column!r}: names and contact data belong in the roster "
                "file ([interviews] roster), never in the participants table"
            )
    rows, seen = [], set()
    for offset, record in enumerate(frame.to_dict("records")):
        line = offset + 2
        pid = record["participant_id"].strip()
        if not PSEUDONYM.match(pid):
            raise InputError(
                f"{path}: row {line}, column 'participant_id': {pid!r} is not a pseudonym "
                "(letters, digits, - _ . and no spaces, e.g. P01)"
            )
        if pid in seen:
            raise InputError(f"{path}: row {line}, column 'participant_id': {pid!r} repeats")
        seen.add(pid)
        years = record.get("experience_years", "").strip()
        try:
            experience = float(years) if years else None
        except ValueError:
            experience = -1.0
        if experience is not None and not 0 <= experience <= 80:
            raise InputError(
                f"{path}: row {line}, column 'experience_years': {years!r} is not a number of "
                "years between 0 and 80"
            )
        rows.append(
            {
                "id": pid,
                "role": record["role"].strip() or None,
                "experience_years": experience,
                "org_size": record.get("org_size", "").strip() or None,
                "domain": record.get("domain", "").strip() or None,
                "attributes": {
                    k: v
                    for k, v in record.items()
                    if k not in ("participant_id", *PARTICIPANT_FIELDS)
                },
            }
        )
    if not rows:
        raise InputError(f"{path}: the file lists no participants")
    return pd.DataFrame(rows)


def import_participants(study: Study, path: Path | None = None) -> int:
    """Store (or update) the participants of a CSV; return how many."""
    path = path or _manifest_file(study, "participants")
    frame = read_participants(path)
    with study.db.begin() as conn:
        serialise_writers(conn, "participants")
        return upsert(conn, schema.participants, records(frame))


def _manifest_file(study: Study, key: str) -> Path:
    value = getattr(study.manifest.interviews, key)
    if value is None:
        raise StudykitError(f"{study.manifest.path}: [interviews] {key} is not set; name a FILE")
    return study.manifest.resolve(value)


def roster(study: Study) -> dict[str, str]:
    """Participant id -> real name from the roster file, if the manifest names one."""
    if study.manifest.interviews.roster is None:
        return {}
    path = study.manifest.resolve(study.manifest.interviews.roster)
    frame = read_user_csv(path, "roster")
    if not {"participant_id", "name"} <= set(frame.columns):
        raise InputError(f"{path}: row 1: the roster needs columns participant_id and name")
    return dict(zip(frame["participant_id"], frame["name"], strict=True))


@dataclass(frozen=True)
class TranscriptSummary:
    """What importing one transcript stored."""

    transcript_id: str
    participant_id: str
    format: str
    segments: int
    items: int
    findings: pd.DataFrame


def import_transcripts(
    study: Study,
    paths: list[Path],
    *,
    participant: str | None = None,
    speaker: str | None = None,
    redact_found: bool = False,
) -> list[TranscriptSummary]:
    """Parse, segment and check transcripts, then store them all in one transaction."""
    if not paths:
        paths = [study.manifest.resolve(p) for p in study.manifest.interviews.transcripts]
    if not paths:
        raise StudykitError("name transcript files, or list them in [interviews] transcripts")
    if participant is not None and len(paths) > 1:
        raise StudykitError("--participant applies to one transcript; import files one at a time")
    known = set(interview_table(study, "participants")["id"])
    names = roster(study)
    prepared = []
    for path in paths:
        pid = _participant_of(path, participant, known)
        mapping = {names[pid]: pid} if pid in names else {}
        if speaker is not None:
            mapping[speaker] = pid
        turns = rename_speakers(read_transcript(path), mapping)
        prepared.append((path.stem, pid, file_format(path), str(path), turns))
    with study.db.begin() as conn:
        serialise_writers(conn, *TRANSCRIPT_SLICES)
        return [
            _store_transcript(conn, tid, pid, fmt, source, turns, names, redact_found)
            for tid, pid, fmt, source, turns in prepared
        ]


def _participant_of(path: Path, participant: str | None, known: set[str]) -> str:
    pid = participant or path.stem
    if not known:
        raise StudykitError("the study has no participants yet: run `studykit import participants`")
    if pid not in known:
        hint = "" if participant else " (pass --participant ID)"
        raise StudykitError(f"{path}: {pid!r} is not a participant of the study{hint}")
    return pid


def _store_transcript(
    conn: Connection,
    transcript_id: str,
    participant: str,
    fmt: str,
    source: str,
    turns: list[Turn],
    names: dict[str, str],
    redact_found: bool,
) -> TranscriptSummary:
    if not PSEUDONYM.match(transcript_id):
        raise InputError(f"{source}: {transcript_id!r} is not usable as a transcript id")
    speakers = {t.speaker for t in turns}
    if speakers != {None} and participant not in speakers:
        raise InputError(
            f"{source}: no turn is spoken by {participant!r} (speakers: "
            f"{', '.join(sorted(s for s in speakers if s))}); pass --speaker NAME, or put the "
            "name in the roster"
        )
    segments = segment_frame(turns, transcript_id)
    findings = find_personal_data(
        dict(zip(segments["id"], segments["text"], strict=True)), names.values()
    )
    if redact_found and not findings.empty:
        segments["text"] = [
            redact(text, findings[findings["segment_id"] == sid])
            for sid, text in zip(segments["id"], segments["text"], strict=True)
        ]
    _replace_transcript(conn, transcript_id, list(segments["text"]), source)
    conn.execute(
        schema.transcripts.insert().values(
            id=transcript_id,
            participant_id=participant,
            source_file=Path(source).name,
            format=fmt,
            imported_at=now_iso(),
        )
    )
    insert(conn, schema.segments, records(segments))
    spoken = segments[segments["speaker"].isna() | (segments["speaker"] == participant)]
    upsert(conn, schema.items, records(_segment_items(spoken, participant)))
    status = "redacted" if redact_found else "open"
    insert(conn, schema.pii_findings, records(findings.drop(columns="match").assign(status=status)))
    return TranscriptSummary(transcript_id, participant, fmt, len(segments), len(spoken), findings)


def _replace_transcript(
    conn: Connection, transcript_id: str, texts: list[str], source: str
) -> None:
    """Remove a transcript imported before, unless coded segments would change."""
    old = conn.execute(
        select(schema.segments.c.id, schema.segments.c.text)
        .where(schema.segments.c.transcript_id == transcript_id)
        .order_by(schema.segments.c.seq)
    ).all()
    if not old:
        return
    ids = [row.id for row in old]
    coded = conn.execute(
        select(func.count()).select_from(schema.codings).where(schema.codings.c.item_id.in_(ids))
    ).scalar_one()
    if coded and [row.text for row in old] != texts:
        raise InputError(
            f"{source}: transcript {transcript_id!r} is already imported and coded, and its "
            "segments would change; nothing was imported"
        )
    conn.execute(delete(schema.pii_findings).where(schema.pii_findings.c.segment_id.in_(ids)))
    if not coded:
        conn.execute(delete(schema.consensus).where(schema.consensus.c.item_id.in_(ids)))
        conn.execute(delete(schema.sample_items).where(schema.sample_items.c.item_id.in_(ids)))
        conn.execute(delete(schema.items).where(schema.items.c.id.in_(ids)))
    conn.execute(delete(schema.segments).where(schema.segments.c.transcript_id == transcript_id))
    conn.execute(delete(schema.transcripts).where(schema.transcripts.c.id == transcript_id))


def _segment_items(segments: pd.DataFrame, participant: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": segments["id"],
            "kind": "segment",
            "source": "interview",
            "repository": None,
            "issue_number": None,
            "link": None,
            "title": [f"{participant}, turn {seq}" for seq in segments["seq"]],
            "text": segments["text"],
            "created_at": None,
            "meta": [
                {"participant_id": participant, "transcript_id": t, "seq": int(s)}
                for t, s in zip(segments["transcript_id"], segments["seq"], strict=True)
            ],
        }
    )


@dataclass(frozen=True)
class QdpxSummary:
    """What importing a REFI-QDA project stored."""

    sources: int
    new_transcripts: list[str]
    codings: int
    coders: list[str]
    skipped: int


def import_qdpx(
    study: Study, path: Path, *, round: str | None = None, redact_found: bool = False
) -> QdpxSummary:
    """Store a .qdpx project's codings per coder on the segments of its sources."""
    project = read_qdpx(path)
    codebook = interview_codebook(study)
    codes = map_codes(project, codebook, str(path))
    round = round or study.manifest.interviews.round
    raters = study.manifest.coding.raters
    strangers = sorted(set(project.codings["coder"]) - set(raters)) if raters else []
    if strangers:
        raise InputError(
            f"{path}: coder(s) {', '.join(map(repr, strangers))} are not raters of the study "
            f"({', '.join(raters)}); add them to [coding] raters"
        )
    known = set(interview_table(study, "participants")["id"])
    stored = interview_table(study, "segments")
    names = roster(study)
    rows, new, skipped = [], [], 0
    turns_of: dict[str, list[Turn]] = {}
    for name, text in project.sources.items():
        pid = _participant_of(Path(name), None, known)
        turns = parse_plain(text, f"{path}: source {name!r}")
        mine = stored[stored["transcript_id"] == pid].sort_values("seq")
        if mine.empty:
            new.append(pid)
        elif [" ".join(t.text.split()) for t in turns] != list(mine["text"]):
            raise InputError(
                f"{path}: source {name!r} differs from the imported transcript {pid!r}; "
                "code the transcript studykit imported, or import the project's text alone"
            )
        turns_of[name] = turns
        chosen = project.codings[project.codings["source"] == name]
        for start, end, coder, guid in zip(
            chosen["start"], chosen["end"], chosen["coder"], chosen["code_guid"], strict=True
        ):
            for index in selected_turns(turns, int(start), int(end)):
                if turns[index].speaker not in (None, pid):
                    skipped += 1
                    continue
                dimension, code = codes[str(guid)]
                rows.append(
                    {
                        "item_id": f"{pid}-{index + 1:04d}",
                        "rater": str(coder),
                        "round": round,
                        "dimension": dimension,
                        "code": code,
                        "note": "",
                        "source": path.name,
                    }
                )
    found = pd.DataFrame(
        rows, columns=["item_id", "rater", "round", "dimension", "code", "note", "source"]
    )
    found = found.drop_duplicates(["item_id", "rater", "dimension", "round", "code"])
    _check_single_labels(found, codebook, path)
    coders = sorted(set(found["rater"]))
    with study.db.begin() as conn:
        serialise_writers(conn, *TRANSCRIPT_SLICES, *(codings_key(c, round) for c in coders))
        for name, turns in turns_of.items():
            pid = Path(name).stem
            if pid in new:
                _store_transcript(
                    conn, pid, pid, "qdpx", f"{path}:{name}", turns, names, redact_found
                )
        segment_items = select(schema.items.c.id).where(schema.items.c.kind == "segment")
        for coder in coders:
            conn.execute(
                delete(schema.codings).where(
                    and_(
                        schema.codings.c.rater == coder,
                        schema.codings.c.round == round,
                        schema.codings.c.item_id.in_(segment_items),
                    )
                )
            )
        store_codebook(conn, codebook)
        coded = found.assign(coded_at=now_iso(), codebook=codebook.content_hash)
        written = insert(conn, schema.codings, records(coded))
    return QdpxSummary(len(project.sources), new, written, coders, skipped)


def _check_single_labels(found: pd.DataFrame, codebook: Codebook, path: Path) -> None:
    single = [d.name for d in codebook.dimensions if not d.multi_label]
    counts = (
        found[found["dimension"].isin(single)].groupby(["item_id", "rater", "dimension"]).size()
    )
    if (counts > 1).any():
        item, rater, dim = counts[counts > 1].index[0]
        raise InputError(
            f"{path}: {rater} gave {item} several codes of {dim!r}, which takes one; "
            "nothing was imported"
        )
