"""Small helpers: ISO and HTTP dates, seeded choices, stable hashes, template filling, quotas."""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from tools.example_study.constants import UTC, T


def iso(t: dt.datetime) -> str:
    """Format a UTC datetime the way the GitHub REST API does."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(s: str) -> dt.datetime:
    """Parse `YYYY-MM-DD` or a full GitHub timestamp into an aware UTC datetime."""
    if len(s) == 10:
        return dt.datetime.fromisoformat(s).replace(tzinfo=UTC)
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def http_date(t: dt.datetime) -> str:
    """Format a datetime as an HTTP date (for `Last-Modified`)."""
    return email.utils.format_datetime(t.astimezone(UTC), usegmt=True)


def pick(rng: np.random.Generator, seq: Sequence[T]) -> T:
    """Choose one element of a sequence uniformly."""
    return seq[int(rng.integers(len(seq)))]


def weighted(rng: np.random.Generator, weights: dict[str, float]) -> str:
    """Choose a key of `weights` with probability proportional to its value."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def between(rng: np.random.Generator, a: dt.datetime, b: dt.datetime) -> dt.datetime:
    """A uniformly random second between two datetimes."""
    span = max(int((b - a).total_seconds()), 1)
    return a + dt.timedelta(seconds=int(rng.integers(span)))


def later(
    rng: np.random.Generator, t: dt.datetime, mean_days: float, limit: dt.datetime
) -> dt.datetime:
    """`t` plus an exponential delay, kept before `limit` (and at least a few minutes after t)."""
    delay = dt.timedelta(days=float(rng.exponential(mean_days))) + dt.timedelta(minutes=7)
    room = limit - t
    if delay >= room:
        delay = room * float(rng.uniform(0.3, 0.9))
    return t + delay


def sha1(*parts: object) -> str:
    """A deterministic 40-hex id derived from its parts."""
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()


def node_id(prefix: str, *parts: object) -> str:
    """A GitHub-style GraphQL node id, deterministic in its parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return prefix + base64.b64encode(digest[:12]).decode().rstrip("=").replace("+", "A").replace(
        "/", "B"
    )


def draw(rng: np.random.Generator, pool: Sequence[T], used: set[Any], scope: object) -> T:
    """Pick from a pool without repeating within a scope (until the pool is exhausted)."""
    fresh = [x for x in pool if (scope, x) not in used]
    if not fresh:
        used.difference_update({(scope, x) for x in pool})
        fresh = list(pool)
    choice = pick(rng, fresh)
    used.add((scope, choice))
    return choice


def fill(template: str, ctx: dict[str, str]) -> str:
    """Fill `{placeholders}` from ctx; a missing key is a bug in the text bank and raises."""
    return template.format_map(ctx)


def quota(shares: dict[str, float], total: int) -> dict[str, int]:
    """Split `total` into integer counts proportional to `shares` (largest remainder)."""
    norm = sum(shares.values())
    raw = {k: v / norm * total for k, v in shares.items()}
    counts = {k: int(v) for k, v in raw.items()}
    rest = total - sum(counts.values())
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[:rest]:
        counts[k] += 1
    return counts
