"""Planning: ground truth of every defect, dates, fates (fixed by a PR or a commit, closed, open),
the pull requests and their numbers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np

from tools.example_study.banks import issues as tx
from tools.example_study.constants import END, FETCHED, SYMPTOMS_V2
from tools.example_study.design import (
    ASSOCIATION_GIVEN_REPORTER,
    CROSS_FIXES,
    LEAF_SHARES,
    PLANS,
    REPO_PLANS,
    REPORTER_SHARES,
    SPECIALS,
    RepoPlan,
)
from tools.example_study.helpers import between, day, later, pick, quota, sha1, weighted
from tools.example_study.people import DEPENDABOT, STALE_BOT, People, User
from tools.example_study.threads import Commit, Thread, Truth


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
                purpose="fix",
                thread=t,
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
