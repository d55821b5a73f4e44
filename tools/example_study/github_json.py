"""GitHub REST JSON shapes of users, labels, issues, comments, events, pulls, commits and
repositories."""

from __future__ import annotations

from typing import Any

from tools.example_study.banks import issues as tx
from tools.example_study.constants import API, ORG, WEB
from tools.example_study.design import RepoPlan
from tools.example_study.helpers import iso, node_id, sha1
from tools.example_study.people import ORG_USER, WEB_FLOW, User
from tools.example_study.threads import Comment, Commit, Event, Thread

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


def commit_identity(u: User | None, name: str) -> tuple[str, str]:
    """(name, e-mail) of a commit's author or committer, in the JSON and in the git commit."""
    if u is WEB_FLOW:
        return "GitHub", "noreply@github.com"
    return name, f"{u.id if u else 0}+{name}@users.noreply.github.com"


def commit_json(full: str, c: Commit) -> dict[str, Any]:
    """A commit object as returned by GET /repos/{o}/{r}/commits."""

    def person(u: User | None, name: str) -> dict[str, str]:
        shown, email = commit_identity(u, name)
        return {"name": shown, "email": email, "date": iso(c.time)}

    url = f"{API}/repos/{full}/commits/{c.sha}"
    verified = c.committer is WEB_FLOW
    return {
        "sha": c.sha,
        "node_id": node_id("C_kwDO", full, c.sha),
        "commit": {
            "author": person(c.author, c.author_name),
            "committer": person(c.committer, (c.committer or c.author or WEB_FLOW).login),
            "message": c.message,
            "tree": {"sha": c.tree, "url": f"{API}/repos/{full}/git/trees/{c.tree}"},
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
