"""Family-wise (Holm, Bonferroni) and false-discovery-rate (Benjamini-Hochberg) corrections."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from statsmodels.stats.multitest import multipletests

from analysis._checks import require_columns

Correction = Literal["holm", "fdr_bh", "bonferroni", "none"]


def adjust_pvalues(
    frame: pd.DataFrame,
    *,
    column: str = "pvalue",
    method: Correction = "holm",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """A copy of `frame` with `p_adjusted` and `reject` columns for the p-values in `column`."""
    require_columns(frame, [column], name="frame")
    if method not in ("holm", "fdr_bh", "bonferroni", "none"):
        raise ValueError(f"method must be 'holm', 'fdr_bh', 'bonferroni' or 'none', got {method!r}")
    pvalues = frame[column].astype("float64")
    if pvalues.isna().any():
        raise ValueError(f"column {column!r} has missing p-values")
    result = frame.copy()
    if pvalues.empty:
        return result.assign(p_adjusted=pd.Series(dtype="float64"), reject=pd.Series(dtype=bool))
    if method == "none":
        return result.assign(p_adjusted=pvalues, reject=pvalues <= alpha)
    reject, adjusted, _, _ = multipletests(pvalues.to_numpy(), alpha=alpha, method=method)
    return result.assign(p_adjusted=adjusted, reject=reject)
