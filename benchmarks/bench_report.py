"""Benchmark: `studykit report` on a study of 100,000 labelled items, then a no-change re-run.

Builds a synthetic study (the example's codebook and report outputs, 100,000 items from five
repositories with consensus labels and two raters' codings) in a temporary folder, then times
the command as a user runs it. Run on demand: `.venv/bin/python benchmarks/bench_report.py`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from coding.codebook import load_codebook
from studykit.db import Database, insert, records, schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"


def build(folder: Path, n_items: int, seed: int) -> Path:
    """Write a manifest and fill its database with n_items labelled items; return the manifest."""
    example = (EXAMPLE / "study.toml").read_text()
    outputs = example[example.index("[[report.figures]]") :]
    outputs = outputs[: outputs.find("\n[[report", outputs.index('name = "issues-over-time"'))]
    tables = example[example.index("[[report.tables]]") :]
    tables = tables[: tables.find("\n[[report", tables.index('name = "agreement"'))]
    text = (
        f'[study]\nname = "report benchmark"\ndatabase = "sqlite:///s.sqlite"\n'
        f'[coding]\ncodebook = "{EXAMPLE / "codebook.yaml"}"\n'
        f'[report]\noutput = "reports"\n\n{outputs}\n{tables}\n'
    )
    manifest = folder / "study.toml"
    manifest.write_text(text)
    rng = np.random.default_rng(seed)
    codebook = load_codebook(EXAMPLE / "codebook.yaml")
    ids = [f"bench/repo{i % 5}#{i}" for i in range(n_items)]
    days = rng.integers(0, 5 * 365, n_items)
    created = (pd.Timestamp("2020-01-01") + pd.to_timedelta(days, unit="D")).strftime(
        "%Y-%m-%dT00:00:00Z"
    )
    items = pd.DataFrame(
        {
            "id": ids,
            "kind": "github_issue",
            "source": "bench",
            "repository": [i.split("#")[0] for i in ids],
            "issue_number": range(n_items),
            "link": "",
            "title": "",
            "text": "",
            "created_at": created,
            "meta": [{}] * n_items,
        }
    )
    consensus, codings = [], []
    for dim in codebook.dimensions:
        leaves = dim.leaves()
        weights = rng.dirichlet(np.ones(len(leaves)))
        truth = rng.choice(leaves, size=n_items, p=weights)
        consensus.append(pd.DataFrame({"item_id": ids, "dimension": dim.name, "code": truth}))
        for rater in ("alice", "bob"):
            noisy = np.where(rng.random(n_items) < 0.8, truth, rng.choice(leaves, size=n_items))
            codings.append(
                pd.DataFrame({"item_id": ids, "rater": rater, "dimension": dim.name, "code": noisy})
            )
    labels = pd.concat(consensus).assign(
        round="1", method="agreed", rationale="", decided_at="2026-01-01T00:00:00Z"
    )
    coded = (
        pd.concat(codings)
        .drop_duplicates()
        .assign(round="2", coded_at="2026-01-01T00:00:00Z", note="", source="bench", codebook="")
    )
    db = Database.open(f"sqlite:///{folder / 's.sqlite'}")
    with db.begin() as conn:
        insert(conn, schema.items, records(items))
        insert(conn, schema.consensus, records(labels))
        insert(conn, schema.codings, records(coded))
    db.close()
    return manifest


def timed(manifest: Path) -> float:
    """Seconds one `studykit report` takes, as a user runs it."""
    start = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("studykit")), "report", "--study", str(manifest)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"studykit report failed: {done.stderr}")
    return time.perf_counter() - start


def main() -> None:
    """Build the study, time a first report and no-change re-runs, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reruns", type=int, default=5, help="no-change re-runs to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        manifest = build(Path(tmp), args.items, args.seed)
        print(f"built a study of {args.items:,} items in {time.perf_counter() - start:.1f} s")
        first = timed(manifest)
        again = sorted(timed(manifest) for _ in range(args.reruns))
    print("| run | seconds |\n| --- | ---: |")
    print(f"| `studykit report`, {args.items:,} items, 13 outputs | {first:.1f} |")
    print(
        f"| no-change re-run (median of {args.reruns}; min {again[0]:.2f}, max {again[-1]:.2f}) "
        f"| {statistics.median(again):.2f} |"
    )


if __name__ == "__main__":
    main()
