"""A synthetic GitHub corpus for the stand-in: issues, pull requests, comments, events, timelines.

Everything is generated from a seed and kept as GitHub's REST v3 JSON; the ground truth (the
rows a correct miner stores, and the fix links a correct linker finds) is derived here from the
generator's own records, independently of mining/rest.py and mining/links.py.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

API = "https://api.github.com"
WEB = "https://github.com"
BASE = datetime(2023, 1, 2, tzinfo=UTC)
LABELS = ("bug", "question", "enhancement", "documentation", "duplicate", "training", "cuda")
WORDS = (
    "loss", "tensor", "shape", "gradient", "checkpoint", "dataloader", "batch", "epoch",
    "optimizer", "layer", "backbone", "inference", "export", "onnx", "mixed", "precision",
    "memory", "device", "config", "augmentation", "scheduler", "weights", "metric", "eval",
)  # fmt: skip
BUGGY = ("error", "crash", "fails", "wrong", "mismatch", "NaN", "exception")
MECHANISMS = ("commit", "pr_keyword", "pr_mention", "pr_comment", "pr_unmerged", "external")
MECHANISMS += ("cross_repo", "none")
KEYWORD_FORMS = ("Fixes #{n}", "closes #{n}", "Resolves: #{n}", "fix GH-{n}", "Closed {url}")


def stamp(moment: datetime) -> str:
    """GitHub's timestamp format."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def sha_of(*parts: object) -> str:
    """A deterministic 40-hex commit id."""
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


@dataclass
class RepoData:
    """One stand-in repository: its JSON objects by key, and what a linker must find."""

    name: str
    id: int
    meta: dict[str, Any]
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    review_comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    events: dict[int, dict[str, Any]] = field(default_factory=dict)
    cross_refs: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    links: set[tuple[str, int, str, str, str, str]] = field(default_factory=set)
    renamed_to: str | None = None
    gone: bool = False


@dataclass
class Corpus:
    """Repositories by name, users by login, and the generator's clock for later changes."""

    repos: dict[str, RepoData]
    users: dict[str, dict[str, Any]]
    clock: datetime
    next_id: int = 10_000_000
    event_ids: set[int] = field(default_factory=set)

    def tick(self, minutes: int = 7) -> datetime:
        """Advance the clock; changes made after mining get later timestamps."""
        self.clock += timedelta(minutes=minutes)
        return self.clock

    def new_id(self) -> int:
        """A fresh object id, larger than every earlier one."""
        self.next_id += 1
        return self.next_id


def user(login: str, uid: int) -> dict[str, Any]:
    """A GitHub user object."""
    return {"login": login, "id": uid, "type": "User", "url": f"{API}/users/{login}"}


def make_corpus(
    repositories: Sequence[str],
    *,
    issues: int,
    pulls: int,
    comments: int,
    seed: int = 1,
    specials: bool = True,
) -> Corpus:
    """Generate repositories with `issues` issues, `pulls` PRs and `comments` comments each."""
    rng = random.Random(seed)
    logins = [f"dev{k:04d}" for k in range(max(20, issues))]
    users = {login: user(login, 5000 + k) for k, login in enumerate(logins)}
    maintainers = logins[:5]
    corpus = Corpus({}, users, BASE)
    weights = [1 / (k + 1) ** 0.7 for k in range(len(logins))]
    for index, name in enumerate(repositories):
        repo = RepoData(name, 900 + index, _meta(name, 900 + index))
        corpus.repos[name] = repo
        _fill(corpus, repo, rng, issues, pulls, comments, logins, weights, maintainers)
        if specials and index == 0:
            _specials(repo)
    _plant_links(corpus, rng)
    reviews = random.Random(seed + 1_000)
    for repo in corpus.repos.values():
        _review_comments(corpus, repo, reviews, logins, maintainers)
    corpus.clock = max(_latest(repo) for repo in corpus.repos.values()) + timedelta(days=1)
    return corpus


