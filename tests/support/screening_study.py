"""A small study for the screening tests: items with texts and a yes/no `relevant` dimension."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from studykit.db import schema
from studykit.db.engine import insert
from studykit.study import Study

STAMP = "2024-01-01T00:00:00Z"
DECIDED = 60


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


CODE_WORDS = {
    "api": ["attribute", "removed", "deprecated", "module"],
    "shape": ["dimension", "mismatch", "tensor", "reshape"],
    "gpu": ["cuda", "memory", "device", "driver"],
}


def coded_study(tmp_path: Path, *, labelled: int = 90, n: int = 120) -> Path:
    """Items in 3 repositories; the first `labelled` have a consensus `fault` code and two
    raters' codings (bob disagrees on every fifth); the rest are uncoded."""
    rng = np.random.default_rng(5)
    codes = list(CODE_WORDS)
    root = tmp_path / "coded"
    root.mkdir()
    manifest = root / "study.toml"
    manifest.write_text('[study]\nname = "suggestions"\n', encoding="utf-8")
    study = Study.open(manifest)
    items, consensus, codings = [], [], []
    for i in range(n):
        code = codes[i % 3]
        text = " ".join([*rng.choice(CODE_WORDS[code], 2), *rng.choice(["help", "error"], 2)])
        item = f"org/r{i % 4}#{i}"
        items.append(
            {"id": item, "kind": "issue", "repository": f"org/r{i % 4}", "text": text, "meta": {}}
        )
        if i < labelled:
            consensus.append(
                {
                    "item_id": item,
                    "dimension": "fault",
                    "code": code,
                    "round": "1",
                    "method": "agreed",
                    "decided_at": STAMP,
                }
            )
            for rater in ("alice", "bob"):
                said = codes[(i + 1) % 3] if rater == "bob" and i % 5 == 0 else code
                codings.append(
                    {
                        "item_id": item,
                        "rater": rater,
                        "dimension": "fault",
                        "code": said,
                        "round": "1",
                        "coded_at": STAMP,
                    }
                )
    with study.db.begin() as conn:
        insert(conn, schema.items, items)
        insert(conn, schema.consensus, consensus)
        insert(conn, schema.codings, codings)
    study.close()
    return manifest


def sampled_screening_study(tmp_path: Path) -> Path:
    """120 items (every 6th relevant), all sampled but the last 10; alice decided the first 60."""
    codebook = {
        "name": "screening",
        "version": "1",
        "dimensions": [{"name": "relevant", "codes": [{"code": "yes"}, {"code": "no"}]}],
    }
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(codebook))
    manifest = tmp_path / "study.toml"
    manifest.write_text(
        '[study]\nname = "order"\n[coding]\ncodebook = "codebook.yaml"\nraters = ["alice"]\n'
    )
    rows = screening_texts()
    study = Study.open(manifest)
    with study.db.begin() as conn:
        insert(
            conn,
            schema.items,
            [{"id": i, "kind": "issue", "title": i, "text": t, "meta": {}} for i, t, _ in rows],
        )
        insert(
            conn,
            schema.samples,
            [
                {"id": 1, "name": "main", "size": 110, "population": 120, "seed": 1,
                 "filter": {}, "method": "test", "created_at": STAMP}
            ],
        )  # fmt: skip
        insert(
            conn, schema.sample_items, [{"sample_id": 1, "item_id": i} for i, _, _ in rows[:110]]
        )
        insert(
            conn,
            schema.codings,
            [
                {"item_id": i, "rater": "alice", "dimension": "relevant", "round": "1",
                 "code": "yes" if r else "no", "coded_at": STAMP}
                for i, _, r in rows[:DECIDED]
            ],
        )  # fmt: skip
    study.close()
    return manifest
