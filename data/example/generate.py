"""Generate the synthetic example study in data/example/ (all data fictional).

Run `python data/example/generate.py` from anywhere. The script is deterministic: one seeded
numpy Generator drives every random choice, gzip files carry mtime 0 and no file name, the DOCX
file is re-packed with fixed timestamps, so every run rewrites all outputs byte-identically.

Outputs (see README.md next to this script):

    archive/                 mining archive of 5 fictional repositories (docs/formats.md)
    codebook.yaml            defect codebook, version 2
    codebook-v1.yaml         pilot codebook, version 1
    codings/round-1/*.csv    pilot labelling sheets (60 items, codebook v1)
    codings/round-2/*.csv    main labelling sheets (300 items, codebook v2)
    codings/adjudication-round-2.csv
    interviews/              participants, roster, 6 transcripts, interview codebook
    survey/responses.csv     Google-Forms-shaped survey export
    truth/                   generator ground truth (fix links, true codes) for tests
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import email.utils
import gzip
import hashlib
import io
import json
import re
import shutil
import zipfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import _codebooks as cb
import _interviews as iv
import _issue_texts as tx
import _survey_texts as sv
import docx
import make_qdpx
import numpy as np
import yaml
from scipy.stats import mannwhitneyu
from sklearn.metrics import cohen_kappa_score

HERE = Path(__file__).resolve().parent
SEED = 20260115
ORG = "synthetic-cv"
API = "https://api.github.com"
WEB = "https://github.com"
UTC = dt.UTC
FETCHED = dt.datetime(2026, 1, 15, 10, 0, 0, tzinfo=UTC)
END = dt.datetime(2025, 12, 20, 18, 0, 0, tzinfo=UTC)
PER_PAGE = 100
KEYWORDS = ("error", "crash", "fail", "wrong", "mismatch", "nan", "exception")
KEYWORD_WORD = re.compile(r"\b(" + "|".join(KEYWORDS) + r")\b", re.IGNORECASE)
RESOURCES = ("repository", "issues", "comments", "events", "pulls", "commits")
DIMENSIONS = ("defect_type", "symptom", "root_cause", "reporter_type", "discovery_stage")
SINGLE_DIMENSIONS = ("defect_type", "root_cause", "reporter_type", "discovery_stage")
STAGES = (
    "environment_setup",
    "data_pipeline",
    "modelling",
    "training",
    "evaluation",
    "deployment",
)
SYMPTOMS_V2 = (
    "crash",
    "wrong_output",
    "accuracy_below_expectations",
    "speed_below_expectations",
    "numerical_error",
    "build_failure",
    "reproducibility",
)
SYMPTOMS_V1 = (
    "crash",
    "wrong_output",
    "perf_below_expectations",
    "numerical_error",
    "build_failure",
)

T = TypeVar("T")
Sheets = dict[str, list[dict[str, str]]]


# =============================================================================================
# Small helpers
# =============================================================================================


def iso(t: dt.datetime) -> str:
    """Format a UTC datetime the way the GitHub REST API does."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(s: str) -> dt.datetime:
    """Parse `YYYY-MM-DD` or a full GitHub timestamp into an aware UTC datetime."""
    if len(s) == 10:
        return dt.datetime.fromisoformat(s).replace(tzinfo=UTC)
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def http_date(t: dt.datetime) -> str:
    """Format a datetime as an HTTP date (for `Last-Modified`)."""
    return email.utils.format_datetime(t.astimezone(UTC), usegmt=True)


def pick(rng: np.random.Generator, seq: Sequence[T]) -> T:
    """Choose one element of a sequence uniformly."""
    return seq[int(rng.integers(len(seq)))]


def weighted(rng: np.random.Generator, weights: dict[str, float]) -> str:
    """Choose a key of `weights` with probability proportional to its value."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def between(rng: np.random.Generator, a: dt.datetime, b: dt.datetime) -> dt.datetime:
    """A uniformly random second between two datetimes."""
    span = max(int((b - a).total_seconds()), 1)
    return a + dt.timedelta(seconds=int(rng.integers(span)))


def later(
    rng: np.random.Generator, t: dt.datetime, mean_days: float, limit: dt.datetime
) -> dt.datetime:
    """`t` plus an exponential delay, kept before `limit` (and at least a few minutes after t)."""
    delay = dt.timedelta(days=float(rng.exponential(mean_days))) + dt.timedelta(minutes=7)
    room = limit - t
    if delay >= room:
        delay = room * float(rng.uniform(0.3, 0.9))
    return t + delay


def sha1(*parts: object) -> str:
    """A deterministic 40-hex id derived from its parts."""
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()


def node_id(prefix: str, *parts: object) -> str:
    """A GitHub-style GraphQL node id, deterministic in its parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return prefix + base64.b64encode(digest[:12]).decode().rstrip("=").replace("+", "A").replace(
        "/", "B"
    )


def draw(rng: np.random.Generator, pool: Sequence[T], used: set[Any], scope: object) -> T:
    """Pick from a pool without repeating within a scope (until the pool is exhausted)."""
    fresh = [x for x in pool if (scope, x) not in used]
    if not fresh:
        used.difference_update({(scope, x) for x in pool})
        fresh = list(pool)
    choice = pick(rng, fresh)
    used.add((scope, choice))
    return choice


def fill(template: str, ctx: dict[str, str]) -> str:
    """Fill `{placeholders}` from ctx; a missing key is a bug in the text bank and raises."""
    return template.format_map(ctx)


def quota(shares: dict[str, float], total: int) -> dict[str, int]:
    """Split `total` into integer counts proportional to `shares` (largest remainder)."""
    norm = sum(shares.values())
    raw = {k: v / norm * total for k, v in shares.items()}
    counts = {k: int(v) for k, v in raw.items()}
    rest = total - sum(counts.values())
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[:rest]:
        counts[k] += 1
    return counts


# =============================================================================================
# Study design constants
# =============================================================================================


@dataclass(frozen=True)
class RepoPlan:
    """Size and shape of one fictional repository."""

    name: str
    size: int
    defects: int
    prs: int
    created: str
    merge_style: str  # "squash" or "merge"
    pr_mix: dict[str, int]

    @property
    def full(self) -> str:
        """`owner/name`."""
        return f"{ORG}/{self.name}"


REPO_PLANS = (
    RepoPlan(
        "yolo-reimpl",
        110,
        79,
        21,
        "2021-02-08T09:14:27Z",
        "squash",
        {"dependabot": 1, "misc": 2, "feature": 1, "unmerged": 1, "open_fix": 1},
    ),
    RepoPlan(
        "detr-port",
        95,
        68,
        18,
        "2021-05-17T15:02:11Z",
        "merge",
        {"dependabot": 1, "misc": 1, "feature": 1, "unmerged": 1, "open_fix": 1},
    ),
    RepoPlan(
        "maskrcnn-lite",
        80,
        57,
        15,
        "2021-09-03T07:45:50Z",
        "merge",
        {"dependabot": 1, "misc": 1, "feature": 1, "unmerged": 1, "open_fix": 0},
    ),
    RepoPlan(
        "vit-replica",
        70,
        50,
        14,
        "2022-01-20T11:30:05Z",
        "squash",
        {"dependabot": 0, "misc": 1, "feature": 1, "unmerged": 0, "open_fix": 1},
    ),
    RepoPlan(
        "deeplab-tf2",
        65,
        46,
        13,
        "2021-03-29T18:21:40Z",
        "merge",
        {"dependabot": 1, "misc": 1, "feature": 1, "unmerged": 0, "open_fix": 0},
    ),
)
PLANS = {p.name: p for p in REPO_PLANS}
# Cross-repository fixes: (PR's repository, issue's repository, PR also fixes a local issue)
CROSS_FIXES = (("maskrcnn-lite", "yolo-reimpl", True), ("vit-replica", "detr-port", False))

LEAF_SHARES = {
    "env_api": 0.25,
    "env_version": 0.09,
    "env_hardware": 0.07,
    "env_build": 0.04,
    "data_preprocessing": 0.06,
    "data_loading": 0.05,
    "data_annotation": 0.03,
    "model_architecture": 0.06,
    "model_weights": 0.05,
    "model_op": 0.03,
    "train_config": 0.05,
    "train_optimization": 0.06,
    "train_distributed": 0.03,
    "eval_metric": 0.05,
    "deploy_export": 0.05,
    "deploy_inference": 0.03,
}
PARENT = {
    leaf: top
    for top, leaves in {
        "environment": ("env_api", "env_version", "env_hardware", "env_build"),
        "data": ("data_preprocessing", "data_loading", "data_annotation"),
        "model": ("model_architecture", "model_weights", "model_op"),
        "training": ("train_config", "train_optimization", "train_distributed"),
        "eval_deploy": ("eval_metric", "deploy_export", "deploy_inference"),
    }.items()
    for leaf in leaves
}
REPORTER_SHARES = {"re_user": 0.58, "contributor": 0.22, "maintainer": 0.20}
ASSOCIATION_GIVEN_REPORTER = {
    "re_user": {"NONE": 0.80, "FIRST_TIME_CONTRIBUTOR": 0.12, "CONTRIBUTOR": 0.08},
    "contributor": {
        "CONTRIBUTOR": 0.75,
        "FIRST_TIME_CONTRIBUTOR": 0.10,
        "NONE": 0.10,
        "COLLABORATOR": 0.05,
    },
    "maintainer": {"MEMBER": 0.55, "OWNER": 0.20, "COLLABORATOR": 0.20, "CONTRIBUTOR": 0.05},
}

# Special issues planted for edge cases: (repo, scenario key, kind)
SPECIALS = (
    ("yolo-reimpl", "amp_nan", "equals_title"),
    ("yolo-reimpl", "empty_annotations", "emoji_title"),
    ("detr-port", "state_dict_keys", "null_body"),
    ("maskrcnn-lite", "amp_nan", "huge_body"),
    ("vit-replica", "oom_default_config", "chinese"),
    ("deeplab-tf2", "tflite_flex", "japanese"),
)

# =============================================================================================
# Versions over time (so that reports mention plausible versions for their date)
# =============================================================================================

TORCH = (
    ("2020-12-10", "1.7.1", "0.8.2", "11.0"),
    ("2021-03-04", "1.8.1", "0.9.1", "11.1"),
    ("2021-06-15", "1.9.1", "0.10.1", "11.1"),
    ("2021-10-21", "1.10.2", "0.11.3", "11.3"),
    ("2022-03-10", "1.11.0", "0.12.0", "11.3"),
    ("2022-06-28", "1.12.1", "0.13.1", "11.6"),
    ("2022-10-28", "1.13.1", "0.14.1", "11.7"),
    ("2023-03-15", "2.0.1", "0.15.2", "11.8"),
    ("2023-10-04", "2.1.2", "0.16.2", "12.1"),
    ("2024-01-30", "2.2.2", "0.17.2", "12.1"),
    ("2024-04-24", "2.3.1", "0.18.1", "12.1"),
    ("2024-07-24", "2.4.1", "0.19.1", "12.4"),
    ("2024-10-17", "2.5.1", "0.20.1", "12.4"),
    ("2025-01-29", "2.6.0", "0.21.0", "12.6"),
    ("2025-04-23", "2.7.1", "0.22.1", "12.8"),
    ("2025-08-06", "2.8.0", "0.23.0", "12.8"),
)
TF = (
    ("2020-12-14", "2.4.1", "11.0"),
    ("2021-05-13", "2.5.0", "11.2"),
    ("2021-08-11", "2.6.0", "11.2"),
    ("2021-11-04", "2.7.0", "11.2"),
    ("2022-02-02", "2.8.0", "11.2"),
    ("2022-05-16", "2.9.1", "11.2"),
    ("2022-09-06", "2.10.0", "11.2"),
    ("2022-11-18", "2.11.0", "11.2"),
    ("2023-03-23", "2.12.0", "11.8"),
    ("2023-07-05", "2.13.0", "11.8"),
    ("2023-09-26", "2.14.0", "11.8"),
    ("2023-11-14", "2.15.0", "12.2"),
    ("2024-03-08", "2.16.1", "12.3"),
    ("2024-07-11", "2.17.0", "12.3"),
    ("2024-10-24", "2.18.0", "12.5"),
    ("2025-03-11", "2.19.0", "12.5"),
    ("2025-08-13", "2.20.0", "12.5"),
)
PYTHON = (
    ("2020-10-01", "3.8.10"),
    ("2021-10-01", "3.9.16"),
    ("2022-10-01", "3.10.12"),
    ("2023-10-01", "3.11.9"),
    ("2024-10-01", "3.12.3"),
)
NUMPY = (
    ("2020-12-01", "1.19.5"),
    ("2021-01-30", "1.20.3"),
    ("2021-06-22", "1.21.6"),
    ("2021-12-31", "1.22.4"),
    ("2022-06-22", "1.23.5"),
    ("2022-12-18", "1.24.4"),
    ("2023-06-17", "1.25.2"),
    ("2023-09-16", "1.26.4"),
    ("2024-06-16", "2.0.2"),
    ("2024-08-18", "2.1.3"),
    ("2024-12-08", "2.2.6"),
    ("2025-06-07", "2.3.3"),
)
PILLOW = (
    ("2020-10-15", "8.0.1"),
    ("2021-10-15", "8.4.0"),
    ("2022-01-02", "9.0.1"),
    ("2022-07-01", "9.2.0"),
    ("2023-01-02", "9.4.0"),
    ("2023-04-01", "9.5.0"),
    ("2023-07-01", "10.0.1"),
    ("2023-10-15", "10.1.0"),
    ("2024-01-02", "10.2.0"),
    ("2024-04-01", "10.3.0"),
    ("2024-07-01", "10.4.0"),
    ("2024-10-15", "11.0.0"),
    ("2025-01-02", "11.1.0"),
    ("2025-04-12", "11.2.1"),
    ("2025-07-01", "11.3.0"),
)
TENSORRT = (
    ("2020-12-01", "7.2.2"),
    ("2021-07-01", "8.0.1"),
    ("2021-12-01", "8.2.5"),
    ("2022-07-01", "8.4.3"),
    ("2022-11-01", "8.5.3"),
    ("2023-05-01", "8.6.1"),
    ("2024-05-01", "10.0.1"),
    ("2024-08-01", "10.3.0"),
    ("2025-02-01", "10.8.0"),
)
GPUS = (
    ("2017-01-01", "GTX 1080 Ti", 11),
    ("2017-06-01", "Tesla V100-SXM2-32GB", 32),
    ("2018-09-01", "RTX 2080 Ti", 11),
    ("2019-01-01", "Tesla T4", 16),
    ("2020-06-01", "A100-SXM4-40GB", 40),
    ("2020-09-01", "RTX 3090", 24),
    ("2021-02-01", "RTX 3060", 12),
    ("2021-06-01", "A10G", 24),
    ("2022-10-12", "RTX 4090", 24),
    ("2023-01-05", "RTX 4070", 12),
    ("2023-03-01", "H100 80GB HBM3", 80),
)
OSES = (
    ("2018-01-01", "Ubuntu 18.04", 3.0),
    ("2020-05-01", "Ubuntu 20.04", 6.0),
    ("2022-05-01", "Ubuntu 22.04", 8.0),
    ("2024-05-01", "Ubuntu 24.04", 5.0),
    ("2014-01-01", "CentOS 7", 1.5),
    ("2015-07-01", "Windows 10", 2.0),
    ("2021-11-01", "Windows 11", 1.5),
    ("2022-05-01", "WSL2 (Ubuntu 22.04)", 1.5),
    ("2021-08-15", "Debian 11", 1.0),
)
CUDA_CHOICES = ("11.3", "11.7", "11.8", "12.1", "12.2", "12.4", "12.6")


def release_at(
    rng: np.random.Generator, table: Sequence[tuple], t: dt.datetime, lag: bool
) -> tuple:
    """The release of a version table in use at time t (optionally one or two releases old)."""
    released = [row for row in table if day(row[0]) <= t] or [table[0]]
    back = 0
    if lag:
        back = int(rng.choice(3, p=[0.6, 0.3, 0.1]))
    return released[max(len(released) - 1 - back, 0)]


