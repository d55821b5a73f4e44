"""ASReview itself on the Humbatova titles, with the same priors and seeds as studykit.

    .venv/bin/python benchmarks/bench_screening_asreview.py --asreview /path/to/venv/bin/asreview

ASReview (PyPI `asreview`, its default model `elas_u4`: TF-IDF, linear SVM, maximum query,
balanced) runs in its own virtual environment (its pins differ from studykit's). For each seed
the prior rows are the ones studykit's simulation draws (`draw_priors`), passed by
--prior-idx, and --seed is the seed; the order it labels records in is read from the project
file's results table and scored with studykit's metrics (priors left out). Writes
benchmarks/results/screening-humbatova-asreview.md.
"""

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from humbatova_screening_data import stack_overflow_titles

from analysis.screening.metrics import screening_metrics
from analysis.screening.simulation import draw_priors
from analysis.table_writers import to_markdown

RESULTS = Path(__file__).resolve().parent / "results"


def asreview_order(asreview: str, data: Path, priors: np.ndarray, seed: int, work: Path) -> list:
    """The rows ASReview labels after the priors, in its order."""
    project = work / f"seed{seed}.asreview"
    command = [asreview, "simulate", str(data), "--seed", str(seed), "-o", str(project)]
    command += ["--prior-idx", *[str(i) for i in priors]]
    subprocess.run(command, check=True, capture_output=True)
    with zipfile.ZipFile(project) as archive:
        archive.extract("results.db", work / f"seed{seed}")
    with sqlite3.connect(work / f"seed{seed}" / "results.db") as conn:
        rows = conn.execute("SELECT record_id FROM results ORDER BY rowid").fetchall()
    return [r[0] for r in rows if r[0] not in set(priors.tolist())]


def main() -> None:
    """Run ASReview per seed and write the metrics table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asreview", required=True)
    parser.add_argument("--seeds", type=int, default=15)
    args = parser.parse_args()
    data = stack_overflow_titles()
    labels = data["relevant"].to_numpy()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv = work / "humbatova-so.csv"
        pd.DataFrame({"title": data["title"], "abstract": "", "included": labels}).to_csv(
            csv, index=False
        )
        for seed in range(args.seeds):
            priors = draw_priors(labels, 1, 10, seed)
            read = asreview_order(args.asreview, csv, priors, seed, work)
            rest = [i for i in range(len(labels)) if i not in set(read) | set(priors.tolist())]
            found = screening_metrics(labels[read + rest])
            rows.append({"seed": seed, **found.__dict__})
            print(seed, found, flush=True)
    runs = pd.DataFrame(rows)
    summary = pd.DataFrame(
        [
            {
                "method": "ASReview elas_u4",
                "seeds": len(runs),
                **{
                    name: f"{runs[col].mean():.3f} ± {runs[col].std(ddof=1):.3f} "
                    f"[{runs[col].min():.3f}, {runs[col].max():.3f}]"
                    for name, col in (("WSS@95", "wss95"), ("RRF@10", "rrf10"), ("ATD", "atd"))
                },
            }
        ]
    )
    RESULTS.mkdir(exist_ok=True)
    text = "# ASReview on the Humbatova Stack Overflow titles (same priors and seeds)\n\n"
    (RESULTS / "screening-humbatova-asreview.md").write_text(
        text + to_markdown(summary), encoding="utf-8"
    )
    print(to_markdown(summary))


if __name__ == "__main__":
    main()
