"""Comments and timeline events of issues and pull requests, and their ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from tools.example_study.banks import issues as tx
from tools.example_study.constants import END, FETCHED
from tools.example_study.design import PLANS, REPO_PLANS
from tools.example_study.helpers import between, draw, fill, pick, sha1, weighted
from tools.example_study.people import CI_BOT, STALE_BOT, People, User
from tools.example_study.threads import Comment, Event, Thread


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
        assert t.closed is not None
        closing.insert(0, Comment(STALE_BOT, tx.STALE, t.closed - dt.timedelta(days=7)))
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
        assert t.closed is not None
        out.append(
            Comment(
                t.fixed_by.merger or pick(rng, pp.maintainers()),
                f"Added in #{t.fixed_by.number} 🎉",
                t.closed + dt.timedelta(minutes=3),
            )
        )
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
        assert pr.closed is not None
        out.append(
            Comment(
                pick(rng, pp.maintainers()),
                "Thanks, but we went with a different approach; closing.",
                pr.closed - dt.timedelta(minutes=2),
            )
        )
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
        assert t.closed is not None
        ev.append(
            Event("referenced", c.author or maint, c.time, commit_id=c.sha, commit_repo=t.full)
        )
        ev.append(
            Event(
                "closed",
                c.author or maint,
                t.closed,
                commit_id=c.sha,
                commit_repo=t.full,
                state_reason="completed",
            )
        )
        return ev
    if t.fate == "pr" and t.fixed_by:
        pr = t.fixed_by
        if PLANS[pr.repo].merge_style == "squash" and t.kind == "defect":
            assert pr.merged is not None
            ev.append(
                Event(
                    "referenced",
                    pr.merger or maint,
                    pr.merged,
                    commit_id=pr.merge_sha,
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