def gpu_at(rng: np.random.Generator, t: dt.datetime) -> tuple[str, int]:
    """A GPU that existed at time t."""
    options = [(name, mem) for since, name, mem in GPUS if day(since) <= t]
    return pick(rng, options)


def os_at(rng: np.random.Generator, t: dt.datetime) -> str:
    """An operating system string plausible at time t."""
    options = {name: w for since, name, w in OSES if day(since) <= t}
    return weighted(rng, options)


# =============================================================================================
# People
# =============================================================================================


@dataclass(frozen=True)
class User:
    """A fictional GitHub account."""

    login: str
    id: int
    type: str = "User"


ADJECTIVES = (
    "quiet",
    "rapid",
    "tiny",
    "lazy",
    "brave",
    "fuzzy",
    "cosmic",
    "silent",
    "amber",
    "polar",
    "lunar",
    "rusty",
    "mellow",
    "sharp",
    "vivid",
    "sparse",
    "frozen",
    "shiny",
    "humble",
    "salty",
    "sleepy",
    "mighty",
    "clever",
    "dusty",
    "gentle",
    "wild",
)
NOUNS = (
    "otter",
    "tensor",
    "pixel",
    "kernel",
    "anchor",
    "voxel",
    "falcon",
    "lemur",
    "gradient",
    "badger",
    "photon",
    "sparrow",
    "matrix",
    "tiger",
    "octopus",
    "walrus",
    "raven",
    "heron",
    "conv",
    "batch",
    "koala",
    "bison",
    "lynx",
    "gecko",
    "ferret",
    "quokka",
    "stride",
)

STALE_BOT = User("synthetic-stale[bot]", 91230001, "Bot")
CI_BOT = User("synthetic-ci[bot]", 91230002, "Bot")
DEPENDABOT = User("dependabot[bot]", 49699333, "Bot")
WEB_FLOW = User("web-flow", 19864447)
ORG_USER = User(ORG, 90000001, "Organization")


def make_logins(rng: np.random.Generator, n: int) -> list[User]:
    """Generate n unique, obviously made-up GitHub logins with ids."""
    users: list[User] = []
    seen: set[str] = set()
    while len(users) < n:
        a, b = pick(rng, ADJECTIVES), pick(rng, NOUNS)
        form = int(rng.integers(5))
        login = [
            f"{a}-{b}",
            f"{a}{b}{int(rng.integers(10, 99))}",
            f"{b}_{a}",
            f"{b}{int(rng.integers(100, 999))}",
            f"{a}-{b}-cv",
        ][form]
        if login in seen:
            continue
        seen.add(login)
        users.append(User(login, int(rng.integers(1_000_000, 160_000_000))))
    return users


@dataclass
class People:
    """The accounts active in one repository, by author_association."""

    by_assoc: dict[str, list[User]]

    def maintainers(self) -> list[User]:
        """Accounts that triage, merge and close (OWNER, MEMBER, COLLABORATOR)."""
        return self.by_assoc["OWNER"] + self.by_assoc["MEMBER"] + self.by_assoc["COLLABORATOR"]

    def assoc(self, user: User) -> str:
        """The author_association of a user in this repository."""
        if user.type == "Bot":
            return "NONE"
        for name, users in self.by_assoc.items():
            if user in users:
                return name
        return "NONE"


def make_people(rng: np.random.Generator, pool: list[User]) -> dict[str, People]:
    """Assign accounts to repositories and roles; re-users may appear in several repositories."""
    people: dict[str, People] = {}
    order = rng.permutation(len(pool))
    cursor = 0

    def take(k: int) -> list[User]:
        nonlocal cursor
        chosen = [pool[int(i)] for i in order[cursor : cursor + k]]
        cursor += k
        return chosen

    core = {
        plan.name: {
            "OWNER": take(1),
            "MEMBER": take(2),
            "COLLABORATOR": take(2),
            "CONTRIBUTOR": take(8),
            "FIRST_TIME_CONTRIBUTOR": take(6),
        }
        for plan in REPO_PLANS
    }
    crowd = [pool[int(i)] for i in order[cursor:]]
    for plan in REPO_PLANS:
        idx = rng.choice(len(crowd), size=75, replace=False)
        core[plan.name]["NONE"] = [crowd[int(i)] for i in sorted(idx)]
        people[plan.name] = People(core[plan.name])
    return people


# =============================================================================================
# Threads (issues and pull requests) and their ground truth
# =============================================================================================


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


# =============================================================================================
# Planning: ground truth, dates, fates
# =============================================================================================


def compatible(scenario: tx.Scenario, repo: str) -> bool:
    """Whether a scenario fits a repository's framework and topic."""
    fw = tx.REPO_TEXTS[repo].framework
    if scenario.fw not in ("any", fw):
        return False
    return not scenario.only or repo in scenario.only


def leaf_slots(rng: np.random.Generator) -> list[tuple[str, str]]:
    """(repo, leaf) for every defect report, with the planted special cases placed first."""
    counts = quota(LEAF_SHARES, sum(p.defects for p in REPO_PLANS))
    leaves = [leaf for leaf, n in counts.items() for _ in range(n)]
    leaves = [leaves[int(i)] for i in rng.permutation(len(leaves))]
    repos = [p.name for p in REPO_PLANS for _ in range(p.defects)]
    by_key = {s.key: s for s in tx.SCENARIOS}
    reserved: set[int] = set()
    for repo, key, _kind in SPECIALS:
        leaf = by_key[key].leaf
        hit = [
            i
            for i in range(len(repos))
            if repos[i] == repo and leaves[i] == leaf and i not in reserved
        ]
        if not hit:
            donor = next(i for i in range(len(repos)) if leaves[i] == leaf and i not in reserved)
            slot = next(i for i in range(len(repos)) if repos[i] == repo and i not in reserved)
            leaves[donor], leaves[slot] = leaves[slot], leaves[donor]
            hit = [slot]
        reserved.add(hit[0])
    return list(zip(repos, leaves, strict=True))


def choose_scenario(
    rng: np.random.Generator, repo: str, leaf: str, used: Counter[str]
) -> tx.Scenario:
    """A scenario for a leaf code, preferring repository-specific and rarely used ones."""
    options = [s for s in tx.SCENARIOS if s.leaf == leaf and compatible(s, repo)]
    assert options, f"no scenario for {leaf} in {repo}"
    w = np.array([(2.0 if s.only else 1.0) / (1 + used[s.key]) for s in options])
    chosen = options[int(rng.choice(len(options), p=w / w.sum()))]
    used[chosen.key] += 1
    return chosen


def sample_truth(rng: np.random.Generator, scenario: tx.Scenario, reporter: str) -> Truth:
    """Draw the ground-truth codes of a report written from a scenario."""
    symptoms = list(scenario.symptoms)
    for extra, p in scenario.optional.items():
        if rng.random() < p:
            symptoms.append(extra)
    order = {s: i for i, s in enumerate(SYMPTOMS_V2)}
    return Truth(
        defect_type=scenario.leaf,
        symptoms=tuple(sorted(symptoms, key=order.__getitem__)),
        root_cause=weighted(rng, scenario.roots),
        reporter_type=reporter,
        discovery_stage=weighted(rng, scenario.stages),
        ambiguous=bool(rng.random() < scenario.ambiguous),
        alt_type=scenario.alt_type,
        alt_root=scenario.alt_root,
    )


def sample_date(rng: np.random.Generator, start: dt.datetime, since: str | None) -> dt.datetime:
    """Creation time of a report: early-heavy over the repository's life, or bunched after
    the release that introduced the scenario's API change."""
    if since:
        lo = max(start, day(since))
        if rng.random() < 0.6:
            t = lo + dt.timedelta(days=float(rng.exponential(50.0)))
        else:
            t = between(rng, lo, END)
        return min(t, END - dt.timedelta(days=float(rng.uniform(1, 30))))
    frac = float(rng.beta(1.3, 1.7))
    return start + (END - start) * frac


def make_defects(rng: np.random.Generator, people: dict[str, People]) -> list[Thread]:
    """Create all defect reports with their ground truth and authors (texts come later)."""
    slots = leaf_slots(rng)
    n = len(slots)
    rq = quota(REPORTER_SHARES, n)
    reporters = [r for r, k in rq.items() for _ in range(k)]
    reporters = [reporters[int(i)] for i in rng.permutation(n)]
    by_key = {s.key: s for s in tx.SCENARIOS}
    specials = list(SPECIALS)
    used: Counter[str] = Counter()
    threads: list[Thread] = []
    for (repo, leaf), reporter in zip(slots, reporters, strict=True):
        special = next(
            (sp for sp in specials if sp[0] == repo and by_key[sp[1]].leaf == leaf), None
        )
        if special:
            specials.remove(special)
            scenario = by_key[special[1]]
            used[scenario.key] += 1
        else:
            scenario = choose_scenario(rng, repo, leaf, used)
        truth = sample_truth(rng, scenario, reporter)
        assoc = weighted(rng, ASSOCIATION_GIVEN_REPORTER[reporter])
        author = pick(rng, people[repo].by_assoc[assoc])
        start = day(PLANS[repo].created) + dt.timedelta(days=5)
        t = Thread(
            repo=repo,
            kind="defect",
            created=sample_date(rng, start, scenario.since),
            author=author,
            truth=truth,
            scenario=scenario,
            special=special[2] if special else "",
        )
        threads.append(t)
    assert not specials, specials
    return threads


def make_requests(rng: np.random.Generator, people: dict[str, People]) -> list[Thread]:
    """Feature requests and questions (never defect reports)."""
    threads = []
    for plan in REPO_PLANS:
        n = plan.size - plan.defects - plan.prs
        start = day(plan.created) + dt.timedelta(days=10)
        for i in range(n):
            kind = "feature" if i % 2 == 0 else "question"
            assoc = weighted(
                rng, {"NONE": 0.75, "FIRST_TIME_CONTRIBUTOR": 0.1, "CONTRIBUTOR": 0.15}
            )
            author = pick(rng, people[plan.name].by_assoc[assoc])
            created = start + (END - start) * float(rng.beta(1.2, 1.4))
            threads.append(Thread(repo=plan.name, kind=kind, created=created, author=author))
    return threads


def assign_defect_fates(
    rng: np.random.Generator, defects: list[Thread], n_pr: dict[str, int]
) -> None:
    """Decide how each defect ends: open, fixed by PR, by commit, closed without link, or not
    planned. `n_pr[repo]` defects per repository are fixed by a pull request."""
    for plan in REPO_PLANS:
        mine = sorted((t for t in defects if t.repo == plan.name), key=lambda t: t.created)
        age = np.array([(END - t.created).days for t in mine], dtype=float)
        w_open = np.exp(-age / 250.0)
        n_open = round(0.19 * len(mine))
        open_idx = set(
            rng.choice(len(mine), size=n_open, replace=False, p=w_open / w_open.sum()).tolist()
        )
        rest = [i for i in range(len(mine)) if i not in open_idx]
        rest = [rest[int(i)] for i in rng.permutation(len(rest))]
        old = [i for i in rest if age[i] > 130]
        n_np = round(0.11 * len(mine))
        not_planned = set(old[:n_np])
        rest = [i for i in rest if i not in not_planned]
        n_commit = round(0.23 * len(mine))
        fates = ["pr"] * n_pr[plan.name] + ["commit"] * n_commit
        fates += ["nolink"] * (len(rest) - len(fates))
        for i in open_idx:
            mine[i].fate = "open"
        for i in not_planned:
            mine[i].fate = "not_planned"
        for i, fate in zip(rest, fates, strict=True):
            mine[i].fate = fate


def make_pull_requests(
    rng: np.random.Generator,
    defects: list[Thread],
    requests: list[Thread],
    people: dict[str, People],
) -> list[Thread]:
    """Create every pull request and link fix PRs to the defects they close."""
    cross: dict[str, tuple[Thread, bool]] = {}
    for pr_repo, issue_repo, with_local in CROSS_FIXES:
        target = next(
            t for t in defects if t.repo == issue_repo and t.fate == "pr" and not t.special
        )
        cross[pr_repo] = (target, with_local)
    reserved = [c[0] for c in cross.values()]
    prs: list[Thread] = []
    for plan in REPO_PLANS:
        n_fix = plan.prs - sum(plan.pr_mix.values())
        local = [t for t in defects if t.repo == plan.name and t.fate == "pr" and t not in reserved]
        local = [local[int(i)] for i in rng.permutation(len(local))]
        for k in range(n_fix):
            if k == 0 and plan.name in cross:
                target, with_local = cross[plan.name]
                targets = ([local.pop()] if with_local else []) + [target]
            elif k == 1:
                targets = [local.pop(), local.pop()]
            else:
                targets = [local.pop()]
            prs.append(fix_pr(rng, plan, targets, people))
        assert not local, (plan.name, len(local))
        prs += other_prs(rng, plan, defects, requests, people, prs)
    return prs


def pr_author(rng: np.random.Generator, people: People) -> User:
    """Who opens a pull request: mostly contributors, sometimes maintainers or newcomers."""
    assoc = weighted(
        rng, {"CONTRIBUTOR": 0.5, "FIRST_TIME_CONTRIBUTOR": 0.2, "MEMBER": 0.2, "COLLABORATOR": 0.1}
    )
    return pick(rng, people.by_assoc[assoc])


def fix_pr(
    rng: np.random.Generator, plan: RepoPlan, targets: list[Thread], people: dict[str, People]
) -> Thread:
    """A merged pull request that closes its target issues."""
    start = max(t.created for t in targets)
    created = later(rng, start, 9.0, FETCHED - dt.timedelta(days=3))
    merged = later(rng, created, 2.5, FETCHED - dt.timedelta(hours=30))
    pr = Thread(
        repo=plan.name,
        kind="pr",
        created=created,
        author=pr_author(rng, people[plan.name]),
        pr_kind="fix",
        targets=targets,
        merged=merged,
        closed=merged,
        merger=pick(rng, people[plan.name].maintainers()),
    )
    for t in targets:
        t.fixed_by = pr
        t.closed = merged + dt.timedelta(seconds=int(rng.integers(1, 6)))
        t.closer = pr.merger
        t.state_reason = "completed"
    return pr


