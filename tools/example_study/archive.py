"""The mining archive: one gzip-compressed GitHub REST response per page, with Link headers."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from tools.example_study.constants import API, FETCHED, ORG, PER_PAGE
from tools.example_study.design import REPO_PLANS
from tools.example_study.github_json import (
    comment_json,
    commit_json,
    event_json,
    issue_json,
    pull_json,
    repository_json,
)
from tools.example_study.helpers import day, http_date, iso, sha1
from tools.example_study.people import People
from tools.example_study.threads import Commit, Thread


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
    out: Path, threads: list[Thread], commits: dict[str, list[Commit]], people: dict[str, People]
) -> dict[str, dict[str, int]]:
    """Write archive/OWNER__REPO/<resource>/NNNN.json.gz for every repository; return counts."""
    root = out / "archive"
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
