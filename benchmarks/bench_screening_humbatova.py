"""Screening simulation on real labelled text: Humbatova et al.'s Stack Overflow titles.

    .venv/bin/python benchmarks/bench_screening_humbatova.py [--seeds 15] [--models lr,nb,svm]

The ASReview protocol (1 relevant and 10 irrelevant priors per seed, retraining after every
decision) for each of studykit's models against random reading; writes the table to
benchmarks/results/screening-humbatova.md and the recall curves to
benchmarks/results/screening-humbatova.png. Reads ../shared/datasets, copies nothing.
"""

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from humbatova_screening_data import stack_overflow_titles

from analysis.figures.recall_curves import plot_recall_curves
from analysis.figures.save import save_figure
from analysis.screening.features import text_features
from analysis.screening.report import simulation_table
from analysis.screening.simulation import simulate
from analysis.table_writers import to_markdown

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    """Simulate each model on the titles; write the table and the figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=15)
    parser.add_argument("--models", default="nb,svm,lr")
    args = parser.parse_args()
    data = stack_overflow_titles()
    features = text_features(data["title"].tolist())
    lines = [
        "# Screening simulation: Humbatova et al. (ICSE 2020), Stack Overflow titles",
        "",
        f"{len(data)} analysed Stack Overflow artefacts (titles only), "
        f"{int(data['relevant'].sum())} relevant; priors 1 relevant + 10 irrelevant per seed, "
        f"{args.seeds} seeds, retrained after every decision; metrics leave the priors out.",
        "",
    ]
    curves = []
    for model in args.models.split(","):
        start = time.perf_counter()
        result = simulate(
            features, data["relevant"].to_numpy(), model=model, seeds=range(args.seeds)
        )
        seconds = time.perf_counter() - start
        lines += [
            f"## {model} ({seconds:.0f} s)",
            "",
            to_markdown(simulation_table(result)).strip(),
            "",
        ]
        curves.append(
            result.curves if not curves else result.curves[result.curves["method"] != "random"]
        )
        print(f"{model}: {seconds:.0f} s", flush=True)
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "screening-humbatova.md").write_text("\n".join(lines), encoding="utf-8")
    fig = plot_recall_curves(
        pd.concat(curves, ignore_index=True),
        title="Humbatova et al.: Stack Overflow titles, model order vs random",
    )
    save_figure(fig, RESULTS / "screening-humbatova", formats=("png",))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