def other_prs(
    rng: np.random.Generator,
    plan: RepoPlan,
    defects: list[Thread],
    requests: list[Thread],
    people: dict[str, People],
    fixes: list[Thread],
) -> list[Thread]:
    """Dependabot, housekeeping, feature, abandoned and still-open fix pull requests."""
    mix, pp = plan.pr_mix, people[plan.name]
    out: list[Thread] = []
    start = day(plan.created) + dt.timedelta(days=20)
    for _ in range(mix["dependabot"]):
        created = between(rng, day("2024-04-02"), day("2024-06-30"))
        pr = Thread(
            repo=plan.name,
            kind="pr",
            created=created,
            author=DEPENDABOT,
            pr_kind="dependabot",
            labels=["dependencies"],
        )
        pr.merged = pr.closed = later(rng, created, 3.0, FETCHED)
        pr.merger = pick(rng, pp.maintainers())
        out.append(pr)
    for _ in range(mix["misc"]):
        created = between(rng, start, END)
        pr = Thread(
            repo=plan.name, kind="pr", created=created, author=pr_author(rng, pp), pr_kind="misc"
        )
        pr.merged = pr.closed = later(rng, created, 4.0, FETCHED - dt.timedelta(days=1))
        pr.merger = pick(rng, pp.maintainers())
        out.append(pr)
    for _ in range(mix["feature"]):
        req = next(
            r
            for r in requests
            if r.repo == plan.name
            and r.kind == "feature"
            and r.fate == "open"
            and r.created < END - dt.timedelta(days=60)
        )
        req.fate = "pr"
        created = later(rng, req.created, 20.0, FETCHED - dt.timedelta(days=5))
        pr = Thread(
            repo=plan.name,
            kind="pr",
            created=created,
            author=pr_author(rng, pp),
            pr_kind="feature",
            targets=[req],
        )
        pr.merged = pr.closed = later(rng, created, 5.0, FETCHED - dt.timedelta(days=1))
        pr.merger = pick(rng, pp.maintainers())
        req.fixed_by, req.closed, req.closer, req.state_reason = (
            pr,
            pr.merged,
            pr.merger,
            "completed",
        )
        out.append(pr)
    local_fixed = [f for f in fixes if f.repo == plan.name and f.targets[0].repo == plan.name]
    for _ in range(mix["unmerged"]):
        target = next(
            t
            for f in local_fixed
            for t in f.targets
            if t.repo == plan.name and (f.created - t.created).days >= 2
        )
        span = target.fixed_by.created - target.created  # type: ignore[union-attr]
        created = target.created + span * float(rng.uniform(0.1, 0.4))
        pr = Thread(
            repo=plan.name,
            kind="pr",
            created=created,
            author=pr_author(rng, pp),
            pr_kind="unmerged",
            targets=[target],
        )
        pr.closed = created + (target.fixed_by.created - created) * float(rng.uniform(0.3, 0.8))  # type: ignore[union-attr]
        out.append(pr)
    for _ in range(mix["open_fix"]):
        target = max(
            (t for t in defects if t.repo == plan.name and t.fate == "open"),
            key=lambda t: t.created,
        )
        created = later(rng, target.created, 3.0, FETCHED - dt.timedelta(days=2))
        pr = Thread(
            repo=plan.name,
            kind="pr",
            created=created,
            author=pr_author(rng, pp),
            pr_kind="open_fix",
            targets=[target],
        )
        out.append(pr)
    return out


def close_remaining(
    rng: np.random.Generator, threads: list[Thread], people: dict[str, People]
) -> None:
    """Set closing times and closers for commit-fixed, unlinked and not-planned threads."""
    for t in threads:
        pp = people[t.repo]
        if t.kind in ("feature", "question") and t.fate == "open":
            t.fate = weighted(
                rng,
                {"open": 0.45, "nolink": 0.35, "not_planned": 0.2}
                if t.kind == "feature"
                else {"open": 0.3, "nolink": 0.7},
            )
            if t.fate == "not_planned" and (END - t.created).days < 120:
                t.fate = "open"
        if t.fate == "commit":
            when = later(rng, t.created, 10.0, FETCHED - dt.timedelta(days=1))
            t.closer = pick(rng, pp.maintainers())
            t.fix_commit = Commit(
                sha=sha1(t.repo, "fix-commit", t.created),
                message="",
                author=t.closer,
                author_name=t.closer.login,
                time=when,
                committer=t.closer,
            )
            t.closed, t.state_reason = when + dt.timedelta(seconds=2), "completed"
        elif t.fate == "nolink":
            t.closed = later(rng, t.created, 18.0, FETCHED - dt.timedelta(days=1))
            t.closer = t.author if rng.random() < 0.2 else pick(rng, pp.maintainers())
            t.state_reason = "completed"
        elif t.fate == "not_planned":
            t.closed = min(
                t.created + dt.timedelta(days=float(rng.uniform(45, 120))),
                FETCHED - dt.timedelta(days=1),
            )
            t.closer = STALE_BOT if rng.random() < 0.6 else pick(rng, pp.maintainers())
            t.state_reason = "not_planned"


def plan_reopens(rng: np.random.Generator, defects: list[Thread]) -> None:
    """Some defects were closed once, reopened, and then closed for good or left open."""
    closed = [t for t in defects if t.fate in ("nolink", "pr", "commit") and not t.special]
    for i in rng.choice(len(closed), size=6, replace=False):
        t = closed[int(i)]
        span = (t.closed or END) - t.created
        t.reopen = (t.created + span * 0.3, t.created + span * 0.55)
    still_open = [
        t for t in defects if t.fate == "open" and not t.special and (END - t.created).days > 40
    ]
    for i in rng.choice(len(still_open), size=2, replace=False):
        t = still_open[int(i)]
        span = END - t.created
        t.reopen = (t.created + span * 0.3, t.created + span * 0.6)
        t.state_reason = "reopened"


def number_threads(threads: list[Thread]) -> None:
    """Give issues and PRs per-repository numbers in creation order, and global ids."""
    for plan in REPO_PLANS:
        mine = sorted(
            (t for t in threads if t.repo == plan.name), key=lambda t: (t.created, t.kind)
        )
        for i, t in enumerate(mine, start=1):
            t.number = i
    base = 790_000_000
    for i, t in enumerate(sorted(threads, key=lambda t: (t.created, t.repo, t.number))):
        t.id = base + i * 2_113_579 + (t.number * 37) % 1000
        if t.kind == "pr":
            t.pr_id = 560_000_000 + i * 1_377_011 + t.number


# =============================================================================================
# Texts: issue titles and bodies
# =============================================================================================


def issue_context(
    rng: np.random.Generator, repo: str, t: dt.datetime, scenario: tx.Scenario | None
) -> dict[str, str]:
    """All placeholder values for one issue, plausible for its repository and date."""
    rt = tx.REPO_TEXTS[repo]
    lag = scenario is None or scenario.since is None
    k = int(rng.integers(len(rt.variants)))
    variant, paper, fps = rt.variants[k]
    torch_row = release_at(rng, TORCH, t, lag)
    tf_row = release_at(rng, TF, t, lag)
    gpu, mem = gpu_at(rng, t)
    cuda = torch_row[3] if rt.framework == "torch" else tf_row[2]
    cls = int(rng.integers(3, 40))
    bs = int(pick(rng, (2, 4, 8, 16, 32)))
    img = int(pick(rng, (224, 384, 448) if repo == "vit-replica" else (512, 640, 800, 1024)))
    gap = float(rng.uniform(1.2, 7.5))
    got = paper - gap
    noise = rng.normal(0, 0.6, size=3)
    fw = "PyTorch" if rt.framework == "torch" else "TensorFlow"
    fw_ver = f"torch {torch_row[1]}" if rt.framework == "torch" else f"TensorFlow {tf_row[1]}"
    it_paper = float(rng.uniform(3.0, 9.0))
    config = rt.configs[k]
    ext = "pth" if rt.framework == "torch" else "h5"
    ctx = {
        "repo": repo,
        "pkg": rt.pkg,
        "variant": variant,
        "metric": rt.metric,
        "dataset": rt.dataset,
        "paper": f"{paper:.1f}",
        "got": f"{got:.1f}",
        "low": f"{float(rng.uniform(0.5, 12.0)):.1f}",
        "r1": f"{got + noise[0]:.1f}",
        "r2": f"{got + 1.4 + noise[1]:.1f}",
        "r3": f"{got - 0.9 + noise[2]:.1f}",
        "torch": torch_row[1],
        "tv": torch_row[2],
        "old_tv": pick(rng, ("0.11.3", "0.12.0")),
        "tf": tf_row[1],
        "cuda": cuda,
        "cuda_sys": pick(rng, [c for c in CUDA_CHOICES if c != cuda]),
        "python": release_at(rng, PYTHON, t, True)[1],
        "numpy": release_at(rng, NUMPY, t, lag)[1],
        "pillow": release_at(rng, PILLOW, t, lag)[1],
        "trt": release_at(rng, TENSORRT, t, True)[1],
        "gpu": gpu,
        "gpu_mem": str(mem),
        "ngpu": str(pick(rng, (2, 4, 8))),
        "os": os_at(rng, t),
        "bs": str(bs),
        "bs_gpu": str(pick(rng, (1, 2, 4))),
        "lr": pick(rng, ("0.01", "0.02", "1e-4", "2e-4")),
        "epoch": str(int(rng.integers(2, 90))),
        "cls": str(cls),
        "ch": str(cls + 5),
        "size": str(bs * 3 * (cls + 5) * 80 * 80 + 6400 * int(rng.integers(1, 9))),
        "img": str(img),
        "img2": str(pick(rng, (384, 480, 512))),
        "opset": str(pick(rng, (11, 12, 13))),
        "fps_paper": str(fps),
        "fps_got": str(max(1, int(fps * float(rng.uniform(0.15, 0.5))))),
        "it_paper": f"{it_paper:.1f}",
        "it_got": f"{it_paper * float(rng.uniform(0.15, 0.45)):.1f}",
        "slow": str(int(rng.integers(3, 8))),
        "diff": pick(rng, ("0.37", "0.041", "2.3e-3", "1.2", "8.6e-2")),
        "eps": "1e-5" if rt.framework == "torch" else "1e-3",
        "workers": str(pick(rng, (4, 8, 16))),
        "iters": str(int(rng.integers(200, 2000))),
        "frames": str(int(rng.integers(1500, 4000))),
        "cfg_epochs": str(pick(rng, (50, 100, 150))),
        "paper_epochs": str(pick(rng, (300, 500))),
        "acc": str(pick(rng, (2, 4, 8))),
        "fw": fw,
        "fw_ver": fw_ver,
        "area": pick(rng, rt.area),
        "gpu_days": str(int(rng.integers(8, 120))),
        "new_dataset": pick(rng, tx.NEW_DATASETS),
        "config": config,
        "train_cmd": f"python tools/train.py --config {config} --batch-size {bs}",
        "eval_cmd": f"python tools/eval.py --config {config} --weights {variant}.{ext}",
        "export_cmd": (
            f"python tools/export_onnx.py --weights {variant}.pth --opset {pick(rng, (11, 12, 13))}"
            if rt.framework == "torch"
            else f"python tools/export_tflite.py --saved-model exported/{variant}"
        ),
    }
    if scenario:
        ctx.update(scenario.fixed)
    return ctx


FRAMES = {
    "train": (
        ("tools/train.py", "<module>", "main(args)"),
        ("tools/train.py", "main", "trainer.train()"),
        ("{pkg}/engine/trainer.py", "train", "self.train_one_epoch(epoch)"),
        ("{pkg}/engine/trainer.py", "train_one_epoch", "loss_dict = self.model(images, targets)"),
    ),
    "data": (
        ("tools/train.py", "main", "trainer.train()"),
        (
            "{pkg}/engine/trainer.py",
            "train_one_epoch",
            "for i, (images, targets) in enumerate(self.loader):",
        ),
        ("{pkg}/data/dataset.py", "__getitem__", "img, target = self.transforms(img, target)"),
    ),
    "eval": (
        ("tools/eval.py", "<module>", "main(args)"),
        ("tools/eval.py", "main", "results = evaluate(model, loader, cfg)"),
        ("{pkg}/evaluation/evaluator.py", "evaluate", "outputs = postprocess(model(images))"),
    ),
    "model": (
        ("tools/train.py", "main", "model = build_model(cfg)"),
        ("{pkg}/models/builder.py", "build_model", "model.load_pretrained(cfg.weights)"),
    ),
    "import": (
        ("tools/train.py", "<module>", "from {pkg}.engine import Trainer"),
        ("{pkg}/engine/__init__.py", "<module>", "from .trainer import Trainer"),
        ("{pkg}/engine/trainer.py", "<module>", "from {pkg}.utils import misc"),
    ),
    "export": (
        ("tools/export.py", "<module>", "main()"),
        ("tools/export.py", "main", "export(model, args)"),
    ),
    "demo": (
        ("demo.py", "<module>", "main()"),
        ("demo.py", "main", "outputs.append(model(frame))"),
    ),
}
LIB_FRAMES = {
    "torch": ("torch/nn/modules/module.py", "_call_impl", "return forward_call(*args, **kwargs)"),
    "tf": (
        "keras/src/utils/traceback_utils.py",
        "error_handler",
        "raise e.with_traceback(filtered_tb) from None",
    ),
}


def traceback(
    rng: np.random.Generator, scenario: tx.Scenario, ctx: dict[str, str], error: str
) -> str:
    """A Python traceback that ends in the scenario's exception."""
    fw = tx.REPO_TEXTS[ctx["repo"]].framework
    windows = ctx["os"].startswith("Windows")
    root = pick(
        rng, ("/workspace/{repo}", "/home/user/code/{repo}", "/content/{repo}", "/data/src/{repo}")
    )
    site = f"/opt/conda/lib/python{ctx['python'].rsplit('.', 1)[0]}/site-packages"
    if windows:
        root, site = (
            "C:\\Users\\user\\projects\\{repo}",
            "C:\\Users\\user\\miniconda3\\envs\\cv\\lib\\site-packages",
        )
    frames = list(FRAMES.get(scenario.family, FRAMES["train"]))
    if scenario.frame:
        frames.append(scenario.frame)
    lines = ["Traceback (most recent call last):"]
    for path, func, code in frames:
        full = fill(root + "/" + path, ctx)
        if windows:
            full = full.replace("/", "\\")
        lines.append(f'  File "{full}", line {int(rng.integers(20, 480))}, in {func}')
        lines.append("    " + fill(code, ctx))
    if scenario.family in ("train", "eval", "model") and not scenario.frame:
        path, func, code = LIB_FRAMES[fw]
        lines.append(f'  File "{site}/{path}", line {int(rng.integers(900, 1600))}, in {func}')
        lines.append(f"    {code}")
    lines.append(error)
    return "\n".join(lines)


def build_log(
    rng: np.random.Generator, scenario: tx.Scenario, ctx: dict[str, str], error: str
) -> str:
    """Output of a failing build (`setup.py`, `pip`, `trtexec`) that ends in the error."""
    pkg = ctx["pkg"]
    if scenario.family == "pip":
        head = [
            "Collecting pycocotools==2.0.4 (from -r requirements.txt (line "
            f"{int(rng.integers(3, 9))}))",
            "  Using cached pycocotools-2.0.4.tar.gz (106 kB)",
            "  Installing build dependencies ... done",
            "Building wheels for collected packages: pycocotools",
        ]
    elif scenario.family == "trt":
        head = [
            f"&&&& RUNNING TensorRT.trtexec [TensorRT v{ctx['trt'].replace('.', '')}] # trtexec "
            f"--onnx={ctx['variant']}.onnx --saveEngine={ctx['variant']}.engine --fp16",
            "[I] Start parsing network model.",
            "[I] [TRT] ----------------------------------------------------------------",
            f"[I] [TRT] Input filename:   {ctx['variant']}.onnx",
            "[I] [TRT] ONNX IR version:  0.0.8",
        ]
    else:
        head = [
            "running build_ext",
            f"building '{pkg}._C' extension",
            f"/usr/local/cuda/bin/nvcc -I{pkg}/csrc -I/opt/conda/include/python{ctx['python'][:4]} "
            f"-c {pkg}/csrc/cuda/nms_kernel.cu "
            f"-o build/temp.linux-x86_64-cpython/{pkg}/csrc/cuda/nms_kernel.o "
            "-D__CUDA_NO_HALF_OPERATORS__ --expt-relaxed-constexpr -O3 -std=c++17",
        ]
    return "\n".join([*head, error])


def loss_log(rng: np.random.Generator, ctx: dict[str, str], lines: int, start: dt.datetime) -> str:
    """Training log lines whose loss ends in NaN."""
    out = []
    t = start
    total = int(rng.integers(3000, 8000))
    epoch = int(ctx["epoch"])
    loss = float(rng.uniform(2.0, 4.0))
    nan_from = max(lines - int(rng.integers(2, 6)), 1)
    for i in range(lines):
        t += dt.timedelta(seconds=float(rng.uniform(20, 60)))
        it = (i * 50) % total + 50
        if i and it == 50:
            epoch += 1
        loss = max(0.3, loss * float(rng.uniform(0.985, 1.01)))
        lb, lc = loss * 0.45, loss * 0.55
        head = f"{t:%Y-%m-%d %H:%M:%S},{int(rng.integers(0, 999)):03d} - INFO - "
        head += f"Epoch [{epoch}][{it}/{total}]  lr: {float(ctx['lr']):.3e}  "
        if i >= nan_from:
            out.append(head + f"loss: nan  loss_box: nan  loss_cls: {lc:.4f}  grad_norm: inf")
        else:
            norm, memory = float(rng.uniform(1, 40)), int(rng.integers(6000, 14000))
            out.append(
                head + f"loss: {loss:.4f}  loss_box: {lb:.4f}  loss_cls: {lc:.4f}  "
                f"grad_norm: {norm:.2f}  memory: {memory}"
            )
    return "\n".join(out)


