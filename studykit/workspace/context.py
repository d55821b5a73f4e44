"""What the coding screen shows beside an item: comments, labels, fix commits and pull
requests with their changed files, the surrounding turns of an interview segment."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from studykit.db import schema

TURNS_AROUND = 3
"""Transcript turns shown before and after a segment."""
DIFF_LIMIT = 200_000
"""Characters of a fix commit's diff shown at most (the rest is cut, and says so)."""
_SHA = re.compile(r"^[0-9a-f]{7,64}$")

Mirrors = Callable[[str], Path]
"""Where the local bare mirror of OWNER/REPO is (`studykit clone` makes them)."""


@dataclass(frozen=True)
class ChangedFile:
    """One file a fix commit changed."""

    path: str
    change_type: str
    added: int
    deleted: int
    component: str


@dataclass(frozen=True)
class Fix:
    """A commit or pull request linked to an item as its fix, with the files it changed."""

    kind: str
    repository: str
    target: str
    evidence: str
    url: str
    files: list[ChangedFile] = field(default_factory=list)
    diff: str | None = None


@dataclass(frozen=True)
class Turn:
    """A turn of an interview transcript; `current` marks the segment being coded."""

    speaker: str
    text: str
    current: bool


@dataclass(frozen=True)
class Context:
    """Everything shown beside an item's own text."""

    labels: list[str]
    comments: list[dict[str, Any]]
    fixes: list[Fix]
    turns: list[Turn]


def item_context(conn: Connection, item: dict[str, Any], mirrors: Mirrors | None = None) -> Context:
    """The context of a stored item, by its kind; fix diffs come from local mirrors, if any."""
    meta = item.get("meta") or {}
    labels = [str(label) for label in meta.get("labels", [])]
    if item["kind"] == "segment":
        return Context(labels, [], [], _turns(conn, item["id"], meta))
    repository, number = item.get("repository"), item.get("issue_number")
    if not repository or number is None:
        return Context(labels, [], [], [])
    return Context(
        labels, _comments(conn, repository, number), _fixes(conn, repository, number, mirrors), []
    )


def _comments(conn: Connection, repository: str, number: int) -> list[dict[str, Any]]:
    c = schema.comments.c
    rows = conn.execute(
        select(c.author, c.body, c.created_at, c.html_url)
        .where(c.repository == repository, c.issue_number == number)
        .order_by(c.created_at, c.id)
    ).mappings()
    return [dict(row) for row in rows]


def _fixes(conn: Connection, repository: str, number: int, mirrors: Mirrors | None) -> list[Fix]:
    f = schema.fix_links.c
    links = conn.execute(
        select(f.kind, f.fix_repository, f.target, f.evidence)
        .where(f.repository == repository, f.issue_number == number)
        .order_by(f.kind, f.fix_repository, f.target)
    ).all()
    fixes: dict[tuple[str, str, str], Fix] = {}
    for kind, repo, target, evidence in links:
        key = (kind, repo, target)
        if key in fixes:
            fixes[key] = replace(fixes[key], evidence=f"{fixes[key].evidence}, {evidence}")
            continue
        path = "commit" if kind == "commit" else "pull"
        url = f"https://github.com/{repo}/{path}/{target}"
        files = _files(conn, repo, target, kind)
        diff = _diff(mirrors(repo), target) if mirrors and kind == "commit" else None
        fixes[key] = Fix(kind, repo, target, evidence, url, files, diff)
    return list(fixes.values())


def _files(conn: Connection, repository: str, sha: str, kind: str) -> list[ChangedFile]:
    if kind != "commit":
        return []
    c = schema.commit_files.c
    rows = conn.execute(
        select(c.path, c.change_type, c.added_lines, c.deleted_lines, c.component)
        .where(c.repository == repository, c.sha == sha)
        .order_by(c.path)
    ).all()
    return [ChangedFile(*row) for row in rows]


def _diff(mirror: Path, sha: str) -> str | None:
    """The commit's patch from a local mirror, cut at DIFF_LIMIT; None without one."""
    if not _SHA.match(sha) or not mirror.is_dir():
        return None
    shown = subprocess.run(
        ["git", f"--git-dir={mirror}", "show", "--format=", "--no-color", "--no-ext-diff", sha],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    if shown.returncode != 0:
        return None
    patch = shown.stdout
    if len(patch) > DIFF_LIMIT:
        return patch[:DIFF_LIMIT] + f"\n[... {len(patch) - DIFF_LIMIT:,} more characters cut]"
    return patch


def _turns(conn: Connection, segment: str, meta: dict[str, Any]) -> list[Turn]:
    transcript, seq = meta.get("transcript_id"), meta.get("seq")
    if transcript is None or seq is None:
        return []
    s = schema.segments.c
    rows = conn.execute(
        select(s.id, s.speaker, s.text)
        .where(
            s.transcript_id == transcript,
            s.seq >= int(seq) - TURNS_AROUND,
            s.seq <= int(seq) + TURNS_AROUND,
        )
        .order_by(s.seq)
    ).all()
    return [Turn(speaker or "", text, row_id == segment) for row_id, speaker, text in rows]
