"""Paper number formats and LaTeX / Markdown / CSV writers."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from analysis.associations import association, summarize_associations
from analysis.distributions import distribution
from analysis.formatting import (
    format_count_percent,
    format_interval,
    format_percent,
    format_pvalue,
)
from analysis.multiple_testing import adjust_pvalues
from analysis.paper_tables import association_tests_table, crosstab_table, distribution_table
from analysis.table_writers import escape_latex, to_csv, to_latex, to_markdown

TABLE = pd.DataFrame(
    [[40, 22, 18], [25, 30, 41], [12, 28, 33]],
    index=pd.Index(["keras", "torch", "tf"], name="repository"),
    columns=pd.Index(["environment", "model", "data"], name="defect_type"),
)


def test_number_formats() -> None:
    assert format_count_percent(142, 142 / 348) == "142 (40.8%)"
    assert format_percent(0.5) == "50.0%"
    assert format_interval(0.2553, 0.3662) == "[25.5, 36.6]"
    assert format_interval(0.12, 0.3, decimals=2, percent=False) == "[0.12, 0.30]"
    assert [format_pvalue(p) for p in (0.0002, 0.001, 0.0123, 0.5, 0.9999)] == [
        "< .001",
        ".001",
        ".012",
        ".500",
        "> .999",
    ]


def test_distribution_table_with_hierarchy(
    small_labels: pd.DataFrame, parents: dict[str, str | None]
) -> None:
    dist = distribution(small_labels, "defect_type", parents=parents)
    table = distribution_table(dist, labels={"environment": "Environment", "env_api": "API"})
    assert list(table.columns) == ["Code", "n (%)", "95% CI", "% of total"]
    assert table.iloc[0].tolist() == ["Environment", "3 (60.0%)", "[23.1, 88.2]", "60.0%"]
    assert table.iloc[1, 0] == "\u2003API"
    assert table.iloc[1, 1] == "2 (66.7%)"


def test_grouped_distribution_table(small_labels: pd.DataFrame, small_items: pd.DataFrame) -> None:
    dist = distribution(small_labels, "symptom", items=small_items, by="repository")
    table = distribution_table(dist)
    assert list(table.columns) == ["Code", "r1 (n = 2)", "r2 (n = 3)"]
    assert table.set_index("Code").loc["crash"].tolist() == ["2 (100.0%)", "2 (66.7%)"]
    with pytest.raises(ValueError, match="several values of 'unit'"):
        distribution_table(distribution(small_labels, "symptom", unit="both"))


def test_crosstab_table_marks_residuals_and_totals() -> None:
    table = crosstab_table(association(TABLE))
    assert list(table.columns) == ["repository", "environment", "model", "data", "Total"]
    assert table.iloc[0].tolist() == [
        "keras",
        "40 (50.0%)\u2191",
        "22 (27.5%)",
        "18 (22.5%)\u2193",
        "80",
    ]
    assert table.iloc[-1].tolist() == ["Total", "77 (30.9%)", "80 (32.1%)", "92 (36.9%)", "249"]
    plain = crosstab_table(TABLE, percent="column")
    assert plain.iloc[0, 1] == "40 (51.9%)"


def test_latex_is_booktabs_and_escaped() -> None:
    frame = pd.DataFrame({"Code": ["A & B_1 #2", "Total"], "n (%)": ["5 (50.0%)\u2191", "< .001"]})
    latex = to_latex(frame, caption="Defects & 100%", label="tab:defects", midrule_before=[-1])
    lines = latex.splitlines()
    assert lines[:4] == [
        r"\begin{table}[t]",
        r"\centering",
        r"\caption{Defects \& 100\%}",
        r"\label{tab:defects}",
    ]
    body = lines[4:]
    assert body[0] == r"\begin{tabular}{lr}"
    assert body[1:4] == [r"\toprule", r"Code & n (\%) \\", r"\midrule"]
    assert body[4] == r"A \& B\_1 \#2 & 5 (50.0\%)\ensuremath{\uparrow} \\"
    assert body[5] == r"\midrule"
    assert body[6] == r"Total & \textless{} .001 \\"
    assert body[7:] == [r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    assert escape_latex("~^\\$") == r"\textasciitilde{}\textasciicircum{}\textbackslash{}\$"


def test_markdown_and_csv(tmp_path: pytest.TempPathFactory) -> None:
    frame = crosstab_table(TABLE)
    markdown = to_markdown(frame)
    lines = markdown.splitlines()
    assert lines[0] == "| repository | environment | model | data | Total |"
    assert lines[1] == "|:---|---:|---:|---:|---:|"
    assert len(lines) == 2 + 4
    assert to_markdown(pd.DataFrame({"a": ["x|y"]})).splitlines()[2] == r"| x\|y |"
    path = tmp_path / "table.csv"  # type: ignore[operator]
    text = to_csv(frame, path=path)
    assert path.read_text(encoding="utf-8") == text
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(text), dtype=str), frame.astype(str))


def test_association_tests_table() -> None:
    summary = summarize_associations({"type x repo": association(TABLE)}).pipe(adjust_pvalues)
    table = association_tests_table(summary)
    assert list(table.columns) == [
        "Comparison",
        "Test",
        "\u03c7\u00b2",
        "df",
        "N",
        "p",
        "p (adj.)",
        "V [95% CI]",
    ]
    assert table.iloc[0]["p"] == "< .001"
    assert "\\ensuremath{\\chi}\\textsuperscript{2}" in to_latex(table)


def test_csv_cells_a_spreadsheet_would_run_get_an_apostrophe_and_numbers_stay_numbers() -> None:
    frame = pd.DataFrame(
        {
            "cell": ["=1+2", "+A1", "-2+3", "@SUM(A1)", "\tx", "'quoted", "\uff1dcmd", "plain"],
            "number": ["-0.05", "+3", "-1e-3", "-12.5%", "-", "1", "2", "3"],
        }
    )
    rows = list(csv.reader(io.StringIO(to_csv(frame), newline="")))
    assert [row[0] for row in rows[1:]] == [
        "'=1+2", "'+A1", "'-2+3", "'@SUM(A1)", "'\tx", "''quoted", "'\uff1dcmd", "plain",
    ]  # fmt: skip
    assert [row[1] for row in rows[1:]] == ["-0.05", "+3", "-1e-3", "-12.5%", "'-", "1", "2", "3"]
    headers = list(csv.reader(io.StringIO(to_csv(pd.DataFrame({"=cmd": [1]})), newline="")))
    assert headers[0] == ["'=cmd"]