def _meta(name: str, rid: int) -> dict[str, Any]:
    owner, short = name.split("/")
    return {
        "id": rid,
        "full_name": name,
        "name": short,
        "owner": user(owner, rid),
        "description": f"{short}: a re-implementation of a published model",
        "html_url": f"{WEB}/{name}",
        "clone_url": f"{WEB}/{name}.git",
        "default_branch": "main",
        "language": "Python",
        "stargazers_count": 100 + rid,
        "forks_count": 10 + rid % 7,
        "open_issues_count": 0,
        "created_at": "2021-03-01T00:00:00Z",
        "updated_at": "2024-06-01T00:00:00Z",
        "pushed_at": "2024-06-01T00:00:00Z",
    }


def _fill(
    corpus: Corpus,
    repo: RepoData,
    rng: random.Random,
    n_issues: int,
    n_pulls: int,
    n_comments: int,
    logins: list[str],
    weights: list[float],
    maintainers: list[str],
) -> None:
    total = n_issues + n_pulls
    pull_numbers = set(rng.sample(range(1, total + 1), n_pulls))
    bulk = set(range(5, min(total, 30)))  # share one updated_at: a whole page in one second
    bulk_time = BASE + timedelta(days=400)
    for number in range(1, total + 1):
        created = BASE + timedelta(minutes=37 * number + rng.randint(0, 30))
        author = rng.choices(logins, weights)[0]
        words = rng.sample(WORDS, 3)
        buggy = rng.random() < 0.5
        title = " ".join(words).capitalize() + (f" {rng.choice(BUGGY)}" if buggy else "")
        labels = sorted(set(rng.sample(LABELS, rng.randint(0, 2))) | ({"bug"} if buggy else set()))
        is_pull = number in pull_numbers
        closed = rng.random() < (0.8 if is_pull else 0.6)
        issue: dict[str, Any] = {
            "url": f"{API}/repos/{repo.name}/issues/{number}",
            "repository_url": f"{API}/repos/{repo.name}",
            "html_url": f"{WEB}/{repo.name}/{'pull' if is_pull else 'issues'}/{number}",
            "id": repo.id * 100_000 + number,
            "number": number,
            "title": title,
            "user": corpus.users[author],
            "labels": [{"name": label, "color": "ededed"} for label in labels],
            "state": "closed" if closed else "open",
            "state_reason": None,
            "assignee": None,
            "assignees": [],
            "comments": 0,
            "created_at": stamp(created),
            "updated_at": stamp(created),
            "closed_at": None,
            "author_association": "MEMBER"
            if author in maintainers
            else rng.choice(["NONE", "CONTRIBUTOR", "NONE", "FIRST_TIME_CONTRIBUTOR"]),
            "body": " ".join(rng.choices(WORDS, k=rng.randint(5, 40))),
            "reactions": _reactions(rng, 0.15),
        }
        if closed:
            closed_at = created + timedelta(hours=rng.randint(1, 2000))
            issue["closed_at"] = stamp(closed_at)
            issue["updated_at"] = stamp(closed_at)
            if not is_pull:
                issue["state_reason"] = "not_planned" if rng.random() < 0.15 else "completed"
        repo.issues[number] = issue
        for label in labels:
            _event(corpus, repo, number, "labeled", created + timedelta(minutes=1), label=label)
        if is_pull:
            merged = closed and rng.random() < 0.85
            pull = {
                "url": f"{API}/repos/{repo.name}/pulls/{number}",
                "id": repo.id * 100_000 + 50_000 + number,
                "number": number,
                "state": issue["state"],
                "title": title,
                "user": issue["user"],
                "author_association": issue["author_association"],
                "body": issue["body"],
                "created_at": issue["created_at"],
                "updated_at": issue["updated_at"],
                "closed_at": issue["closed_at"],
                "merged_at": issue["closed_at"] if merged else None,
                "merge_commit_sha": sha_of(repo.name, "merge", number) if merged else None,
                "html_url": issue["html_url"],
            }
            repo.pulls[number] = pull
            issue["pull_request"] = {
                "url": pull["url"],
                "html_url": pull["html_url"],
                "merged_at": pull["merged_at"],
            }
        if closed:
            at = _parse(issue["closed_at"])
            if is_pull and repo.pulls[number]["merged_at"]:
                commit = repo.pulls[number]["merge_commit_sha"]
                _event(corpus, repo, number, "merged", at, commit=commit)
            _event(corpus, repo, number, "closed", at)
    numbers = sorted(repo.issues)
    for _ in range(n_comments):
        number = rng.choice(numbers)
        _comment(corpus, repo, rng, number, rng.choices(logins, weights)[0], maintainers)
    for number in numbers:
        if rng.random() < 0.05 and repo.issues[number]["state"] == "open":
            at = _parse(repo.issues[number]["created_at"]) + timedelta(days=2)
            _event(corpus, repo, number, "referenced", at, commit=sha_of(repo.name, "ref", number))
    for number in bulk:
        repo.issues[number]["updated_at"] = stamp(bulk_time)
    for number, pull in repo.pulls.items():
        pull["updated_at"] = repo.issues[number]["updated_at"]


