"""The result of one agreement coefficient: value, confidence interval, counts and caveats."""

import math
from dataclasses import dataclass, field
from typing import Literal

from coding.agreement_warnings import AgreementWarning
from coding.interpretation import landis_koch

CiMethod = Literal["fleiss_cohen_everitt_1969", "gwet_2014", "bootstrap_percentile", "none"]

CI_METHODS: dict[CiMethod, str] = {
    "fleiss_cohen_everitt_1969": (
        "large-sample standard error of (weighted) kappa of Fleiss, Cohen & Everitt (1969), "
        "normal quantile"
    ),
    "gwet_2014": (
        "linearisation standard error of Gwet (2008; 2014, Handbook of Inter-Rater Reliability) "
        "as in R irrCAC's *.raw functions, t quantile with n_items - 1 df"
    ),
    "bootstrap_percentile": "percentile interval of a seeded bootstrap over items",
    "none": "no interval (not requested, or undefined: see note)",
}

TABLE_COLUMNS = (
    "coefficient",
    "variant",
    "estimate",
    "ci_low",
    "ci_high",
    "ci_method",
    "se",
    "n_items",
    "n_raters",
    "n_pairable",
    "n_values",
    "interpretation",
    "note",
)


@dataclass(frozen=True)
class Estimate:
    """One agreement coefficient with its confidence interval and the counts behind it.

    ``n_items`` counts items with at least one rating, ``n_pairable`` those with at least two
    (the ones that can show agreement), ``n_values`` the ratings in pairable items. ``note``
    explains every NaN and any adjustment; ``warnings`` holds the warnings that were issued.
    """

    coefficient: str
    variant: str
    estimate: float
    ci_low: float
    ci_high: float
    ci_method: CiMethod
    se: float
    confidence: float
    n_items: int
    n_raters: int
    n_pairable: int
    n_values: int
    note: str = ""
    warnings: tuple[AgreementWarning, ...] = field(default=())

    def __float__(self) -> float:
        """Return the point estimate."""
        return float(self.estimate)

    @property
    def interpretation(self) -> str:
        """Return the Landis-Koch band, or why there is none."""
        if self.coefficient == "percent_agreement":
            return "not chance-corrected"
        return landis_koch(self.estimate)

    def to_row(self) -> dict[str, object]:
        """Return the fields of the tidy agreement table as a dict."""
        return {name: getattr(self, name) for name in TABLE_COLUMNS}


def join_notes(*notes: str) -> str:
    """Join non-empty notes with '; '."""
    return "; ".join(note for note in notes if note)


def undefined_estimate(
    coefficient: str,
    variant: str,
    message: str,
    *,
    n_items: int,
    n_raters: int,
    confidence: float | None,
    warnings: tuple[AgreementWarning, ...],
) -> Estimate:
    """Return an all-NaN Estimate whose note says why."""
    return Estimate(
        coefficient=coefficient,
        variant=variant,
        estimate=math.nan,
        ci_low=math.nan,
        ci_high=math.nan,
        ci_method="none",
        se=math.nan,
        confidence=math.nan if confidence is None else confidence,
        n_items=n_items,
        n_raters=n_raters,
        n_pairable=0,
        n_values=0,
        note=message,
        warnings=warnings,
    )
