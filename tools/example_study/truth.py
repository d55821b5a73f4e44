"""The generator's ground truth for tests: true codes, fix links and planted edge cases."""

from __future__ import annotations

import csv
from pathlib import Path

from tools.example_study.constants import DIMENSIONS, ORG
from tools.example_study.pulls import ref
from tools.example_study.threads import Thread


def write_truth(out: Path, threads: list[Thread], items: list[Thread]) -> None:
    """truth/labels.csv (true codes per item) and truth/fix_links.csv (how each issue was
    closed)."""
    folder = out / "truth"
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
    """(item_id, case, detail) for every planted edge case, for tests and data/example/README.md."""
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
