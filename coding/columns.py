"""Find a column (or sheet) by name, tolerant of case, spacing, punctuation, plurals, synonyms,
or by its place: a spreadsheet letter (A, B, ..., AA) or a 1-based position.

A name that could be both (a header literally called "A" or "3") is refused unless it is
written `#A` / `#3` (the place) or `name:A` / `name:3` (the header).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from coding.errors import CodingInputError, quoted

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_MAX_LISTED = 8
BY_PLACE = "#"
BY_NAME = "name:"

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


def column_letter(place: int) -> str:
    """The spreadsheet letter of a 1-based column: 1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while place > 0:
        place, rest = divmod(place - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_place(text: str, *, lower: bool = False) -> int | None:
    """The 1-based column a letter ('D', 'AA') or number ('4') names, or None."""
    text = text.strip()
    if text.isdigit():
        return int(text) if int(text) > 0 else None
    if _LETTERS.match(text.upper() if lower else text):
        place = 0
        for char in text.upper():
            place = place * 26 + ord(char) - ord("A") + 1
        return place
    return None


def _singular(key: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key.split())


def _abbreviates(short: str, long: str) -> bool:
    """Every word of `short` begins the matching word of `long` ('taxonomy cat')."""
    a, b = short.split(), long.split()
    return len(a) == len(b) and all(y.startswith(x) for x, y in zip(a, b, strict=True))


def _matching(names: Sequence[str], wanted: str, synonyms: Iterable[str], loose: bool) -> list[int]:
    """The indices of `names` matching `wanted` at the strictest level where any does."""
    tests = [
        lambda k, w: k == w,
        lambda k, w: _singular(k) == _singular(w),
        lambda k, w: _abbreviates(w, k) or _abbreviates(k, w),
    ][: 3 if loose else 2]
    keys = [column_key(n) for n in names]
    candidates = [column_key(wanted), *(column_key(s) for s in synonyms)]
    for test in tests:
        for want in candidates:
            found = [i for i, k in enumerate(keys) if want and test(k, want)]
            if found:
                return found
    return []


def _not_found(names: Sequence[str], wanted: str, what: str, where: str) -> CodingInputError:
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(map(quoted, close))}?" if close else ""
    if len(names) <= _MAX_LISTED:
        listed = f"there are: {', '.join(map(quoted, names))}"
    else:
        nearest = close or difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.0)
        listed = f"{len(names)} {what}s; the closest: {', '.join(map(quoted, nearest))}"
    return CodingInputError(f"{where}: no {what} {quoted(wanted)}{hint} ({listed})")


def find_column(
    names: Sequence[str],
    wanted: str,
    *,
    synonyms: Iterable[str] = (),
    what: str = "column",
    where: str = "the table",
    loose: bool = True,
) -> str:
    """The one name among `names` that means `wanted`; an error names the closest there are.

    `loose` also accepts abbreviations ('Taxonomy Cat' for 'Taxonomy Category').
    """
    found = _matching(names, wanted, synonyms, loose)
    if len(found) == 1:
        return names[found[0]]
    if found:
        listed = ", ".join(quoted(names[i]) for i in found)
        raise CodingInputError(f"{where}: {what} {quoted(wanted)} is ambiguous: {listed}")
    raise _not_found(names, wanted, what, where)


def pick_column(
    names: Sequence[str],
    headers: Sequence[str],
    places: Sequence[int],
    wanted: str,
    *,
    synonyms: Iterable[str] = (),
    where: str = "the table",
    loose: bool = True,
    option: str = "{}",
) -> str:
    """The frame column (`names`) that `wanted` means: by header text, letter or position.

    `headers[i]` is the text column `names[i]` has in the file and `places[i]` its 1-based
    place there. A header that occurs more than once is never picked by name. `option` shows
    how to name a column in the message ('{}' stands for the column, e.g. '--final {}').
    """
    if wanted.startswith(BY_PLACE):
        place = column_place(wanted[len(BY_PLACE) :], lower=True)
        if place is None:
            raise CodingInputError(
                f"{where}: {quoted(wanted)} is not a column letter or number (e.g. #D or #4); "
                f"for a header that begins with '#' write {BY_NAME}{wanted}"
            )
        return _at_place(names, places, place, where)
    if wanted.startswith(BY_NAME):
        return _by_name(names, headers, places, wanted[len(BY_NAME) :], synonyms, where, loose,
                        option)  # fmt: skip
    place = column_place(wanted)
    if place is not None and places and place <= max(places):
        named = [i for i in _matching(headers, wanted, (), loose=False)]
        if named and [places[i] for i in named] != [place]:
            shown = ", ".join(f"{places[i]} ({column_letter(places[i])})" for i in named)
            raise CodingInputError(
                f"{where}: {quoted(wanted)} is both column {column_letter(place)} (number "
                f"{place}) and the header of column {shown}: write {BY_PLACE}{wanted} for the "
                f"place or {BY_NAME}{wanted} for the header"
            )
        return _at_place(names, places, place, where)
    return _by_name(names, headers, places, wanted, synonyms, where, loose, option)


def _at_place(names: Sequence[str], places: Sequence[int], place: int, where: str) -> str:
    if place in places:
        return names[list(places).index(place)]
    width = max(places, default=0)
    if place > width:
        raise CodingInputError(
            f"{where}: there is no column {column_letter(place)} (number {place}); the table "
            f"has {width} column(s), A to {column_letter(width)}"
        )
    raise CodingInputError(
        f"{where}: column {column_letter(place)} (number {place}) is empty: no header, no data"
    )


def _by_name(
    names: Sequence[str],
    headers: Sequence[str],
    places: Sequence[int],
    wanted: str,
    synonyms: Iterable[str],
    where: str,
    loose: bool,
    option: str,
) -> str:
    found = _matching(headers, wanted, synonyms, loose)
    if len(found) == 1:
        return names[found[0]]
    if not found:
        raise _not_found(headers, wanted, "column", where)
    shown = [f"{places[i]} ({column_letter(places[i])})" for i in found]
    listed = ", ".join(shown[:-1]) + f" and {shown[-1]}"
    same = {headers[i] for i in found}
    what = (
        quoted(wanted)
        if len(same) == 1
        else f"{quoted(wanted)} (as {', '.join(map(quoted, sorted(same)))})"
    )
    first = places[found[0]]
    by_letter = option.replace("{}", column_letter(first), 1)
    by_position = option.replace("{}", str(first), 1)
    raise CodingInputError(
        f"{where}: {what} occurs in columns {listed}: name one by letter or position, e.g. "
        f"{by_letter} or {by_position}"
    )
