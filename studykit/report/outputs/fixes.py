"""Report output `fixes`: what fixing the study's defects took, per code of a dimension
(default `defect_type`, rolled up to its top-level codes).

Joins the closing fix links (analysis.fixes.fixing_commits) and the analysed fixing commits
(`studykit clone` + `studykit link`) with the consensus labels of the items. As a table: fixed
items, fixing commits, files and lines changed, days to the fixing commit and to closing, and
the component most fixes touched; as a figure: lines changed and days to fix per fix, and the
share of fixes touching each component.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from analysis.figures.fixes import plot_fixes
from analysis.fixes import ALL, component_shares, fix_summary, fixed_issues, fixing_commits
from studykit.db.reads import mined
from studykit.errors import StudykitError
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData

DEFAULT_DIMENSION = "defect_type"
COLUMNS = {
    "type": "{title}",
    "issues": "Fixed items",
    "commits": "Fixing commits",
    "files": "Files changed, median [IQR]",
    "lines": "Lines changed, median [IQR]",
    "days_to_fix": "Days to fix, median [IQR]",
    "days_to_close_median": "Days to close, median",
    "component": "Component most touched",
}


def fixed_by_code(spec: OutputSpec, data: ReportData) -> tuple[pd.DataFrame, list[str], str]:
    """The fixed items with their top-level code, the codes in codebook order, the dimension."""
    name = spec.dimension or DEFAULT_DIMENSION
    dimension = data.codebook.dimension(data.resolve(spec, name, only="dimension").name)
    if dimension.multi_label:
        raise StudykitError(
            f"report output {spec.name!r} (fixes): dimension {dimension.name!r} is multi-label; "
            "name a single-label dimension"
        )
    links = data.db.read("fix_links")
    if links.empty:
        raise StudykitError(
            f"report output {spec.name!r} (fixes) needs fix links: run `studykit clone` and "
            "`studykit link` first"
        )
    items = data.db.read("items", columns=["id", "repository", "issue_number"]).dropna()
    labels = data.labels[data.labels["dimension"] == dimension.name]
    code_of = dict(zip(labels["item_id"], labels["code"], strict=True))
    types = {
        (str(repo), int(number)): dimension.top_level(code_of[item])
        for item, repo, number in items.itertuples(index=False, name=None)
        if item in code_of
    }
    pulls = mined(data.db, "pull_requests")
    fixed = fixed_issues(
        fixing_commits(links, pulls[pulls["merged_at"].notna()]),
        data.db.read("commit_files"),
        data.db.read("commits", columns=["repository", "sha", "committed_at"]),
        mined(data.db, "issues"),
        types,
    )
    if fixed.empty:
        raise StudykitError(
            f"report output {spec.name!r} (fixes): no labelled item has an analysed fixing "
            "commit; run `studykit clone` and `studykit link`"
        )
    order = [c.code for c in dimension.codes if c.parent is None]
    return fixed, order, dimension.title


def build_fixes(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """The table of fixes per code, or the figure of lines, days and components per code."""
    fixed, order, title = fixed_by_code(spec, data)
    labels = data.code_labels()
    summary = fix_summary(fixed, order)
    every = summary[summary["type"] == ALL].iloc[0]
    facts = [
        f"{len(fixed)} labelled items have an analysed fixing commit "
        f"({int(every['commits'])} commits); a fix changes a median of "
        f"{every['lines_median']:g} lines in {every['files_median']:g} files, committed a "
        f"median of {every['days_to_fix_median']:.1f} days after the report."
    ]
    if as_figure:
        caption = spec.title or (
            f"Fixes per {title.lower()}: lines changed, days from report to fixing commit, "
            "and the DL components fixes touched"
        )
        figure = plot_fixes(fixed, order=order, labels=labels, width=spec.width)
        return Built(caption, figure=figure, facts=facts)
    caption = spec.title or f"Fixes per {title.lower()} (items linked to an analysed commit)"
    return Built(caption, table=_table(summary, fixed, order, labels, title), facts=facts)


def _table(
    summary: pd.DataFrame,
    fixed: pd.DataFrame,
    order: list[str],
    labels: dict[str, str],
    title: str,
) -> pd.DataFrame:
    shares = component_shares(fixed, [*order])
    overall = component_shares(fixed.assign(type=ALL), [ALL])
    rows = []
    for row in summary.to_dict("records"):
        table = overall if row["type"] == ALL else shares
        share = {str(c): float(table.loc[row["type"], c]) for c in table.columns}
        component, most = max(share.items(), key=lambda pair: pair[1])
        rows.append(
            {
                "type": labels.get(row["type"], row["type"]),
                "issues": str(row["issues"]),
                "commits": str(row["commits"]),
                "files": _spread(row, "files", "{:g}"),
                "lines": _spread(row, "lines", "{:g}"),
                "days_to_fix": _spread(row, "days_to_fix", "{:.1f}"),
                "days_to_close_median": f"{row['days_to_close_median']:.1f}",
                "component": f"{component.replace('_', ' ')} ({most:.0%})",
            }
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.rename(columns={k: v.format(title=title) for k, v in COLUMNS.items()})


def _spread(row: Mapping[Hashable, Any], name: str, number: str) -> str:
    median, q1, q3 = (row[f"{name}_{part}"] for part in ("median", "q1", "q3"))
    return f"{number.format(median)} [{number.format(q1)}, {number.format(q3)}]"
