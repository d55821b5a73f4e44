"""A study: its manifest and its database, the object every command and notebook starts from."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from studykit.db import Database
from studykit.manifest import Manifest, load_manifest

if TYPE_CHECKING:
    import pandas as pd


class Study:
    """A study manifest bound to its database (`Study.open("study.toml").table("issues")`)."""

    def __init__(self, manifest: Manifest, database: Database) -> None:
        self.manifest = manifest
        self.db = database

    @classmethod
    def open(cls, manifest: str | Path = "study.toml", *, db: str | None = None) -> Study:
        """Open the study a manifest describes; `db` overrides the manifest's database URL."""
        return cls.of(load_manifest(manifest), db=db)

    @classmethod
    def of(cls, manifest: Manifest, *, db: str | None = None) -> Study:
        """Open the database of an already parsed manifest; `db` overrides its URL."""
        url = db or manifest.study.database
        return cls(manifest, Database.open(url, base=None if db else manifest.root))

    @property
    def root(self) -> Path:
        """The folder of the study's manifest."""
        return self.manifest.root

    def table(self, name: str) -> pd.DataFrame:
        """A table of the study database as a DataFrame."""
        return self.db.read(name)

    def close(self) -> None:
        """Release the database connection."""
        self.db.close()