def environment_block(rng: np.random.Generator, ctx: dict[str, str], style: str) -> str:
    """The environment section of a report, in one of the ways users write it."""
    torch_fw = tx.REPO_TEXTS[ctx["repo"]].framework == "torch"
    if style == "template":
        fw_line = (
            f"- PyTorch: {ctx['torch']} (CUDA {ctx['cuda']})"
            if torch_fw
            else f"- TensorFlow: {ctx['tf']}"
        )
        return "\n".join(
            [
                f"- OS: {ctx['os']}",
                f"- Python: {ctx['python']}",
                fw_line,
                f"- GPU: {ctx['ngpu'] if rng.random() < 0.3 else 1}x {ctx['gpu']}",
            ]
        )
    if style == "collect_env" and torch_fw:
        return "\n".join(
            [
                "```",
                f"PyTorch version: {ctx['torch']}+cu{ctx['cuda'].replace('.', '')}",
                "Is debug build: False",
                f"CUDA used to build PyTorch: {ctx['cuda']}",
                f"OS: {ctx['os']}",
                f"Python version: {ctx['python']} (64-bit runtime)",
                f"GPU models and configuration: GPU 0: NVIDIA {ctx['gpu']}",
                "Versions of relevant libraries:",
                f"[pip3] numpy=={ctx['numpy']}",
                f"[pip3] torch=={ctx['torch']}",
                f"[pip3] torchvision=={ctx['tv']}",
                "```",
            ]
        )
    fw = f"torch {ctx['torch']}" if torch_fw else f"TensorFlow {ctx['tf']}"
    return f"{fw}, CUDA {ctx['cuda']}, Python {ctx['python']}, {ctx['gpu']}, {ctx['os']}"


FALLBACK_ERROR = {
    "torch": "RuntimeError: Function 'SmoothL1LossBackward0' returned nan values in its 0th "
    "output.",
    "tf": "tensorflow.python.framework.errors_impl.InvalidArgumentError: Found Inf or NaN global "
    "norm. : Tensor had NaN values",
}
STAGE_COMMAND = {
    "environment_setup": "pip install -r requirements.txt && python setup.py develop",
    "data_pipeline": "python tools/browse_dataset.py {config}",
    "modelling": "{train_cmd}",
    "training": "{train_cmd}",
    "evaluation": "{eval_cmd}",
    "deployment": "{export_cmd}",
}
EXPECTED = {
    "crash": "It should run through.",
    "build_failure": "The package installs and builds.",
    "wrong_output": "Correct outputs, like the reference implementation.",
    "accuracy_below_expectations": "{metric} close to {paper}.",
    "speed_below_expectations": "Speed similar to the numbers in the README.",
    "numerical_error": "The loss decreases normally.",
    "reproducibility": "Similar numbers across runs and close to the published ones.",
}


def evidence(rng: np.random.Generator, t: Thread, story_template: str) -> list[str]:
    """Evidence blocks for the report's true symptoms (tracebacks, numbers, logs)."""
    sc, ctx = t.scenario, t.ctx
    assert sc is not None and t.truth is not None
    fw = tx.REPO_TEXTS[t.repo].framework
    blocks: list[str] = []
    error = sc.error[fw] if isinstance(sc.error, dict) else sc.error
    symptoms = t.truth.symptoms
    if error is None and "crash" in symptoms:
        error = FALLBACK_ERROR[fw]
    if error and ("crash" in symptoms or "build_failure" in symptoms):
        error = fill(error, ctx)
        if sc.family in ("build", "pip", "trt"):
            blocks.append("```\n" + build_log(rng, sc, ctx, error) + "\n```")
        else:
            blocks.append("```\n" + traceback(rng, sc, ctx, error) + "\n```")
    if "numerical_error" in symptoms:
        blocks.append(
            "```\n"
            + loss_log(rng, ctx, int(rng.integers(4, 9)), t.created - dt.timedelta(hours=5))
            + "\n```"
        )
    if "accuracy_below_expectations" in symptoms and not re.search(
        r"\{(got|low|r1)\}", story_template
    ):
        blocks.append(fill("I get {metric} {got} instead of {paper} reported in the paper.", ctx))
    if "speed_below_expectations" in symptoms and not re.search(
        r"\{(it_got|fps_got)\}", story_template
    ):
        blocks.append(
            fill("Throughput is {it_got} it/s, the README reports about {it_paper} it/s.", ctx)
        )
    if "reproducibility" in symptoms and "{r1}" not in story_template:
        blocks.append(fill("Three runs with seeds 0, 1 and 2 gave {r1}, {r2} and {r3}.", ctx))
    if "wrong_output" in symptoms and rng.random() < 0.4:
        uid = sha1(t.repo, t.created)[:8] + "-" + sha1(t.created)[:4] + "-4" + sha1(t.repo)[:3]
        blocks.append(f"![vis](https://github.com/user-attachments/assets/{uid}-a1b2c3d4e5f6)")
    return blocks


def defect_title(rng: np.random.Generator, t: Thread) -> str:
    """A title from the scenario, sometimes with the prefixes users like to add."""
    assert t.scenario is not None
    title = fill(pick(rng, t.scenario.titles), t.ctx)
    r = rng.random()
    if r < 0.12:
        title = "[Bug] " + title
    elif r < 0.17:
        title = "Bug: " + title
    elif r < 0.22:
        title = title[0].lower() + title[1:]
    return title


def defect_body(rng: np.random.Generator, t: Thread) -> str:
    """A defect report body written from the scenario and its ground truth."""
    sc, ctx, truth = t.scenario, t.ctx, t.truth
    assert sc is not None and truth is not None
    story_template = pick(rng, sc.stories)
    story = fill(story_template, ctx)
    opener = fill(pick(rng, tx.OPENERS[truth.reporter_type]), ctx)
    blocks = evidence(rng, t, story_template)
    style = weighted(rng, {"template": 0.45, "free": 0.4, "short": 0.15})
    command = fill(STAGE_COMMAND[truth.discovery_stage], ctx)
    if style == "template":
        expected = " ".join(fill(EXPECTED[s], ctx) for s in truth.symptoms[:2])
        parts = [
            "<!-- Please search existing issues before opening a new one. -->",
            "",
            "### Describe the bug",
            (opener + " " + story).strip(),
            "",
            "### To reproduce",
            f"1. `{command}`",
            "2. See the output below.",
            "",
        ]
        if blocks:
            parts += ["### Logs / evidence", *[b + "\n" for b in blocks]]
        parts += [
            "### Expected behavior",
            expected,
            "",
            "### Environment",
            environment_block(rng, ctx, "template"),
        ]
        body = "\n".join(parts)
    elif style == "free":
        parts = [
            (opener + " " + story).strip(),
            *blocks,
            environment_block(rng, ctx, pick(rng, ("inline", "collect_env"))),
            pick(rng, tx.CLOSERS),
        ]
        body = "\n\n".join(p for p in parts if p)
    else:
        body = "\n\n".join([story, *blocks])
    if style == "template" and rng.random() < 0.7:
        body = body.replace("\n", "\r\n")  # reports written in the web form use CRLF
    return body


def special_texts(rng: np.random.Generator, t: Thread) -> tuple[str, str | None]:
    """Title and body for the planted edge cases."""
    ctx = t.ctx
    if t.special == "equals_title":
        return "=> loss becomes NaN after resuming with --amp", defect_body(rng, t)
    if t.special == "emoji_title":
        return "🐛 Crash when an image has no boxes 😢", defect_body(rng, t)
    if t.special == "null_body":
        return fill("Crash when loading the converted checkpoint into {variant}", ctx), None
    if t.special == "huge_body":
        log = loss_log(rng, ctx, 1310, t.created - dt.timedelta(days=2))
        body = fill(
            "Training `{variant}` with `--amp` on {ngpu}x {gpu}: the loss becomes NaN after "
            "a long time. Full log below, sorry for the length.\r\n\r\n```\r\n",
            ctx,
        )
        return fill(
            "Loss becomes NaN after {epoch} epochs with AMP (full log)", ctx
        ), body + log + "\r\n```\r\n"
    if t.special == "chinese":
        return fill(tx.CHINESE_TITLE, ctx), fill(tx.CHINESE_BODY, ctx)
    if t.special == "japanese":
        return tx.JAPANESE_TITLE, fill(tx.JAPANESE_BODY, ctx)
    raise ValueError(t.special)


def request_texts(
    rng: np.random.Generator, t: Thread, used: set[tuple[str, str]]
) -> tuple[str, str]:
    """Title and body of a feature request or question, not repeated within a repository."""
    bank = tx.FEATURES if t.kind == "feature" else tx.QUESTIONS
    title, body = draw(rng, bank, used, t.repo)
    return fill(title, t.ctx), fill(body, t.ctx)


def write_issue_texts(rng: np.random.Generator, threads: list[Thread]) -> None:
    """Fill in titles, bodies and labels of all issues (not pull requests)."""
    used: set[tuple[str, str]] = set()
    for t in threads:
        if t.kind == "pr":
            continue
        t.ctx = issue_context(rng, t.repo, t.created, t.scenario)
        if t.kind == "defect":
            assert t.truth is not None
            t.ctx["when"] = fill(pick(rng, tx.WHEN[t.truth.discovery_stage]), t.ctx)
            if t.special:
                t.title, t.body = special_texts(rng, t)
            else:
                t.title, t.body = defect_title(rng, t), defect_body(rng, t)
        else:
            t.title, t.body = request_texts(rng, t, used)
    label_issues(rng, threads)


def label_issues(rng: np.random.Generator, threads: list[Thread]) -> None:
    """Labels: most defects `bug` (+topic labels); some unlabelled defects that still contain a
    defect keyword as a whole word; `enhancement` / `question` on requests."""
    defects = [t for t in threads if t.kind == "defect"]
    eligible = [
        t for t in defects if not t.special and KEYWORD_WORD.search(f"{t.title}\n{t.body or ''}")
    ]
    n_unlabelled = round(0.2 * len(defects))
    unlabelled = {
        id(eligible[int(i)]) for i in rng.choice(len(eligible), size=n_unlabelled, replace=False)
    }
    for t in defects:
        assert t.truth is not None
        if id(t) in unlabelled:
            t.labels = []
            continue
        t.labels = ["bug"]
        if t.truth.defect_type == "deploy_export" and rng.random() < 0.7:
            t.labels.append("onnx" if tx.REPO_TEXTS[t.repo].framework == "torch" else "export")
        if PARENT[t.truth.defect_type] == "training" and rng.random() < 0.4:
            t.labels.append("training")
        if t.fate == "open" and rng.random() < 0.3:
            t.labels.append("needs-repro")
        if t.fate == "not_planned" and t.closer == STALE_BOT:
            t.labels.append("stale")
        if t.fate in ("pr", "open") and rng.random() < 0.08:
            t.labels.append("help wanted")
    relabel = [t for t in defects if "bug" in t.labels and not t.special]
    for i in rng.choice(len(relabel), size=4, replace=False):
        relabel[int(i)].relabel = True
    for t in threads:
        if t.kind == "feature":
            t.labels = ["enhancement"] + (["good first issue"] if rng.random() < 0.2 else [])
        elif t.kind == "question":
            t.labels = ["question"]


# =============================================================================================
# Pull request texts, commits
# =============================================================================================


def ref(issue: Thread, pr: Thread) -> str:
    """How a PR body refers to an issue: `#N` locally, `owner/repo#N` across repositories."""
    return f"#{issue.number}" if issue.repo == pr.repo else f"{issue.full}#{issue.number}"


def write_pr_texts(rng: np.random.Generator, prs: list[Thread], defects: list[Thread]) -> None:
    """Titles, bodies and branches of all pull requests, with closing keywords for fix PRs."""
    forms = list(tx.CLOSING_FORMS)
    k = 0
    for pr in sorted(prs, key=lambda p: (p.repo, p.number)):
        pr.ctx = issue_context(rng, pr.repo, pr.created, None)
        if pr.pr_kind in ("fix", "unmerged", "open_fix"):
            main = pr.targets[0]
            fix = main.scenario.fix if main.scenario else "handle the reported case"
            pr.title = ("fix: " + fix) if rng.random() < 0.3 else fix[0].upper() + fix[1:]
            closing = []
            for target in pr.targets:
                form = forms[k % len(forms)]
                k += 1
                closing.append(form.replace("#{n}", ref(target, pr)))
            summary = pick(
                rng,
                (
                    f"This PR will {fix}.",
                    f"{fix[0].upper() + fix[1:]}.",
                    f"Small change to {fix}. Tested with {pr.ctx['fw_ver']} on a {pr.ctx['gpu']}.",
                ),
            )
            body = [summary, "", *closing]
            others = [
                d
                for d in defects
                if d.repo == pr.repo and d not in pr.targets and d.created < pr.created
            ]
            if others and rng.random() < 0.2:
                mention = pick(rng, others)
                pr.mentions.append(mention)
                body += ["", pick(rng, tx.NONCLOSING_FORMS).replace("{n}", str(mention.number))]
            if rng.random() < 0.4:
                body += ["", "## Checklist", "- [x] tests pass", "- [ ] docs updated"]
            pr.body = "\n".join(body)
            slug = re.sub(r"[^a-z0-9]+", "-", fix.lower())[:30].strip("-")
            pr.branch = f"fix/{slug}" if rng.random() < 0.5 else slug
        elif pr.pr_kind == "feature":
            req = pr.targets[0]
            pr.title = "Add: " + req.title[0].lower() + req.title[1:]
            pr.body = f"Implements the request in #{req.number}.\n\nCloses #{req.number}"
            pr.branch = f"feature/{pr.number}"
        elif pr.pr_kind == "dependabot":
            pr.title, pr.body = tx.DEPENDABOT
            pr.branch = "dependabot/pip/pillow-10.3.0"
        else:
            pr.title, pr.body = pick(rng, tx.MISC_PRS)
            pr.branch = f"patch-{int(rng.integers(1, 9))}"
        pr.head_sha = sha1(pr.repo, "head", pr.number)
    plant_pr_traps(prs)


def plant_pr_traps(prs: list[Thread]) -> None:
    """One housekeeping PR says `Fixes #K` where #K is itself a pull request."""
    yolo = sorted((p for p in prs if p.repo == "yolo-reimpl"), key=lambda p: p.number)
    misc = next(
        p
        for p in yolo
        if p.pr_kind == "misc" and any(q.pr_kind == "fix" and q.number < p.number for q in yolo)
    )
    earlier = max(
        (q for q in yolo if q.pr_kind == "fix" and q.number < misc.number), key=lambda q: q.number
    )
    misc.title = "Make the box-utils test deterministic"
    misc.body = (
        f"The test added in #{earlier.number} was flaky on CPU runners.\n\nFixes #{earlier.number}"
    )
    misc.pr_refs.append(earlier)


