"""Per technique, over subjects: how often it is significantly better, and its improvement ratio."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis._checks import require_columns

SUMMARY_COLUMNS = (
    "technique",
    "role",
    "subjects",
    "better_than_reference",
    "better_than_baseline",
    "mean_ratio",
    "median_ratio",
)


def technique_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """From compare_runs: per technique (the baseline last; reference and target left out) the
    subjects it ran on, on how many it is better than the reference and than the baseline (None
    for the baseline itself), and the mean and median improvement ratio over subjects."""
    require_columns(
        comparison,
        ["technique", "role", "ratio", "better_reference", "better_baseline"],
        name="comparison",
    )
    tested = comparison[comparison["role"].isin(["technique", "baseline"])]
    has_baseline = bool((comparison["role"] == "baseline").any())
    rows = []
    for technique, runs in tested.groupby("technique", sort=True):
        role = str(runs["role"].iloc[0])
        ratios = runs["ratio"].dropna()
        rows.append(
            {
                "technique": technique,
                "role": role,
                "subjects": len(runs),
                "better_than_reference": int(runs["better_reference"].sum()),
                "better_than_baseline": (
                    int(runs["better_baseline"].sum())
                    if has_baseline and role != "baseline"
                    else None
                ),
                "mean_ratio": float(ratios.mean()) if len(ratios) else np.nan,
                "median_ratio": float(ratios.median()) if len(ratios) else np.nan,
            }
        )
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    counts = [row["better_than_baseline"] for row in rows]  # whole numbers, None for the baseline
    frame["better_than_baseline"] = pd.Series(counts, index=frame.index, dtype=object)
    last = frame["role"] == "baseline"
    return pd.concat([frame[~last], frame[last]], ignore_index=True)
