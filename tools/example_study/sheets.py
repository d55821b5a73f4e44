"""Labelling sheets of both rounds and the adjudication file with its rationales."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

from tools.example_study.banks import issues as tx
from tools.example_study.codebook_files import code_definitions
from tools.example_study.constants import DIMENSIONS
from tools.example_study.helpers import pick
from tools.example_study.threads import Thread


def sheet_text(body: str | None) -> str:
    """The `text` column: the body with normalised line ends, truncated to 500 characters."""
    return (body or "").replace("\r\n", "\n")[:500]


def write_sheets(
    out: Path, items: list[Thread], sheets: dict[str, list[dict[str, str]]], rnd: str
) -> None:
    """Write codings/round-N/<rater>.csv in the labelling-sheet format."""
    folder = out / "codings" / f"round-{rnd}"
    folder.mkdir(parents=True, exist_ok=True)
    header = ["item_id", "rater", "round", "link", "title", "text", *DIMENSIONS, "notes"]
    for rater, rows in sheets.items():
        with (folder / f"{rater}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for t, row in zip(items, rows, strict=True):
                w.writerow(
                    [
                        t.item_id,
                        rater,
                        rnd,
                        t.html_url,
                        t.title,
                        sheet_text(t.body),
                        *[row[d] for d in DIMENSIONS],
                        row["notes"],
                    ]
                )


STAGE_PHRASE = {
    "environment_setup": "while installing",
    "data_pipeline": "while preparing data",
    "modelling": "while building the model",
    "training": "while training",
    "evaluation": "while evaluating",
    "deployment": "while deploying",
}


def rationale(
    rng: np.random.Generator,
    dim: str,
    consensus: str,
    a: str,
    b: str,
    assoc: str,
    defs: dict[tuple[str, str], tuple[str, str]],
) -> str:
    """A short adjudication rationale for one disagreement."""
    if dim == "symptom":
        union, both = set(a.split(";")) | set(b.split(";")), set(a.split(";")) & set(b.split(";"))
        agreed = set(consensus.split(";"))
        dropped, missed = sorted(union - agreed), sorted(agreed - both)
        key = "symptom_dropped" if dropped else "symptom_missed"
        return pick(rng, tx.RATIONALES[key]).format(
            consensus=consensus.replace(";", " and "),
            dropped=" and ".join(dropped),
            missed=" and ".join(missed),
        )
    label, definition = defs[(dim, consensus)]
    key = consensus if dim == "reporter_type" else dim
    return pick(rng, tx.RATIONALES[key]).format(
        consensus=consensus,
        definition=definition,
        other=b if a == consensus else a,
        label_lc=label.lower(),
        stage_phrase=STAGE_PHRASE.get(consensus, ""),
        assoc=assoc,
    )


def write_adjudication(
    out: Path,
    rng: np.random.Generator,
    items: list[Thread],
    sheets: dict[str, list[dict[str, str]]],
    book: dict[str, Any],
) -> int:
    """codings/adjudication-round-2.csv: one row per (item, dimension) disagreement."""
    defs = code_definitions(book)
    rows = []
    for t, a, b in zip(items, sheets["alice"], sheets["bob"], strict=True):
        truth = t.truth
        assert truth is not None
        true = {
            "defect_type": truth.defect_type,
            "symptom": ";".join(truth.symptoms),
            "root_cause": truth.root_cause,
            "reporter_type": truth.reporter_type,
            "discovery_stage": truth.discovery_stage,
        }
        for dim in DIMENSIONS:
            if a[dim] != b[dim]:
                why = rationale(rng, dim, true[dim], a[dim], b[dim], t.ctx["_assoc"], defs)
                rows.append([t.item_id, dim, a[dim], b[dim], true[dim], why])
    path = out / "codings" / "adjudication-round-2.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["item_id", "dimension", "alice", "bob", "consensus", "rationale"])
        w.writerows(rows)
    return len(rows)