def make_commits(
    rng: np.random.Generator, threads: list[Thread], people: dict[str, People]
) -> dict[str, list[Commit]]:
    """Default-branch history of each repository: filler commits, PR merges, direct fixes."""
    out: dict[str, list[Commit]] = {}
    for plan in REPO_PLANS:
        pp = people[plan.name]
        created = day(plan.created)
        owner = pp.by_assoc["OWNER"][0]
        commits = [
            Commit(sha1(plan.name, "initial"), "Initial commit", owner, owner.login, created, owner)
        ]
        for i in range(int(rng.integers(30, 55))):
            author = pick(rng, pp.maintainers() + pp.by_assoc["CONTRIBUTOR"])
            when = created + (END - created) * float(rng.beta(1.1, 1.6))
            msg = fill(
                pick(rng, tx.FILLER_COMMITS),
                {
                    "version": f"0.{1 + i // 8}.{i % 8}",
                    "area": pick(rng, tx.REPO_TEXTS[plan.name].area),
                    "variant": pick(rng, tx.REPO_TEXTS[plan.name].variants)[0],
                },
            )
            commits.append(
                Commit(sha1(plan.name, "filler", i), msg, author, author.login, when, author)
            )
        for t in threads:
            if t.repo != plan.name:
                continue
            if t.kind == "pr" and t.merged:
                commits += merge_commits(rng, plan, t)
            if t.fix_commit:
                c = t.fix_commit
                fix = t.scenario.fix if t.scenario else "handle the reported case"
                c.message = fill(
                    pick(rng, tx.COMMIT_FIX_FORMS),
                    {"fix": fix, "Fix": fix[0].upper() + fix[1:], "n": str(t.number)},
                )
                commits.append(c)
        commits.sort(key=lambda c: (c.time, c.sha))
        prev = ""
        for c in commits:
            if c.on_main:
                c.parents = [prev, *c.parents] if prev else c.parents
                prev = c.sha
            else:
                c.parents = [prev]
        for t in threads:
            if t.repo == plan.name and t.kind == "pr":
                base = [c for c in commits if c.on_main and c.time <= t.created]
                t.base_sha = base[-1].sha if base else commits[0].sha
        out[plan.name] = commits
    return out


def merge_commits(rng: np.random.Generator, plan: RepoPlan, pr: Thread) -> list[Commit]:
    """The commit(s) a merged PR adds to the default branch (squash, or head + merge commit)."""
    assert pr.merged is not None
    author_name = pr.author.login
    if plan.merge_style == "squash":
        extra = "\n".join(
            line
            for line in (pr.body or "").splitlines()
            if line.strip() and not line.startswith("#")
        )
        msg = f"{pr.title} (#{pr.number})\n\n" + "\n".join("* " + x for x in extra.splitlines()[:4])
        c = Commit(
            sha1(plan.name, "squash", pr.number), msg, pr.author, author_name, pr.merged, WEB_FLOW
        )
        pr.merge_sha = c.sha
        pr.head_sha = sha1(plan.name, "head", pr.number)
        return [c]
    head_time = pr.created - dt.timedelta(minutes=int(rng.integers(5, 600)))
    head = Commit(
        sha1(plan.name, "head", pr.number),
        pr.title,
        pr.author,
        author_name,
        head_time,
        pr.author,
        on_main=False,
    )
    merge = Commit(
        sha1(plan.name, "merge", pr.number),
        f"Merge pull request #{pr.number} from {pr.author.login}/{pr.branch}\n\n{pr.title}",
        pr.merger,
        (pr.merger or pr.author).login,
        pr.merged,
        WEB_FLOW,
        parents=[head.sha],
    )
    pr.merge_sha, pr.head_sha = merge.sha, head.sha
    return [head, merge]


# =============================================================================================
# Comments and events
# =============================================================================================


def comment_count(rng: np.random.Generator, kind: str) -> int:
    """Number of comments of a thread: skewed, 0..12."""
    mean = {"defect": 6.2, "feature": 3.2, "question": 3.2, "pr": 2.6}[kind]
    return min(int(rng.negative_binomial(1.5, 1.5 / (1.5 + mean))), 12)


def defect_comments(
    rng: np.random.Generator, t: Thread, pp: People, others: list[Thread]
) -> list[Comment]:
    """A plausible discussion under a defect report, ending with how it was resolved."""
    n = comment_count(rng, "defect")
    if t.reopen:
        n = max(n, 3)
    ctx = dict(
        t.ctx,
        sha7=sha1(t.repo, t.number, "main")[:7],
        att=str(int(rng.integers(10**7, 10**8))),
        workaround=(
            t.scenario.workaround
            if t.scenario and t.scenario.workaround
            else pick(
                rng,
                (
                    "downgrading to the versions in requirements.txt",
                    "setting `--workers 0`",
                    "disabling AMP",
                ),
            )
        ),
    )
    end = t.closed or (FETCHED - dt.timedelta(days=1))
    first_end = t.reopen[0] if t.reopen else end
    closing: list[Comment] = []
    if t.closed and n:
        closing.append(resolution_comment(rng, t, pp, ctx))
        n -= 1
    if t.fate == "not_planned" and t.closer == STALE_BOT:
        closing.insert(0, Comment(STALE_BOT, tx.STALE, t.closed - dt.timedelta(days=7)))  # type: ignore[operator]
        n = max(n - 1, 0)
    reopen: list[Comment] = []
    if t.reopen and n:
        reopen.append(Comment(t.author, pick(rng, tx.REOPEN), t.reopen[1]))
        n -= 1
    body: list[Comment] = []
    used: set[Any] = set()
    times = sorted(between(rng, t.created + dt.timedelta(minutes=20), first_end) for _ in range(n))
    previous = ""
    for i, when in enumerate(times):
        kind = (
            ("triage" if rng.random() < 0.65 else "me_too")
            if i == 0
            else weighted(
                rng,
                {
                    "followup": 0.6 if previous == "triage" else 0.25,
                    "triage": 0.2,
                    "me_too": 0.3,
                    "related": 0.08,
                },
            )
        )
        previous = kind
        if kind == "triage":
            author, text = pick(rng, pp.maintainers()), draw(rng, tx.TRIAGE, used, 0)
        elif kind == "followup":
            author, text = t.author, draw(rng, tx.REPORTER_FOLLOWUP, used, 0)
        elif kind == "me_too":
            author, text = pick(rng, pp.by_assoc["NONE"]), draw(rng, tx.ME_TOO, used, 0)
        else:
            cands = [o for o in others if o.repo == t.repo and o is not t and o.created < when]
            if not cands:
                author, text = t.author, draw(rng, tx.REPORTER_FOLLOWUP, used, 0)
            else:
                other = pick(rng, cands)
                author, text = (
                    pick(rng, pp.by_assoc["NONE"]),
                    pick(rng, tx.RELATED).replace("{other}", str(other.number)),
                )
        body.append(Comment(author, fill(text, ctx), when, reactions=int(rng.random() < 0.2)))
    return sorted(body + reopen + closing, key=lambda c: c.time)


def resolution_comment(
    rng: np.random.Generator, t: Thread, pp: People, ctx: dict[str, str]
) -> Comment:
    """The comment that goes with closing a defect, matching how it was closed."""
    assert t.closed is not None
    after = t.closed + dt.timedelta(minutes=int(rng.integers(1, 180)))
    maint = t.closer if t.closer and t.closer.type == "User" else pick(rng, pp.maintainers())
    if t.fate == "pr" and t.fixed_by:
        if t.fixed_by.repo != t.repo:
            text = pick(rng, tx.RESOLVED_CROSS).replace(
                "{xref}", f"{t.fixed_by.full}#{t.fixed_by.number}"
            )
        else:
            text = pick(rng, tx.RESOLVED_PR).replace("{pr}", str(t.fixed_by.number))
        return Comment(maint, text, after)
    if t.fate == "commit" and t.fix_commit:
        return Comment(
            maint, pick(rng, tx.RESOLVED_COMMIT).replace("{sha7}", t.fix_commit.sha[:7]), after
        )
    if t.fate == "not_planned":
        if t.closer == STALE_BOT:
            return Comment(
                pick(rng, [t.author, pick(rng, pp.by_assoc["NONE"])]),
                "Any news on this?",
                t.closed - dt.timedelta(days=20),
            )
        dups = [o for o in t.ctx.get("_dups", "").split(",") if o]
        text = pick(rng, tx.NOT_PLANNED)
        if "{dup}" in text:
            text = text.replace("{dup}", dups[0]) if dups else tx.NOT_PLANNED[1]
        return Comment(maint, text, t.closed - dt.timedelta(seconds=30))
    if t.closer == t.author:
        return Comment(
            t.author, "OK, that was it. Thanks a lot!", t.closed - dt.timedelta(seconds=40)
        )
    return Comment(
        maint, fill(pick(rng, tx.RESOLVED_NOLINK), ctx), t.closed - dt.timedelta(seconds=20)
    )


def request_comments(rng: np.random.Generator, t: Thread, pp: People) -> list[Comment]:
    """Replies under a feature request or question (free of defect keywords)."""
    n = comment_count(rng, t.kind)
    end = t.closed or (FETCHED - dt.timedelta(days=1))
    times = sorted(between(rng, t.created + dt.timedelta(minutes=30), end) for _ in range(n))
    out = []
    used: set[Any] = set()
    pool = tx.FEATURE_REPLIES if t.kind == "feature" else tx.QUESTION_REPLIES
    for i, when in enumerate(times):
        author = (
            pick(rng, pp.maintainers())
            if i % 2 == 0
            else pick(rng, [t.author, *pp.by_assoc["NONE"][:10]])
        )
        out.append(Comment(author, draw(rng, pool, used, 0), when))
    if t.fixed_by:
        out.append(
            Comment(
                t.fixed_by.merger or pick(rng, pp.maintainers()),
                f"Added in #{t.fixed_by.number} 🎉",
                t.closed + dt.timedelta(minutes=3),
            )
        )  # type: ignore[operator]
    return out


def pr_comments(rng: np.random.Generator, pr: Thread, pp: People) -> list[Comment]:
    """Review chatter and CI bot comments under a pull request."""
    n = comment_count(rng, "pr")
    end = pr.closed or (FETCHED - dt.timedelta(days=1))
    out = []
    if pr.pr_kind != "dependabot" and rng.random() < 0.4:
        out.append(
            Comment(
                CI_BOT,
                fill(tx.BOT_CI, pr.ctx),
                pr.created + dt.timedelta(minutes=int(rng.integers(8, 40))),
            )
        )
    times = sorted(between(rng, pr.created + dt.timedelta(minutes=45), end) for _ in range(n))
    ctx = dict(pr.ctx, maintainer=pick(rng, pp.maintainers()).login)
    for i, when in enumerate(times):
        if i % 2 == 0 or pr.author.type == "Bot":
            out.append(
                Comment(pick(rng, pp.maintainers()), fill(pick(rng, tx.PR_COMMENTS), ctx), when)
            )
        else:
            out.append(
                Comment(
                    pr.author,
                    pick(
                        rng,
                        (
                            "Done, thanks for the review!",
                            "Updated.",
                            "Good point, changed it.",
                            "Added a test.",
                        ),
                    ),
                    when,
                )
            )
    if pr.pr_kind == "unmerged":
        out.append(
            Comment(
                pick(rng, pp.maintainers()),
                "Thanks, but we went with a different approach; closing.",
                pr.closed - dt.timedelta(minutes=2),
            )
        )  # type: ignore[operator]
    return out


def add_comments(
    rng: np.random.Generator, threads: list[Thread], people: dict[str, People]
) -> None:
    """Attach comments to every thread."""
    defects = [t for t in threads if t.kind == "defect"]
    np_dups = [t for t in defects if t.fate == "not_planned"]
    for t in np_dups:
        older = [o for o in defects if o.repo == t.repo and o.created < t.created and o is not t]
        if older:
            t.ctx["_dups"] = str(pick(rng, older).number)
    for t in sorted(threads, key=lambda t: (t.repo, t.number)):
        pp = people[t.repo]
        if t.kind == "defect":
            t.comments = defect_comments(rng, t, pp, threads)
        elif t.kind == "pr":
            t.comments = pr_comments(rng, t, pp)
        else:
            t.comments = request_comments(rng, t, pp)
        t.reactions = int(rng.poisson(1.5)) if t.kind == "defect" else 0


def add_events(rng: np.random.Generator, threads: list[Thread], people: dict[str, People]) -> None:
    """Labeled, assigned, renamed, referenced, closed, reopened, merged events of every thread."""
    for t in sorted(threads, key=lambda t: (t.repo, t.number)):
        pp = people[t.repo]
        maint = pick(rng, pp.maintainers())
        ev: list[Event] = []
        label_time = t.created + dt.timedelta(minutes=int(rng.integers(10, 4000)))
        if t.relabel:
            ev.append(
                Event("labeled", t.author, t.created + dt.timedelta(seconds=1), label="question")
            )
            ev.append(Event("unlabeled", maint, label_time, label="question"))
        for name in t.labels:
            by_template = name == "bug" and not t.relabel and rng.random() < 0.6
            actor = t.author if by_template else (STALE_BOT if name == "stale" else maint)
            when = t.created + dt.timedelta(seconds=1) if by_template else label_time
            if name == "stale" and t.closed:
                when = t.closed - dt.timedelta(days=7)
            ev.append(Event("labeled", actor, when, label=name))
        if t.kind == "defect" and (
            (t.fate in ("pr", "commit") and rng.random() < 0.35) or rng.random() < 0.08
        ):
            t.assignee = pick(rng, pp.maintainers())
            ev.append(
                Event("assigned", maint, label_time + dt.timedelta(minutes=3), assignee=t.assignee)
            )
        if t.renamed_from:
            ev.append(
                Event(
                    "renamed",
                    maint,
                    label_time + dt.timedelta(minutes=1),
                    rename=(t.renamed_from, t.title),
                )
            )
        if t.kind == "defect" and rng.random() < 0.08:
            fork_user = pick(rng, pp.by_assoc["NONE"])
            when = between(rng, t.created, t.closed or END)
            ev.append(
                Event(
                    "referenced",
                    fork_user,
                    when,
                    commit_id=sha1("fork", t.repo, t.number),
                    commit_repo=f"{fork_user.login}/{t.repo}",
                )
            )
        if t.reopen:
            ev.append(Event("closed", maint, t.reopen[0], state_reason="completed"))
            ev.append(Event("reopened", t.author, t.reopen[1]))
        ev += closing_events(t, pp, maint)
        t.events = ev


def closing_events(t: Thread, pp: People, maint: User) -> list[Event]:
    """Events that close (and merge) a thread, with commit ids where GitHub records them."""
    ev: list[Event] = []
    if t.kind == "pr":
        if t.merged:
            ev.append(
                Event(
                    "merged", t.merger or maint, t.merged, commit_id=t.merge_sha, commit_repo=t.full
                )
            )
            ev.append(Event("closed", t.merger or maint, t.merged))
            if t.author.type == "User":
                ev.append(
                    Event("head_ref_deleted", t.merger or maint, t.merged + dt.timedelta(seconds=2))
                )
        elif t.closed:
            ev.append(Event("closed", maint, t.closed))
        return ev
    if t.fate == "commit" and t.fix_commit:
        c = t.fix_commit
        ev.append(
            Event("referenced", c.author or maint, c.time, commit_id=c.sha, commit_repo=t.full)
        )
        ev.append(
            Event(
                "closed",
                c.author or maint,
                t.closed,
                commit_id=c.sha,
                commit_repo=t.full,  # type: ignore[arg-type]
                state_reason="completed",
            )
        )
        return ev
    if t.fate == "pr" and t.fixed_by:
        pr = t.fixed_by
        if PLANS[pr.repo].merge_style == "squash" and t.kind == "defect":
            ev.append(
                Event(
                    "referenced",
                    pr.merger or maint,
                    pr.merged,
                    commit_id=pr.merge_sha,  # type: ignore[arg-type]
                    commit_repo=pr.full,
                )
            )
    if t.closed:
        ev.append(Event("closed", t.closer or maint, t.closed, state_reason=t.state_reason))
    return ev


def plant_renames(threads: list[Thread]) -> None:
    """Three defect reports (in three repositories) were renamed by a maintainer after a vague
    first title."""
    vague = ("help", "doesnt work", "problem with training")
    for plan, old in zip(REPO_PLANS[:3], vague, strict=False):
        cands = [
            t
            for t in threads
            if t.repo == plan.name and t.kind == "defect" and not t.special and t.fate != "open"
        ]
        cands[5].renamed_from = old


