"""Technique figures with long subject and technique names, measured with matplotlib's renderer:
no text cut off at the figure's edge, row and column labels apart, stars where significant."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from analysis.figures import save_figure
from analysis.figures.techniques import plot_a12_heatmap, plot_runs
from analysis.techniques import compare_runs

SUBJECTS = [
    "lenet5-mnist-wrong-activation-in-last-layer",
    "vgg16-cifar10-learning-rate-too-high",
    "lstm-imdb",
    "resnet20-cifar10-missing-batch-normalisation",
    "mlp-reuters",
    "cnn-cifar10-m04-batch-size-2048",
    "mlp-reuters-m05-mse-loss",
    "vit-replica-no-warmup",
    "yolo-reimpl-lr-too-high",
]
MEANS = {"faulty": 0.5, "fix": 0.9, "random-search": 0.55, "AutoTrainer (patched)": 0.75,
         "DeepDiagnosis": 0.4}  # fmt: skip


@pytest.fixture(scope="module")
def runs() -> pd.DataFrame:
    rng = np.random.default_rng(9)
    rows = [
        (t, s, r, rng.normal(m, 0.04)) for t, m in MEANS.items() for s in SUBJECTS for r in range(8)
    ]
    return pd.DataFrame(rows, columns=["technique", "subject", "run", "value"])


def _texts(fig: Figure) -> list[Bbox]:
    found = []
    for text in fig.findobj(lambda artist: hasattr(artist, "get_text")):
        if text.get_visible() and str(text.get_text()).strip():  # type: ignore[attr-defined]
            found.append(text.get_window_extent())  # type: ignore[attr-defined]
    return found


def _inside(fig: Figure) -> None:
    edge = fig.bbox
    for box in _texts(fig):
        assert edge.x0 - 0.5 <= box.x0 and box.x1 <= edge.x1 + 0.5, (box, edge)
        assert edge.y0 - 0.5 <= box.y0 and box.y1 <= edge.y1 + 0.5, (box, edge)


def _apart(boxes: list[Bbox]) -> None:
    for a, b in itertools.combinations(boxes, 2):
        assert a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0, (a, b)


def test_heatmap_keeps_long_names_inside_and_stars_the_significant(runs: pd.DataFrame) -> None:
    comparison = compare_runs(runs, reference="faulty", target="fix", baseline="random-search")
    fig = plot_a12_heatmap(comparison)
    _inside(fig)
    ax = fig.axes[0]
    rows = [t.get_window_extent() for t in ax.get_yticklabels()]
    _apart(rows)
    _apart([t.get_window_extent() for t in ax.get_xticklabels()])
    labels = {t.get_text().replace("\n", ""): t.get_text() for t in ax.get_yticklabels()}
    assert labels["lstm-imdb"] == "lstm-imdb"
    assert labels[SUBJECTS[0]] == "lenet5-mnist-\nwrong-activation-\nin-last-layer"
    assert labels["cnn-cifar10-m04-batch-size-2048"] == "cnn-cifar10-m04-\nbatch-size-2048"
    cells = {t.get_text() for t in ax.texts}
    better = comparison.loc[comparison["better_reference"], "a12_reference"]
    assert {f"{a:.2f}*" for a in better} <= cells
    assert len([c for c in cells if c.endswith("*")]) == len({f"{a:.2f}*" for a in better})


def test_runs_panels_keep_text_inside_and_label_the_bottom_row(runs: pd.DataFrame) -> None:
    order = ["faulty", "AutoTrainer (patched)", "DeepDiagnosis", "random-search", "fix"]
    fig = plot_runs(runs, order=order, metric="test accuracy")
    _inside(fig)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == len(SUBJECTS)
    labelled = [ax for ax in visible if any(t.get_visible() and t.get_text()
                                             for t in ax.get_xticklabels())]  # fmt: skip
    assert len(labelled) == 4  # the bottom panel of each of the four columns
    titles = [ax.get_title(loc="left") for ax in visible]
    assert titles[0].replace("\n", "") == sorted(SUBJECTS)[0]
    for ax in visible:  # a title stays above its own panel, clear of the next one
        title = ax.title if ax.get_title() else ax._left_title  # type: ignore[attr-defined]
        box, panel = title.get_window_extent(), ax.get_window_extent()
        assert box.x1 <= panel.x1 + 2, (title.get_text(), box, panel)


def test_technique_figures_save_byte_identically(runs: pd.DataFrame, tmp_path: Path) -> None:
    comparison = compare_runs(runs, reference="faulty")
    for name in ("a", "b"):
        save_figure(plot_a12_heatmap(comparison), tmp_path / name, formats=("png", "svg"))
    for suffix in ("png", "svg"):
        assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()


def test_runs_figure_saves_byte_identically(runs: pd.DataFrame, tmp_path: Path) -> None:
    order = list(MEANS)
    for name in ("a", "b"):
        save_figure(plot_runs(runs, order=order), tmp_path / name, formats=("png", "svg"))
    for suffix in ("png", "svg"):
        assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()


def test_heatmap_puts_the_baseline_last_as_the_paper_table_does(runs: pd.DataFrame) -> None:
    comparison = compare_runs(runs, reference="faulty", target="fix", baseline="DeepDiagnosis")
    ax = plot_a12_heatmap(comparison).axes[0]
    columns = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert columns == ["AutoTrainer (patched)", "random-search", "DeepDiagnosis"]
