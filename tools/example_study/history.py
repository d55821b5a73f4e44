"""The repositories' git history: what each planned commit changes, the real commit ids that
follow from it, and the bundles of `repos/`.

Runs after the commits are planned (pulls.make_commits) and before anything quotes a commit id:
every planned commit becomes a git commit with the planned author, committer, time, message and
parents; a fix changes the files a defect of its type lives in (model.py, layers/, the data
loader, train.py, a config, requirements...), other commits the files their message names.
The planned ids are then replaced by the real ones everywhere (commits, pull requests' merge,
head and base commits), so the archive, the truth files and the bundles agree.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tools.example_study.banks import issues as tx
from tools.example_study.code_bank import (
    FILLER_FILES,
    FIX_FILES,
    FIX_SIZE,
    FRAMEWORK,
    LINE_KIND,
    LINES,
    NAMES,
    first_version,
    layout,
)
from tools.example_study.constants import ORG
from tools.example_study.github_json import commit_identity
from tools.example_study.gitpack import ObjectStore, commit_data, write_bundle
from tools.example_study.helpers import pick
from tools.example_study.people import WEB_FLOW, User
from tools.example_study.threads import Commit, Thread

BRANCH = "main"
MISC_FILES = (("test", "tests"), ("readme", "readme"), ("docs", "readme"), ("config", "config"))
Files = dict[str, list[str]]


@dataclass(frozen=True)
class Edit:
    """Replace `remove` lines at relative position `at` (0..1) of a file by `lines`."""

    kind: str
    at: float
    remove: int
    lines: tuple[str, ...]


def git_person(user: User | None, name: str) -> str:
    """`Name <email>` of a commit's author or committer, as the archive's commit JSON has it."""
    shown, email = commit_identity(user, name)
    return f"{shown} <{email}>"


def apply(files: Files, edits: list[Edit], paths: dict[str, str], text: tx.RepoText) -> Files:
    """A copy of `files` with the edits made (a missing file starts as its first version)."""
    out = dict(files)
    for e in edits:
        path = paths[e.kind]
        lines = list(out.get(path) or first_version(e.kind, text))
        i = min(int(e.at * len(lines)), len(lines))
        lines[i : i + e.remove] = e.lines
        out[path] = lines
    return out


def code_lines(rng: np.random.Generator, kind: str, count: int, text: tx.RepoText) -> list[str]:
    """`count` plausible lines for a file of the given layout kind."""
    fw = FRAMEWORK[text.framework]
    out = []
    for _ in range(count):
        a, b = pick(rng, NAMES), pick(rng, NAMES)
        n = str(int(rng.integers(2, 9)) * 32)
        values = {
            **{key: value.replace("{n}", n) for key, value in fw.items()},
            "a": a,
            "b": b,
            "A": a.upper(),
            "n": n,
            "m": str(int(rng.integers(1, 9))),
            "variant": pick(rng, text.variants)[0],
        }
        out.append(pick(rng, LINES[LINE_KIND[kind]]).format(**values))
    return out


def edits_for(
    rng: np.random.Generator, kinds: list[str], size: float, text: tx.RepoText, note: str = ""
) -> list[Edit]:
    """Edits of the given files, about `size` added lines in all, some lines replaced."""
    out = []
    for j, kind in enumerate(kinds):
        share = size if j == 0 else size / 3
        added = max(1, round(float(rng.lognormal(np.log(share), 0.7))))
        lines = code_lines(rng, kind, min(added, 60), text)
        if note and j == 0 and LINE_KIND[kind] not in ("docs",):
            lines.insert(0, ("# " if LINE_KIND[kind] in ("config", "env") else "        # ") + note)
        remove = int(rng.integers(0, 1 + min(6, added // 2)))
        out.append(Edit(kind, float(rng.uniform(0.55, 1.0)), remove, tuple(lines)))
    return out


def fix_edits(rng: np.random.Generator, target: Thread, text: tx.RepoText) -> list[Edit]:
    """What fixing a defect changes: the files of its type, sized by its top-level type."""
    leaf = target.truth.defect_type if target.truth else "model_op"
    options = FIX_FILES[leaf]
    kinds = [options[0]] + [k for k in options[1:] if rng.random() < 0.35]
    note = target.scenario.fix if target.scenario else ""
    return edits_for(rng, kinds, FIX_SIZE[leaf.split("_")[0]], text, note)


def commit_edits(rng: np.random.Generator, c: Commit, text: tx.RepoText) -> list[Edit]:
    """What a planned commit changes, from why it was planned."""
    t = c.thread
    if c.purpose in ("fix", "pr") and t is not None:
        if t.kind != "pr":
            return fix_edits(rng, t, text)
        if t.pr_kind == "fix":
            edits = [e for x in t.targets for e in fix_edits(rng, x, text)]
            return edits + (edits_for(rng, ["tests"], 4.0, text) if rng.random() < 0.4 else [])
        if t.pr_kind == "dependabot":
            return [Edit("requirements", 1.0, 0, ("pillow>=10.3.0",))]
        if t.pr_kind == "feature":
            return edits_for(rng, ["model", "config", "readme"], 12.0, text)
        title = t.title.lower()
        kind = next((k for word, k in MISC_FILES if word in title), "ci")
        return edits_for(rng, [kind], 4.0, text)
    kinds = next((k for prefix, k in FILLER_FILES if c.message.startswith(prefix)), ("readme",))
    return edits_for(rng, list(kinds), 5.0, text)


@dataclass
class History:
    """A repository's git objects, the head of its default branch, and what each fixing commit
    on it changed: path, lines before and after (against its first parent)."""

    store: ObjectStore
    head: str
    changes: dict[str, list[tuple[str, int, int]]]


def build_history(
    rng: np.random.Generator, repo: str, commits: list[Commit], threads: list[Thread]
) -> History:
    """Turn a repository's planned commits (in order) into git objects; real ids replace the
    planned ones in the commits and in the repository's pull requests."""
    text = tx.REPO_TEXTS[repo]
    paths = layout(text)
    store = ObjectStore()
    states: dict[str, Files] = {}
    changes: dict[str, list[tuple[str, int, int]]] = {}
    real: dict[str, str] = {}
    by_pr: dict[int, list[Edit]] = {}
    head = ""
    for c in commits:
        planned = c.sha
        if c.purpose == "initial":
            edits = [Edit(kind, 0.0, 0, tuple(first_version(kind, text))) for kind in paths]
            edits = [e for e in edits if e.kind not in ("compat", "device", "infer", "deploy")]
        elif c.purpose == "pr" and c.thread is not None:
            key = id(c.thread)
            edits = by_pr.setdefault(key, commit_edits(rng, c, text))
        else:
            edits = commit_edits(rng, c, text)
        # a merge commit brings the pull request's change onto its first parent
        base = states[c.parents[0]] if c.parents else {}
        files = apply(base, edits, paths, text)
        blobs = {p: _text(lines) for p, lines in files.items()}
        tree = store.tree(blobs)
        parents = [real[p] for p in c.parents]
        author = git_person(c.author, c.author_name)
        committer = git_person(c.committer, (c.committer or c.author or WEB_FLOW).login)
        when = int(c.time.timestamp())
        sha = store.add("commit", commit_data(tree, parents, author, committer, when, c.message))
        states[planned], real[planned] = files, sha
        if c.on_main and c.purpose in ("fix", "pr"):
            before = {p: _text(lines) for p, lines in base.items()}
            changes[sha] = [
                (p, before.get(p, b"").count(b"\n"), blobs[p].count(b"\n"))
                for p in sorted(blobs)
                if blobs[p] != before.get(p)
            ]
        c.sha, c.parents, c.tree = sha, parents, tree
        if c.on_main:
            head = sha
    for t in threads:
        if t.repo == repo and t.kind == "pr":
            t.merge_sha = real.get(t.merge_sha, t.merge_sha)
            t.head_sha = real.get(t.head_sha, t.head_sha)
            t.base_sha = real.get(t.base_sha, t.base_sha)
    return History(store, head, changes)


def _text(lines: list[str]) -> bytes:
    """A file's content: its lines, each ended by a newline."""
    return ("\n".join(lines) + "\n").encode()


def write_bundles(
    out: Path, commits: dict[str, list[Commit]], threads: list[Thread], seed: int
) -> dict[str, History]:
    """Build every repository's history (real ids replace planned ones) and write
    `repos/<name>.bundle`."""
    rng = np.random.default_rng([seed, 6])
    built = {}
    for repo, planned in commits.items():
        history = build_history(rng, repo, planned, threads)
        write_bundle(out / "repos" / f"{repo}.bundle", history.store, BRANCH, history.head)
        built[f"{ORG}/{repo}"] = history
    return built


def write_fix_commits(out: Path, built: dict[str, History]) -> None:
    """truth/fix_commits.csv: per fixing commit (a direct fix, a squash or a merge commit) the
    files it changes and their line counts before and after, against its first parent."""
    with (out / "truth" / "fix_commits.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["repository", "sha", "path", "lines_before", "lines_after"])
        for repository, history in built.items():
            for sha, files in sorted(history.changes.items()):
                w.writerows([repository, sha, *row] for row in files)
