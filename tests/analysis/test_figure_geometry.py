"""Figures with real text, measured with matplotlib's renderer: labels never overlap, nothing is
cut off at the figure's edge, the plot keeps at least half the width, value labels stand beside
whisker ends; and the figures still save byte-identically."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from analysis.distributions import distribution
from analysis.figures import (
    plot_agreement,
    plot_distribution,
    plot_grouped_bars,
    plot_stacked_bars,
    save_figure,
)
from analysis.figures.likert import plot_likert

# Questions of the survey of Humbatova et al., "Taxonomy of Real Faults in Deep Learning Systems"
# (ICSE 2020), as its Qualtrics export writes them (replication package, CC BY 4.0; the file is
# ../shared/datasets/humbatova-icse20/Survey/participant_info_and_responses.xlsx).
STATEMENTS = [
    "What is your work experience with Deep/Machine Learning Systems? - 1",
    "What type of Deep/Machine learning systems have You developed/implemented?\n"
    "(For Example, Supervised/Unsupervised/Reinforcement Learning/etc.)",
    "Which problems were You trying to tackle using DL/ML networks?\n"
    "(For Example, Image Classification/Speech Recognition/etc.)",
    "Which programming languages and frameworks have You been using?\n"
    "(For Example, Java/Python/Tensorflow/Keras/Pytorch/etc.)",
    "Have you ever encountered any problems/bugs related to deep/machine learning that have "
    "not been mentioned in this survey? If yes, could you, please, describe them:",
    "Missing/Redundant/Wrong Layer",
    "Preprocessing of Training Data",
]
SCALE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
# Answer shares per statement (fictional, as a real survey spreads them: some segments are thin).
SHARES = [
    [0.03, 0.09, 0.32, 0.50, 0.06],
    [0.14, 0.23, 0.06, 0.54, 0.03],
    [0.08, 0.57, 0.04, 0.22, 0.09],
    [0.42, 0.19, 0.30, 0.06, 0.03],
    [0.00, 0.30, 0.23, 0.31, 0.16],
    [0.15, 0.15, 0.15, 0.00, 0.55],
    [0.23, 0.00, 0.23, 0.49, 0.05],
]


def likert_input() -> tuple[pd.DataFrame, dict[str, str]]:
    rows = [
        {"question": f"q{i}", "n": 21, **dict(zip(SCALE, shares, strict=True))}
        for i, shares in enumerate(SHARES)
    ]
    return pd.DataFrame(rows), {f"q{i}": text for i, text in enumerate(STATEMENTS)}


@pytest.mark.parametrize(
    ("text", "chars", "wrapped"),
    [
        ("Validation/Testing", 17, "Validation/\nTesting"),
        ("Reporter type (round 2)", 21, "Reporter type\n(round 2)"),
        ("GPU Usage", 21, "GPU Usage"),
        (
            STATEMENTS[3],
            40,
            "Which programming languages and\nframeworks have You been using?\n"
            "(For Example, Java/Python/\nTensorflow/Keras/Pytorch/etc.)",
        ),
    ],
)
def test_labels_wrap_evenly_between_words(text: str, chars: int, wrapped: str) -> None:
    from analysis.figures.rows import wrap_label

    assert wrap_label(text, chars) == wrapped


def boxes(texts: Iterable[Text]) -> list[Bbox]:
    return [t.get_window_extent() for t in texts if t.get_visible() and t.get_text().strip()]


def assert_apart(found: list[Bbox], *, gap: float = 0.0) -> None:
    """No two boxes overlap (or come closer than `gap` pixels)."""
    for a, b in itertools.combinations(found, 2):
        apart_x = a.x1 + gap <= b.x0 or b.x1 + gap <= a.x0
        apart_y = a.y1 + gap <= b.y0 or b.y1 + gap <= a.y0
        assert apart_x or apart_y, (a, b)


def assert_inside(fig: Figure, found: list[Bbox]) -> None:
    edge = fig.bbox
    for box in found:
        assert edge.x0 <= box.x0 and box.x1 <= edge.x1, (box, edge)
        assert edge.y0 <= box.y0 and box.y1 <= edge.y1, (box, edge)


def plot_share(fig: Figure) -> float:
    return float(fig.axes[0].get_position().width)


def assert_rows_within_axes(fig: Figure) -> None:
    """Every row label lies within the axes' height: none reaches into the x tick labels."""
    ax = fig.axes[0]
    area = ax.get_window_extent()
    for box in boxes(ax.get_yticklabels()):
        assert area.y0 - 1 <= box.y0 and box.y1 <= area.y1 + 1, (box, area)


