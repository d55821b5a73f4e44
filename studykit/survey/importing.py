"""Surveys in a study: a CSV export (Google Forms, Qualtrics, LimeSurvey) mapped by the manifest.

Every column becomes a question (kind likert, group, open or other, by the [survey] lists; an
entry ending in `*` matches every column starting with the rest). Answers are stored in long
form; open-ended answers also become items of kind "survey_answer" for the coding loop.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, delete, select

from studykit.db import insert, records, schema, upsert
from studykit.db.locks import serialise_writers
from studykit.errors import InputError, StudykitError
from studykit.manifest import SurveySection
from studykit.study import Study
from studykit.user_csv import read_user_csv

# The writer keys of a survey import (studykit.db.locks): it replaces the survey and the items
# of its open answers.
SURVEY_SLICES = ("survey", "items")
_GRID_ROW = re.compile(r"\[(.+)\]\s*$")


def _matches(entry: str, column: str) -> bool:
    return column.startswith(entry[:-1]) if entry.endswith("*") else column == entry


def question_kinds(columns: list[str], section: SurveySection, source: str) -> dict[str, str]:
    """Each column's kind; every manifest entry must match a column."""
    kinds = {c: "other" for c in columns}
    for kind, entries in (
        ("likert", section.likert),
        ("group", section.groups),
        ("open", section.open_ended),
    ):
        for entry in entries:
            hits = [c for c in columns if _matches(entry, c)]
            if not hits:
                close = difflib.get_close_matches(entry, columns, n=1, cutoff=0.5)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                key = "open_ended" if kind == "open" else kind + ("s" if kind == "group" else "")
                raise InputError(
                    f"{source}: row 1: [survey] {key} entry {entry!r} names no column{hint}"
                )
            kinds.update(dict.fromkeys(hits, kind))
    return kinds


def question_id(label: str, taken: set[str]) -> str:
    """A short snake_case id for a question, unique among `taken`."""
    words = re.sub(r"[^a-z0-9]+", " ", label.lower()).split()
    base = "_".join(words[:6])[:48].strip("_") or "question"
    base = base if base[0].isalpha() else f"q_{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


@dataclass(frozen=True)
class SurveySummary:
    """What importing a survey export stored."""

    respondents: int
    questions: dict[str, int]
    open_items: int


def read_survey(path: Path, section: SurveySection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate a survey export: the questions table and the answers in long form."""
    frame = read_user_csv(path, "survey export")
    if frame.empty:
        raise InputError(f"{path}: the export holds no responses")
    columns = [c for c in frame.columns if c != section.respondent]
    if section.respondent is not None and section.respondent not in frame.columns:
        raise InputError(
            f"{path}: row 1: [survey] respondent {section.respondent!r} names no column"
        )
    kinds = question_kinds(columns, section, str(path))
    taken: set[str] = set()
    first_group = next((i for i, c in enumerate(columns, start=1) if kinds[c] == "group"), 0)
    questions = []
    for position, column in enumerate(columns, start=1):
        grid = _GRID_ROW.search(column)
        label = grid.group(1).strip() if grid and kinds[column] == "likert" else column
        questions.append(
            {
                "id": question_id(label, taken),
                "position": position,
                "kind": kinds[column],
                "text": column,
                "label": label,
                "scale": _levels(kinds[column], section, first_group=position == first_group),
            }
        )
    ids = _respondents(frame, section, path)
    levels = {level.casefold() for level in section.scale}
    answers = []
    for question in questions:
        for line, (respondent, value) in enumerate(
            zip(ids, frame[question["text"]], strict=True), start=2
        ):
            value = value.strip()
            if question["kind"] == "likert" and value and value.casefold() not in levels:
                raise InputError(
                    f"{path}: row {line}, column {question['text']!r}: {value!r} is not on the "
                    f"scale ({'; '.join(section.scale)}); set [survey] scale"
                )
            answers.append(
                {"respondent_id": respondent, "question": question["id"], "answer": value or None}
            )
    return pd.DataFrame(questions), pd.DataFrame(answers)


def _levels(kind: str, section: SurveySection, *, first_group: bool) -> list[str]:
    """A Likert question's scale; the first group question's groups to compare (if given)."""
    if kind == "likert":
        return list(section.scale)
    return list(section.compare) if kind == "group" and first_group else []


def _respondents(frame: pd.DataFrame, section: SurveySection, path: Path) -> list[str]:
    if section.respondent is None:
        width = max(3, len(str(len(frame))))
        return [f"R{i:0{width}d}" for i in range(1, len(frame) + 1)]
    ids = [v.strip() for v in frame[section.respondent]]
    seen: dict[str, int] = {}
    for line, value in enumerate(ids, start=2):
        if not value or value in seen:
            problem = "is empty" if not value else f"repeats row {seen[value]}"
            raise InputError(
                f"{path}: row {line}, column {section.respondent!r}: respondent id {problem}"
            )
        seen[value] = line
    return ids


@dataclass(frozen=True)
class SurveyImport:
    """A survey export read and checked: its questions, answers, and open answers as items."""

    questions: pd.DataFrame
    answers: pd.DataFrame
    items: pd.DataFrame

    def store(self, conn: Connection) -> SurveySummary:
        """Replace the study's survey with this one, inside the caller's transaction."""
        conn.execute(delete(schema.survey_responses))
        conn.execute(delete(schema.survey_questions))
        coded = select(schema.codings.c.item_id)
        conn.execute(
            delete(schema.items).where(
                schema.items.c.kind == "survey_answer", schema.items.c.id.not_in(coded)
            )
        )
        insert(conn, schema.survey_questions, records(self.questions))
        insert(conn, schema.survey_responses, records(self.answers))
        upsert(conn, schema.items, records(self.items))
        counts = self.questions["kind"].value_counts()
        return SurveySummary(
            self.answers["respondent_id"].nunique(),
            {str(k): int(v) for k, v in counts.items()},
            len(self.items),
        )


def import_survey(study: Study, path: Path | None = None) -> SurveySummary:
    """Replace the study's survey with the export's answers; open answers become items."""
    prepared = prepare_survey(study, path)
    with study.db.begin() as conn:
        serialise_writers(conn, *SURVEY_SLICES)
        return prepared.store(conn)


def prepare_survey(study: Study, path: Path | None = None) -> SurveyImport:
    """Read and check the survey export (default: [survey] responses) without storing it."""
    section = study.manifest.survey
    if path is None:
        if section.responses is None:
            raise StudykitError(
                f"{study.manifest.path}: [survey] responses is not set; name a FILE"
            )
        path = study.manifest.resolve(section.responses)
    questions, answers = read_survey(path, section)
    open_ids = set(questions.loc[questions["kind"] == "open", "id"])
    labels = dict(zip(questions["id"], questions["label"], strict=True))
    open_answers = answers[answers["question"].isin(open_ids) & answers["answer"].notna()]
    items = pd.DataFrame(
        {
            "id": [
                f"{r}:{q}"
                for r, q in zip(
                    open_answers["respondent_id"], open_answers["question"], strict=True
                )
            ],
            "kind": "survey_answer",
            "source": "survey",
            "title": [labels[q] for q in open_answers["question"]],
            "text": open_answers["answer"],
            "meta": [
                {"respondent_id": r, "question": q}
                for r, q in zip(
                    open_answers["respondent_id"], open_answers["question"], strict=True
                )
            ],
        }
    )
    return SurveyImport(questions, answers, items)
