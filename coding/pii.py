"""Personal data left in transcript text: names from the roster, e-mails, user URLs, phone numbers.

`find_personal_data` flags what a pseudonymised transcript should no longer contain; `redact`
replaces the flagged spans by placeholders such as `[name]`. The check is deliberately eager:
it flags, a researcher decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

FINDING_COLUMNS = ["segment_id", "kind", "start", "end", "match"]
PLACEHOLDERS = {"name": "[name]", "email": "[e-mail]", "url": "[url]", "phone": "[phone]"}

# The local part has at most 64 characters (RFC 5321); unbounded, a long word took minutes.
_EMAIL = re.compile(r"[\w.+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|\b(?:github|gitlab|linkedin|twitter|x|huggingface)"
    r"\.(?:com|co)/[^\s<>\"']+",
    re.IGNORECASE,
)
_PROFILE_HOSTS = (
    "github.com",
    "gitlab.com",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "facebook.com",
    "instagram.com",
    "huggingface.co",
    "medium.com",
    "bitbucket.org",
)
_USER_PATH = re.compile(r"/(?:~|@)\w|/(?:users?|u|in|people|profile)/\w|[?&](?:user|author)=")
_PHONE = re.compile(r"(?<![\w.,(])(?:\+|00|\()?\d[\d ()./-]{6,}\d(?![\w])")
_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}")


def find_personal_data(texts: Mapping[str, str], names: Iterable[str] = ()) -> pd.DataFrame:
    """Every flagged span, per text id: kind (name, email, url, phone), position and match.

    `names` are people's names (a roster): the full name in any case, and each part of three
    letters or more as a capitalised word, are flagged as `name`.
    """
    patterns = _name_patterns(names)
    rows = []
    for key, text in texts.items():
        spans = [*_names(text, patterns), *_emails(text), *_urls(text), *_phones(text)]
        for kind, start, end in _without_overlaps(spans):
            rows.append(
                {
                    "segment_id": key,
                    "kind": kind,
                    "start": start,
                    "end": end,
                    "match": text[start:end],
                }
            )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def redact(text: str, findings: pd.DataFrame) -> str:
    """The text with each finding's span replaced by its placeholder (`[name]`, `[e-mail]`...)."""
    spans = sorted(zip(findings["start"], findings["end"], findings["kind"], strict=True))
    for start, end, kind in reversed(spans):
        text = text[: int(start)] + PLACEHOLDERS[str(kind)] + text[int(end) :]
    return text


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    patterns = []
    for name in {" ".join(n.split()) for n in names if n and n.strip()}:
        words = r"\s+".join(re.escape(w) for w in name.split())
        patterns.append(re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE))
        parts = {p for w in name.split() for p in [*re.split(r"[-']", w), w] if len(p) >= 3}
        patterns += [re.compile(rf"(?<![\w@.]){re.escape(p)}(?![\w@])") for p in sorted(parts)]
    return patterns


def _names(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[str, int, int]]:
    return [("name", m.start(), m.end()) for p in patterns for m in p.finditer(text)]


def _emails(text: str) -> list[tuple[str, int, int]]:
    return [("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]


def _urls(text: str) -> list[tuple[str, int, int]]:
    found = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?)]}")
        host_and_path = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
        host, _, path = host_and_path.partition("/")
        user_info = "@" in host
        host = host.rsplit("@", 1)[-1].lower()
        profile = host in _PROFILE_HOSTS and bool(path.strip("/"))
        if user_info or profile or _USER_PATH.search("/" + path):
            found.append(("url", match.start(), match.start() + len(url)))
    return found


def _phones(text: str) -> list[tuple[str, int, int]]:
    found = []
    for match in _PHONE.finditer(text):
        value = match.group(0)
        digits = sum(c.isdigit() for c in value)
        international = value.startswith(("+", "00"))
        if _DATE.fullmatch(value) or not (8 if international else 9) <= digits <= 15:
            continue
        found.append(("phone", match.start(), match.end()))
    return found


def _without_overlaps(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(spans, key=lambda s: (s[1], -(s[2] - s[1]))):
        if kept and start < kept[-1][2]:
            continue
        kept.append((kind, start, end))
    return kept