def assign_comment_and_event_ids(threads: list[Thread]) -> None:
    """Global, time-ordered ids for comments and events (as GitHub's are)."""
    comments = sorted((c for t in threads for c in t.comments), key=lambda c: (c.time, c.body))
    for i, c in enumerate(comments):
        c.id = 880_000_000 + i * 1_499_573 + (i * 7919) % 1000
    events = sorted(
        ((e, t) for t in threads for e in t.events),
        key=lambda p: (p[0].time, p[1].repo, p[1].number),
    )
    for i, (e, _t) in enumerate(events):
        e.id = 4_400_000_000 + i * 3_011_093 + (i * 104_729) % 1000


# =============================================================================================
# GitHub JSON shapes
# =============================================================================================


NODE_PREFIX = {"User": "U_kgDO", "Bot": "BOT_kgDO", "Organization": "O_kgDO"}


def user_json(u: User | None) -> dict[str, Any] | None:
    """A user object as embedded in GitHub REST responses."""
    if u is None:
        return None
    base = f"{API}/users/{u.login}"
    html = f"{WEB}/apps/{u.login.removesuffix('[bot]')}" if u.type == "Bot" else f"{WEB}/{u.login}"
    return {
        "login": u.login,
        "id": u.id,
        "node_id": node_id(NODE_PREFIX[u.type], u.login),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{u.id}?v=4",
        "gravatar_id": "",
        "url": base,
        "html_url": html,
        "followers_url": f"{base}/followers",
        "following_url": f"{base}/following{{/other_user}}",
        "gists_url": f"{base}/gists{{/gist_id}}",
        "starred_url": f"{base}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{base}/subscriptions",
        "organizations_url": f"{base}/orgs",
        "repos_url": f"{base}/repos",
        "events_url": f"{base}/events{{/privacy}}",
        "received_events_url": f"{base}/received_events",
        "type": u.type,
        "user_view_type": "public",
        "site_admin": False,
    }


LABEL_COLORS = {
    "bug": ("d73a4a", True, "Something isn't working"),
    "enhancement": ("a2eeef", True, "New feature or request"),
    "question": ("d876e3", True, "Further information is requested"),
    "help wanted": ("008672", True, "Extra attention is needed"),
    "good first issue": ("7057ff", True, "Good for newcomers"),
    "dependencies": ("0366d6", False, "Pull requests that update a dependency file"),
    "stale": ("ededed", False, "No recent activity"),
    "needs-repro": ("e4e669", False, "Needs a minimal reproduction"),
    "training": ("fbca04", False, "Training loop, losses, schedules"),
    "onnx": ("5319e7", False, "ONNX / TensorRT export"),
    "export": ("5319e7", False, "SavedModel / TFLite export"),
}


def label_json(repo: str, name: str) -> dict[str, Any]:
    """A label object as embedded in issues."""
    color, default, desc = LABEL_COLORS[name]
    return {
        "id": int(sha1(repo, name)[:8], 16),
        "node_id": node_id("LA_kwDO", repo, name),
        "url": f"{API}/repos/{ORG}/{repo}/labels/{name.replace(' ', '%20')}",
        "name": name,
        "color": color,
        "default": default,
        "description": desc,
    }


def reactions_json(url: str, plus: int) -> dict[str, Any]:
    """A reactions summary."""
    return {
        "url": f"{url}/reactions",
        "total_count": plus,
        "+1": plus,
        "-1": 0,
        "laugh": 0,
        "hooray": 0,
        "confused": 0,
        "heart": 0,
        "rocket": 0,
        "eyes": 0,
    }


def issue_json(t: Thread) -> dict[str, Any]:
    """An issue (or PR-as-issue) object as returned by GET /repos/{o}/{r}/issues."""
    url = f"{API}/repos/{t.full}/issues/{t.number}"
    obj: dict[str, Any] = {
        "url": url,
        "repository_url": f"{API}/repos/{t.full}",
        "labels_url": f"{url}/labels{{/name}}",
        "comments_url": f"{url}/comments",
        "events_url": f"{url}/events",
        "html_url": t.html_url,
        "id": t.id,
        "node_id": node_id("PR_kwDO" if t.kind == "pr" else "I_kwDO", t.full, t.number),
        "number": t.number,
        "title": t.title,
        "user": user_json(t.author),
        "labels": [label_json(t.repo, n) for n in t.labels],
        "state": "closed" if t.closed else "open",
        "locked": False,
        "assignee": user_json(t.assignee),
        "assignees": [user_json(t.assignee)] if t.assignee else [],
        "milestone": None,
        "comments": len(t.comments),
        "created_at": iso(t.created),
        "updated_at": iso(t.updated),
        "closed_at": iso(t.closed) if t.closed else None,
        "author_association": t.ctx.get("_assoc", "NONE"),
        "active_lock_reason": None,
    }
    if t.kind == "pr":
        obj["draft"] = False
        obj["pull_request"] = {
            "url": f"{API}/repos/{t.full}/pulls/{t.number}",
            "html_url": t.html_url,
            "diff_url": f"{t.html_url}.diff",
            "patch_url": f"{t.html_url}.patch",
            "merged_at": iso(t.merged) if t.merged else None,
        }
    obj.update(
        {
            "body": t.body,
            "reactions": reactions_json(url, t.reactions),
            "timeline_url": f"{url}/timeline",
            "performed_via_github_app": None,
            "state_reason": None if t.kind == "pr" else t.state_reason,
        }
    )
    return obj


def comment_json(t: Thread, c: Comment, assoc: str) -> dict[str, Any]:
    """A comment object as returned by GET /repos/{o}/{r}/issues/comments."""
    url = f"{API}/repos/{t.full}/issues/comments/{c.id}"
    return {
        "url": url,
        "html_url": f"{t.html_url}#issuecomment-{c.id}",
        "issue_url": f"{API}/repos/{t.full}/issues/{t.number}",
        "id": c.id,
        "node_id": node_id("IC_kwDO", c.id),
        "user": user_json(c.author),
        "created_at": iso(c.time),
        "updated_at": iso(c.time),
        "author_association": assoc,
        "body": c.body,
        "reactions": reactions_json(url, c.reactions),
        "performed_via_github_app": None,
    }


EVENT_PREFIX = {
    "labeled": "LE_lADO",
    "unlabeled": "UNLE_lADO",
    "closed": "CE_lADO",
    "reopened": "REE_lADO",
    "referenced": "REFE_lADO",
    "assigned": "AE_lADO",
    "merged": "ME_lADO",
    "renamed": "RTE_lADO",
    "head_ref_deleted": "HRDE_lADO",
}


def event_json(t: Thread, e: Event, issue: dict[str, Any]) -> dict[str, Any]:
    """An event object as returned by GET /repos/{o}/{r}/issues/events (with embedded issue)."""
    obj: dict[str, Any] = {
        "id": e.id,
        "node_id": node_id(EVENT_PREFIX[e.event], e.id),
        "url": f"{API}/repos/{t.full}/issues/events/{e.id}",
        "actor": user_json(e.actor),
        "event": e.event,
        "commit_id": e.commit_id,
        "commit_url": f"{API}/repos/{e.commit_repo}/commits/{e.commit_id}" if e.commit_id else None,
        "created_at": iso(e.time),
    }
    if e.label:
        obj["label"] = {"name": e.label, "color": LABEL_COLORS[e.label][0]}
    if e.assignee:
        obj["assignee"] = user_json(e.assignee)
        obj["assigner"] = user_json(e.actor)
    if e.rename:
        obj["rename"] = {"from": e.rename[0], "to": e.rename[1]}
    if e.event == "closed":
        obj["state_reason"] = e.state_reason
    obj["issue"] = issue
    obj["performed_via_github_app"] = None
    return obj


def repo_min_json(full: str, repo_id: int, owner: User) -> dict[str, Any]:
    """The (abridged) repository object embedded in pull request heads and bases."""
    return {
        "id": repo_id,
        "node_id": node_id("R_kgDO", full),
        "name": full.split("/")[1],
        "full_name": full,
        "private": False,
        "owner": user_json(owner),
        "html_url": f"{WEB}/{full}",
        "fork": owner != ORG_USER,
        "url": f"{API}/repos/{full}",
        "default_branch": "main",
    }


def pull_json(pr: Thread, repo_id: int, assoc: str) -> dict[str, Any]:
    """A pull request object as returned by GET /repos/{o}/{r}/pulls."""
    url = f"{API}/repos/{pr.full}/pulls/{pr.number}"
    fork_id = int(sha1("fork", pr.author.login, pr.repo)[:8], 16)
    head_repo = (
        repo_min_json(pr.full, repo_id, ORG_USER)
        if pr.pr_kind == "dependabot"
        else repo_min_json(f"{pr.author.login}/{pr.repo}", fork_id, pr.author)
    )
    head_owner = ORG_USER if pr.pr_kind == "dependabot" else pr.author
    return {
        "url": url,
        "id": pr.pr_id,
        "node_id": node_id("PR_kwDO", pr.full, pr.number, "pull"),
        "html_url": pr.html_url,
        "diff_url": f"{pr.html_url}.diff",
        "patch_url": f"{pr.html_url}.patch",
        "issue_url": f"{API}/repos/{pr.full}/issues/{pr.number}",
        "number": pr.number,
        "state": "closed" if pr.closed else "open",
        "locked": False,
        "title": pr.title,
        "user": user_json(pr.author),
        "body": pr.body,
        "created_at": iso(pr.created),
        "updated_at": iso(pr.updated),
        "closed_at": iso(pr.closed) if pr.closed else None,
        "merged_at": iso(pr.merged) if pr.merged else None,
        "merge_commit_sha": pr.merge_sha or sha1(pr.repo, "test-merge", pr.number),
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "labels": [label_json(pr.repo, n) for n in pr.labels],
        "milestone": None,
        "draft": False,
        "commits_url": f"{url}/commits",
        "review_comments_url": f"{url}/comments",
        "comments_url": f"{API}/repos/{pr.full}/issues/{pr.number}/comments",
        "statuses_url": f"{API}/repos/{pr.full}/statuses/{pr.head_sha}",
        "head": {
            "label": f"{head_owner.login}:{pr.branch}",
            "ref": pr.branch,
            "sha": pr.head_sha,
            "user": user_json(head_owner),
            "repo": head_repo,
        },
        "base": {
            "label": f"{ORG}:main",
            "ref": "main",
            "sha": pr.base_sha,
            "user": user_json(ORG_USER),
            "repo": repo_min_json(pr.full, repo_id, ORG_USER),
        },
        "_links": {
            "self": {"href": url},
            "html": {"href": pr.html_url},
            "issue": {"href": f"{API}/repos/{pr.full}/issues/{pr.number}"},
            "comments": {"href": f"{API}/repos/{pr.full}/issues/{pr.number}/comments"},
        },
        "author_association": assoc,
        "auto_merge": None,
        "active_lock_reason": None,
    }


def commit_json(full: str, c: Commit) -> dict[str, Any]:
    """A commit object as returned by GET /repos/{o}/{r}/commits."""

    def person(u: User | None, name: str) -> dict[str, str]:
        if u is WEB_FLOW:
            return {"name": "GitHub", "email": "noreply@github.com", "date": iso(c.time)}
        uid = u.id if u else 0
        return {
            "name": name,
            "email": f"{uid}+{name}@users.noreply.github.com",
            "date": iso(c.time),
        }

    url = f"{API}/repos/{full}/commits/{c.sha}"
    verified = c.committer is WEB_FLOW
    return {
        "sha": c.sha,
        "node_id": node_id("C_kwDO", full, c.sha),
        "commit": {
            "author": person(c.author, c.author_name),
            "committer": person(c.committer, (c.committer or c.author or WEB_FLOW).login),
            "message": c.message,
            "tree": {
                "sha": sha1("tree", c.sha),
                "url": f"{API}/repos/{full}/git/trees/{sha1('tree', c.sha)}",
            },
            "url": f"{API}/repos/{full}/git/commits/{c.sha}",
            "comment_count": 0,
            "verification": {
                "verified": verified,
                "reason": "valid" if verified else "unsigned",
                "signature": None,
                "payload": None,
                "verified_at": None,
            },
        },
        "url": url,
        "html_url": f"{WEB}/{full}/commit/{c.sha}",
        "comments_url": f"{url}/comments",
        "author": user_json(c.author),
        "committer": user_json(c.committer),
        "parents": [
            {
                "sha": p,
                "url": f"{API}/repos/{full}/commits/{p}",
                "html_url": f"{WEB}/{full}/commit/{p}",
            }
            for p in c.parents
        ],
    }


def repository_json(
    plan: RepoPlan, repo_id: int, threads: list[Thread], commits: list[Commit]
) -> dict[str, Any]:
    """The repository object as returned by GET /repos/{o}/{r}."""
    rt = tx.REPO_TEXTS[plan.name]
    mine = [t for t in threads if t.repo == plan.name]
    url = f"{API}/repos/{plan.full}"
    pushed = max(c.time for c in commits)
    stars = int(sha1(plan.name, "stars")[:4], 16) % 3000 + 400
    return {
        "id": repo_id,
        "node_id": node_id("R_kgDO", plan.full),
        "name": plan.name,
        "full_name": plan.full,
        "private": False,
        "owner": user_json(ORG_USER),
        "html_url": f"{WEB}/{plan.full}",
        "description": rt.description,
        "fork": False,
        "url": url,
        "issues_url": f"{url}/issues{{/number}}",
        "pulls_url": f"{url}/pulls{{/number}}",
        "commits_url": f"{url}/commits{{/sha}}",
        "created_at": plan.created,
        "updated_at": iso(max(t.updated for t in mine)),
        "pushed_at": iso(pushed),
        "git_url": f"git://github.com/{plan.full}.git",
        "clone_url": f"{WEB}/{plan.full}.git",
        "homepage": None,
        "size": int(sha1(plan.name)[:4], 16) % 40000 + 2000,
        "stargazers_count": stars,
        "watchers_count": stars,
        "language": "Python",
        "has_issues": True,
        "has_projects": False,
        "has_wiki": False,
        "has_discussions": True,
        "forks_count": stars // 6,
        "archived": False,
        "disabled": False,
        "open_issues_count": sum(1 for t in mine if not t.closed),
        "license": {
            "key": "mit",
            "name": "MIT License",
            "spdx_id": "MIT",
            "url": f"{API}/licenses/mit",
            "node_id": "MDc6TGljZW5zZTEz",
        },
        "topics": list(rt.topics),
        "visibility": "public",
        "forks": stars // 6,
        "open_issues": sum(1 for t in mine if not t.closed),
        "watchers": stars,
        "default_branch": "main",
        "network_count": stars // 6,
        "subscribers_count": stars // 40,
    }


# =============================================================================================
# Archive writing
# =============================================================================================


