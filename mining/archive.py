"""The raw archive: every GitHub response kept as gzip-compressed JSON, token-free, replayable.

Layout and file shape are documented in docs/formats.md.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mining.errors import MiningInputError

RESOURCES = (
    "repository",
    "issues",
    "comments",
    "review_comments",
    "events",
    "pulls",
    "commits",
    "timeline",
    "graphql",
)
KEPT_HEADERS = ("ETag", "Last-Modified", "Link")
# What one archived page may unpack to: a page holds at most 100 objects, and an issue or
# comment body stops at 65,536 characters (at most 6 bytes each as escaped JSON), so a real page
# stays under 40 MB; a gzip bomb packs gigabytes into a few kilobytes.
MAX_PAGE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Page:
    """One archived API response."""

    repository: str
    resource: str
    url: str
    body: Any
    status: int = 200
    fetched_at: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)


def repo_folder(root: Path, repository: str) -> Path:
    """The archive folder of OWNER/REPO."""
    return root / repository.replace("/", "__")


def part_folder(root: Path, repository: str, resource: str, part: str | None = None) -> Path:
    """The folder of a repository's resource, or of one range of it (`part`, e.g. `range-2`)."""
    folder = repo_folder(root, repository) / resource
    return folder / part if part else folder


def write_page(
    root: Path, page: Page, *, number: int | None = None, part: str | None = None
) -> Path:
    """Write a page as file `number` (default: the next), byte-stable and without credentials;
    with `part`, into that range's sub-folder."""
    if page.resource not in RESOURCES:
        raise ValueError(f"unknown resource {page.resource!r}; expected one of {RESOURCES}")
    folder = part_folder(root, page.repository, page.resource, part)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{number or _next_number(folder):04d}.json.gz"
    record = {
        "url": page.url,
        "status": page.status,
        "fetched_at": page.fetched_at,
        "headers": {k: v for k, v in page.headers.items() if k in KEPT_HEADERS},
        "body": page.body,
    }
    data = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(data)
    tmp.replace(path)
    return path


def archived_repositories(root: Path) -> list[str]:
    """The OWNER/REPO names that have a folder in the archive, sorted."""
    if not root.is_dir():
        raise MiningInputError(f"{root}: no such archive folder")
    return sorted(p.name.replace("__", "/", 1) for p in root.iterdir() if p.is_dir())


def read_pages(root: Path, repositories: Iterable[str] | None = None) -> Iterator[Page]:
    """Every archived page in replay order: per repository, resources in order; per resource
    its ranges' pages (range by range, files by number), then its own files by number."""
    for repository in repositories or archived_repositories(root):
        folder = repo_folder(root, repository)
        if not folder.is_dir():
            raise MiningInputError(f"{folder}: the archive has no folder for {repository}")
        for resource in RESOURCES:
            for path in page_files(folder / resource):
                yield read_page(path, repository, resource)


def page_files(folder: Path) -> list[Path]:
    """A resource folder's page files in replay order: `range-<k>` sub-folders by k, each by
    number, then the folder's own pages by number."""
    ranges = sorted(
        (p for p in folder.glob("range-*") if p.is_dir() and p.name[6:].isdigit()),
        key=lambda p: int(p.name[6:]),
    )
    return [path for part in [*ranges, folder] for path in _numbered(part)]


def count_pages(root: Path, repositories: Iterable[str] | None = None) -> int:
    """How many pages read_pages would yield."""
    names = list(repositories or archived_repositories(root))
    return sum(len(page_files(repo_folder(root, r) / res)) for r in names for res in RESOURCES)


def last_number(root: Path, repository: str, resource: str, part: str | None = None) -> int:
    """The number of the last page archived for a repository's resource or range (0 if none)."""
    return _next_number(part_folder(root, repository, resource, part)) - 1


def prune_pages(
    root: Path, repository: str, resource: str, keep: int, part: str | None = None
) -> list[Path]:
    """Delete the pages numbered above `keep` (left by a run killed before it stored them)."""
    folder = part_folder(root, repository, resource, part)
    doomed = [p for p in folder.glob("*.json.gz") if page_number(p) > keep]
    doomed += list(folder.glob("*.tmp"))
    for path in doomed:
        path.unlink()
    return sorted(doomed)


def read_page(path: Path, repository: str, resource: str) -> Page:
    """One archived page file; MiningInputError names it if it is damaged or too large."""
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
        if len(data) > MAX_PAGE_BYTES:
            raise MiningInputError(
                f"{path}: refused: the archive page unpacks to more than {MAX_PAGE_BYTES:,} "
                "bytes (a real page stays far below); it is damaged or not an archive page"
            )
        record = json.loads(data.decode("utf-8"))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MiningInputError(f"{path}: damaged archive page: {exc}") from None
    if not isinstance(record, dict) or "body" not in record or "url" not in record:
        raise MiningInputError(f"{path}: archive page lacks 'url' or 'body'")
    return Page(
        repository=repository,
        resource=resource,
        url=record["url"],
        body=record["body"],
        status=int(record.get("status", 200)),
        fetched_at=record.get("fetched_at", ""),
        headers=record.get("headers", {}),
    )


def _numbered(folder: Path) -> list[Path]:
    """A folder's page files by number (numerically: page 10000 comes after page 9999)."""
    return sorted(folder.glob("*.json.gz"), key=page_number)


def page_number(path: Path) -> int:
    """The number of a page file (`0012.json.gz` is 12); MiningInputError names a file in the
    archive that is not a numbered page."""
    number = path.name.split(".")[0]
    if not number.isdigit():
        raise MiningInputError(
            f"{path}: not an archive page (pages are named NNNN.json.gz): move it out of the "
            "archive"
        )
    return int(number)


def _next_number(folder: Path) -> int:
    numbers = [page_number(p) for p in folder.glob("*.json.gz")]
    return max(numbers, default=0) + 1
