"""Codebook files: example items of the leaf codes, YAML writing, code lists per dimension."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from tools.example_study.threads import Thread

V1_CODE = {
    "env_version": "env_dependency",
    "accuracy_below_expectations": "perf_below_expectations",
    "speed_below_expectations": "perf_below_expectations",
    "reproducibility": "perf_below_expectations",
}


def code_definitions(book: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(dimension, code) -> (label, definition) for every code of a codebook, any depth."""
    out: dict[tuple[str, str], tuple[str, str]] = {}

    def walk(dim: str, codes: list[dict[str, Any]]) -> None:
        for c in codes:
            out[(dim, c["code"])] = (c["label"], c["definition"])
            walk(dim, c.get("children", []))

    for d in book["dimensions"]:
        walk(d["name"], d["codes"])
    return out


def codebook_examples(book: dict[str, Any], items: list[Thread], version: str) -> None:
    """Fill `examples` of every leaf code with the first item whose ground truth has it."""
    truth_codes: dict[tuple[str, str], str] = {}
    for t in items:
        tr = t.truth
        assert tr is not None
        pairs = [
            ("defect_type", tr.defect_type),
            ("root_cause", tr.root_cause),
            ("reporter_type", tr.reporter_type),
            ("discovery_stage", tr.discovery_stage),
        ]
        pairs += [("symptom", s) for s in tr.symptoms]
        for dim, code in pairs:
            code = V1_CODE.get(code, code) if version == "1" else code
            truth_codes.setdefault((dim, code), t.item_id)

    def walk(dim: str, codes: list[dict[str, Any]]) -> None:
        for c in codes:
            if c.get("children"):
                walk(dim, c["children"])
            elif (dim, c["code"]) in truth_codes:
                c["examples"] = [truth_codes[(dim, c["code"])]]

    for d in book["dimensions"]:
        walk(d["name"], d["codes"])


def write_yaml(path: Path, obj: dict[str, Any], header: str) -> None:
    """Write a YAML file with a comment header, keys in insertion order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        obj, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    path.write_text(header + text, encoding="utf-8")


def codebook_codes(book: dict[str, Any]) -> dict[str, set[str]]:
    """All codes (any depth) per dimension."""
    out: dict[str, set[str]] = defaultdict(set)
    for dim, code in code_definitions(book):
        out[dim].add(code)
    return out
