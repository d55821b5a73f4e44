"""The personal-data check: roster names, e-mails, URLs with user names, phone numbers."""

import pandas as pd
import pytest

from coding.pii import find_personal_data, redact
from coding.transcripts import read_transcript, segment_frame
from tests.support.paths import EXAMPLE

INTERVIEWS = EXAMPLE / "interviews"


def test_the_example_has_exactly_the_two_planted_findings() -> None:
    names = pd.read_csv(INTERVIEWS / "roster.csv")["name"]
    found = []
    for path in sorted(INTERVIEWS.glob("P0*.*")):
        segments = segment_frame(read_transcript(path), path.stem)
        found.append(
            find_personal_data(dict(zip(segments["id"], segments["text"], strict=True)), names)
        )
    hits = pd.concat(found)
    assert hits[["segment_id", "kind", "match"]].values.tolist() == [
        ["P04-0001", "name", "Mira Castellanos"],
        ["P04-0042", "email", "mira.castellanos@example.org"],
    ]


@pytest.mark.parametrize(
    ("text", "kind", "match"),
    [
        ("write to jane.doe+x@uni.example.edu today", "email", "jane.doe+x@uni.example.edu"),
        ("see https://github.com/janedoe/yolo.", "url", "https://github.com/janedoe/yolo"),
        ("my page www.example.org/~jdoe", "url", "www.example.org/~jdoe"),
        ("profile linkedin.com/in/jane-doe-123", "url", "linkedin.com/in/jane-doe-123"),
        ("login https://jdoe@git.example.org/x", "url", "https://jdoe@git.example.org/x"),
        ("call +49 170 1234567 later", "phone", "+49 170 1234567"),
        ("call (555) 123-4567 later", "phone", "(555) 123-4567"),
        ("Jane said so", "name", "Jane"),
        ("JANE  DOE said so", "name", "JANE  DOE"),
    ],
)
def test_each_kind_is_flagged(text: str, kind: str, match: str) -> None:
    found = find_personal_data({"s": text}, ["Jane Doe"])
    assert found[["kind", "match"]].values.tolist() == [[kind, match]]


@pytest.mark.parametrize(
    "text",
    [
        "docs at https://pytorch.org/docs/stable/index.html",
        "torch 1.13.1 with CUDA 11.8, 2021-03-04, 10 000 images, 2019-2021",
        "the janitor said nothing",
        "an mAP of 45.3 after 300 epochs and 12 GPUs",
    ],
)
def test_ordinary_text_is_not_flagged(text: str) -> None:
    assert find_personal_data({"s": text}, ["Jane Doe"]).empty


def test_redact_replaces_every_span_by_its_placeholder() -> None:
    text = "Thanks, Jane Doe. Mail jane@x.org or +1 555 123 4567."
    found = find_personal_data({"s": text}, ["Jane Doe"])
    assert redact(text, found) == "Thanks, [name]. Mail [e-mail] or [phone]."
