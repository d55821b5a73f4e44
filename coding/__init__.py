"""coding stage.

Inter-rater agreement: ``agreement`` returns a tidy table of coefficients with confidence
intervals; the single-coefficient functions return an ``Estimate``; ``per_code_agreement``
reports each code as present/absent; ``check_inflation``, ``check_stacked_codes`` and
``check_pooled_dimensions`` warn about what silently inflates agreement.

The exported names are listed in __init__.pyi (read by type checkers and by lazy_loader)
and imported on first use, so that importing one module of the package stays cheap.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
