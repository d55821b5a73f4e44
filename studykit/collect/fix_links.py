"""Link a study's issues to their fixes and record what each fixing commit changed.

Reads the mined tables and the local mirrors; writes `fix_links`, `commits` (the linked ones)
and `commit_files` anew, in one transaction. Offline: it never calls GitHub.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import delete

from mining import gitlog
from mining.changes import changed_files
from mining.components import ComponentRules
from mining.gitlog import GitCommit
from mining.links import closing_references, fix_links
from studykit.collect.clones import clone_path
from studykit.db import insert, records, schema, upsert
from studykit.db.locks import serialise_writers
from studykit.db.reads import mined
from studykit.errors import StudykitError
from studykit.study import Study

Progress = Callable[[int, int], None]
"""Called with (commits analysed, commits to analyse)."""


@dataclass
class LinkSummary:
    """What linking found: links by evidence, commits analysed and those no mirror had."""

    links: int = 0
    issues: int = 0
    by_evidence: Counter[str] = field(default_factory=Counter)
    commits: int = 0
    files: int = 0
    missing: Counter[str] = field(default_factory=Counter)
    without_mirror: list[str] = field(default_factory=list)


def link_fixes(study: Study, *, progress: Progress | None = None) -> LinkSummary:
    """Derive every fix link, analyse the linked commits, and store both."""
    db = study.db
    issues = mined(db, "issues")
    if issues.empty:
        raise StudykitError("the study has no issues yet: run `studykit mine` first")
    summary = LinkSummary()
    history: dict[str, dict[str, GitCommit]] = {}
    messages = []
    for repository in sorted(set(issues["repository"])):
        path = clone_path(study.manifest, repository)
        if not (path / "HEAD").is_file():
            summary.without_mirror.append(repository)
            continue
        history[repository] = {c.sha: c for c in gitlog.log(path)}
        messages += [
            (repository, c.sha, c.message)
            for c in history[repository].values()
            if closing_references(c.message, repository)
        ]
    links = fix_links(
        issues,
        mined(db, "events"),
        mined(db, "pull_requests"),
        mined(db, "cross_references"),
        pd.DataFrame(messages, columns=["repository", "sha", "message"]),
        mined(db, "comments"),
    )
    commit_rows, file_rows = _analyse(study, links, history, summary, progress)
    with db.begin() as conn:
        serialise_writers(conn, "fix_links")
        conn.execute(delete(schema.fix_links))
        conn.execute(delete(schema.commit_files))
        insert(conn, schema.fix_links, records(links))
        upsert(conn, schema.commits, commit_rows)
        insert(conn, schema.commit_files, file_rows)
    summary.links = len(links)
    summary.issues = len(links[["repository", "issue_number"]].drop_duplicates())
    summary.by_evidence.update(links["evidence"].tolist())
    summary.commits = len(commit_rows)
    summary.files = len(file_rows)
    return summary


def _analyse(
    study: Study,
    links: pd.DataFrame,
    history: dict[str, dict[str, GitCommit]],
    summary: LinkSummary,
    progress: Progress | None,
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    rules = ComponentRules(study.manifest.components.model_dump())
    homes = _home_pages(study)
    commits = links[links["kind"] == "commit"]
    wanted: dict[str, set[str]] = {}
    for repository, sha in zip(commits["fix_repository"], commits["target"], strict=True):
        wanted.setdefault(repository, set()).add(sha)
    present: dict[str, list[GitCommit]] = {}
    for repository, shas in sorted(wanted.items()):
        path = clone_path(study.manifest, repository)
        if not (path / "HEAD").is_file():
            summary.missing[repository] += len(shas)
            continue
        here = gitlog.existing(path, shas)
        summary.missing[repository] += len(shas - here)
        known = history.get(repository, {})
        present[repository] = [known[s] for s in sorted(here) if s in known]
        present[repository] += gitlog.log_commits(path, here - known.keys())
    total = sum(len(found) for found in present.values())
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    commit_rows: list[dict[str, object]] = []
    file_rows: list[dict[str, object]] = []
    for repository, found in present.items():
        home = homes.get(repository) or f"https://github.com/{repository}"
        commit_rows += [
            {
                "repository": repository,
                "sha": c.sha,
                "message": c.message,
                "author": c.author,
                "authored_at": c.authored_at,
                "committer": c.committer,
                "committed_at": c.committed_at,
                "html_url": f"{home}/commit/{c.sha}",
            }
            for c in found
        ]
        path = clone_path(study.manifest, repository)
        linked = [c.sha for c in found]
        file_rows += changed_files(path, repository, linked, rules.classify, advance=advance)
    return commit_rows, file_rows


def _home_pages(study: Study) -> dict[str, str]:
    repos = mined(study, "repositories")
    return {
        name: url
        for name, url in zip(repos["full_name"], repos["html_url"], strict=True)
        if isinstance(url, str)
    }