@pytest.fixture(scope="module", params=["single", "double"])
def likert(request: pytest.FixtureRequest) -> Figure:
    summary, labels = likert_input()
    fig = plot_likert(summary, SCALE, labels=labels, width=request.param)
    fig.draw_without_rendering()
    return fig


def test_likert_tick_labels_are_apart_and_readable(likert: Figure) -> None:
    ax = likert.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["100", "50", "0", "50", "100"]
    points = likert.dpi / 72
    assert_apart(boxes(ax.get_xticklabels()), gap=4 * points)
    assert_apart(boxes(ax.get_yticklabels()))
    assert_rows_within_axes(likert)
    assert plot_share(likert) >= 0.5


def test_likert_keeps_every_text_inside_the_figure(likert: Figure) -> None:
    ax = likert.axes[0]
    legend = likert.legends[0]
    found = boxes([ax.xaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()])
    assert_inside(likert, [*found, legend.get_window_extent()])
    assert ax.xaxis.label.get_text() == "Respondents (%)"
    tick_tops = max(box.y1 for box in boxes(ax.get_xticklabels()))
    assert tick_tops <= ax.get_window_extent().y0


def test_likert_numbers_fit_their_segments(likert: Figure) -> None:
    ax = likert.axes[0]
    numbers = [t for t in ax.texts if t.get_visible()]
    assert numbers
    assert_apart(boxes(numbers))
    segments = [patch.get_window_extent() for patch in ax.patches]
    for box in boxes(numbers):
        holders = [s for s in segments if s.x0 <= box.x0 and box.x1 <= s.x1]
        holders = [s for s in holders if s.y0 <= (box.y0 + box.y1) / 2 <= s.y1]
        assert holders, box


def test_distribution_with_long_code_names_keeps_half_the_width() -> None:
    codes = [f"c{i}" for i in range(len(STATEMENTS))]
    labels = pd.DataFrame(
        {"item_id": range(53), "dimension": "d", "code": [codes[i % 7] for i in range(53)]}
    )
    names = dict(zip(codes, STATEMENTS, strict=True))
    fig = plot_distribution(distribution(labels, "d"), labels=names)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    assert plot_share(fig) >= 0.5
    assert_apart(boxes(ax.get_yticklabels()))
    assert_rows_within_axes(fig)
    assert_inside(fig, boxes([ax.xaxis.label, *ax.get_yticklabels(), *ax.texts]))


@pytest.mark.parametrize("plot", [plot_stacked_bars, plot_grouped_bars])
def test_bars_with_long_names_keep_half_the_width(plot: Callable[..., Figure]) -> None:
    table = pd.DataFrame(
        {"Yes": [18, 12, 9, 15, 4], "No": [3, 9, 12, 6, 17]}, index=STATEMENTS[:5]
    ).rename_axis("question")
    fig = plot(table if plot is plot_stacked_bars else table.T)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    assert plot_share(fig) >= 0.5
    assert_apart(boxes(ax.get_yticklabels()))
    assert_rows_within_axes(fig)
    assert_inside(fig, boxes([ax.xaxis.label, *ax.get_yticklabels()]))


