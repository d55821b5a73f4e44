"""ASReview itself on the Humbatova titles or the example study, with studykit's priors and seeds.

    .venv/bin/python benchmarks/bench_screening_asreview.py --asreview /path/to/venv/bin/asreview
    .venv/bin/python benchmarks/bench_screening_asreview.py --asreview ... --dataset example

ASReview (PyPI `asreview`, its default model `elas_u4`: TF-IDF, linear SVM, maximum query,
balanced) runs in its own virtual environment (its pins differ from studykit's). For each seed
the prior rows are the ones studykit's simulation draws (`draw_priors`), passed by
--prior-idx, and --seed is the seed; the order it labels records in is read from the project
file's results table and scored with studykit's metrics (priors left out). Writes
benchmarks/results/screening-<dataset>-asreview.md and every seed's metrics to
screening-<dataset>-asreview-seeds.csv (for paired comparisons with studykit's runs).

The example study (after `make demo`): the items with a consensus `discovery_stage`, relevant if
`deployment`, in the order `studykit screen simulate` reads them; ASReview gets the item's title
as title and the rest of studykit's text (body, labels, comments) as abstract, cut at
ASReview's CSV field limit (131,072 characters; one item of the example is longer, 199,964).
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

FIELD_LIMIT = 131_072
RESULTS = Path(__file__).resolve().parent / "results"
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"
DATASETS = {
    "humbatova": "the Humbatova Stack Overflow titles",
    "example": "the example study, discovery_stage = deployment",
}


def example_records() -> pd.DataFrame:
    """title, abstract, relevant: the example study's screened items, in simulate's order."""
    from studykit.db import Database
    from studykit.db.reads import consensus_labels
    from studykit.screening.decisions import relevance
    from studykit.screening.texts import item_texts

    db = Database.open(f"sqlite:///{EXAMPLE / 'processed' / 'study.sqlite'}")
    labels, _ = relevance(consensus_labels(db), "discovery_stage", ["deployment"])
    data = labels.merge(item_texts(db), on="item_id", how="left")
    titles = db.read("items", columns=["id", "title"]).rename(columns={"id": "item_id"})
    data = data.merge(titles, on="item_id", how="left")
    text = data["text"].fillna("")
    abstract = [
        t.removeprefix(title).strip()[: FIELD_LIMIT - 1]
        for t, title in zip(text, data["title"], strict=True)
    ]
    return pd.DataFrame(
        {"title": data["title"], "abstract": abstract, "relevant": data["relevant"]}
    )


def records(dataset: str) -> pd.DataFrame:
    """title, abstract, relevant (0/1) of a dataset."""
    if dataset == "example":
        return example_records()
    data = stack_overflow_titles()
    return pd.DataFrame({"title": data["title"], "abstract": "", "relevant": data["relevant"]})


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
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="humbatova")
    args = parser.parse_args()
    data = records(args.dataset)
    labels = data["relevant"].to_numpy()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv = work / f"{args.dataset}.csv"
        data.rename(columns={"relevant": "included"}).to_csv(csv, index=False)
        for seed in range(args.seeds):
            priors = draw_priors(labels, 1, 10, seed)
            read = asreview_order(args.asreview, csv, priors, seed, work)
            rest = [i for i in range(len(labels)) if i not in set(read) | set(priors.tolist())]
            found = screening_metrics(labels[read + rest])
            rows.append({"seed": seed, **found.__dict__})
            print(seed, found, flush=True)
    runs = pd.DataFrame(rows)
    RESULTS.mkdir(exist_ok=True)
    runs.to_csv(RESULTS / f"screening-{args.dataset}-asreview-seeds.csv", index=False)
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
    text = f"# ASReview on {DATASETS[args.dataset]} (same priors and seeds)\n\n"
    (RESULTS / f"screening-{args.dataset}-asreview.md").write_text(
        text + to_markdown(summary), encoding="utf-8"
    )
    print(to_markdown(summary))


if __name__ == "__main__":
    main()
