"""A small study for the screening tests: items with texts and a yes/no `relevant` dimension."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from studykit.db import schema
from studykit.db.engine import insert
from studykit.study import Study

STAMP = "2024-01-01T00:00:00Z"


def screening_texts(n: int = 120, every: int = 6) -> list[tuple[str, str, int]]:
    """(item_id, text, relevant) with relevant texts sharing words the others lack."""
    rng = np.random.default_rng(11)
    filler = ["docs", "question", "install", "readme", "feature", "how", "to", "use", "api"]
    rows = []
    for i in range(n):
        words = list(rng.choice(filler, 6))
        relevant = int(i % every == 0)
        if relevant:
            words += ["training", "crash", "nan", "loss"]
        rows.append((f"repo{i % 3}/x#{i}", " ".join(words), relevant))
    return rows


def screening_study(tmp_path: Path, *, decided: int | None = None, codings: bool = False) -> Path:
    """A study whose first `decided` items (all by default) carry a relevant label: consensus,
    or with `codings` a coding by rater alice."""
    root = tmp_path / "screen"
    root.mkdir()
    manifest = root / "study.toml"
    manifest.write_text('[study]\nname = "screening"\n', encoding="utf-8")
    rows = screening_texts()
    study = Study.open(manifest)
    with study.db.begin() as conn:
        insert(
            conn,
            schema.items,
            [
                {
                    "id": item,
                    "kind": "issue",
                    "repository": item.split("#")[0],
                    "title": f"title {item}",
                    "text": text,
                    "meta": {},
                }
                for item, text, _ in rows
            ],
        )
        decided_rows = rows[: len(rows) if decided is None else decided]
        if codings:
            insert(
                conn,
                schema.codings,
                [
                    {
                        "item_id": item,
                        "rater": "alice",
                        "dimension": "relevant",
                        "code": "yes" if label else "no",
                        "round": "screening",
                        "coded_at": STAMP,
                    }
                    for item, _, label in decided_rows
                ],
            )
        else:
            insert(
                conn,
                schema.consensus,
                [
                    {
                        "item_id": item,
                        "dimension": "relevant",
                        "code": "yes" if label else "no",
                        "round": "1",
                        "method": "agreed",
                        "decided_at": STAMP,
                    }
                    for item, _, label in decided_rows
                ],
            )
    study.close()
    return manifest