AGREEMENT = pd.DataFrame(
    {
        "code": [
            "Hyperparameters",
            "Preprocessing of Training Data",
            STATEMENTS[4],
            "GPU Usage",
            "Environment",
            "Evaluation and deployment",
        ],
        "estimate": [0.81, 0.52, 0.72, 1.0, -0.0001, 0.0],
        "ci_low": [0.7, 0.38, 0.6, 1.0, np.nan, np.nan],
        "ci_high": [0.9, 0.66, 0.78, 1.0, np.nan, np.nan],
    }
)


@pytest.fixture(scope="module")
def agreement() -> Figure:
    fig = plot_agreement(AGREEMENT)
    fig.draw_without_rendering()
    return fig


def test_agreement_values_stand_beside_whisker_ends(agreement: Figure) -> None:
    ax = agreement.axes[0]
    values = [t for t in ax.texts if t.get_visible()]
    assert sorted(t.get_text() for t in values) == ["0.00", "0.00", "0.52", "0.72", "0.81", "1.00"]
    whiskers = ax.collections[0].get_paths()
    dots = next(line for line in ax.lines if line.get_marker() == "o")
    radius = dots.get_markersize() / 2 * agreement.dpi / 72
    for text in values:
        box = text.get_window_extent()
        y = ax.transData.inverted().transform(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))[1]
        row = int(np.argmin(np.abs(dots.get_ydata() - y)))
        ends = [dots.get_xdata()[row], *whiskers[row].vertices[:, 0]]
        right = ax.transData.transform((np.nanmax(ends), 0))[0]
        assert box.x0 >= right + radius + 1, (text.get_text(), box.x0, right)


def test_agreement_values_are_above_threshold_lines_on_white(agreement: Figure) -> None:
    ax = agreement.axes[0]
    thresholds = [line for line in ax.lines if isinstance(line, Line2D) and line.get_linestyle()]
    thresholds = [line for line in thresholds if line.get_marker() in ("None", "", None)]
    assert thresholds
    for text in ax.texts:
        patch = text.get_bbox_patch()
        assert patch is not None and patch.get_facecolor()[:3] == (1.0, 1.0, 1.0)
        assert patch.get_facecolor()[3] == 1.0
        assert all(text.get_zorder() > line.get_zorder() for line in thresholds)


def test_agreement_dots_and_labels_are_inside(agreement: Figure) -> None:
    ax = agreement.axes[0]
    dots = next(line for line in ax.lines if line.get_marker() == "o")
    radius = dots.get_markersize() / 2 * agreement.dpi / 72
    area = ax.get_window_extent()
    for x in ax.transData.transform(np.column_stack([dots.get_xdata(), dots.get_ydata()]))[:, 0]:
        assert area.x0 <= x - radius and x + radius <= area.x1
    assert_apart(boxes(ax.get_yticklabels()))
    assert_rows_within_axes(agreement)
    assert_inside(agreement, boxes([ax.xaxis.label, *ax.get_yticklabels(), *ax.texts]))
    assert plot_share(agreement) >= 0.5


def test_every_coefficient_has_an_axis_label() -> None:
    from analysis.figures.agreement import COEFFICIENT_LABELS
    from coding import COEFFICIENTS

    assert set(COEFFICIENTS) <= set(COEFFICIENT_LABELS)
    fig = plot_agreement(AGREEMENT, xlabel=COEFFICIENT_LABELS["cohen_kappa"])
    assert fig.axes[0].get_xlabel() == "Cohen's \u03ba"


def test_long_label_figures_save_byte_identically(tmp_path: Path) -> None:
    summary, labels = likert_input()
    saved = []
    for run in ("a", "b"):
        figures = {
            "likert": plot_likert(summary, SCALE, labels=labels, width="single"),
            "agreement": plot_agreement(AGREEMENT),
        }
        for name, fig in figures.items():
            saved += save_figure(fig, tmp_path / run / name, formats=("png", "svg"), dpi=150)
    half = len(saved) // 2
    for a, b in zip(saved[:half], saved[half:], strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
