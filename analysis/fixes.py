"""What fixing each defect took: the linked fixing commits' files and lines, the DL components
they touched, and the time from the report to the fix, per defect type.

Plain data in, plain data out:

- `links`: repository, issue_number, kind, fix_repository, target, evidence (fix links);
- `pulls`: repository, number, merge_commit_sha (the merged pull requests);
- `files`: repository, sha, path, added_lines, deleted_lines, component (the fixing commits'
  changed files);
- `commits`: repository, sha, committed_at (ISO-8601);
- `issues`: repository, number, created_at, closed_at (ISO-8601, closed_at empty when open);
- `types`: (repository, issue_number) -> defect type, for the issues to describe.

An issue's fixing commits are those that closed it: a commit of a closing event or whose
message closes it, and the merge commit of a merged pull request whose body closes it. A
cross-reference (a mention without a closing keyword) is no fix. An issue counts as fixed when
at least one of its fixing commits has been analysed (is in `commits`); a commit linked twice
(by a closing event and a message, say) counts once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis._checks import require_columns

ALL = "All"
COMMIT_EVIDENCE = ("closed_event", "commit_message")
PULL_EVIDENCE = ("pr_body",)
FIXING_COLUMNS = ["repository", "issue_number", "fix_repository", "sha"]
FIXED_COLUMNS = [
    "repository",
    "issue_number",
    "type",
    "commits",
    "files",
    "lines",
    "added",
    "deleted",
    "components",
    "days_to_fix",
    "days_to_close",
]
SECONDS_PER_DAY = 86_400.0


def fixing_commits(links: pd.DataFrame, pulls: pd.DataFrame) -> pd.DataFrame:
    """(repository, issue_number, fix_repository, sha) of every commit that closed an issue:
    by a closing event or message, or as the merge commit of a pull request that closes it."""
    require_columns(links, ["repository", "issue_number", "kind", "fix_repository", "target",
                            "evidence"], name="links")  # fmt: skip
    require_columns(pulls, ["repository", "number", "merge_commit_sha"], name="pulls")
    merges = {
        (str(r).lower(), str(int(n))): str(s)
        for r, n, s in zip(pulls["repository"], pulls["number"], pulls["merge_commit_sha"],
                           strict=True)
        if isinstance(s, str) and s
    }  # fmt: skip
    found = set()
    for repo, number, kind, fix_repo, target, evidence in links[
        ["repository", "issue_number", "kind", "fix_repository", "target", "evidence"]
    ].itertuples(index=False, name=None):
        if kind == "commit" and evidence in COMMIT_EVIDENCE:
            found.add((str(repo), int(number), str(fix_repo), str(target)))
        elif kind == "pull_request" and evidence in PULL_EVIDENCE:
            merge = merges.get((str(fix_repo).lower(), str(target)))
            if merge is not None:
                found.add((str(repo), int(number), str(fix_repo), merge))
    return pd.DataFrame(sorted(found), columns=FIXING_COLUMNS)


def fixed_issues(
    fixing: pd.DataFrame,
    files: pd.DataFrame,
    commits: pd.DataFrame,
    issues: pd.DataFrame,
    types: Mapping[tuple[str, int], str],
) -> pd.DataFrame:
    """One row per issue of `types` with an analysed fixing commit (`fixing` as
    fixing_commits gives): commits, distinct files, lines changed (added + deleted), components
    touched, days to the first fixing commit and days to closing."""
    require_columns(fixing, FIXING_COLUMNS, name="fixing")
    require_columns(files, ["repository", "sha", "path", "added_lines", "deleted_lines",
                            "component"], name="files")  # fmt: skip
    require_columns(commits, ["repository", "sha", "committed_at"], name="commits")
    require_columns(issues, ["repository", "number", "created_at", "closed_at"], name="issues")
    done = {
        (str(r), str(s)): _time(t)
        for r, s, t in zip(commits["repository"], commits["sha"], commits["committed_at"],
                           strict=True)
    }  # fmt: skip
    changed: dict[tuple[str, str], pd.DataFrame] = {
        (str(r), str(s)): group for (r, s), group in files.groupby(["repository", "sha"])
    }
    opened = {
        (str(r), int(n)): (_time(c), _time(x))
        for r, n, c, x in zip(issues["repository"], issues["number"], issues["created_at"],
                              issues["closed_at"], strict=True)
    }  # fmt: skip
    fixes: dict[tuple[str, int], set[tuple[str, str]]] = {}
    for repo, number, fix_repo, sha in fixing[FIXING_COLUMNS].itertuples(index=False, name=None):
        key = (str(repo), int(number))
        if key in types and (str(fix_repo), str(sha)) in done:
            fixes.setdefault(key, set()).add((str(fix_repo), str(sha)))
    rows = []
    for key in sorted(fixes):
        shas = sorted(fixes[key])
        touched = [changed[s] for s in shas if s in changed]
        frame = pd.concat(touched) if touched else files.iloc[0:0]
        created, closed = opened.get(key, (None, None))
        first = min((t for s in shas if (t := done[s]) is not None), default=None)
        added, deleted = int(frame["added_lines"].sum()), int(frame["deleted_lines"].sum())
        rows.append(
            [
                *key,
                types[key],
                len(shas),
                frame[["repository", "path"]].drop_duplicates().shape[0],
                added + deleted,
                added,
                deleted,
                tuple(sorted(set(frame["component"]))),
                _days(created, first),
                _days(created, closed),
            ]
        )
    return pd.DataFrame(rows, columns=FIXED_COLUMNS)


def fix_summary(fixed: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """Per defect type (in `order`, then "All"): fixed issues, fixing commits, and the median
    and quartiles of files changed, lines changed and days to fix, median days to close."""
    require_columns(fixed, FIXED_COLUMNS, name="fixed")
    rows = []
    for name, part in [*((t, fixed[fixed["type"] == t]) for t in order), (ALL, fixed)]:
        if part.empty and name != ALL:
            continue
        rows.append(
            {
                "type": name,
                "issues": len(part),
                "commits": int(part["commits"].sum()),
                **_quartiles(part["files"], "files"),
                **_quartiles(part["lines"], "lines"),
                **_quartiles(part["days_to_fix"], "days_to_fix"),
                "days_to_close_median": _median(part["days_to_close"]),
            }
        )
    return pd.DataFrame(rows)


def component_shares(
    fixed: pd.DataFrame, order: Sequence[str], components: Sequence[str] | None = None
) -> pd.DataFrame:
    """Share of each type's fixed issues whose fix touched each component (rows: types in
    `order` that have fixes; columns: `components`, default every one touched, by frequency)."""
    require_columns(fixed, ["type", "components"], name="fixed")
    touched = fixed.explode("components").dropna(subset=["components"])
    if components is None:
        counts = touched["components"].value_counts()
        components = sorted(counts.index, key=lambda c: (-int(counts[c]), str(c)))
    rows = [t for t in order if (fixed["type"] == t).any()]
    table = pd.DataFrame(0.0, index=pd.Index(rows, name="type"), columns=list(components))
    for name in rows:
        part = touched[touched["type"] == name]
        n = int((fixed["type"] == name).sum())
        for component, hits in part.groupby("components")["issue_number"]:
            if component in table.columns:
                table.loc[name, component] = len(hits) / n
    return table


def _quartiles(values: pd.Series, name: str) -> dict[str, float]:
    clean = values.dropna().astype(float)
    if clean.empty:
        return {f"{name}_median": np.nan, f"{name}_q1": np.nan, f"{name}_q3": np.nan}
    q1, median, q3 = np.percentile(clean, [25, 50, 75])
    return {f"{name}_median": float(median), f"{name}_q1": float(q1), f"{name}_q3": float(q3)}


def _median(values: pd.Series) -> float:
    clean = values.dropna().astype(float)
    return float(clean.median()) if not clean.empty else np.nan


def _time(value: object) -> pd.Timestamp | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return None
    stamp = pd.Timestamp(str(value))
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _days(start: pd.Timestamp | None, end: pd.Timestamp | None) -> float:
    if start is None or end is None:
        return np.nan
    return float((end - start).total_seconds()) / SECONDS_PER_DAY
