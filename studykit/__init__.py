"""studykit: empirical studies of deep-learning defects in one reproducible pipeline."""

from studykit.manifest import Manifest, load_manifest
from studykit.study import Study

__version__ = "0.1.0"
__all__ = ["Manifest", "Study", "__version__", "load_manifest"]
