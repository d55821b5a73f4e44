"""Checks of the designed properties: the filter selects exactly the defects, the ground-truth
shares, the codes of every sheet."""

from __future__ import annotations

from typing import Any

from tools.example_study.codebook_files import codebook_codes
from tools.example_study.constants import DIMENSIONS, KEYWORD_WORD, KEYWORDS
from tools.example_study.design import PARENT
from tools.example_study.threads import Thread


def check_selection(threads: list[Thread]) -> None:
    """The filter `label bug OR whole-word keyword, not a PR` selects exactly the defect reports,
    and requests contain no keyword even as a substring (titles, bodies, comments)."""
    for t in threads:
        if t.kind == "pr":
            continue
        text = f"{t.title}\n{t.body or ''}"
        selected = "bug" in t.labels or bool(KEYWORD_WORD.search(text))
        assert selected == (t.kind == "defect"), (t.item_id, t.title)
        if t.kind != "defect":
            low = (text + "\n" + "\n".join(c.body for c in t.comments)).lower()
            assert not any(k in low for k in KEYWORDS), (
                t.item_id,
                [k for k in KEYWORDS if k in low],
            )
            assert not {"question", "duplicate"} & set(t.labels) or t.kind == "question"
        else:
            assert not {"question", "duplicate", "enhancement"} & set(t.labels), t.item_id


def check_distributions(items: list[Thread]) -> dict[str, float]:
    """Assert the designed ground-truth distributions and return a few headline shares."""
    n = len(items)
    truths = [t.truth for t in items if t.truth]
    env = [tr for tr in truths if PARENT[tr.defect_type] == "environment"]
    repro = [tr for tr in truths if "reproducibility" in tr.symptoms]
    shares = {
        "environment": len(env) / n,
        "env_api_of_environment": sum(tr.defect_type == "env_api" for tr in env) / len(env),
        "re_user": sum(tr.reporter_type == "re_user" for tr in truths) / n,
        "reproducibility_found_in_training": sum(tr.discovery_stage == "training" for tr in repro)
        / len(repro),
    }
    assert 0.42 <= shares["environment"] <= 0.48, shares
    assert shares["env_api_of_environment"] > 0.5, shares
    assert 0.55 <= shares["re_user"] <= 0.61, shares
    assert shares["reproducibility_found_in_training"] >= 0.5, shares
    return shares


def check_sheet_codes(sheets: dict[str, list[dict[str, str]]], book: dict[str, Any]) -> None:
    """Every code in a sheet exists in the codebook of its round."""
    codes = codebook_codes(book)
    for rows in sheets.values():
        for row in rows:
            for dim in DIMENSIONS:
                for code in row[dim].split(";"):
                    assert code in codes[dim], (dim, code)
