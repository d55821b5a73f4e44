"""Per-code agreement: each code as present/absent, to find codes that need a sharper definition.

Single-label ratings are binarised one-vs-rest (the code or any other); multi-label ratings by
whether the set holds the code. Each binary vector gets percent agreement, kappa (Cohen's for
two raters, Fleiss' otherwise) and Krippendorff's nominal alpha with their intervals.

Columns: code; n_items_coded (items where any rater gave the code); n_ratings (ratings giving
it); prevalence (n_ratings over all ratings); n_disagreements (pairable items where some
raters gave it and some did not); percent_agreement; kappa_coefficient, kappa, kappa_ci_low,
kappa_ci_high; alpha, alpha_ci_low, alpha_ci_high; interpretation (Landis-Koch of kappa);
note. Codes nobody or everybody used have no variation: NaN kappa and alpha, with the note.
"""

import warnings
from collections.abc import Hashable, Sequence
from typing import Any, Unpack, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from coding.agreement_warnings import AgreementWarning, emit
from coding.bootstrap import RandomState
from coding.cohen import cohen_kappa
from coding.estimate import Estimate
from coding.fleiss import fleiss_kappa
from coding.interpretation import landis_koch
from coding.krippendorff import krippendorff_alpha
from coding.percent import percent_agreement
from coding.ratings import RatingData, RatingKeys, Ratings, rated_by_several

PRESENCE = ("absent", "present")


def _code_list(ratings: Ratings, categories: Sequence[Hashable] | None) -> list[Hashable]:
    """Return the codes to report: the given ones, or those observed."""
    if categories is not None:
        return list(categories)
    if not ratings.multi_label:
        return list(ratings.categories)
    used = {code for labels in ratings.categories for code in labels}
    try:
        return sorted(cast(list[Any], used))
    except TypeError:
        return sorted(used, key=str)


def _membership(ratings: Ratings, codes: list[Hashable]) -> npt.NDArray[np.bool_]:
    """Return a categories x codes matrix: does category s hold code c."""
    if ratings.multi_label:
        return np.array(
            [[code in labels for code in codes] for labels in ratings.categories], dtype=bool
        ).reshape(ratings.n_categories, len(codes))
    position = {category: index for index, category in enumerate(ratings.categories)}
    member = np.zeros((ratings.n_categories, len(codes)), dtype=bool)
    for column, code in enumerate(codes):
        if code in position:
            member[position[code], column] = True
    return member


def per_code_agreement(
    data: RatingData,
    *,
    multi_label: bool | None = None,
    sep: str = ";",
    confidence: float | None = 0.95,
    n_boot: int = 1000,
    random_state: RandomState = 0,
    **keys: Unpack[RatingKeys],
) -> pd.DataFrame:
    """Return one row per code: its use, disagreements, kappa and alpha as present/absent."""
    ratings = rated_by_several(data, multi_label=multi_label, sep=sep, **keys)
    codes = _code_list(ratings, keys.get("categories"))
    member = _membership(ratings, codes)
    observed = ratings.codes >= 0
    pairable = observed.sum(axis=1) >= 2
    kappa = cohen_kappa if ratings.n_raters == 2 else fleiss_kappa
    rows = []
    found: list[AgreementWarning] = []
    for column, code in enumerate(codes):
        present = member[np.where(observed, ratings.codes, 0), column] & observed
        binary = np.where(observed, present.astype(np.intp), -1)
        coded = ratings.recode(binary, PRESENCE)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            share = percent_agreement(coded, confidence=None)
            kappa_estimate = kappa(coded, confidence=confidence)
            alpha_estimate = krippendorff_alpha(
                coded, confidence=confidence, n_boot=n_boot, random_state=random_state
            )
        found.extend(
            type(warning)(f"code {code!r}: {warning}")
            for warning in (*kappa_estimate.warnings, *alpha_estimate.warnings)
        )
        n_present = present[pairable].sum(axis=1)
        n_rated = observed[pairable].sum(axis=1)
        rows.append(
            {
                "code": code,
                "n_items_coded": int(present.any(axis=1).sum()),
                "n_ratings": int(present.sum()),
                "prevalence": float(present.sum() / observed.sum()),
                "n_disagreements": int(((n_present > 0) & (n_present < n_rated)).sum()),
                "percent_agreement": share.estimate,
                "kappa_coefficient": kappa_estimate.coefficient,
                "kappa": kappa_estimate.estimate,
                "kappa_ci_low": kappa_estimate.ci_low,
                "kappa_ci_high": kappa_estimate.ci_high,
                "alpha": alpha_estimate.estimate,
                "alpha_ci_low": alpha_estimate.ci_low,
                "alpha_ci_high": alpha_estimate.ci_high,
                "interpretation": landis_koch(kappa_estimate.estimate),
                "note": _code_note(kappa_estimate, alpha_estimate),
            }
        )
    table = pd.DataFrame(rows)
    table.attrs["warnings"] = list(dict.fromkeys(str(warning) for warning in found))
    emit(found)
    return table


def _code_note(kappa_estimate: Estimate, alpha_estimate: Estimate) -> str:
    """Return the distinct notes of the two estimates of one code."""
    parts = [
        part
        for note in (kappa_estimate.note, alpha_estimate.note)
        for part in note.split("; ")
        if part and not part.startswith("bootstrap over")
    ]
    return "; ".join(dict.fromkeys(parts))
