"""Fixed facts of the example study shared by every step: seed, organisation, dates, keywords,
coding dimensions and the output folder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TypeVar

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example"
SEED = 20260115
ORG = "synthetic-cv"
API = "https://api.github.com"
WEB = "https://github.com"
UTC = dt.UTC
FETCHED = dt.datetime(2026, 1, 15, 10, 0, 0, tzinfo=UTC)
END = dt.datetime(2025, 12, 20, 18, 0, 0, tzinfo=UTC)
PER_PAGE = 100
KEYWORDS = ("error", "crash", "fail", "wrong", "mismatch", "nan", "exception")
KEYWORD_WORD = re.compile(r"\b(" + "|".join(KEYWORDS) + r")\b", re.IGNORECASE)
RESOURCES = ("repository", "issues", "comments", "events", "pulls", "commits")
DIMENSIONS = ("defect_type", "symptom", "root_cause", "reporter_type", "discovery_stage")
SINGLE_DIMENSIONS = ("defect_type", "root_cause", "reporter_type", "discovery_stage")
STAGES = (
    "environment_setup",
    "data_pipeline",
    "modelling",
    "training",
    "evaluation",
    "deployment",
)
SYMPTOMS_V2 = (
    "crash",
    "wrong_output",
    "accuracy_below_expectations",
    "speed_below_expectations",
    "numerical_error",
    "build_failure",
    "reproducibility",
)
SYMPTOMS_V1 = (
    "crash",
    "wrong_output",
    "perf_below_expectations",
    "numerical_error",
    "build_failure",
)

T = TypeVar("T")
Sheets = dict[str, list[dict[str, str]]]
