"""Shared study-shaped fixtures for the analysis tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

PARENTS: dict[str, str | None] = {
    "environment": None,
    "env_api": "environment",
    "env_version": "environment",
    "model": None,
    "model_layer": "model",
    "data": None,
}


@pytest.fixture(scope="session")
def parents() -> dict[str, str | None]:
    return dict(PARENTS)


@pytest.fixture
def small_labels() -> pd.DataFrame:
    """Five items; defect_type is hierarchical (item a has two codes), symptom is multi-label."""
    rows = [
        ("a", "defect_type", "env_api"),
        ("a", "defect_type", "env_version"),
        ("b", "defect_type", "environment"),
        ("c", "defect_type", "env_api"),
        ("d", "defect_type", "model_layer"),
        ("e", "defect_type", "model"),
        ("a", "symptom", "crash"),
        ("a", "symptom", "hang"),
        ("b", "symptom", "crash"),
        ("c", "symptom", "wrong_output"),
        ("d", "symptom", "crash"),
        ("e", "symptom", "crash"),
        ("e", "symptom", "hang"),
    ]
    return pd.DataFrame(rows, columns=["item_id", "dimension", "code"])


@pytest.fixture
def small_items() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "item_id": list("abcde"),
            "repository": ["r1", "r1", "r2", "r2", "r2"],
            "author_association": ["NONE", "MEMBER", "NONE", "NONE", "MEMBER"],
            "created_at": [
                "2023-01-05T10:00:00Z",
                "2023-01-20T10:00:00Z",
                "2023-03-02T08:30:00Z",
                "2023-03-15T12:00:00Z",
                "2023-04-01T00:00:00Z",
            ],
        }
    )


@pytest.fixture(scope="session")
def study() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A seeded 300-item study (defect_type hierarchical, stage) and its items; do not mutate."""
    rng = np.random.default_rng(7)
    n = 300
    items = pd.DataFrame(
        {
            "item_id": [f"o/r#{k}" for k in range(n)],
            "repository": rng.choice(["keras", "torchvision", "transformers", "yolov5"], n),
            "author_association": rng.choice(["NONE", "CONTRIBUTOR", "MEMBER"], n),
            "created_at": [
                f"2022-{month:02d}-{day:02d}T12:00:00Z"
                for month, day in zip(rng.integers(1, 13, n), rng.integers(1, 29, n), strict=True)
            ],
        }
    )
    leaves = ["env_api", "env_version", "environment", "model_layer", "model", "data"]
    rows = []
    for item, reporter in zip(items["item_id"], items["author_association"], strict=True):
        weights = np.array([3.0, 2.0, 1.0, 2.0, 1.0, 1.0])
        if reporter == "NONE":
            weights[:3] *= 2.0
        rows.append((item, "defect_type", rng.choice(leaves, p=weights / weights.sum())))
        rows.append((item, "stage", rng.choice(["development", "deployment"])))
    labels = pd.DataFrame(rows, columns=["item_id", "dimension", "code"])
    return labels, items