def _review_comments(
    corpus: Corpus,
    repo: RepoData,
    rng: random.Random,
    logins: list[str],
    maintainers: list[str],
) -> None:
    """Code-line review comments on about half the pull requests, some of them replies; all
    before the pull request's last update, so the corpus clock stays after every stamp."""
    for number, pull in sorted(repo.pulls.items()):
        if rng.random() < 0.5:
            continue
        first = None
        for _ in range(rng.randint(1, 4)):
            cid = repo.id * 1_000_000 + 500_000 + len(repo.review_comments) + 1
            opened, last = _parse(pull["created_at"]), _parse(pull["updated_at"])
            created = min(opened + timedelta(minutes=rng.randint(10, 5_000)), last)
            login = rng.choice(maintainers if rng.random() < 0.7 else logins)
            repo.review_comments[cid] = {
                "url": f"{API}/repos/{repo.name}/pulls/comments/{cid}",
                "html_url": f"{pull['html_url']}#discussion_r{cid}",
                "pull_request_url": f"{API}/repos/{repo.name}/pulls/{number}",
                "id": cid,
                "in_reply_to_id": first if first and rng.random() < 0.6 else None,
                "user": corpus.users[login],
                "author_association": "MEMBER" if login in maintainers else "NONE",
                "path": rng.choice(["model/backbone.py", "train.py", "data/loader.py"]),
                "commit_id": sha_of(repo.name, "review", cid),
                "diff_hunk": "@@ -1,3 +1,4 @@",
                "body": " ".join(rng.choices(WORDS, k=rng.randint(3, 20))),
                "created_at": stamp(created),
                "updated_at": stamp(min(created + timedelta(hours=rng.choice([0, 1])), last)),
            }
            first = first or cid


def _comment(
    corpus: Corpus,
    repo: RepoData,
    rng: random.Random,
    number: int,
    login: str,
    maintainers: list[str],
    at: datetime | None = None,
) -> dict[str, Any]:
    issue = repo.issues[number]
    created = at or _parse(issue["created_at"]) + timedelta(minutes=rng.randint(5, 90_000))
    edited = at is None and rng.random() < 0.1
    cid = corpus.new_id() if at else repo.id * 1_000_000 + len(repo.comments) + 1
    comment = {
        "url": f"{API}/repos/{repo.name}/issues/comments/{cid}",
        "html_url": f"{issue['html_url']}#issuecomment-{cid}",
        "issue_url": f"{API}/repos/{repo.name}/issues/{number}",
        "id": cid,
        "user": corpus.users[login],
        "author_association": "MEMBER" if login in maintainers else "NONE",
        "created_at": stamp(created),
        "updated_at": stamp(created + timedelta(hours=3) if edited else created),
        "body": " ".join(rng.choices(WORDS, k=rng.randint(3, 30))),
        "reactions": _reactions(rng, 0.08),
    }
    repo.comments[cid] = comment
    issue["comments"] += 1
    issue["updated_at"] = max(issue["updated_at"], comment["updated_at"])
    if number in repo.pulls:
        repo.pulls[number]["updated_at"] = issue["updated_at"]
    return comment


