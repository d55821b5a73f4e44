"""Run every step in order on one seeded generator, check the designed properties, print a
summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from tools.example_study import qdpx
from tools.example_study.archive import write_archive
from tools.example_study.banks import codebooks as cb
from tools.example_study.benchmark import write_benchmark
from tools.example_study.checks import check_distributions, check_selection, check_sheet_codes
from tools.example_study.codebook_files import codebook_examples, write_yaml
from tools.example_study.constants import EXAMPLE, SEED, Sheets
from tools.example_study.design import CROSS_FIXES, REPO_PLANS
from tools.example_study.discussion import (
    add_comments,
    add_events,
    assign_comment_and_event_ids,
    plant_renames,
)
from tools.example_study.history import write_bundles, write_fix_commits
from tools.example_study.interviews import write_interviews
from tools.example_study.issues import write_issue_texts
from tools.example_study.people import make_logins, make_people
from tools.example_study.planning import (
    assign_defect_fates,
    close_remaining,
    make_defects,
    make_pull_requests,
    make_requests,
    number_threads,
    plan_reopens,
)
from tools.example_study.pulls import make_commits, write_pr_texts
from tools.example_study.raters import KAPPA_RANGES, kappas, simulate_raters
from tools.example_study.sheets import write_adjudication, write_sheets
from tools.example_study.survey import write_survey
from tools.example_study.threads import Thread
from tools.example_study.truth import write_truth


def clean_outputs(out: Path) -> None:
    """Remove previously generated folders so that stale files never survive a run."""
    for name in ("archive", "benchmark", "codings", "interviews", "repos", "survey", "truth"):
        shutil.rmtree(out / name, ignore_errors=True)


def main(out: Path = EXAMPLE) -> None:
    """Generate everything into `out`, check the designed properties, print a summary."""
    rng = np.random.default_rng(SEED)
    clean_outputs(out)
    people = make_people(rng, make_logins(rng, 420))
    defects = make_defects(rng, people)
    requests = make_requests(rng, people)
    n_pr = {p.name: p.prs - sum(p.pr_mix.values()) + 1 for p in REPO_PLANS}
    for pr_repo, issue_repo, with_local in CROSS_FIXES:
        n_pr[issue_repo] += 1
        if not with_local:
            n_pr[pr_repo] -= 1
    assign_defect_fates(rng, defects, n_pr)
    prs = make_pull_requests(rng, defects, requests, people)
    threads = defects + requests + prs
    close_remaining(rng, threads, people)
    plan_reopens(rng, defects)
    number_threads(threads)
    write_issue_texts(rng, threads)
    write_pr_texts(rng, prs, defects)
    plant_renames(sorted(defects, key=lambda t: (t.repo, t.number)))
    commits = make_commits(rng, threads, people)
    histories = write_bundles(out, commits, threads, SEED)
    add_comments(rng, threads, people)
    add_events(rng, threads, people)
    assign_comment_and_event_ids(threads)
    check_selection(threads)
    counts = write_archive(out, threads, commits, people)

    items = sorted(defects, key=lambda t: ([p.name for p in REPO_PLANS].index(t.repo), t.number))
    pilot = [t for p in REPO_PLANS for t in [i for i in items if i.repo == p.name][:12]]
    book1, book2 = cb.defect_codebook("1"), cb.defect_codebook("2")
    codebook_examples(book1, pilot, "1")
    codebook_examples(book2, items, "2")
    header = "# Defect codebook of the studykit example study. SYNTHETIC example data.\n"
    write_yaml(out / "codebook.yaml", book2, header)
    write_yaml(out / "codebook-v1.yaml", book1, header)
    rng_codes, round1, round2 = simulate_raters(pilot, items)
    check_sheet_codes(round1, book1)
    check_sheet_codes(round2, book2)
    write_sheets(out, pilot, round1, "1")
    write_sheets(out, items, round2, "2")
    n_adj = write_adjudication(out, rng_codes, items, round2, book2)
    write_truth(out, threads, items)
    write_fix_commits(out, histories)
    words = write_interviews(out, np.random.default_rng([SEED, 3]))
    qdpx.write_project(out / "interviews")
    pvalues = write_survey(out, np.random.default_rng([SEED, 4]))
    better = write_benchmark(out, np.random.default_rng([SEED, 5]))

    report(counts, items, round1, round2, n_adj, words, pvalues)
    print("benchmark: subjects (of 12) where each technique beats the faulty model:", better)
    assert better["tunefix"] >= better["random"] >= better["rulerepair"], better
    assert better["tunefix"] <= 9, better


def report(
    counts: dict[str, dict[str, int]],
    items: list[Thread],
    round1: Sheets,
    round2: Sheets,
    n_adj: int,
    words: dict[str, int],
    pvalues: dict[str, float],
) -> None:
    """Print counts and agreement, and assert the designed ranges."""
    columns = ("issues", "defects", "requests", "prs", "comments", "events", "commits")
    print(f"{'repository':28} " + " ".join(f"{c:>8}" for c in columns))
    total = {k: sum(c[k] for c in counts.values()) for k in columns}
    for name, row in [*counts.items(), ("total", total)]:
        print(f"{name:28} " + " ".join(f"{row[c]:8}" for c in columns))
    print("ground truth:", {k: round(v, 3) for k, v in check_distributions(items).items()})
    for rnd, sheets in (("1", round1), ("2", round2)):
        ks = kappas(sheets)
        print(
            f"round {rnd} ({len(sheets['alice'])} items) Cohen's kappa:",
            {k: round(v, 3) for k, v in ks.items()},
        )
        lo, hi = KAPPA_RANGES[rnd]
        for dim, k in ks.items():
            assert lo <= k <= hi, (rnd, dim, k)
    print("round 2 disagreements adjudicated:", n_adj)
    print("transcript words:", words)
    assert all(1500 <= w <= 3000 for w in words.values()), words
    print(
        "survey Mann-Whitney p (researchers vs ML engineers):",
        {k[:40]: round(v, 4) for k, v in pvalues.items()},
    )
    assert sum(p < 0.05 for p in pvalues.values()) in (2, 3), pvalues
