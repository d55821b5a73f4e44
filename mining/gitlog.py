"""Local mirrors of repositories, and the raw `git log` passes that find fixing commits.

Scanning history costs one `git log` of the default branch (every message, no diffs) plus, for
linked commits that are not on it, one `git log --no-walk` of just those; PyDriller then opens
only the linked commits (mining/changes.py).
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mining.errors import FetchError

_FORMAT = "%H%x1f%P%x1f%an%x1f%aI%x1f%cn%x1f%cI%x1f%B"


@dataclass(frozen=True)
class GitCommit:
    """A commit as `git log` prints it; dates are ISO-8601 UTC text."""

    sha: str
    parents: tuple[str, ...]
    author: str
    authored_at: str
    committer: str
    committed_at: str
    message: str


def mirror(url: str, path: Path, *, token: str | None = None) -> str:
    """Clone `url` bare into `path`, or fetch its branches and tags if it is there already.

    A token is handed to git in the environment (never on the command line or in a file).
    Returns "cloned" or "updated".
    """
    env = _git_env(token if url.startswith("https://") else None)
    if (path / "HEAD").is_file():
        refspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]
        _git(["-C", str(path), "fetch", "--quiet", "--prune", url, *refspecs], env, url)
        return "updated"
    path.parent.mkdir(parents=True, exist_ok=True)
    _git(["clone", "--quiet", "--bare", url, str(path)], env, url)
    return "cloned"


def log(path: Path, revision: str = "HEAD") -> list[GitCommit]:
    """Every commit reachable from `revision`, newest first: one raw `git log` pass."""
    return _parse(_git(["-C", str(path), "log", "-z", f"--format={_FORMAT}", revision], None, ""))


def log_commits(path: Path, shas: Iterable[str]) -> list[GitCommit]:
    """The given (existing) commits only, without walking their history."""
    wanted = "\n".join(sorted(set(shas)))
    if not wanted:
        return []
    args = ["-C", str(path), "log", "-z", "--no-walk=unsorted", "--stdin", f"--format={_FORMAT}"]
    return _parse(_git(args, None, "", stdin=wanted + "\n"))


def existing(path: Path, shas: Iterable[str]) -> set[str]:
    """Which of the given commit ids the repository has."""
    wanted = sorted(set(shas))
    if not wanted:
        return set()
    args = ["-C", str(path), "cat-file", "--batch-check=%(objectname) %(objecttype)"]
    out = _git(args, None, "", stdin="\n".join(wanted) + "\n")
    return {
        line.split()[0]
        for line in out.splitlines()
        if line.endswith(" commit") and len(line.split()[0]) == 40
    }


def _parse(output: str) -> list[GitCommit]:
    commits = []
    for record in output.split("\0"):
        fields = record.lstrip("\n").split("\x1f")
        if len(fields) != 7:
            continue
        sha, parents, author, authored, committer, committed, message = fields
        commits.append(
            GitCommit(
                sha,
                tuple(parents.split()),
                author,
                _utc(authored),
                committer,
                _utc(committed),
                message.rstrip("\n"),
            )
        )
    return commits


def _utc(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git_env(token: str | None) -> Mapping[str, str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    if token:
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        env |= {
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "http.extraHeader",
            "GIT_CONFIG_VALUE_0": f"Authorization: Basic {basic}",
        }
    return env


def _git(args: Sequence[str], env: Mapping[str, str] | None, url: str, stdin: str = "") -> str:
    result = subprocess.run(
        ["git", *args],
        input=stdin.encode(),
        capture_output=True,
        env=dict(env) if env is not None else None,
        check=False,
    )
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"exit code {result.returncode}"
        raise FetchError(f"git {args[0] if args[0] != '-C' else args[2]} {url}: {reason}".strip())
    return result.stdout.decode("utf-8", "replace")
