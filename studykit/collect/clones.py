"""Local mirrors of a study's repositories: where they live and how they are made or updated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mining import gitlog
from mining.errors import FetchError
from studykit.errors import StudykitError
from studykit.manifest import Manifest


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


def clone_repository(
    manifest: Manifest, repository: str, *, template: str | None = None, token: str | None = None
) -> CloneResult:
    """Mirror a repository (or update its mirror); a git failure is returned, not raised."""
    path = clone_path(manifest, repository)
    url = clone_url(template or manifest.github.clone_url, repository)
    try:
        return CloneResult(repository, path, gitlog.mirror(url, path, token=token))
    except FetchError as exc:
        return CloneResult(repository, path, "failed", str(exc))
