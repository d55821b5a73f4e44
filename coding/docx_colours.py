"""Speakers told apart by font colour in a Word transcript, named by a colour legend.

Some transcripts mark no speaker labels but colour each speaker's text and open with a legend
such as "Blue - Interviewer1, Purple - Interviewer2, Green - Interviewee" (hyphens or dashes),
each colour word written in its colour (Humbatova et al., ICSE 2020). The legend maps a font
colour to a name; each later paragraph belongs to the speaker whose colour covers most of its
characters, and a paragraph in no legend colour continues the turn before it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

_PART = re.compile(r"^\s*(?P<colour>[A-Za-z]+)\s*[\u2013\u2014-]\s*(?P<name>\S[^,]*?)\s*$")


def colour_legend(paragraph: Any) -> dict[str, str] | None:
    """The font colour (hex RGB) -> speaker map of a legend paragraph, or None if it is not one."""
    colours = _character_colours(paragraph)
    text = "".join(run.text for run in paragraph.runs)
    parts = text.split(",")
    if len(parts) < 2:
        return None
    legend: dict[str, str] = {}
    position = 0
    for part in parts:
        match = _PART.match(part)
        if match is None:
            return None
        colour = colours[position + match.start("colour")]
        if colour is None or colour in legend:
            return None
        legend[colour] = match["name"]
        position += len(part) + 1
    return legend


def colour_speaker(paragraph: Any, legend: dict[str, str]) -> str | None:
    """The legend's speaker whose colour covers most of the paragraph's text, if any."""
    counts = Counter(
        colour
        for colour, char in zip(
            _character_colours(paragraph),
            "".join(run.text for run in paragraph.runs),
            strict=True,
        )
        if colour in legend and not char.isspace()
    )
    return legend[counts.most_common(1)[0][0]] if counts else None


def _character_colours(paragraph: Any) -> list[str | None]:
    colours: list[str | None] = []
    for run in paragraph.runs:
        colour = run.font.color
        rgb = colour.rgb if colour is not None and colour.type is not None else None
        colours += [None if rgb is None else str(rgb)] * len(run.text)
    return colours
