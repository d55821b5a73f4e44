"""Synthetic per-run result files of a repair benchmark, laid out as `import runs` reads them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np


def write_trial_runs(
    root: Path, means: Mapping[str, float], subjects: Iterable[str], runs: int, *, seed: int
) -> None:
    """root/TECHNIQUE/SUBJECT/run_N/trials.csv: 4 trials of val_acc and test_acc per run, as Ray
    Tune writes them (val_acc drawn around the technique's mean)."""
    rng = np.random.default_rng(seed)
    for technique, mean in means.items():
        for subject in subjects:
            for run in range(runs):
                folder = root / technique / subject / f"run_{run}"
                folder.mkdir(parents=True)
                rows = ["trial_id,val_acc,test_acc"]
                for trial in range(4):
                    val = rng.normal(mean, 0.05)
                    rows.append(f"t{trial},{val:.4f},{val + rng.normal(0, 0.01):.4f}")
                (folder / "trials.csv").write_text("\n".join(rows) + "\n")


def write_run_values(
    root: Path, means: Mapping[str, float], subjects: Iterable[str], runs: int, *, seed: int
) -> None:
    """root/TECHNIQUE/SUBJECT/run_N.csv: one `acc` value per run, drawn around the mean."""
    rng = np.random.default_rng(seed)
    for technique, mean in means.items():
        for subject in subjects:
            for run in range(runs):
                path = root / technique / subject / f"run_{run}.csv"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"acc\n{rng.normal(mean, 0.03):.4f}\n")