def write_json_gz(path: Path, obj: Any) -> None:
    """Write one archive file: compact UTF-8 JSON, gzip with mtime 0 and no file name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def link_header(repo_id: int, resource: str, query: str, page: int, last: int) -> str:
    """A GitHub pagination `Link` header (GitHub links via /repositories/{id}/...)."""

    def url(n: int) -> str:
        return f"<{API}/repositories/{repo_id}/{resource}?{query}&page={n}>"

    parts = []
    if page > 1:
        parts.append(f'{url(page - 1)}; rel="prev"')
    if page < last:
        parts += [f'{url(page + 1)}; rel="next"', f'{url(last)}; rel="last"']
    if page > 1:
        parts.append(f'{url(1)}; rel="first"')
    return ", ".join(parts)


def write_pages(
    folder: Path,
    full: str,
    repo_id: int,
    resource: str,
    query: str,
    rows: list[dict[str, Any]],
    fetched: dt.datetime,
    stamp_key: str,
) -> tuple[int, dt.datetime]:
    """Write one resource as pages of 100, each with url, status, fetched_at and headers."""
    pages = [rows[i : i + PER_PAGE] for i in range(0, len(rows), PER_PAGE)] or [[]]
    for n, body in enumerate(pages, start=1):
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        stamps = [r[stamp_key] for r in body if r.get(stamp_key)] if stamp_key else []
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "ETag": f'W/"{hashlib.md5(data).hexdigest()}"',
        }
        if stamps:
            headers["Last-Modified"] = http_date(day(max(stamps)))
        if len(pages) > 1:
            headers["Link"] = link_header(repo_id, resource, query, n, len(pages))
        write_json_gz(
            folder / f"{n:04d}.json.gz",
            {
                "url": f"{API}/repos/{full}/{resource}?{query}&page={n}",
                "status": 200,
                "fetched_at": iso(fetched),
                "headers": headers,
                "body": body,
            },
        )
        fetched += dt.timedelta(seconds=1)
    return len(pages), fetched


def write_archive(
    threads: list[Thread], commits: dict[str, list[Commit]], people: dict[str, People]
) -> dict[str, dict[str, int]]:
    """Write archive/OWNER__REPO/<resource>/NNNN.json.gz for every repository; return counts."""
    root = HERE / "archive"
    counts: dict[str, dict[str, int]] = {}
    fetched = FETCHED
    for plan in REPO_PLANS:
        folder = root / f"{ORG}__{plan.name}"
        repo_id = 400_000_000 + int(sha1(plan.full)[:6], 16)
        mine = [t for t in threads if t.repo == plan.name]
        pp = people[plan.name]
        for t in mine:
            t.ctx["_assoc"] = pp.assoc(t.author)
            assert t.updated < FETCHED, (t.item_id, t.updated)
        repo_obj = repository_json(plan, repo_id, threads, commits[plan.name])
        data = json.dumps(repo_obj, ensure_ascii=False, separators=(",", ":")).encode()
        write_json_gz(
            folder / "repository" / "0001.json.gz",
            {
                "url": f"{API}/repos/{plan.full}",
                "status": 200,
                "fetched_at": iso(fetched),
                "headers": {
                    "Content-Type": "application/json; charset=utf-8",
                    "ETag": f'W/"{hashlib.md5(data).hexdigest()}"',
                    "Last-Modified": http_date(day(repo_obj["pushed_at"])),
                },
                "body": repo_obj,
            },
        )
        fetched += dt.timedelta(seconds=1)
        issues = {t.number: issue_json(t) for t in mine}
        issue_rows = [issues[t.number] for t in sorted(mine, key=lambda t: t.created, reverse=True)]
        comment_rows = [comment_json(t, c, pp.assoc(c.author)) for t in mine for c in t.comments]
        comment_rows.sort(key=lambda r: r["id"])
        event_rows = [event_json(t, e, issues[t.number]) for t in mine for e in t.events]
        event_rows.sort(key=lambda r: r["id"], reverse=True)
        prs = sorted((t for t in mine if t.kind == "pr"), key=lambda t: t.created, reverse=True)
        pull_rows = [pull_json(p, repo_id, pp.assoc(p.author)) for p in prs]
        commit_rows = [
            commit_json(plan.full, c)
            for c in sorted(commits[plan.name], key=lambda c: (c.time, c.sha), reverse=True)
        ]
        spec = (
            ("issues", "state=all&per_page=100", issue_rows, "updated_at"),
            ("issues/comments", "per_page=100", comment_rows, "updated_at"),
            ("issues/events", "per_page=100", event_rows, "created_at"),
            ("pulls", "state=all&per_page=100", pull_rows, "updated_at"),
            ("commits", "per_page=100", commit_rows, ""),
        )
        names = ("issues", "comments", "events", "pulls", "commits")
        counts[plan.full] = {}
        for name, (resource, query, rows, stamp) in zip(names, spec, strict=True):
            _, fetched = write_pages(
                folder / name, plan.full, repo_id, resource, query, rows, fetched, stamp
            )
            counts[plan.full][name] = len(rows)
        counts[plan.full]["defects"] = sum(1 for t in mine if t.kind == "defect")
        counts[plan.full]["requests"] = sum(1 for t in mine if t.kind in ("feature", "question"))
        counts[plan.full]["prs"] = len(prs)
    return counts


# =============================================================================================
# Codings: two raters, two rounds
# =============================================================================================

SIBLINGS = {
    leaf: tuple(x for x in PARENT if PARENT[x] == top and x != leaf) for leaf, top in PARENT.items()
}
ROOT_NEIGHBOURS = {
    "api_change": ("dependency_mismatch",),
    "dependency_mismatch": ("api_change", "platform_limitation"),
    "misconfiguration": ("undocumented_assumption", "implementation_error"),
    "implementation_error": ("undocumented_assumption", "data_format_mismatch"),
    "undocumented_assumption": ("implementation_error", "misconfiguration"),
    "data_format_mismatch": ("implementation_error",),
    "numerical_instability": ("implementation_error",),
    "platform_limitation": ("dependency_mismatch", "misconfiguration"),
}
SYMPTOM_NEIGHBOURS = {
    "crash": ("build_failure", "numerical_error"),
    "build_failure": ("crash",),
    "wrong_output": ("accuracy_below_expectations",),
    "accuracy_below_expectations": ("reproducibility", "wrong_output"),
    "speed_below_expectations": ("accuracy_below_expectations",),
    "numerical_error": ("crash", "wrong_output"),
    "reproducibility": ("accuracy_below_expectations",),
}
V1_CODE = {
    "env_version": "env_dependency",
    "accuracy_below_expectations": "perf_below_expectations",
    "speed_below_expectations": "perf_below_expectations",
    "reproducibility": "perf_below_expectations",
}

# Probability that a rater gives the true code on a clear item; ambiguous items are harder.
ACCURACY = {
    ("1", "alice"): {
        "defect_type": 0.78,
        "root_cause": 0.82,
        "reporter_type": 0.91,
        "discovery_stage": 0.83,
        "symptom": 0.80,
    },
    ("1", "bob"): {
        "defect_type": 0.74,
        "root_cause": 0.79,
        "reporter_type": 0.89,
        "discovery_stage": 0.80,
        "symptom": 0.76,
    },
    ("2", "alice"): {
        "defect_type": 0.93,
        "root_cause": 0.92,
        "reporter_type": 0.96,
        "discovery_stage": 0.93,
        "symptom": 0.92,
    },
    ("2", "bob"): {
        "defect_type": 0.90,
        "root_cause": 0.90,
        "reporter_type": 0.94,
        "discovery_stage": 0.91,
        "symptom": 0.89,
    },
}
AMBIGUITY_PENALTY = {"1": 0.22, "2": 0.16}
# Systematic habits: Bob reads API breakages as version problems and notices things one stage late.
BIAS = {
    "bob": {
        "defect_type": {"env_api": ("env_version", 0.05)},
        "discovery_stage": {"training": ("evaluation", 0.04)},
    }
}
KAPPA_RANGES = {"1": (0.40, 0.55), "2": (0.62, 0.78)}


def confuse(rng: np.random.Generator, dim: str, true: str, truth: Truth, assoc: str) -> str:
    """A realistic wrong code: the item's neighbouring alternative, or a neighbour of the truth."""
    if dim == "defect_type":
        return truth.alt_type if rng.random() < 0.7 else pick(rng, SIBLINGS[true])
    if dim == "root_cause":
        return (
            truth.alt_root
            if rng.random() < 0.6 and truth.alt_root != true
            else pick(rng, ROOT_NEIGHBOURS[true])
        )
    if dim == "reporter_type":
        if true == "re_user":
            return "contributor"
        if true == "maintainer":
            return "contributor"
        return "maintainer" if assoc in ("COLLABORATOR", "MEMBER", "OWNER") else "re_user"
    i = STAGES.index(true)
    step = -1 if i == len(STAGES) - 1 else (1 if i == 0 else (1 if rng.random() < 0.5 else -1))
    return STAGES[i + step]


def rate_single(
    rng: np.random.Generator, rnd: str, rater: str, dim: str, truth: Truth, assoc: str
) -> str:
    """One rater's code for a single-label dimension."""
    true = {
        "defect_type": truth.defect_type,
        "root_cause": truth.root_cause,
        "reporter_type": truth.reporter_type,
        "discovery_stage": truth.discovery_stage,
    }[dim]
    habit = BIAS.get(rater, {}).get(dim, {}).get(true)
    if habit and rng.random() < habit[1]:
        return habit[0]
    acc = ACCURACY[(rnd, rater)][dim] - (AMBIGUITY_PENALTY[rnd] if truth.ambiguous else 0.0)
    if rng.random() < acc:
        return true
    return confuse(rng, dim, true, truth, assoc)


def rate_symptoms(rng: np.random.Generator, rnd: str, rater: str, truth: Truth) -> list[str]:
    """One rater's symptom codes: mostly the true set, sometimes a symptom dropped or added."""
    acc = ACCURACY[(rnd, rater)]["symptom"] - (0.1 if truth.ambiguous else 0.0)
    out: list[str] = []
    for s in truth.symptoms:
        if rng.random() < acc or (len(truth.symptoms) == 1 and rng.random() < 0.5):
            out.append(s)
        elif len(truth.symptoms) == 1:
            out.append(pick(rng, SYMPTOM_NEIGHBOURS[s]))
    if rng.random() < (1 - acc) * 0.8:
        out.append(pick(rng, SYMPTOM_NEIGHBOURS[truth.symptoms[0]]))
    if not out:
        out = [truth.symptoms[0]]
    if rnd == "1":
        out = [V1_CODE.get(s, s) for s in out]
        order = SYMPTOMS_V1
    else:
        order = SYMPTOMS_V2
    return sorted(set(out), key=order.index)


def to_v1(dim: str, code: str) -> str:
    """Translate a codebook-v2 code into the pilot codebook's code."""
    return V1_CODE.get(code, code) if dim == "defect_type" else code


def code_items(
    rng: np.random.Generator, items: list[Thread], rnd: str
) -> dict[str, list[dict[str, str]]]:
    """Both raters' codings of the items for one round."""
    sheets: dict[str, list[dict[str, str]]] = {"alice": [], "bob": []}
    for t in items:
        truth = t.truth
        assert truth is not None
        assoc = t.ctx["_assoc"]
        for rater in ("alice", "bob"):
            row = {
                dim: rate_single(rng, rnd, rater, dim, truth, assoc) for dim in SINGLE_DIMENSIONS
            }
            if rnd == "1":
                row["defect_type"] = to_v1("defect_type", row["defect_type"])
            row["symptom"] = ";".join(rate_symptoms(rng, rnd, rater, truth))
            row["notes"] = ""
            sheets[rater].append(row)
    plant_notes_and_parents(rng, items, sheets, rnd)
    return sheets


SPECIAL_NOTES = {
    "null_body": "Body is empty; coded from the title only.",
    "huge_body": "Very long log, only read the first and last part.",
    "chinese": "Report in Chinese; read it with a translator.",
    "japanese": "Report in Japanese; read it with a translator.",
    "equals_title": "Title starts with '=>', looks like pasted log output.",
}


def plant_notes_and_parents(
    rng: np.random.Generator, items: list[Thread], sheets: dict[str, list[dict[str, str]]], rnd: str
) -> None:
    """A few rater notes, and a few codes given at the top level of the hierarchy."""
    for i, t in enumerate(items):
        if t.special in SPECIAL_NOTES:
            sheets["alice"][i]["notes"] = SPECIAL_NOTES[t.special]
        for rater in ("alice", "bob"):
            row = sheets[rater][i]
            if not row["notes"] and rng.random() < 0.05:
                row["notes"] = pick(rng, tx.NOTES_GENERIC)
    parents = {"1": ("alice", 3), "2": ("bob", 3)}[rnd]
    rater, k = parents
    for i in rng.choice(len(items), size=k, replace=False):
        row = sheets[rater][int(i)]
        leaf = {v: k2 for k2, v in V1_CODE.items()}.get(row["defect_type"], row["defect_type"])
        row["defect_type"] = PARENT.get(leaf, row["defect_type"])
        row["notes"] = "not sure which sub-type; coded the top-level category"


def simulate_raters(
    pilot: list[Thread], items: list[Thread]
) -> tuple[np.random.Generator, Sheets, Sheets]:
    """Code both rounds. With only 60 pilot items kappa varies by about 0.08 between random
    streams, so the first stream (of a fixed, deterministic sequence) whose kappas fall in the
    designed ranges is used."""
    for attempt in range(200):
        rng = np.random.default_rng([SEED, 2, attempt])
        round1, round2 = code_items(rng, pilot, "1"), code_items(rng, items, "2")
        ok = all(
            KAPPA_RANGES[rnd][0] <= k <= KAPPA_RANGES[rnd][1]
            for rnd, sheets in (("1", round1), ("2", round2))
            for k in kappas(sheets).values()
        )
        if ok:
            print(f"rater simulation: stream {attempt}")
            return rng, round1, round2
    raise RuntimeError("no rater stream met the designed kappa ranges")


def kappas(sheets: dict[str, list[dict[str, str]]]) -> dict[str, float]:
    """Cohen's kappa of the two raters per single-label dimension."""
    return {
        dim: float(
            cohen_kappa_score([r[dim] for r in sheets["alice"]], [r[dim] for r in sheets["bob"]])
        )
        for dim in SINGLE_DIMENSIONS
    }


def sheet_text(body: str | None) -> str:
    """The `text` column: the body with normalised line ends, truncated to 500 characters."""
    return (body or "").replace("\r\n", "\n")[:500]


