"""Issues and pull requests as planned (Thread), with their comments, events, commits and ground
truth."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tools.example_study.banks import issues as tx
from tools.example_study.constants import ORG, WEB
from tools.example_study.people import User


@dataclass
class Truth:
    """Ground-truth codes of one defect report (codebook v2)."""

    defect_type: str
    symptoms: tuple[str, ...]
    root_cause: str
    reporter_type: str
    discovery_stage: str
    ambiguous: bool
    alt_type: str
    alt_root: str


@dataclass
class Comment:
    """One issue comment before it is turned into GitHub JSON."""

    author: User
    body: str
    time: dt.datetime
    id: int = 0
    reactions: int = 0


@dataclass
class Event:
    """One issue event before it is turned into GitHub JSON."""

    event: str
    actor: User
    time: dt.datetime
    commit_id: str | None = None
    commit_repo: str | None = None
    label: str | None = None
    assignee: User | None = None
    rename: tuple[str, str] | None = None
    state_reason: str | None = None
    id: int = 0


@dataclass
class Commit:
    """One commit on a repository's default branch (or a merged PR branch)."""

    sha: str
    message: str
    author: User | None
    author_name: str
    time: dt.datetime
    committer: User | None = None
    parents: list[str] = field(default_factory=list)
    on_main: bool = True
    purpose: str = "filler"  # initial | filler | fix (a direct fix) | pr (a pull request's)
    thread: Thread | None = None
    tree: str = ""


@dataclass
class Thread:
    """An issue or pull request of one repository (they share one number sequence)."""

    repo: str
    kind: str  # defect | feature | question | pr
    created: dt.datetime
    author: User
    number: int = 0
    id: int = 0
    title: str = ""
    body: str | None = ""
    labels: list[str] = field(default_factory=list)
    fate: str = "open"
    closed: dt.datetime | None = None
    closer: User | None = None
    state_reason: str | None = None
    truth: Truth | None = None
    scenario: tx.Scenario | None = None
    ctx: dict[str, str] = field(default_factory=dict)
    special: str = ""
    fixed_by: Thread | None = None
    fix_commit: Commit | None = None
    reopen: tuple[dt.datetime, dt.datetime] | None = None
    relabel: bool = False
    renamed_from: str = ""
    assignee: User | None = None
    comments: list[Comment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    reactions: int = 0
    # pull requests only
    pr_kind: str = ""
    targets: list[Thread] = field(default_factory=list)
    mentions: list[Thread] = field(default_factory=list)
    pr_refs: list[Thread] = field(default_factory=list)
    merged: dt.datetime | None = None
    merger: User | None = None
    merge_sha: str = ""
    head_sha: str = ""
    base_sha: str = ""
    branch: str = ""
    pr_id: int = 0

    @property
    def full(self) -> str:
        """`owner/name` of the thread's repository."""
        return f"{ORG}/{self.repo}"

    @property
    def item_id(self) -> str:
        """The study item id, `owner/repo#number`."""
        return f"{self.full}#{self.number}"

    @property
    def html_url(self) -> str:
        """Web address of the issue or pull request."""
        kind = "pull" if self.kind == "pr" else "issues"
        return f"{WEB}/{self.full}/{kind}/{self.number}"

    @property
    def updated(self) -> dt.datetime:
        """Last activity: creation, comments, events or closing."""
        times = [self.created] + [c.time for c in self.comments] + [e.time for e in self.events]
        if self.closed:
            times.append(self.closed)
        return max(times)
