"""analysis stage: distributions, associations, technique comparisons, paper figures and tables.

Takes and returns plain data: `labels` (item_id, dimension, code), `items` (item_id and item
fields), a `parents` mapping for the codebook hierarchy; figures live in `analysis.figures`.

The exported names are listed in __init__.pyi (read by type checkers and by lazy_loader)
and imported on first use, so that importing one module of the package stays cheap.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
