"""Warn when codings name dimensions the study's codebook does not have: `agree`, `analyze` and
the report read that codebook, so such codings are left out of them unless named otherwise."""

from __future__ import annotations

from collections.abc import Iterable

from coding.codebook import Codebook


def outside_codebook(
    codebook: Codebook | None, dimensions: Iterable[str], source: str
) -> list[str]:
    """A warning naming the dimensions of `source` that `codebook` lacks (none without one)."""
    if codebook is None:
        return []
    missing = sorted(set(dimensions) - set(codebook.names()))
    if not missing:
        return []
    return [
        f"{source}: dimension(s) {', '.join(missing)} are not in the study's codebook "
        f"{codebook.source}: `agree`, `analyze` and the report read that codebook and leave "
        "them out unless given --codebook; add them to it to include them"
    ]
