"""The paper table of a technique comparison: a row per subject, a mean (sd) pair per technique;
the mean in bold where the technique is significantly better than the reference, with a dagger
where it is significantly better than the baseline."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis._checks import require_columns
from analysis.table_writers import escape_latex

MEAN, SD = "\u03bc", "\u03c3"
ROLE_ORDER = {"reference": 0, "target": 1, "technique": 2, "baseline": 3}
BOLD_NOTE = "bold: significantly better than the reference"
DAGGER_NOTE = "dagger: significantly better than the baseline"


@dataclass(frozen=True)
class TechniqueTable:
    """The same table as CSV-ready frame (numbers and marks), Markdown and LaTeX."""

    frame: pd.DataFrame
    markdown: str
    latex: str


def _number(value: float, decimals: int) -> str:
    return "" if value is None or np.isnan(value) else f"{value:.{decimals}f}"


def _columns(comparison: pd.DataFrame) -> list[str]:
    roles = comparison.drop_duplicates("technique").set_index("technique")["role"]
    return sorted(roles.index, key=lambda t: (ROLE_ORDER.get(roles[t], 2), str(t)))


def technique_table(
    comparison: pd.DataFrame,
    *,
    groups: tuple[str, ...] = ("subject",),
    decimals: int = 3,
    caption: str | None = None,
    label: str | None = None,
) -> TechniqueTable:
    """compare_runs' result as a paper table (rows: `groups`; per technique mean and sd)."""
    require_columns(
        comparison,
        [*groups, "technique", "role", "mean", "sd", "better_reference", "better_baseline"],
        name="comparison",
    )
    techniques = _columns(comparison)
    keyed = comparison.set_index([*groups, "technique"])
    subjects = comparison[list(groups)].drop_duplicates().sort_values(list(groups))
    flat: list[dict[str, object]] = []
    md_rows: list[list[str]] = []
    tex_rows: list[str] = []
    for key in subjects.itertuples(index=False):
        name = " / ".join(str(k) for k in key)
        record: dict[str, object] = dict(zip(groups, key, strict=True))
        md, tex = [name], [escape_latex(name)]
        for technique in techniques:
            at = (*key, technique)
            if at not in keyed.index:
                record.update({f"{technique} mean": None, f"{technique} sd": None})
                record[f"{technique} better than"] = ""
                md += ["", ""]
                tex += ["", ""]
                continue
            row = keyed.loc[at]
            mean, sd = _number(row["mean"], decimals), _number(row["sd"], decimals)
            bold, dagger = bool(row["better_reference"]), bool(row["better_baseline"])
            marks = [w for w, on in (("reference", bold), ("baseline", dagger)) if on]
            record.update({f"{technique} mean": row["mean"], f"{technique} sd": row["sd"]})
            record[f"{technique} better than"] = ";".join(marks)
            md_mean = (f"**{mean}**" if bold else mean) + (" †" if dagger else "")
            tex_mean = (rf"\textbf{{{mean}}}" if bold else mean) + (
                r"$^{\dagger}$" if dagger else ""
            )
            md += [md_mean, sd]
            tex += [tex_mean, sd]
        flat.append(record)
        md_rows.append(md)
        tex_rows.append(" & ".join(tex) + r" \\")
    title = " / ".join(g.capitalize() for g in groups)
    header = [title] + [f"{t} {s}" for t in techniques for s in (MEAN, SD)]
    lines = ["| " + " | ".join(cell.replace("|", r"\|") for cell in header) + " |"]
    lines.append("|:---|" + "---:|" * (2 * len(techniques)))
    lines += ["| " + " | ".join(c.replace("|", r"\|") for c in row) + " |" for row in md_rows]
    markdown = "\n".join(lines) + "\n"
    latex = _latex(techniques, title, tex_rows, caption, label)
    return TechniqueTable(pd.DataFrame(flat), markdown, latex)


def _latex(
    techniques: list[str], title: str, rows: list[str], caption: str | None, label: str | None
) -> str:
    lines = [r"\begin{tabular}{l" + "rr" * len(techniques) + "}", r"\toprule"]
    tops = " & ".join(rf"\multicolumn{{2}}{{c}}{{{escape_latex(t)}}}" for t in techniques)
    lines.append(f"{escape_latex(title)} & {tops} \\\\")
    rules = "".join(rf"\cmidrule(lr){{{2 + 2 * i}-{3 + 2 * i}}}" for i in range(len(techniques)))
    lines.append(rules)
    lines.append(" & " + " & ".join([r"$\mu$ & $\sigma$"] * len(techniques)) + r" \\")
    lines += [r"\midrule", *rows, r"\bottomrule", r"\end{tabular}"]
    if caption is not None or label is not None:
        wrapped = [r"\begin{table}[t]", r"\centering"]
        if caption is not None:
            note = f"{caption} ({BOLD_NOTE}; {DAGGER_NOTE})"
            wrapped.append(rf"\caption{{{escape_latex(note)}}}")
        if label is not None:
            wrapped.append(rf"\label{{{label}}}")
        lines = [*wrapped, *lines, r"\end{table}"]
    return "\n".join(lines) + "\n"
