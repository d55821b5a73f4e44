"""studykit: empirical studies of deep-learning defects in one reproducible pipeline.

The names a notebook needs: `Study.open` a study, read its `codings`, `consensus` (or
`consensus_labels`), `items` and `item_fields` as DataFrames, get its `codebook`, and compute
the raters' `agreement`; the `analysis` package takes these DataFrames on.

Names are imported on first use, so that `studykit --help` stays fast.
"""

from typing import TYPE_CHECKING

import lazy_loader

if TYPE_CHECKING:
    from studykit.db.reads import codings as codings
    from studykit.db.reads import consensus as consensus
    from studykit.db.reads import consensus_labels as consensus_labels
    from studykit.db.reads import item_fields as item_fields
    from studykit.db.reads import items as items
    from studykit.db.reads import table as table
    from studykit.manifest import Manifest as Manifest
    from studykit.manifest import load_manifest as load_manifest
    from studykit.notebook import agreement as agreement
    from studykit.notebook import codebook as codebook
    from studykit.study import Study as Study

__version__ = "0.2.0"

__getattr__, __dir__, _exports = lazy_loader.attach(
    __name__,
    submod_attrs={
        "db.reads": ["codings", "consensus", "consensus_labels", "item_fields", "items", "table"],
        "manifest": ["Manifest", "load_manifest"],
        "notebook": ["agreement", "codebook"],
        "study": ["Study"],
    },
)
__all__ = [*_exports, "__version__"]