def _event(
    corpus: Corpus,
    repo: RepoData,
    number: int,
    kind: str,
    at: datetime,
    *,
    commit: str | None = None,
    label: str | None = None,
) -> dict[str, Any]:
    issue = repo.issues[number]
    eid = int((at - BASE).total_seconds()) * 100
    while eid in corpus.event_ids:
        eid += 1
    corpus.event_ids.add(eid)
    event: dict[str, Any] = {
        "id": eid,
        "url": f"{API}/repos/{repo.name}/issues/events/{eid}",
        "actor": user("maint-bot", 77),
        "event": kind,
        "commit_id": commit,
        "commit_url": f"{API}/repos/{repo.name}/commits/{commit}" if commit else None,
        "created_at": stamp(at),
        "issue": {"number": number, "title": issue["title"], "html_url": issue["html_url"]},
    }
    if label is not None:
        event["label"] = {"name": label, "color": "ededed"}
    repo.events[eid] = event
    return event


def _reactions(rng: random.Random, share: float) -> dict[str, Any]:
    count = rng.randint(1, 4) if rng.random() < share else 0
    return {"url": "", "total_count": count, "+1": count, "-1": 0, "heart": 0}


def _specials(repo: RepoData) -> None:
    numbers = [n for n in sorted(repo.issues) if n not in repo.pulls]
    repo.issues[numbers[0]]["body"] = ("A very long report. " * 10_500)[:210_000]
    repo.issues[numbers[1]]["body"] = None
    repo.issues[numbers[2]]["title"] = '=HYPERLINK("http://x","click") crash in loss'
    repo.issues[numbers[3]]["title"] = "Ошибка: NaN in loss 損失 ✓"


def _plant_links(corpus: Corpus, rng: random.Random) -> None:
    names = list(corpus.repos)
    for name in names:
        repo = corpus.repos[name]
        merged = [n for n, p in repo.pulls.items() if p["merged_at"]]
        unmerged = [n for n, p in repo.pulls.items() if not p["merged_at"]]
        targets = [
            n
            for n, i in repo.issues.items()
            if n not in repo.pulls and i["state_reason"] == "completed"
        ]
        for number in targets:
            mechanism = rng.choices(MECHANISMS, [40, 15, 6, 3, 4, 8, 5, 19])[0]
            if mechanism in ("pr_keyword", "pr_mention", "pr_comment") and not merged:
                mechanism = "none"
            if mechanism == "pr_unmerged" and not unmerged:
                mechanism = "none"
            if mechanism == "cross_repo" and (len(names) < 2 or name != names[0]):
                mechanism = "none"
            _plant(corpus, repo, rng, number, mechanism, merged, unmerged)


