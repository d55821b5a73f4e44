"""Turn a table of someone else's study items into item rows: id, link, title, text, metadata.

Columns are found by name or known synonyms; every other column goes into `meta` under a
snake_case key. A GitHub or Stack Overflow link also gives the kind, source, repository and
issue number when no column says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pandas as pd

from coding.columns import SYNONYMS, column_key
from coding.errors import CodingInputError
from coding.label_import import ROW, item_ids
from coding.label_map import LabelCoder
from coding.tables import Table

ROLES = ("link", "title", "text", "source", "repository", "created_at")
ITEM_COLUMNS = [
    "id", "kind", "source", "repository", "issue_number", "link", "title", "text",
    "created_at", "meta",
]  # fmt: skip
_GITHUB = re.compile(r"^/([^/]+)/([^/]+)/(issues|pull|commit)/([^/?#]+)")


@dataclass
class ImportedItems:
    """Item rows and the columns each role was taken from."""

    items: pd.DataFrame
    taken: list[tuple[str, str]] = field(default_factory=list)


def table_items(
    table: Table,
    *,
    item: str = ROW,
    item_prefix: str = "",
    columns: Mapping[str, str] | None = None,
    kind: str | None = None,
    na: tuple[str, ...] = (),
    constants: Mapping[str, str] | None = None,
) -> ImportedItems:
    """Items from a table; `columns` names the column of a role (link, title, ...) explicitly,
    `constants` gives every item the same value of a field (a role or a metadata key)."""
    columns = dict(columns or {})
    unknown = sorted(set(columns) - set(ROLES))
    if unknown:
        raise CodingInputError(
            f"unknown item field(s) {', '.join(unknown)}; the fields are: {', '.join(ROLES)}"
        )
    names = list(table.frame.columns)
    taken: list[tuple[str, str]] = []

    def column(role: str, wanted: str, option: str = "{}") -> str:
        found = table.column(wanted, option=option)
        taken.append((role, found))
        return found

    ids = item_ids(table, item, item_prefix, column)
    id_column = taken[0][1] if item != ROW else None
    roles: dict[str, str] = {}
    for role in ROLES:
        if role in columns:
            roles[role] = column(role, columns[role], f"--{role.replace('_', '-')} {{}}")
            continue
        try:
            found = table.column(role, synonyms=SYNONYMS.get(role, ()), loose=False)
        except CodingInputError:
            continue
        if found not in roles.values() and (found != id_column or role == "link"):
            roles[role] = found
            taken.append((role, found))
    used = set(roles.values()) | {id_column}
    fixed = _constants(dict(constants or {}), roles, [n for n in names if n not in used], table)
    coder = LabelCoder.build(na)
    rows = []
    for position in range(len(table.frame)):
        cell = {}
        for name in names:
            value = table.cell(position, name)
            cell[name] = None if value is None or coder.is_missing(value) else value.strip()
        values = {role: cell[col] for role, col in roles.items()}
        values.update({k: v for k, v in fixed.items() if k in ROLES})
        meta = {_meta_key(k): v for k, v in cell.items() if k not in used and v is not None}
        meta.update({k: v for k, v in fixed.items() if k not in ROLES})
        rows.append({"id": ids[position], **_from_link(values.get("link"), kind), **values,
                     "meta": meta})  # fmt: skip
    frame = pd.DataFrame(rows)
    for name in ITEM_COLUMNS:
        if name not in frame.columns:
            frame[name] = None
    return ImportedItems(frame[ITEM_COLUMNS], taken)


def _constants(
    constants: dict[str, str], roles: Mapping[str, str], rest: list[str], table: Table
) -> dict[str, str]:
    """Check the per-file constant fields (--set FIELD=VALUE): none may also come from a column."""
    for field_name in constants:
        if field_name in ("id", "kind", "meta") or _meta_key(field_name) != field_name:
            raise CodingInputError(
                f"--set {field_name}=...: a field is a snake_case name other than id, kind and "
                "meta (use --kind for the kind)"
            )
        if field_name in roles:
            raise CodingInputError(
                f"{table.source}: --set {field_name}=... and column "
                f"{table.label(roles[field_name])} both give the {field_name}: drop one"
            )
        clash = [n for n in rest if _meta_key(n) == field_name]
        if clash:
            raise CodingInputError(
                f"{table.source}: --set {field_name}=... and column {table.label(clash[0])} both "
                f"give the field {field_name!r}: drop one"
            )
    return constants


def _meta_key(name: str) -> str:
    return column_key(name).replace(" ", "_") or "column"


def _from_link(link: str | None, kind: str | None) -> dict[str, object]:
    """Kind, source, repository and issue number that a link implies."""
    found: dict[str, object] = {"kind": kind or "record"}
    if not link:
        return found
    parsed = urlparse(link)
    host = parsed.netloc.lower().removeprefix("www.")
    if host == "github.com":
        found["source"] = "github"
        match = _GITHUB.match(parsed.path)
        if match:
            owner, repo, what, number = match.groups()
            found["repository"] = f"{owner}/{repo}"
            found["kind"] = kind or {"issues": "github_issue", "pull": "github_pull_request"}.get(
                what, "github_commit"
            )
            if what != "commit" and number.isdigit():
                found["issue_number"] = int(number)
    elif host.endswith("stackoverflow.com"):
        found["source"] = "stackoverflow"
        found["kind"] = kind or "stackoverflow_question"
    elif host:
        found["source"] = host
    return found
