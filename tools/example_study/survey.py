"""The survey export (Google Forms shape) with the designed group differences."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
from scipy.stats import mannwhitneyu

from tools.example_study.banks import survey as sv
from tools.example_study.helpers import weighted


def likert(rng: np.random.Generator, mean: float) -> str:
    """A five-point Likert answer around a latent mean."""
    v = int(np.clip(round(rng.normal(mean, 0.85)), 1, 5))
    return sv.SCALE[v - 1]


def write_survey(out: Path, rng: np.random.Generator) -> dict[str, float]:
    """survey/responses.csv in the Google Forms export shape; returns Mann-Whitney p-values."""
    roles = [r for r, k in sv.ROLE_COUNTS.items() for _ in range(k)]
    roles = [roles[int(i)] for i in rng.permutation(len(roles))]
    start = dt.datetime(2025, 3, 3, 9, 12, 0)
    q1 = list(sv.OPEN_HARDEST)
    q2 = list(sv.OPEN_TOOL)
    order1, order2 = rng.permutation(len(q1)), rng.permutation(len(q2))
    rows = []
    for i, role in enumerate(roles):
        start += dt.timedelta(hours=float(rng.exponential(9.0)))
        if not 8 <= start.hour <= 22:
            start = start.replace(hour=int(rng.integers(8, 12))) + dt.timedelta(
                days=start.hour > 22
            )
        ts = f"{start:%Y/%m/%d} {start.hour % 12 or 12}:{start:%M:%S %p} GMT+1"
        group = sv.ROLE_GROUP[role]
        answers = [likert(rng, sv.ITEM_MEANS[j][group]) for j in range(len(sv.ITEMS))]
        for j in range(len(answers)):
            if rng.random() < 0.03:
                answers[j] = ""
        exp = weighted(rng, sv.EXPERIENCE[group])
        size = weighted(rng, sv.ORG_SIZE[group])
        a1 = q1[int(order1[i])] if i < len(q1) and rng.random() < 0.9 else ""
        a2 = q2[int(order2[i])] if i < len(q2) and rng.random() < 0.8 else ""
        shown_role = role if role != "Other" else "Data scientist"
        rows.append([ts, shown_role, exp, size, *answers, a1, a2])
    header = [
        "Timestamp",
        sv.Q_ROLE,
        sv.Q_EXPERIENCE,
        sv.Q_ORG,
        *[f"{sv.GRID} [{item}]" for item in sv.ITEMS],
        sv.Q_OPEN1,
        sv.Q_OPEN2,
    ]
    folder = out / "survey"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "responses.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    pvalues = {}
    for j, item in enumerate(sv.ITEMS):
        res = [sv.SCALE.index(r[4 + j]) + 1 for r in rows if r[1] == "Researcher" and r[4 + j]]
        eng = [sv.SCALE.index(r[4 + j]) + 1 for r in rows if r[1] == "ML engineer" and r[4 + j]]
        pvalues[item] = float(mannwhitneyu(res, eng).pvalue)
    return pvalues