def _plant(
    corpus: Corpus,
    repo: RepoData,
    rng: random.Random,
    number: int,
    mechanism: str,
    merged: list[int],
    unmerged: list[int],
) -> None:
    issue = repo.issues[number]
    url = f"{WEB}/{repo.name}/issues/{number}"
    closing = next(e for e in repo.events.values() if e["event"] == "closed" and _on(e, number))
    if mechanism == "commit":
        sha = sha_of(repo.name, "fix", number)
        closing["commit_id"] = sha
        closing["commit_url"] = f"{API}/repos/{repo.name}/commits/{sha}"
        repo.links.add((repo.name, number, "commit", repo.name, sha, "closed_event"))
    elif mechanism in ("pr_keyword", "pr_mention", "pr_unmerged"):
        pool = unmerged if mechanism == "pr_unmerged" else merged
        pr = rng.choice(pool)
        if mechanism == "pr_mention":
            text = f"Related to #{number}, see the discussion there."
        else:
            text = rng.choice(KEYWORD_FORMS).format(n=number, url=url)
        _append_body(repo, pr, text)
        _cross_ref(repo, number, repo.name, repo.pulls[pr])
        if mechanism != "pr_unmerged":
            evidence = "pr_body" if mechanism == "pr_keyword" else "cross_reference"
            sha = repo.pulls[pr]["merge_commit_sha"]
            repo.links.add((repo.name, number, "pull_request", repo.name, str(pr), evidence))
            repo.links.add((repo.name, number, "commit", repo.name, sha, "pr_merge_commit"))
    elif mechanism == "pr_comment":
        pr = rng.choice(merged)
        at = _parse(repo.pulls[pr]["closed_at"]) + timedelta(minutes=3)
        note = _comment(corpus, repo, rng, pr, "dev0000", [], at=at)
        note["body"] = f"This also covers the crash reported in #{number}."
        _cross_ref(repo, number, repo.name, repo.pulls[pr])
        sha = repo.pulls[pr]["merge_commit_sha"]
        repo.links.add((repo.name, number, "pull_request", repo.name, str(pr), "cross_reference"))
        repo.links.add((repo.name, number, "commit", repo.name, sha, "pr_merge_commit"))
    elif mechanism == "external":
        source = "downstream/fork"
        pr_number = 7000 + number
        pull = {
            "number": pr_number,
            "state": "closed",
            "merged_at": issue["closed_at"],
            "title": "Port the fix",
        }
        _cross_ref(repo, number, source, pull)
        repo.links.add(
            (repo.name, number, "pull_request", source, str(pr_number), "cross_reference")
        )
    elif mechanism == "cross_repo":
        other = next(r for r in corpus.repos.values() if r.name != repo.name)
        merged_there = [n for n, p in other.pulls.items() if p["merged_at"]]
        if not merged_there:
            return
        pr = rng.choice(merged_there)
        _append_body(other, pr, f"fixes {repo.name}#{number}")
        _cross_ref(repo, number, other.name, other.pulls[pr])
        sha = other.pulls[pr]["merge_commit_sha"]
        for evidence in ("pr_body", "cross_reference"):
            repo.links.add((repo.name, number, "pull_request", other.name, str(pr), evidence))
        repo.links.add((repo.name, number, "commit", other.name, sha, "pr_merge_commit"))
    else:
        repo.cross_refs.setdefault(number, []).append(
            _cross_ref_event(repo.name, number, "someone/elsewhere", None, issue["closed_at"])
        )


def _append_body(repo: RepoData, number: int, text: str) -> None:
    pull = repo.pulls[number]
    pull["body"] = f"{pull['body'] or ''}\n\n{text}".strip()
    repo.issues[number]["body"] = pull["body"]


def _cross_ref(repo: RepoData, number: int, source: str, pull: dict[str, Any]) -> None:
    event = _cross_ref_event(repo.name, number, source, pull, pull.get("merged_at"))
    repo.cross_refs.setdefault(number, []).append(event)


def _cross_ref_event(
    name: str, number: int, source: str, pull: dict[str, Any] | None, at: str | None
) -> dict[str, Any]:
    source_number = pull["number"] if pull else 4000 + number
    issue: dict[str, Any] = {
        "number": source_number,
        "title": pull["title"] if pull else "A question that mentions it",
        "state": pull["state"] if pull else "open",
        "html_url": f"{WEB}/{source}/{'pull' if pull else 'issues'}/{source_number}",
        "repository_url": f"{API}/repos/{source}",
        "repository": {"full_name": source},
    }
    if pull is not None:
        issue["pull_request"] = {
            "url": f"{API}/repos/{source}/pulls/{source_number}",
            "merged_at": pull.get("merged_at"),
        }
    return {
        "event": "cross-referenced",
        "actor": user("linker", 88),
        "created_at": at or "2023-06-01T00:00:00Z",
        "updated_at": at or "2023-06-01T00:00:00Z",
        "source": {"type": "issue", "issue": issue},
    }


