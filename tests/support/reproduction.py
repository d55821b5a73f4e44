"""Reproductions of published studies from ../shared/datasets (present in CI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studykit import Study
from studykit.replication.importing import import_package
from tests.support.paths import ROOT, SHARED


def shared_or_skip(name: str) -> Path:
    """The dataset's folder, or skip: the replication data live outside the project."""
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the {name} replication data are not on this machine")
    return folder


def imported(name: str, tmp: Path) -> Iterator[Study]:
    """The reproduction study `data/NAME` imported into a fresh database under `tmp`."""
    shared_or_skip(name)
    study = Study.open(ROOT / "data" / name / "study.toml", db=f"sqlite:///{tmp / 'study.sqlite'}")
    import_package(study)
    yield study
    study.close()
