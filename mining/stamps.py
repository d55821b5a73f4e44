"""GitHub's timestamps (`2024-05-01T12:00:00Z`) moved by whole seconds, for `since` walks."""

from __future__ import annotations

from datetime import datetime, timedelta


def shift(stamp: str, seconds: int) -> str:
    """The stamp `seconds` later (earlier if negative), in GitHub's form."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def second_before(stamp: str) -> str:
    """The stamp a second earlier."""
    return shift(stamp, -1)