def _on(event: dict[str, Any], number: int) -> bool:
    return bool(event["issue"]["number"] == number)


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _latest(repo: RepoData) -> datetime:
    stamps = [i["updated_at"] for i in repo.issues.values()]
    stamps += [c["updated_at"] for c in repo.comments.values()]
    stamps += [e["created_at"] for e in repo.events.values()]
    return _parse(max(stamps))


def add_comment(corpus: Corpus, name: str, number: int, body: str = "Still broken") -> int:
    """A new comment on an issue (bumps the issue's updated_at, as GitHub does)."""
    repo = corpus.repos[name]
    comment = _comment(corpus, repo, random.Random(number), number, "dev0001", [], at=corpus.tick())
    comment["body"] = body
    return int(comment["id"])


def edit_comment(corpus: Corpus, name: str, comment_id: int, body: str) -> None:
    """Edit a comment (GitHub leaves the issue's updated_at alone)."""
    comment = corpus.repos[name].comments[comment_id]
    comment["body"] = body
    comment["updated_at"] = stamp(corpus.tick())


def close_with_commit(corpus: Corpus, name: str, number: int) -> str:
    """Close an open issue by a commit: a closed event with a commit_id."""
    repo = corpus.repos[name]
    at = corpus.tick()
    sha = sha_of(name, "late-fix", number)
    issue = repo.issues[number]
    issue.update(
        state="closed", state_reason="completed", closed_at=stamp(at), updated_at=stamp(at)
    )
    _event(corpus, repo, number, "closed", at, commit=sha)
    repo.links.add((name, number, "commit", name, sha, "closed_event"))
    return sha


def add_issue(corpus: Corpus, name: str, title: str, *, pull: bool = False) -> int:
    """A new issue (or pull request) with the next number."""
    repo = corpus.repos[name]
    at = stamp(corpus.tick())
    number = max(repo.issues) + 1
    template = next(i for i in repo.issues.values() if ("pull_request" in i) == pull)
    issue = {
        **template,
        "number": number,
        "id": repo.id * 100_000 + number,
        "title": title,
        "state": "open",
        "state_reason": None,
        "closed_at": None,
        "comments": 0,
        "created_at": at,
        "updated_at": at,
        "url": f"{API}/repos/{name}/issues/{number}",
        "html_url": f"{WEB}/{name}/{'pull' if pull else 'issues'}/{number}",
    }
    repo.issues[number] = issue
    if pull:
        pr = {**next(iter(repo.pulls.values())), "number": number, "title": title}
        pr.update(id=repo.id * 100_000 + 50_000 + number, state="open", merged_at=None)
        pr.update(merge_commit_sha=None, closed_at=None, created_at=at, updated_at=at)
        pr.update(html_url=issue["html_url"], body=issue["body"])
        repo.pulls[number] = pr
        issue["pull_request"] = {"url": pr["url"], "html_url": pr["html_url"], "merged_at": None}
    return number


def add_mentions(corpus: Corpus, name: str, number: int, count: int) -> None:
    """`count` more cross-references to an issue from issues of another repository."""
    at = corpus.repos[name].issues[number]["closed_at"]
    for k in range(count):
        event = _cross_ref_event(name, 9000 + k, "someone/elsewhere", None, at)
        corpus.repos[name].cross_refs.setdefault(number, []).append(event)


def open_count(repo: RepoData) -> int:
    """Open issues and pull requests, as GitHub's `open_issues_count` counts them."""
    return sum(1 for issue in repo.issues.values() if issue["state"] == "open")


