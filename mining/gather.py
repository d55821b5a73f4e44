"""Gather the archive folders of several machines into one archive.

Workers on several machines each write the pages they fetch to their own archive folder,
numbered by the checkpoints in the shared study database, so the folders hold different
numbers of each resource and their union is the archive. One number may be held twice: a
worker killed after it archived a page but before it stored it leaves that file (an orphan)
on its machine, and the worker that takes the job up again, on another machine, fetches the
page again and archives it under the same number. The jobs of one repository's resource (or
range) run one at a time, and a job is taken up again only after its worker stopped answering,
so the page the database stored is the one fetched later: of two files with one number, the
later `fetched_at` (GitHub's Date, one clock for every machine) is kept. Two different files
with the same `fetched_at` cannot be told apart and are refused.
"""

from __future__ import annotations

import filecmp
import os
import re
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mining import archive
from mining.errors import MiningInputError

_PAGE = re.compile(r"^[^/]+/[a-z_]+/(?:range-\d+/)?\d+\.json\.gz$")


@dataclass
class Gathered:
    """What gathering did: files copied, already there, collisions resolved, files skipped."""

    copied: int = 0
    present: int = 0
    resolved: list[str] = field(default_factory=list)
    skipped: int = 0


def gather(sources: Sequence[Path], into: Path) -> Gathered:
    """Copy every page of the source archives into `into`; a number held by different files is
    resolved to the later `fetched_at`. All collisions are checked before anything is copied."""
    for source in sources:
        if not source.is_dir():
            raise MiningInputError(f"{source}: no such archive folder")
    result = Gathered()
    candidates: dict[str, list[Path]] = {}
    folders = [into, *sources] if into.is_dir() else list(sources)
    seen: set[Path] = set()
    for folder in folders:
        if folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name == ".mining.lock":
                continue
            relative = path.relative_to(folder).as_posix()
            if not _PAGE.match(relative) or relative.split("/")[1] not in archive.RESOURCES:
                result.skipped += folder != into
                continue
            candidates.setdefault(relative, []).append(path)
    chosen = {relative: _latest(relative, paths, result) for relative, paths in candidates.items()}
    for relative, path in sorted(chosen.items()):
        target = into / relative
        if target.exists() and filecmp.cmp(path, target, shallow=False):
            result.present += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(target)
        result.copied += 1
    return result


def _latest(relative: str, paths: list[Path], result: Gathered) -> Path:
    """The file of a number to keep: the only content, or the one fetched last."""
    distinct: list[Path] = []
    for path in paths:
        if not any(filecmp.cmp(path, other, shallow=False) for other in distinct):
            distinct.append(path)
    if len(distinct) == 1:
        return distinct[0]
    stamped = sorted(((_fetched_at(p), str(p)), p) for p in distinct)
    (newest, newest_name), winner = stamped[-1]
    (runner_up, runner_name), _ = stamped[-2]
    if not newest or newest == runner_up:
        raise MiningInputError(
            f"{relative}: {runner_name} and {newest_name} differ but were fetched at the same "
            f"time ({newest or 'unknown'}): cannot tell which one the database stored; delete "
            "the one that is not, or replay each folder apart; nothing was copied"
        )
    result.resolved.append(f"{relative} (kept {winner}, fetched {newest})")
    return winner


def _fetched_at(path: Path) -> str:
    parts = path.parts
    resource_index = -3 if parts[-2].startswith("range-") else -2
    page = archive.read_page(path, parts[resource_index - 1], parts[resource_index])
    return page.fetched_at
