"""A small raw archive of two repositories, written page by page."""

from pathlib import Path

from mining.archive import Page, write_page
from tests.support import github_objects as gh

REPO_A, REPO_B = "lab/alpha", "lab/beta"


def build_archive(root: Path) -> None:
    """Write the pages of two repositories (REPO_A with 30 issues, REPO_B with 10) under root."""
    for repo, n in ((REPO_A, 30), (REPO_B, 10)):
        write_page(root, Page(repo, "repository", f"{gh.API}/repos/{repo}", gh.repository(repo)))
        objs = [gh.issue(repo, i, labels=("bug",) if i % 3 else ("question",)) for i in range(1, n)]
        objs.append(gh.issue(repo, n, title="Add docs", body=None, labels=(), pull=True))
        write_page(root, Page(repo, "issues", f"{gh.API}/repos/{repo}/issues?page=1", objs[:15]))
        write_page(root, Page(repo, "issues", f"{gh.API}/repos/{repo}/issues?page=2", objs[15:]))
        comments = [gh.comment(repo, 1, 10_000 + 100 * n + i) for i in range(3)]
        write_page(root, Page(repo, "comments", f"{gh.API}/c", comments))
        events = [gh.event(repo, 1, 50_000 + n, sha="abc123")]
        write_page(root, Page(repo, "events", f"{gh.API}/e", events))
