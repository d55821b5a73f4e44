"""coding stage.

Inter-rater agreement: ``agreement`` returns a tidy table of coefficients with confidence
intervals; the single-coefficient functions return an ``Estimate``; ``per_code_agreement``
reports each code as present/absent; ``check_inflation``, ``check_stacked_codes`` and
``check_pooled_dimensions`` warn about what silently inflates agreement.

Names are imported on first use, so that importing one module of the package stays cheap.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coding.agreement_table import (
        COEFFICIENTS as COEFFICIENTS,
    )
    from coding.agreement_table import (
        agreement as agreement,
    )
    from coding.agreement_warnings import (
        AgreementWarning as AgreementWarning,
    )
    from coding.agreement_warnings import (
        DegenerateDataWarning as DegenerateDataWarning,
    )
    from coding.agreement_warnings import (
        InflatedAgreementWarning as InflatedAgreementWarning,
    )
    from coding.agreement_warnings import (
        UnpairableItemsWarning as UnpairableItemsWarning,
    )
    from coding.brennan import (
        brennan_prediger as brennan_prediger,
    )
    from coding.cohen import (
        cohen_kappa as cohen_kappa,
    )
    from coding.conger import (
        conger_kappa as conger_kappa,
    )
    from coding.distances import (
        jaccard_distance as jaccard_distance,
    )
    from coding.distances import (
        masi_distance as masi_distance,
    )
    from coding.estimate import (
        CI_METHODS as CI_METHODS,
    )
    from coding.estimate import (
        Estimate as Estimate,
    )
    from coding.fleiss import (
        fleiss_kappa as fleiss_kappa,
    )
    from coding.fleiss import (
        scott_pi as scott_pi,
    )
    from coding.gwet_ac import (
        gwet_ac1 as gwet_ac1,
    )
    from coding.gwet_ac import (
        gwet_ac2 as gwet_ac2,
    )
    from coding.inflation import (
        check_inflation as check_inflation,
    )
    from coding.inflation import (
        check_pooled_dimensions as check_pooled_dimensions,
    )
    from coding.inflation import (
        check_stacked_codes as check_stacked_codes,
    )
    from coding.inflation import (
        pooling_effect as pooling_effect,
    )
    from coding.interpretation import (
        landis_koch as landis_koch,
    )
    from coding.krippendorff import (
        krippendorff_alpha as krippendorff_alpha,
    )
    from coding.multilabel import (
        multilabel_alpha as multilabel_alpha,
    )
    from coding.per_code import (
        per_code_agreement as per_code_agreement,
    )
    from coding.percent import (
        percent_agreement as percent_agreement,
    )
    from coding.ratings import (
        Ratings as Ratings,
    )
    from coding.ratings import (
        as_ratings as as_ratings,
    )

_EXPORTS = {
    "AgreementWarning": "coding.agreement_warnings",
    "CI_METHODS": "coding.estimate",
    "COEFFICIENTS": "coding.agreement_table",
    "DegenerateDataWarning": "coding.agreement_warnings",
    "Estimate": "coding.estimate",
    "InflatedAgreementWarning": "coding.agreement_warnings",
    "Ratings": "coding.ratings",
    "UnpairableItemsWarning": "coding.agreement_warnings",
    "agreement": "coding.agreement_table",
    "as_ratings": "coding.ratings",
    "brennan_prediger": "coding.brennan",
    "check_inflation": "coding.inflation",
    "check_pooled_dimensions": "coding.inflation",
    "check_stacked_codes": "coding.inflation",
    "cohen_kappa": "coding.cohen",
    "conger_kappa": "coding.conger",
    "fleiss_kappa": "coding.fleiss",
    "gwet_ac1": "coding.gwet_ac",
    "gwet_ac2": "coding.gwet_ac",
    "jaccard_distance": "coding.distances",
    "krippendorff_alpha": "coding.krippendorff",
    "landis_koch": "coding.interpretation",
    "masi_distance": "coding.distances",
    "multilabel_alpha": "coding.multilabel",
    "per_code_agreement": "coding.per_code",
    "percent_agreement": "coding.percent",
    "pooling_effect": "coding.inflation",
    "scott_pi": "coding.fleiss",
}

__all__ = [
    "CI_METHODS",
    "COEFFICIENTS",
    "AgreementWarning",
    "DegenerateDataWarning",
    "Estimate",
    "InflatedAgreementWarning",
    "Ratings",
    "UnpairableItemsWarning",
    "agreement",
    "as_ratings",
    "brennan_prediger",
    "check_inflation",
    "check_pooled_dimensions",
    "check_stacked_codes",
    "cohen_kappa",
    "conger_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac2",
    "jaccard_distance",
    "krippendorff_alpha",
    "landis_koch",
    "masi_distance",
    "multilabel_alpha",
    "per_code_agreement",
    "percent_agreement",
    "pooling_effect",
    "scott_pi",
]


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The exported names, for completion."""
    return __all__
