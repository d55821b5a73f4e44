"""Figures: paper widths and fonts, palette, counts on bars, reproducible saves, no rc leaks."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis.associations import association
from analysis.crosstabs import crosstab
from analysis.distributions import distribution
from analysis.figures import (
    DOUBLE_COLUMN,
    OKABE_ITO,
    SINGLE_COLUMN,
    plot_agreement,
    plot_crosstab_heatmap,
    plot_distribution,
    plot_grouped_bars,
    plot_issues_over_time,
    plot_stacked_bars,
    save_figure,
)
from analysis.hierarchy import rollup
from analysis.time_series import issue_counts


def _texts(fig: Figure) -> list[Text]:
    return [text for text in fig.findobj(Text) if text.get_visible() and text.get_text()]


def _assert_paper_fonts(fig: Figure) -> None:
    sizes = {round(text.get_fontsize(), 1) for text in _texts(fig)}
    assert sizes and min(sizes) >= 8.0 and max(sizes) <= 9.0, sizes


@pytest.fixture(scope="module")
def figures(
    study: tuple[pd.DataFrame, pd.DataFrame], parents: dict[str, str | None]
) -> dict[str, Figure]:
    labels, items = study
    dist = distribution(labels, "defect_type", parents=parents)
    table = crosstab(
        rollup(labels, parents, dimension="defect_type"), "repository", "defect_type", items=items
    )
    agreement = pd.DataFrame(
        {
            "code": ["environment", "model", "data"],
            "estimate": [0.81, 0.64, 0.72],
            "ci_low": [0.7, 0.5, 0.6],
            "ci_high": [0.9, 0.75, 0.83],
        }
    )
    return {
        "distribution": plot_distribution(dist, labels={"environment": "Environment"}),
        "stacked": plot_stacked_bars(table, width="double"),
        "grouped": plot_grouped_bars(table),
        "heatmap": plot_crosstab_heatmap(association(table)),
        "agreement": plot_agreement(agreement),
        "timeline": plot_issues_over_time(items, kind="area"),
    }


def test_widths_and_fonts(figures: dict[str, Figure]) -> None:
    widths = {name: fig.get_figwidth() for name, fig in figures.items()}
    assert widths["stacked"] == DOUBLE_COLUMN
    assert widths["timeline"] == DOUBLE_COLUMN
    assert widths["distribution"] == SINGLE_COLUMN
    for fig in figures.values():
        _assert_paper_fonts(fig)


def test_distribution_bars_are_sorted_with_counts_and_whiskers(
    figures: dict[str, Figure], study: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    ax = figures["distribution"].axes[0]
    ticks = [label.get_text() for label in ax.get_yticklabels()]
    assert ticks == ["Environment", "model", "data"]
    annotations = [text.get_text() for text in ax.texts]
    labels, _ = study
    roots = (
        labels[labels["dimension"] == "defect_type"]["code"]
        .map({"env_api": "environment", "env_version": "environment", "model_layer": "model"})
        .fillna(labels["code"])
    )
    count = int((roots == "environment").sum())
    assert annotations[0] == f"{count} ({100 * count / 300:.1f}%)"
    assert ax.containers and any(len(c) == 3 for c in ax.containers if hasattr(c, "lines"))
    bar_colour = mpl.colors.to_hex(ax.patches[0].get_facecolor())
    assert bar_colour.upper() == OKABE_ITO[0]


def test_stacked_bars_use_the_palette_and_show_totals(figures: dict[str, Figure]) -> None:
    ax = figures["stacked"].axes[0]
    colours = {mpl.colors.to_hex(patch.get_facecolor()).upper() for patch in ax.patches}
    assert colours <= set(OKABE_ITO)
    assert sum(text.get_text().startswith("n = ") for text in ax.texts) == 4
    assert ax.get_legend() is not None


def test_heatmap_marks_significant_cells() -> None:
    table = pd.DataFrame([[40, 10], [10, 40]], index=["a", "b"], columns=["x", "y"])
    fig = plot_crosstab_heatmap(association(table))
    texts = [text.get_text() for text in fig.axes[0].texts]
    assert "40\u2191\n80.0%" in texts and "10\u2193\n20.0%" in texts


def test_issue_counts_fill_months_and_lump_others(small_items: pd.DataFrame) -> None:
    counts = issue_counts(small_items)
    assert list(counts.index.strftime("%Y-%m")) == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert counts.loc["2023-02-01"].sum() == 0
    assert list(counts.columns) == ["r2", "r1"]
    lumped = issue_counts(small_items, top=1)
    assert list(lumped.columns) == ["r2", "Other"]
    assert int(lumped.to_numpy().sum()) == 5
    with pytest.raises(ValueError, match="missing column 'opened'"):
        issue_counts(small_items, date_column="opened")


def test_input_errors(study: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    labels, items = study
    grouped = distribution(labels, "defect_type", items=items, by="repository")
    with pytest.raises(ValueError, match="grouped"):
        plot_distribution(grouped)
    with pytest.raises(ValueError, match="missing column 'ci_low'"):
        plot_agreement(pd.DataFrame({"code": ["a"], "estimate": [0.5], "ci_high": [0.6]}))
    with pytest.raises(ValueError, match="width"):
        plot_issues_over_time(items, width="triple")  # type: ignore[arg-type]


def test_saves_are_byte_identical_and_undated(figures: dict[str, Figure], tmp_path: Path) -> None:
    fig = figures["heatmap"]
    first = save_figure(fig, tmp_path / "one" / "heatmap")
    second = save_figure(fig, tmp_path / "two" / "heatmap")
    assert [path.suffix for path in first] == [".png", ".pdf", ".svg"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.suffix
    pdf = first[1].read_bytes()
    assert b"CreationDate" not in pdf and b"ModDate" not in pdf and b"Matplotlib" not in pdf
    svg = first[2].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in first[0].read_bytes()


def test_saves_match_a_freshly_built_figure(
    study: tuple[pd.DataFrame, pd.DataFrame], parents: dict[str, str | None], tmp_path: Path
) -> None:
    labels, _ = study
    paths = []
    for run in ("a", "b"):
        fig = plot_distribution(distribution(labels, "defect_type", parents=parents))
        paths.append(save_figure(fig, tmp_path / run / "dist", formats=("png", "svg"), dpi=150))
    for a, b in zip(*paths, strict=True):
        assert a.read_bytes() == b.read_bytes()
    with pytest.raises(ValueError, match="unsupported formats"):
        save_figure(fig, tmp_path / "x", formats=("jpg",))


def test_global_rc_params_are_not_leaked(
    study: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    _, items = study
    before = dict(mpl.rcParams)
    fig = plot_issues_over_time(items)
    save_figure(fig, tmp_path / "timeline", formats=("svg",))
    assert dict(mpl.rcParams) == before
    assert mpl.rcParams["svg.hashsalt"] is None


def _rows_top_down(fig: Figure) -> list[str]:
    ax = fig.axes[0]
    ticks = zip(ax.get_yticks(), [tick.get_text() for tick in ax.get_yticklabels()], strict=True)
    return [name for _, name in sorted(ticks, reverse=True)]


def test_rows_are_largest_first_or_as_ordered_with_the_others_left_out() -> None:
    frame = pd.DataFrame(
        {
            "code": ["a", "b", "c"],
            "estimate": [0.5, 0.9, 0.7],
            "ci_low": [0.4, 0.8, 0.6],
            "ci_high": [0.6, 1.0, 0.8],
        }
    )
    assert _rows_top_down(plot_agreement(frame)) == ["b", "c", "a"]
    assert _rows_top_down(plot_agreement(frame, order=["c", "a"])) == ["c", "a"]
    codes = ["x"] * 2 + ["y"] * 5 + ["z"] * 3
    labels = pd.DataFrame(
        {"item_id": [f"i{k}" for k in range(10)], "dimension": "d", "code": codes}
    )
    dist = distribution(labels, "d")
    assert _rows_top_down(plot_distribution(dist)) == ["y", "z", "x"]
    assert _rows_top_down(plot_distribution(dist, order=["x", "y"])) == ["x", "y"]
