"""Display labels for codes."""

from __future__ import annotations

from collections.abc import Mapping


def display_label(value: object, labels: Mapping[str, str] | None) -> str:
    """The display label of a code from `labels`, or the code itself."""
    text = str(value)
    return labels.get(text, text) if labels else text