def expected_review_comments(corpus: Corpus) -> list[dict[str, Any]]:
    """The `review_comments` rows that mining the corpus with review comments must store."""
    return [
        {
            "id": cid,
            "repository": name,
            "pull_number": int(c["pull_request_url"].rsplit("/", 1)[1]),
            "in_reply_to_id": c["in_reply_to_id"],
            "author": c["user"]["login"],
            "author_association": c["author_association"],
            "path": c["path"],
            "commit_id": c["commit_id"],
            "body": c["body"],
            "created_at": c["created_at"],
            "updated_at": c["updated_at"],
            "html_url": c["html_url"],
        }
        for name, repo in corpus.repos.items()
        if not (repo.gone or repo.renamed_to)
        for cid, c in sorted(repo.review_comments.items())
    ]


def expected_rows(corpus: Corpus) -> dict[str, list[dict[str, Any]]]:
    """The rows of each GitHub table that mining the whole corpus must store."""
    rows: dict[str, list[dict[str, Any]]] = {
        "repositories": [],
        "issues": [],
        "pull_requests": [],
        "comments": [],
        "events": [],
    }
    for name, repo in corpus.repos.items():
        if repo.gone or repo.renamed_to:
            continue
        meta = repo.meta
        rows["repositories"].append(
            {
                "full_name": name,
                "id": meta["id"],
                "owner": name.split("/")[0],
                "name": meta["name"],
                "description": meta["description"],
                "html_url": meta["html_url"],
                "default_branch": meta["default_branch"],
                "language": meta["language"],
                "stars": meta["stargazers_count"],
                "forks": meta["forks_count"],
                "open_issues": open_count(repo),
                "created_at": meta["created_at"],
                "updated_at": meta["updated_at"],
                "pushed_at": meta["pushed_at"],
            }
        )
        for number, i in repo.issues.items():
            rows["issues"].append(
                {
                    "repository": name,
                    "number": number,
                    "id": i["id"],
                    "is_pull_request": number in repo.pulls,
                    "title": i["title"],
                    "body": i["body"],
                    "state": i["state"],
                    "state_reason": i["state_reason"],
                    "author": i["user"]["login"],
                    "author_association": i["author_association"],
                    "labels": sorted(label["name"] for label in i["labels"]),
                    "comments": i["comments"],
                    "created_at": i["created_at"],
                    "updated_at": i["updated_at"],
                    "closed_at": i["closed_at"],
                    "html_url": i["html_url"],
                }
            )
        for number, p in repo.pulls.items():
            keys = ("id", "title", "body", "state", "merged_at", "merge_commit_sha")
            keys += ("created_at", "updated_at", "closed_at", "html_url")
            rows["pull_requests"].append(
                {"repository": name, "number": number}
                | {k: p[k] for k in keys}
                | {"author": p["user"]["login"], "author_association": p["author_association"]}
            )
        for cid, c in repo.comments.items():
            rows["comments"].append(
                {
                    "id": cid,
                    "repository": name,
                    "issue_number": int(c["issue_url"].rsplit("/", 1)[1]),
                    "author": c["user"]["login"],
                    "author_association": c["author_association"],
                    "body": c["body"],
                    "created_at": c["created_at"],
                    "updated_at": c["updated_at"],
                    "html_url": c["html_url"],
                }
            )
        for eid, e in repo.events.items():
            rows["events"].append(
                {
                    "id": eid,
                    "repository": name,
                    "issue_number": e["issue"]["number"],
                    "event": e["event"],
                    "actor": e["actor"]["login"],
                    "commit_id": e["commit_id"],
                    "label": e["label"]["name"] if "label" in e else None,
                    "created_at": e["created_at"],
                }
            )
    return rows


def expected_links(corpus: Corpus) -> set[tuple[str, int, str, str, str, str]]:
    """The fix links a linker must find from the mined data (no local clones)."""
    return {
        link
        for repo in corpus.repos.values()
        if not (repo.gone or repo.renamed_to)
        for link in repo.links
    }
