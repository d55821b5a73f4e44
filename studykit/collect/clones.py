"""Local mirrors of a study's repositories: where they live and how they are made or updated.

A clone URL template gives, per repository, a remote URL (`https://`, `ssh://`, `git@host:`),
or a local repository or bundle: a plain path (relative to the manifest's folder when the
template comes from the manifest, to the working folder when it is given with `--from`) or a
`file://` URL. A local source that does not exist is refused before anything is cloned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mining import gitlog
from mining.errors import FetchError
from studykit.errors import InputError, StudykitError
from studykit.manifest import Manifest

_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[^/\\]+@[^/\\]+:|^[^/\\]{2,}:")


@dataclass(frozen=True)
class CloneResult:
    """One repository's mirror: "cloned", "updated", or the error that stopped it."""

    repository: str
    path: Path
    status: str
    error: str | None = None


def clone_path(manifest: Manifest, repository: str) -> Path:
    """The bare mirror of OWNER/REPO under the manifest's [github] clones folder."""
    return manifest.resolve(manifest.github.clones) / f"{repository.replace('/', '__')}.git"


def clone_url(template: str, repository: str) -> str:
    """The clone URL of a repository from a template with {repository}, {owner}, {name}."""
    owner, name = repository.split("/")
    try:
        return template.format(repository=repository, owner=owner, name=name)
    except (KeyError, IndexError) as exc:
        raise StudykitError(
            f"clone URL template {template!r} names an unknown field {exc}; "
            "use {repository}, {owner} or {name}"
        ) from None


def local_source(url: str, base: Path) -> Path | None:
    """The local path a clone URL names (a `file://` URL or a path, relative to `base`), or
    None for a remote URL."""
    if url.startswith("file://"):
        return Path(unquote(urlsplit(url).path))
    if _REMOTE.match(url):
        return None
    return (base / url).resolve()


def clone_sources(
    manifest: Manifest, repositories: list[str], template: str | None = None
) -> dict[str, str]:
    """The source to mirror each repository from; a local one that is missing is an error.

    Without `template` the manifest's [github] clone_url is used and relative paths start at
    the manifest's folder; a template given on the command line is relative to the working
    folder.
    """
    base = Path.cwd() if template else manifest.root
    where = "--from" if template else f"{manifest.path}: [github] clone_url"
    sources = {}
    for repository in repositories:
        url = clone_url(template or manifest.github.clone_url, repository)
        local = local_source(url, base)
        if local is not None and not local.exists():
            raise InputError(f"{where}: {local} (for {repository}) does not exist")
        sources[repository] = str(local) if local is not None else url
    return sources


def clone_repository(
    manifest: Manifest,
    repository: str,
    *,
    template: str | None = None,
    token: str | None = None,
    source: str | None = None,
) -> CloneResult:
    """Mirror a repository (or update its mirror) from `source` (default: what clone_sources
    gives); a git failure is returned, not raised."""
    path = clone_path(manifest, repository)
    url = source or clone_sources(manifest, [repository], template)[repository]
    try:
        return CloneResult(repository, path, gitlog.mirror(url, path, token=token))
    except FetchError as exc:
        return CloneResult(repository, path, "failed", str(exc))
