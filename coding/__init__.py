"""coding stage.

Inter-rater agreement: ``agreement`` returns a tidy table of coefficients with confidence
intervals; the single-coefficient functions return an ``Estimate``; ``per_code_agreement``
reports each code as present/absent; ``check_inflation``, ``check_stacked_codes`` and
``check_pooled_dimensions`` warn about what silently inflates agreement.

Names are imported on first use, so that importing one module of the package stays cheap.
"""

from typing import TYPE_CHECKING

import lazy_loader

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

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "agreement_table": ["COEFFICIENTS", "agreement"],
        "agreement_warnings": [
            "AgreementWarning",
            "DegenerateDataWarning",
            "InflatedAgreementWarning",
            "UnpairableItemsWarning",
        ],
        "brennan": ["brennan_prediger"],
        "cohen": ["cohen_kappa"],
        "conger": ["conger_kappa"],
        "distances": ["jaccard_distance", "masi_distance"],
        "estimate": ["CI_METHODS", "Estimate"],
        "fleiss": ["fleiss_kappa", "scott_pi"],
        "gwet_ac": ["gwet_ac1", "gwet_ac2"],
        "inflation": [
            "check_inflation",
            "check_pooled_dimensions",
            "check_stacked_codes",
            "pooling_effect",
        ],
        "interpretation": ["landis_koch"],
        "krippendorff": ["krippendorff_alpha"],
        "multilabel": ["multilabel_alpha"],
        "per_code": ["per_code_agreement"],
        "percent": ["percent_agreement"],
        "ratings": ["Ratings", "as_ratings"],
    },
)
