"""A stored survey: its questions, its answers, and the Likert scale."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from studykit.db import Database
from studykit.db.reads import survey_table
from studykit.errors import StudykitError


@dataclass(frozen=True)
class SurveyData:
    """A stored survey: its questions, its answers, and the Likert scale."""

    questions: pd.DataFrame
    answers: pd.DataFrame

    @classmethod
    def read(cls, db: Database) -> SurveyData:
        """Read the survey tables; an error if no survey was imported."""
        questions = survey_table(db, "survey_questions").sort_values("position", ignore_index=True)
        if questions.empty:
            raise StudykitError("the study has no survey yet: run `studykit import survey`")
        return cls(questions, survey_table(db, "survey_responses"))

    def of_kind(self, kind: str) -> pd.DataFrame:
        """The questions of one kind, in survey order."""
        return self.questions[self.questions["kind"] == kind]

    def scale(self) -> list[str]:
        """The Likert scale, lowest level first."""
        likert = self.of_kind("likert")
        if likert.empty:
            raise StudykitError("the survey has no Likert questions ([survey] likert)")
        return list(likert["scale"].iloc[0])

    def likert_answers(self) -> pd.DataFrame:
        """Answers to the Likert questions."""
        return self.answers[self.answers["question"].isin(self.of_kind("likert")["id"])]

    def labels(self) -> dict[str, str]:
        """Each question's short label."""
        return dict(zip(self.questions["id"], self.questions["label"], strict=True))

    def pairs(self) -> list[tuple[str, str]] | None:
        """The two groups the manifest asks to compare, or None for every pair."""
        group_questions = self.of_kind("group")
        chosen = list(group_questions["scale"].iloc[0]) if not group_questions.empty else []
        return [(chosen[0], chosen[1])] if len(chosen) == 2 else None

    def groups(self, question: str | None = None) -> pd.Series:
        """Respondent -> answer to a group question (the first one by default)."""
        group_questions = self.of_kind("group")
        if group_questions.empty:
            raise StudykitError("the survey has no group question ([survey] groups)")
        wanted = question or str(group_questions["id"].iloc[0])
        chosen = self.answers[self.answers["question"] == wanted]
        return pd.Series(list(chosen["answer"]), index=list(chosen["respondent_id"]))
