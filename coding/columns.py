"""Find a column (or sheet) by name, tolerant of case, spacing, punctuation, plurals, synonyms."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from coding.errors import CodingInputError

_NON_WORD = re.compile(r"[^0-9a-z]+")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "link": ("url", "html url", "href", "issue url", "permalink"),
    "title": ("summary", "subject", "issue title"),
    "text": ("body", "description", "content", "issue body"),
    "source": ("origin", "site", "platform"),
    "repository": ("repo", "full name", "repository full name"),
    "created_at": ("created", "creation time", "issue creation time", "date", "opened"),
}


def column_key(name: str) -> str:
    """A name as lower-case words: 'Same Code?' -> 'same code', 'FINAL_TAG' -> 'final tag'."""
    return _NON_WORD.sub(" ", name.casefold()).strip()


def _singular(key: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key.split())


def _abbreviates(short: str, long: str) -> bool:
    """Every word of `short` begins the matching word of `long` ('taxonomy cat')."""
    a, b = short.split(), long.split()
    return len(a) == len(b) and all(y.startswith(x) for x, y in zip(a, b, strict=True))


def find_column(
    names: Sequence[str],
    wanted: str,
    *,
    synonyms: Iterable[str] = (),
    what: str = "column",
    where: str = "the table",
    loose: bool = True,
) -> str:
    """The one name among `names` that means `wanted`; an error lists the names there are.

    `loose` also accepts abbreviations ('Taxonomy Cat' for 'Taxonomy Category').
    """
    if wanted in names:
        return wanted
    tests = [
        lambda k, w: k == w,
        lambda k, w: _singular(k) == _singular(w),
        lambda k, w: _abbreviates(w, k) or _abbreviates(k, w),
    ][: 3 if loose else 2]
    candidates = [column_key(wanted), *(column_key(s) for s in synonyms)]
    for test in tests:
        for want in candidates:
            found = [n for n in names if want and test(column_key(n), want)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise CodingInputError(
                    f"{where}: {what} {wanted!r} is ambiguous: {', '.join(map(repr, found))}"
                )
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise CodingInputError(
        f"{where}: no {what} {wanted!r}{hint} (there are: {', '.join(map(repr, names))})"
    )
