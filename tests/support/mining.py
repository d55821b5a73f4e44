"""Shared helpers of the mining tests: a study on disk, table rows as plain data, token greps."""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mining.client import FetchPolicy
from studykit.db import Database
from tests.support.corpus import Corpus, expected_rows

TOKEN = "ghp_studykitTESTtoken0123456789abcdef"
KEYS = {
    "repositories": ("full_name",),
    "issues": ("repository", "number"),
    "pull_requests": ("repository", "number"),
    "comments": ("id",),
    "review_comments": ("id",),
    "events": ("id",),
    "cross_references": ("repository", "issue_number", "source_repository", "source_number"),
}
FAST = {"STUDYKIT_MINING_BACKOFF": "0.02", "STUDYKIT_MINING_SECONDARY_WAIT": "0.2"}


def write_study(folder: Path, repositories: Sequence[str], extra: str = "") -> Path:
    """A study manifest listing the repositories, with its database next to it."""
    folder.mkdir(parents=True, exist_ok=True)
    names = ", ".join(f'"{r}"' for r in repositories)
    manifest = folder / "study.toml"
    manifest.write_text(
        f'[study]\nname = "mining test"\n[github]\nrepositories = [{names}]\n{extra}',
        encoding="utf-8",
    )
    return manifest


def plain(value: Any) -> Any:
    """A database value as plain Python (NaN to None, numpy scalars to Python ones)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, list | np.ndarray):
        return [plain(v) for v in value]
    return value


def rows(db: Database, table: str) -> list[dict[str, Any]]:
    """A table's rows as plain dicts, sorted by its key."""
    frame = db.read(table)
    found = [{k: plain(v) for k, v in r.items()} for r in frame.to_dict("records")]
    return sorted(found, key=lambda r: tuple(r[k] for k in KEYS[table]))


def assert_matches_truth(db: Database, corpus: Corpus) -> None:
    """Every GitHub table holds exactly the corpus's ground truth, row for row."""
    for table, expected in expected_rows(corpus).items():
        want = sorted(expected, key=lambda r: tuple(r[k] for k in KEYS[table]))
        got = rows(db, table)
        assert len(got) == len(want), f"{table}: {len(got)} rows, expected {len(want)}"
        for found, wanted in zip(got, want, strict=True):
            assert found == wanted, f"{table}: {found} != {wanted}"


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Files under a folder whose bytes (gunzipped too) contain `needle`."""
    hits = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data += gzip.decompress(data)
        if needle.encode() in data:
            hits.append(path)
    return hits


ALPHA, BETA = "lab/alpha", "lab/beta"
QUICK = FetchPolicy(backoff_base=0.02, secondary_wait=0.2)
