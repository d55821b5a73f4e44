"""The main entry point: the suitable agreement coefficients of one rating vector, as a table.

Which coefficients: percent agreement, Cohen's kappa and Scott's pi (two raters) or Fleiss'
and Conger's kappa (more; Conger's equals Cohen's for two), Krippendorff's alpha at the given
level, Gwet's AC1 and Brennan-Prediger; for ordered levels also linear and quadratic Cohen's
(or Conger's) kappa and Gwet's AC2 (ordinal weights for ordinal data, quadratic for interval
and ratio). Multi-label data get percent agreement (exact set match) and alpha with the MASI
and Jaccard distances; per-code agreement is ``per_code_agreement``.

Conventions for edge cases (each NaN comes with a note and a warning):
- no variation (every pairable rating is the same code): percent agreement is 1.0; kappa,
  pi, Fleiss and alpha are 0/0 and NaN; AC1/AC2 and Brennan-Prediger are 1.0 when
  ``categories=`` lists two or more codes, NaN otherwise;
- items with a single rating cannot agree or disagree: they are left out of observed
  agreement and alpha and counted (n_items vs n_pairable); Gwet's coefficients still use
  their rating in chance agreement, as irrCAC does; Cohen's kappa and Scott's pi use the
  items both raters rated; items and raters without any rating are dropped;
- unequal numbers of raters per item: Fleiss' kappa is Gwet's generalisation (noted);
- one item, or one pairable item for alpha: the estimate if defined, no interval;
- bootstrap resamples without variation are left out (counted in the note); if more than
  half lack variation there is no interval;
- percent agreement gets no Landis-Koch reading ("not chance-corrected"), NaN "undefined";
  interval upper bounds are capped at 1, percent agreement's lower bound at 0.
"""

import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Unpack

import pandas as pd

from coding.agreement_warnings import AgreementWarning, InflatedAgreementWarning, emit
from coding.bootstrap import RandomState
from coding.brennan import brennan_prediger
from coding.cohen import KAPPA_WEIGHTS, KappaWeights, cohen_kappa
from coding.conger import conger_kappa
from coding.estimate import TABLE_COLUMNS, Estimate
from coding.fleiss import fleiss_kappa, scott_pi
from coding.gwet_ac import gwet_ac1, gwet_ac2
from coding.inflation import stacked_code_messages
from coding.krippendorff import LEVELS, Level, krippendorff_alpha
from coding.multilabel import multilabel_alpha
from coding.percent import percent_agreement
from coding.ratings import RatingData, RatingKeys, Ratings, rated_by_several
from coding.weights import WeightScheme

COEFFICIENTS = (
    "percent_agreement",
    "cohen_kappa",
    "scott_pi",
    "fleiss_kappa",
    "conger_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "gwet_ac2",
    "brennan_prediger",
)

Plan = dict[str, list[Callable[[], Estimate]]]


def _single_label_plan(
    ratings: Ratings,
    level: Level,
    confidence: float | None,
    n_boot: int,
    random_state: RandomState,
) -> tuple[Plan, list[str]]:
    """Return the coefficients available for single-label ratings and the default choice."""
    ordered = level != "nominal"
    two_raters = ratings.n_raters == 2
    kappa_weights: tuple[KappaWeights, ...] = KAPPA_WEIGHTS if ordered else ("unweighted",)
    plan: Plan = {
        "percent_agreement": [partial(percent_agreement, ratings, confidence=confidence)],
        "krippendorff_alpha": [
            partial(
                krippendorff_alpha,
                ratings,
                level=level,
                confidence=confidence,
                n_boot=n_boot,
                random_state=random_state,
            )
        ],
        "fleiss_kappa": [partial(fleiss_kappa, ratings, confidence=confidence)],
        "conger_kappa": [
            partial(conger_kappa, ratings, weights=weights, confidence=confidence)
            for weights in kappa_weights
        ],
        "gwet_ac1": [partial(gwet_ac1, ratings, confidence=confidence)],
        "brennan_prediger": [partial(brennan_prediger, ratings, confidence=confidence)],
    }
    if two_raters:
        plan["cohen_kappa"] = [
            partial(cohen_kappa, ratings, weights=weights, confidence=confidence)
            for weights in kappa_weights
        ]
        plan["scott_pi"] = [partial(scott_pi, ratings, confidence=confidence)]
    if ordered:
        ac2_weights: WeightScheme = "ordinal" if level == "ordinal" else "quadratic"
        plan["gwet_ac2"] = [partial(gwet_ac2, ratings, weights=ac2_weights, confidence=confidence)]
    default = [
        "percent_agreement",
        *(["cohen_kappa", "scott_pi"] if two_raters else ["fleiss_kappa", "conger_kappa"]),
        "krippendorff_alpha",
        "gwet_ac1",
        *(["gwet_ac2"] if ordered else []),
        "brennan_prediger",
    ]
    return plan, default


def _multi_label_plan(
    ratings: Ratings, confidence: float | None, n_boot: int, random_state: RandomState
) -> tuple[Plan, list[str]]:
    """Return the coefficients available for multi-label ratings and the default choice."""
    plan: Plan = {
        "percent_agreement": [
            lambda: replace(
                percent_agreement(ratings, confidence=confidence), variant="exact set match"
            )
        ],
        "krippendorff_alpha": [
            partial(
                multilabel_alpha,
                ratings,
                distance=distance,
                confidence=confidence,
                n_boot=n_boot,
                random_state=random_state,
            )
            for distance in ("masi", "jaccard")
        ],
    }
    return plan, list(plan)


def agreement(
    data: RatingData,
    *,
    level: Level = "nominal",
    coefficients: Sequence[str] | None = None,
    multi_label: bool | None = None,
    sep: str = ";",
    confidence: float | None = 0.95,
    n_boot: int = 1000,
    random_state: RandomState = 0,
    **keys: Unpack[RatingKeys],
) -> pd.DataFrame:
    """Return one row per agreement coefficient, with intervals, counts and Landis-Koch reading."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    ratings = rated_by_several(data, multi_label=multi_label, sep=sep, **keys)
    if ratings.multi_label:
        if level != "nominal":
            raise ValueError("multi-label data have no level; alpha uses MASI and Jaccard")
        plan, chosen = _multi_label_plan(ratings, confidence, n_boot, random_state)
    else:
        plan, chosen = _single_label_plan(ratings, level, confidence, n_boot, random_state)
    if coefficients is not None:
        unknown = [name for name in coefficients if name not in plan]
        if unknown:
            raise ValueError(
                f"coefficients {unknown} are not available for these data "
                f"({ratings.n_raters} raters, level {level!r}"
                f"{', multi-label' if ratings.multi_label else ''}); choose from {list(plan)}"
            )
        chosen = list(coefficients)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimates = [compute() for name in chosen for compute in plan[name]]
    found: list[AgreementWarning] = [
        *ratings.warnings,
        *(warning for estimate in estimates for warning in estimate.warnings),
        *(InflatedAgreementWarning(message) for message in stacked_code_messages(ratings)),
    ]
    table = pd.DataFrame([estimate.to_row() for estimate in estimates], columns=TABLE_COLUMNS)
    table.attrs["warnings"] = list(dict.fromkeys(str(warning) for warning in found))
    emit(found)
    return table
