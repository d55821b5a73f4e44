"""The files each linked commit changed, with added and deleted lines, by PyDriller.

PyDriller opens only the commits asked for. A merge commit (a merged pull request) is
compared with its first parent, so it counts what the merge brought into the branch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydriller import Git
from pydriller.domain.commit import ModifiedFile

Row = dict[str, Any]


def changed_files(
    path: Path,
    repository: str,
    shas: Iterable[str],
    classify: Callable[[str], str],
    *,
    advance: Callable[[], None] | None = None,
) -> list[Row]:
    """`commit_files` rows for the given commits of a local repository."""
    git = Git(str(path))
    rows: dict[tuple[str, str], Row] = {}
    try:
        for sha in shas:
            for change in _modified(git, sha):
                file_path = change.new_path or change.old_path or change.filename
                old = change.old_path if change.old_path != change.new_path else None
                rows[sha, file_path] = {
                    "repository": repository,
                    "sha": sha,
                    "path": file_path,
                    "old_path": old,
                    "change_type": change.change_type.name.lower(),
                    "added_lines": change.added_lines,
                    "deleted_lines": change.deleted_lines,
                    "component": classify(file_path),
                }
            if advance is not None:
                advance()
    finally:
        git.clear()
    return list(rows.values())


def _modified(git: Git, sha: str) -> list[ModifiedFile]:
    commit = git.get_commit(sha)
    if not commit.merge:
        return list(commit.modified_files)
    raw = git.repo.commit(sha)
    return [ModifiedFile(diff=d) for d in raw.parents[0].diff(raw, create_patch=True)]
