"""Filters that decide which mined issues enter a study (state, labels, keywords, dates, fixes)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any, Literal

import pandas as pd


@dataclass(frozen=True)
class IssueFilter:
    """Which issues to keep; labels and keywords combine by `match` ("any" or "all")."""

    state: Literal["open", "closed", "all"] = "all"
    pull_requests: bool = False
    labels: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    match: Literal["any", "all"] = "any"
    exclude_labels: tuple[str, ...] = ()
    created_after: str | None = None
    created_before: str | None = None
    require_fix: bool = False

    def describe(self) -> dict[str, Any]:
        """The filter as plain data, to be stored with the sample it produced."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def keyword_pattern(keywords: Collection[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching any keyword as a whole word."""
    words = sorted({k.strip() for k in keywords if k.strip()}, key=str.lower)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def select_issues(
    issues: pd.DataFrame,
    spec: IssueFilter,
    *,
    fixed: Collection[tuple[str, int]] | None = None,
) -> pd.DataFrame:
    """The rows of an `issues` table that pass the filter, in the input's order."""
    missing = {"repository", "number", "is_pull_request", "state", "labels", "title", "body"}
    missing -= set(issues.columns)
    if missing:
        raise ValueError(f"issues lacks column(s) {sorted(missing)}")
    keep = pd.Series(True, index=issues.index)
    if not spec.pull_requests:
        keep &= ~issues["is_pull_request"].astype(bool)
    if spec.state != "all":
        keep &= issues["state"] == spec.state
    labels = issues["labels"].map(lambda ls: {label.lower() for label in ls or []})
    if spec.exclude_labels:
        banned = {label.lower() for label in spec.exclude_labels}
        keep &= ~labels.map(lambda ls: bool(ls & banned))
    tests = []
    if spec.labels:
        wanted = {label.lower() for label in spec.labels}
        tests.append(labels.map(lambda ls: bool(ls & wanted)))
    if spec.keywords:
        pattern = keyword_pattern(spec.keywords)
        text = issues["title"].fillna("") + "\n" + issues["body"].fillna("")
        tests.append(text.map(lambda t: bool(pattern.search(t))))
    if tests:
        combined = tests[0]
        for test in tests[1:]:
            combined = (combined | test) if spec.match == "any" else (combined & test)
        keep &= combined
    if spec.created_after:
        keep &= issues["created_at"].fillna("") >= spec.created_after
    if spec.created_before:
        keep &= issues["created_at"].fillna("") < spec.created_before
    if spec.require_fix:
        if fixed is None:
            raise ValueError("require_fix needs the linked fixes: run `studykit link` first")
        linked = set(fixed)
        keys = zip(issues["repository"], issues["number"], strict=True)
        keep &= pd.Series([key in linked for key in keys], index=issues.index)
    return issues[keep]
