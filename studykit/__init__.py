"""studykit: empirical studies of deep-learning defects in one reproducible pipeline."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studykit.manifest import Manifest as Manifest
    from studykit.manifest import load_manifest as load_manifest
    from studykit.study import Study as Study

__version__ = "0.2.0"
__all__ = ["Manifest", "Study", "__version__", "load_manifest"]


def __getattr__(name: str) -> Any:
    """Import Study, Manifest and load_manifest on first use (keeps `studykit --help` fast)."""
    if name == "Study":
        from studykit.study import Study

        return Study
    if name in ("Manifest", "load_manifest"):
        from studykit import manifest

        return getattr(manifest, name)
    raise AttributeError(f"module 'studykit' has no attribute {name!r}")
