"""A fingerprint of the code that builds a report's outputs, so a fix to a figure or a statistic
rebuilds what it made (a report built before the fix is not kept until `--force`).

It hashes the Python source of the stages and studykit (paths and bytes, in a fixed order) and the
versions of the libraries that draw and compute (matplotlib, numpy, pandas, scipy, statsmodels),
without importing any of them, so a run with nothing to rebuild stays quick. The same code gives
the same fingerprint on every run and machine.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from functools import cache
from pathlib import Path

BUILDING_PACKAGES = ("analysis", "coding", "studykit")
BUILDING_LIBRARIES = ("matplotlib", "numpy", "pandas", "scipy", "statsmodels")


@cache
def code_fingerprint() -> str:
    """The fingerprint of the code installed now: its packages' source and library versions."""
    return source_fingerprint(
        [folder for name in BUILDING_PACKAGES if (folder := _package_folder(name)) is not None],
        {name: _version(name) for name in BUILDING_LIBRARIES},
    )


def source_fingerprint(folders: Iterable[Path], versions: dict[str, str]) -> str:
    """The SHA-256 of every .py file under `folders` (relative path and bytes) and `versions`."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            digest.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name, version in sorted(versions.items()):
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()


def _package_folder(name: str) -> Path | None:
    """The folder of an importable package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _version(name: str) -> str:
    """A library's installed version, read from its dist-info folder's name (quick), or ""."""
    folder = _package_folder(name)
    if folder is not None:
        for info in folder.parent.glob(f"{name}-*.dist-info"):
            return info.name[len(name) + 1 : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""
