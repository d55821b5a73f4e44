"""Paper figures in one style; every builder returns a matplotlib Figure (not tied to pyplot).

The exported names are listed in __init__.pyi (read by type checkers and by lazy_loader)
and imported on first use, so that importing one module of the package stays cheap.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
