"""Pull request texts with their closing keywords, the planted fix-linking traps, and commits."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from tools.example_study.banks import issues as tx
from tools.example_study.constants import END
from tools.example_study.design import REPO_PLANS, RepoPlan
from tools.example_study.helpers import day, fill, pick, sha1
from tools.example_study.issues import issue_context
from tools.example_study.people import WEB_FLOW, People
from tools.example_study.threads import Commit, Thread


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
            Commit(
                sha1(plan.name, "initial"),
                "Initial commit",
                owner,
                owner.login,
                created,
                owner,
                purpose="initial",
            )
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
            sha1(plan.name, "squash", pr.number),
            msg,
            pr.author,
            author_name,
            pr.merged,
            WEB_FLOW,
            purpose="pr",
            thread=pr,
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
        purpose="pr",
        thread=pr,
    )
    merge = Commit(
        sha1(plan.name, "merge", pr.number),
        f"Merge pull request #{pr.number} from {pr.author.login}/{pr.branch}\n\n{pr.title}",
        pr.merger,
        (pr.merger or pr.author).login,
        pr.merged,
        WEB_FLOW,
        parents=[head.sha],
        purpose="pr",
        thread=pr,
    )
    pr.merge_sha, pr.head_sha = merge.sha, head.sha
    return [head, merge]
