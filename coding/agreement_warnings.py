"""Warning classes raised by the inter-rater agreement functions.

Every warning is also recorded in the result (``Estimate.warnings`` or
``DataFrame.attrs["warnings"]``), so it survives in a notebook that filters warnings.
"""

import warnings
from collections.abc import Iterable


class AgreementWarning(UserWarning):
    """Base class of every warning about inter-rater agreement data."""


class DegenerateDataWarning(AgreementWarning):
    """A coefficient or its interval is undefined for these data and is reported as NaN."""


class UnpairableItemsWarning(AgreementWarning):
    """Some items have fewer than two ratings and cannot show agreement or disagreement."""


class InflatedAgreementWarning(AgreementWarning):
    """The data contain something that silently inflates agreement (pooled dimensions, an index)."""


def emit(found: Iterable["AgreementWarning"], *, stacklevel: int = 3) -> None:
    """Issue each distinct warning once (same class and message count as one)."""
    seen: set[tuple[type[AgreementWarning], str]] = set()
    for warning in found:
        key = (type(warning), str(warning))
        if key not in seen:
            seen.add(key)
            warnings.warn(warning, stacklevel=stacklevel)
