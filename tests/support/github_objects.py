"""Small objects in the shape of GitHub's REST v3 responses, for tests that build their own data."""

from __future__ import annotations

from typing import Any

API = "https://api.github.com"


def user(login: str, uid: int = 1) -> dict[str, Any]:
    return {"login": login, "id": uid, "type": "User"}


def issue(
    repo: str,
    number: int,
    *,
    title: str = "Crash in training",
    body: str | None = "It fails with an error",
    labels: tuple[str, ...] = ("bug",),
    state: str = "open",
    pull: bool = False,
    association: str = "NONE",
    created_at: str = "2024-01-01T00:00:00Z",
) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": 1000 + number,
        "number": number,
        "title": title,
        "body": body,
        "state": state,
        "state_reason": "completed" if state == "closed" else None,
        "user": user(f"user{number}", number),
        "author_association": association,
        "labels": [{"name": name, "color": "d73a4a"} for name in labels],
        "comments": 0,
        "created_at": created_at,
        "updated_at": created_at,
        "closed_at": created_at if state == "closed" else None,
        "html_url": f"https://github.com/{repo}/issues/{number}",
    }
    if pull:
        obj["pull_request"] = {"url": f"{API}/repos/{repo}/pulls/{number}"}
    return obj


def comment(repo: str, number: int, cid: int, body: str = "same here") -> dict[str, Any]:
    return {
        "id": cid,
        "issue_url": f"{API}/repos/{repo}/issues/{number}",
        "user": user("helper", 99),
        "author_association": "CONTRIBUTOR",
        "body": body,
        "created_at": "2024-01-02T00:00:00Z",
        "updated_at": "2024-01-02T00:00:00Z",
        "html_url": f"https://github.com/{repo}/issues/{number}#issuecomment-{cid}",
    }


def event(repo: str, number: int, eid: int, kind: str = "closed", sha: str | None = None) -> dict:
    return {
        "id": eid,
        "event": kind,
        "actor": user("maintainer", 7),
        "commit_id": sha,
        "created_at": "2024-01-03T00:00:00Z",
        "issue": {"number": number, "html_url": f"https://github.com/{repo}/issues/{number}"},
    }


def repository(repo: str) -> dict[str, Any]:
    owner, name = repo.split("/")
    return {
        "id": 42,
        "full_name": repo,
        "name": name,
        "owner": user(owner),
        "description": "a test repository",
        "html_url": f"https://github.com/{repo}",
        "default_branch": "main",
        "language": "Python",
        "stargazers_count": 10,
        "forks_count": 2,
        "open_issues_count": 1,
        "created_at": "2020-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
        "pushed_at": "2024-01-01T00:00:00Z",
    }