def write_sheets(items: list[Thread], sheets: dict[str, list[dict[str, str]]], rnd: str) -> None:
    """Write codings/round-N/<rater>.csv in the labelling-sheet format."""
    folder = HERE / "codings" / f"round-{rnd}"
    folder.mkdir(parents=True, exist_ok=True)
    header = ["item_id", "rater", "round", "link", "title", "text", *DIMENSIONS, "notes"]
    for rater, rows in sheets.items():
        with (folder / f"{rater}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for t, row in zip(items, rows, strict=True):
                w.writerow(
                    [
                        t.item_id,
                        rater,
                        rnd,
                        t.html_url,
                        t.title,
                        sheet_text(t.body),
                        *[row[d] for d in DIMENSIONS],
                        row["notes"],
                    ]
                )


def code_definitions(book: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(dimension, code) -> (label, definition) for every code of a codebook, any depth."""
    out: dict[tuple[str, str], tuple[str, str]] = {}

    def walk(dim: str, codes: list[dict[str, Any]]) -> None:
        for c in codes:
            out[(dim, c["code"])] = (c["label"], c["definition"])
            walk(dim, c.get("children", []))

    for d in book["dimensions"]:
        walk(d["name"], d["codes"])
    return out


STAGE_PHRASE = {
    "environment_setup": "while installing",
    "data_pipeline": "while preparing data",
    "modelling": "while building the model",
    "training": "while training",
    "evaluation": "while evaluating",
    "deployment": "while deploying",
}


def rationale(
    rng: np.random.Generator,
    dim: str,
    consensus: str,
    a: str,
    b: str,
    assoc: str,
    defs: dict[tuple[str, str], tuple[str, str]],
) -> str:
    """A short adjudication rationale for one disagreement."""
    if dim == "symptom":
        union, both = set(a.split(";")) | set(b.split(";")), set(a.split(";")) & set(b.split(";"))
        agreed = set(consensus.split(";"))
        dropped, missed = sorted(union - agreed), sorted(agreed - both)
        key = "symptom_dropped" if dropped else "symptom_missed"
        return pick(rng, tx.RATIONALES[key]).format(
            consensus=consensus.replace(";", " and "),
            dropped=" and ".join(dropped),
            missed=" and ".join(missed),
        )
    label, definition = defs[(dim, consensus)]
    key = consensus if dim == "reporter_type" else dim
    return pick(rng, tx.RATIONALES[key]).format(
        consensus=consensus,
        definition=definition,
        other=b if a == consensus else a,
        label_lc=label.lower(),
        stage_phrase=STAGE_PHRASE.get(consensus, ""),
        assoc=assoc,
    )


def write_adjudication(
    rng: np.random.Generator,
    items: list[Thread],
    sheets: dict[str, list[dict[str, str]]],
    book: dict[str, Any],
) -> int:
    """codings/adjudication-round-2.csv: one row per (item, dimension) disagreement."""
    defs = code_definitions(book)
    rows = []
    for t, a, b in zip(items, sheets["alice"], sheets["bob"], strict=True):
        truth = t.truth
        assert truth is not None
        true = {
            "defect_type": truth.defect_type,
            "symptom": ";".join(truth.symptoms),
            "root_cause": truth.root_cause,
            "reporter_type": truth.reporter_type,
            "discovery_stage": truth.discovery_stage,
        }
        for dim in DIMENSIONS:
            if a[dim] != b[dim]:
                why = rationale(rng, dim, true[dim], a[dim], b[dim], t.ctx["_assoc"], defs)
                rows.append([t.item_id, dim, a[dim], b[dim], true[dim], why])
    path = HERE / "codings" / "adjudication-round-2.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["item_id", "dimension", "alice", "bob", "consensus", "rationale"])
        w.writerows(rows)
    return len(rows)


# =============================================================================================
# Codebooks
# =============================================================================================


def codebook_examples(book: dict[str, Any], items: list[Thread], version: str) -> None:
    """Fill `examples` of every leaf code with the first item whose ground truth has it."""
    truth_codes: dict[tuple[str, str], str] = {}
    for t in items:
        tr = t.truth
        assert tr is not None
        pairs = [
            ("defect_type", tr.defect_type),
            ("root_cause", tr.root_cause),
            ("reporter_type", tr.reporter_type),
            ("discovery_stage", tr.discovery_stage),
        ]
        pairs += [("symptom", s) for s in tr.symptoms]
        for dim, code in pairs:
            code = V1_CODE.get(code, code) if version == "1" else code
            truth_codes.setdefault((dim, code), t.item_id)

    def walk(dim: str, codes: list[dict[str, Any]]) -> None:
        for c in codes:
            if c.get("children"):
                walk(dim, c["children"])
            elif (dim, c["code"]) in truth_codes:
                c["examples"] = [truth_codes[(dim, c["code"])]]

    for d in book["dimensions"]:
        walk(d["name"], d["codes"])


def write_yaml(path: Path, obj: dict[str, Any], header: str) -> None:
    """Write a YAML file with a comment header, keys in insertion order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        obj, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    path.write_text(header + text, encoding="utf-8")


def codebook_codes(book: dict[str, Any]) -> dict[str, set[str]]:
    """All codes (any depth) per dimension."""
    out: dict[str, set[str]] = defaultdict(set)
    for dim, code in code_definitions(book):
        out[dim].add(code)
    return out


# =============================================================================================
# Interviews and survey
# =============================================================================================


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


def write_interviews(rng: np.random.Generator) -> dict[str, int]:
    """participants.csv, roster.csv, six transcripts in five formats, interview codebook."""
    folder = HERE / "interviews"
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


def likert(rng: np.random.Generator, mean: float) -> str:
    """A five-point Likert answer around a latent mean."""
    v = int(np.clip(round(rng.normal(mean, 0.85)), 1, 5))
    return sv.SCALE[v - 1]


def write_survey(rng: np.random.Generator) -> dict[str, float]:
    """survey/responses.csv in the Google Forms export shape; returns Mann-Whitney p-values."""
    roles = [r for r, k in sv.ROLE_COUNTS.items() for _ in range(k)]
    roles = [roles[int(i)] for i in rng.permutation(len(roles))]
    start = dt.datetime(2025, 3, 3, 9, 12, 0)
    q1 = list(sv.OPEN_HARDEST)
    q2 = list(sv.OPEN_TOOL)
    order1, order2 = rng.permutation(len(q1)), rng.permutation(len(q2))
    rows = []
    for i, role in enumerate(roles):
        start += dt.timedelta(hours=float(rng.exponential(9.0)))
        if not 8 <= start.hour <= 22:
            start = start.replace(hour=int(rng.integers(8, 12))) + dt.timedelta(
                days=start.hour > 22
            )
        ts = f"{start:%Y/%m/%d} {start.hour % 12 or 12}:{start:%M:%S %p} GMT+1"
        group = sv.ROLE_GROUP[role]
        answers = [likert(rng, sv.ITEM_MEANS[j][group]) for j in range(len(sv.ITEMS))]
        for j in range(len(answers)):
            if rng.random() < 0.03:
                answers[j] = ""
        exp = weighted(rng, sv.EXPERIENCE[group])
        size = weighted(rng, sv.ORG_SIZE[group])
        a1 = q1[int(order1[i])] if i < len(q1) and rng.random() < 0.9 else ""
        a2 = q2[int(order2[i])] if i < len(q2) and rng.random() < 0.8 else ""
        shown_role = role if role != "Other" else "Data scientist"
        rows.append([ts, shown_role, exp, size, *answers, a1, a2])
    header = [
        "Timestamp",
        sv.Q_ROLE,
        sv.Q_EXPERIENCE,
        sv.Q_ORG,
        *[f"{sv.GRID} [{item}]" for item in sv.ITEMS],
        sv.Q_OPEN1,
        sv.Q_OPEN2,
    ]
    folder = HERE / "survey"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "responses.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    pvalues = {}
    for j, item in enumerate(sv.ITEMS):
        res = [sv.SCALE.index(r[4 + j]) + 1 for r in rows if r[1] == "Researcher" and r[4 + j]]
        eng = [sv.SCALE.index(r[4 + j]) + 1 for r in rows if r[1] == "ML engineer" and r[4 + j]]
        pvalues[item] = float(mannwhitneyu(res, eng).pvalue)
    return pvalues


# =============================================================================================
# Ground truth for tests, checks, main
# =============================================================================================


def write_truth(threads: list[Thread], items: list[Thread]) -> None:
    """truth/labels.csv (true codes per item) and truth/fix_links.csv (how each issue was
    closed)."""
    folder = HERE / "truth"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "labels.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["item_id", "scenario", *DIMENSIONS, "author_association", "ambiguous"])
        for t in items:
            tr = t.truth
            assert tr is not None and t.scenario is not None
            w.writerow(
                [
                    t.item_id,
                    t.scenario.key,
                    tr.defect_type,
                    ";".join(tr.symptoms),
                    tr.root_cause,
                    tr.reporter_type,
                    tr.discovery_stage,
                    t.ctx["_assoc"],
                    int(tr.ambiguous),
                ]
            )
    with (folder / "edge_cases.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["item_id", "case", "detail"])
        w.writerows(edge_cases(threads))
    with (folder / "fix_links.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["item_id", "kind", "state", "fix", "fixed_by", "commit_sha"])
        for t in sorted((t for t in threads if t.kind != "pr"), key=lambda t: (t.repo, t.number)):
            by = f"{t.fixed_by.full}#{t.fixed_by.number}" if t.fixed_by else ""
            sha = t.fix_commit.sha if t.fix_commit else (t.fixed_by.merge_sha if t.fixed_by else "")
            fix = {"pr": "pull_request", "commit": "commit"}.get(t.fate, "none")
            w.writerow([t.item_id, t.kind, "closed" if t.closed else "open", fix, by, sha])


def edge_cases(threads: list[Thread]) -> list[tuple[str, str, str]]:
    """(item_id, case, detail) for every planted edge case, for tests and the README."""
    rows: list[tuple[str, str, str]] = []
    for t in sorted(threads, key=lambda t: (t.repo, t.number)):
        if t.special:
            rows.append((t.item_id, t.special, t.title[:60]))
        if t.kind == "pr":
            closes = ", ".join(ref(x, t) for x in t.targets)
            if t.pr_kind == "unmerged":
                rows.append(
                    (t.item_id, "unmerged_fix_pr", f"says it closes {closes}; closed unmerged")
                )
            elif t.pr_kind == "open_fix":
                rows.append((t.item_id, "open_fix_pr", f"says it closes {closes}; still open"))
            elif len(t.targets) > 1 and t.pr_kind == "fix":
                rows.append((t.item_id, "multi_fix_pr", f"closes {closes}"))
            if any(x.repo != t.repo for x in t.targets):
                rows.append((t.item_id, "cross_repo_fix", f"closes {closes}"))
            for x in t.pr_refs:
                rows.append(
                    (t.item_id, "pr_fixes_pr", f"body says Fixes #{x.number}, a pull request")
                )
            for x in t.mentions:
                rows.append(
                    (t.item_id, "non_closing_mention", f"mentions #{x.number} without a keyword")
                )
            continue
        if t.renamed_from:
            rows.append((t.item_id, "renamed", f"first title {t.renamed_from!r}"))
        if t.relabel:
            rows.append((t.item_id, "relabelled", "labelled question, then unlabelled; now bug"))
        if t.reopen:
            rows.append((t.item_id, "reopened", "still open" if not t.closed else "closed again"))
        if t.kind == "defect" and not t.labels:
            rows.append((t.item_id, "unlabelled_defect", "selected by a keyword only"))
        if t.body and "\r\n" in t.body:
            rows.append((t.item_id, "crlf_body", "body uses CRLF line ends"))
        if any(c.body.startswith("Closing as a duplicate") for c in t.comments):
            rows.append((t.item_id, "duplicate_comment", "closed not planned; comment names #N"))
        if any(
            e.event == "referenced" and e.commit_repo and not e.commit_repo.startswith(ORG)
            for e in t.events
        ):
            rows.append((t.item_id, "fork_reference", "referenced by a commit in a fork"))
    return rows


def check_selection(threads: list[Thread]) -> None:
    """The filter `label bug OR whole-word keyword, not a PR` selects exactly the defect reports,
    and requests contain no keyword even as a substring (titles, bodies, comments)."""
    for t in threads:
        if t.kind == "pr":
            continue
        text = f"{t.title}\n{t.body or ''}"
        selected = "bug" in t.labels or bool(KEYWORD_WORD.search(text))
        assert selected == (t.kind == "defect"), (t.item_id, t.title)
        if t.kind != "defect":
            low = (text + "\n" + "\n".join(c.body for c in t.comments)).lower()
            assert not any(k in low for k in KEYWORDS), (
                t.item_id,
                [k for k in KEYWORDS if k in low],
            )
            assert not {"question", "duplicate"} & set(t.labels) or t.kind == "question"
        else:
            assert not {"question", "duplicate", "enhancement"} & set(t.labels), t.item_id


def check_distributions(items: list[Thread]) -> dict[str, float]:
    """Assert the designed ground-truth distributions and return a few headline shares."""
    n = len(items)
    truths = [t.truth for t in items if t.truth]
    env = [tr for tr in truths if PARENT[tr.defect_type] == "environment"]
    repro = [tr for tr in truths if "reproducibility" in tr.symptoms]
    shares = {
        "environment": len(env) / n,
        "env_api_of_environment": sum(tr.defect_type == "env_api" for tr in env) / len(env),
        "re_user": sum(tr.reporter_type == "re_user" for tr in truths) / n,
        "reproducibility_found_in_training": sum(tr.discovery_stage == "training" for tr in repro)
        / len(repro),
    }
    assert 0.42 <= shares["environment"] <= 0.48, shares
    assert shares["env_api_of_environment"] > 0.5, shares
    assert 0.55 <= shares["re_user"] <= 0.61, shares
    assert shares["reproducibility_found_in_training"] >= 0.5, shares
    return shares


def check_sheet_codes(sheets: dict[str, list[dict[str, str]]], book: dict[str, Any]) -> None:
    """Every code in a sheet exists in the codebook of its round."""
    codes = codebook_codes(book)
    for rows in sheets.values():
        for row in rows:
            for dim in DIMENSIONS:
                for code in row[dim].split(";"):
                    assert code in codes[dim], (dim, code)


def clean_outputs() -> None:
    """Remove previously generated folders so that stale files never survive a run."""
    for name in ("archive", "codings", "interviews", "survey", "truth"):
        shutil.rmtree(HERE / name, ignore_errors=True)


def main() -> None:
    """Generate everything, check the designed properties, print a summary."""
    rng = np.random.default_rng(SEED)
    clean_outputs()
    people = make_people(rng, make_logins(rng, 420))
    defects = make_defects(rng, people)
    requests = make_requests(rng, people)
    n_pr = {p.name: p.prs - sum(p.pr_mix.values()) + 1 for p in REPO_PLANS}
    for pr_repo, issue_repo, with_local in CROSS_FIXES:
        n_pr[issue_repo] += 1
        if not with_local:
            n_pr[pr_repo] -= 1
    assign_defect_fates(rng, defects, n_pr)
    prs = make_pull_requests(rng, defects, requests, people)
    threads = defects + requests + prs
    close_remaining(rng, threads, people)
    plan_reopens(rng, defects)
    number_threads(threads)
    write_issue_texts(rng, threads)
    write_pr_texts(rng, prs, defects)
    plant_renames(sorted(defects, key=lambda t: (t.repo, t.number)))
    commits = make_commits(rng, threads, people)
    add_comments(rng, threads, people)
    add_events(rng, threads, people)
    assign_comment_and_event_ids(threads)
    check_selection(threads)
    counts = write_archive(threads, commits, people)

    items = sorted(defects, key=lambda t: ([p.name for p in REPO_PLANS].index(t.repo), t.number))
    pilot = [t for p in REPO_PLANS for t in [i for i in items if i.repo == p.name][:12]]
    book1, book2 = cb.defect_codebook("1"), cb.defect_codebook("2")
    codebook_examples(book1, pilot, "1")
    codebook_examples(book2, items, "2")
    header = "# Defect codebook of the studykit example study. SYNTHETIC example data.\n"
    write_yaml(HERE / "codebook.yaml", book2, header)
    write_yaml(HERE / "codebook-v1.yaml", book1, header)
    rng_codes, round1, round2 = simulate_raters(pilot, items)
    check_sheet_codes(round1, book1)
    check_sheet_codes(round2, book2)
    write_sheets(pilot, round1, "1")
    write_sheets(items, round2, "2")
    n_adj = write_adjudication(rng_codes, items, round2, book2)
    write_truth(threads, items)
    words = write_interviews(np.random.default_rng([SEED, 3]))
    make_qdpx.main()
    pvalues = write_survey(np.random.default_rng([SEED, 4]))

    report(counts, items, round1, round2, n_adj, words, pvalues)


def report(
    counts: dict[str, dict[str, int]],
    items: list[Thread],
    round1: Sheets,
    round2: Sheets,
    n_adj: int,
    words: dict[str, int],
    pvalues: dict[str, float],
) -> None:
    """Print counts and agreement, and assert the designed ranges."""
    columns = ("issues", "defects", "requests", "prs", "comments", "events", "commits")
    print(f"{'repository':28} " + " ".join(f"{c:>8}" for c in columns))
    total = {k: sum(c[k] for c in counts.values()) for k in columns}
    for name, row in [*counts.items(), ("total", total)]:
        print(f"{name:28} " + " ".join(f"{row[c]:8}" for c in columns))
    print("ground truth:", {k: round(v, 3) for k, v in check_distributions(items).items()})
    for rnd, sheets in (("1", round1), ("2", round2)):
        ks = kappas(sheets)
        print(
            f"round {rnd} ({len(sheets['alice'])} items) Cohen's kappa:",
            {k: round(v, 3) for k, v in ks.items()},
        )
        lo, hi = KAPPA_RANGES[rnd]
        for dim, k in ks.items():
            assert lo <= k <= hi, (rnd, dim, k)
    print("round 2 disagreements adjudicated:", n_adj)
    print("transcript words:", words)
    assert all(1500 <= w <= 3000 for w in words.values()), words
    print(
        "survey Mann-Whitney p (researchers vs ML engineers):",
        {k[:40]: round(v, 4) for k, v in pvalues.items()},
    )
    assert sum(p < 0.05 for p in pvalues.values()) in (2, 3), pvalues


if __name__ == "__main__":
    main()
