"""coding stage.

Inter-rater agreement: ``agreement`` returns a tidy table of coefficients with confidence
intervals; the single-coefficient functions return an ``Estimate``; ``per_code_agreement``
reports each code as present/absent; ``check_inflation``, ``check_stacked_codes`` and
``check_pooled_dimensions`` warn about what silently inflates agreement.
"""

from coding.agreement_table import COEFFICIENTS, agreement
from coding.agreement_warnings import (
    AgreementWarning,
    DegenerateDataWarning,
    InflatedAgreementWarning,
    UnpairableItemsWarning,
)
from coding.brennan_prediger import brennan_prediger
from coding.cohen_kappa import cohen_kappa
from coding.distances import jaccard_distance, masi_distance
from coding.estimate import CI_METHODS, Estimate
from coding.fleiss_kappa import fleiss_kappa, scott_pi
from coding.gwet_ac import gwet_ac1, gwet_ac2
from coding.inflation import (
    check_inflation,
    check_pooled_dimensions,
    check_stacked_codes,
    pooling_effect,
)
from coding.interpretation import landis_koch
from coding.krippendorff_alpha import krippendorff_alpha
from coding.multilabel_alpha import multilabel_alpha
from coding.per_code import per_code_agreement
from coding.percent_agreement import percent_agreement
from coding.ratings import Ratings, as_ratings

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
