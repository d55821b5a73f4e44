"""Screening metrics of one reading order: recall curve, WSS@r, RRF@p, time to discovery.

`order` is the relevance (1 relevant, 0 not) of the records in the order they were read, prior
knowledge left out (as ASReview Insights does by default). With N records and P relevant ones:

- recall after n records: relevant found in the first n / P;
- WSS@r (Cohen et al. 2006): (N - n_r) / N - (1 - r), where n_r is the number of records read
  when ceil(r * P) relevant ones have been found;
- RRF@p: the share of relevant records found among the first floor(p * N) records read;
- time to discovery of a relevant record: the share of the records read when it was found
  (its 1-based position / N); ATD is its mean over the relevant records (Ferdinands et al.).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Tolerance for r * P and p * N: 0.95 * 20 is 18.999999999999996 in floating point.
_EPS = 1e-9


def _checked(order: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """The order as 0/1 integers; a ValueError unless it holds 0/1 and a relevant record."""
    values = np.asarray(order)
    if values.ndim != 1 or values.size == 0:
        raise ValueError("a reading order must be a non-empty 1-D sequence of 0/1")
    if not np.isin(values, (0, 1)).all():
        raise ValueError("a reading order may hold only 0 (irrelevant) and 1 (relevant)")
    if not values.any():
        raise ValueError("the reading order holds no relevant record: recall is undefined")
    return values.astype(np.int64)


def recall_curve(order: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Recall after each record read: element n-1 is the recall after n records."""
    values = _checked(order)
    return np.cumsum(values) / values.sum()


def records_to_recall(order: npt.ArrayLike, recall: float) -> int:
    """How many records are read when ceil(recall * P) relevant ones have been found."""
    if not 0.0 < recall <= 1.0:
        raise ValueError(f"recall must be in (0, 1], got {recall}")
    values = _checked(order)
    needed = math.ceil(recall * values.sum() - _EPS)
    return int(np.searchsorted(np.cumsum(values), needed) + 1)


def wss(order: npt.ArrayLike, recall: float = 0.95) -> float:
    """Work saved over sampling at `recall` (Cohen et al. 2006)."""
    values = _checked(order)
    n = values.size
    return (n - records_to_recall(values, recall)) / n - (1.0 - recall)


def rrf(order: npt.ArrayLike, share: float = 0.10) -> float:
    """Relevant records found after reading floor(share * N) records, as a share of all."""
    if not 0.0 < share <= 1.0:
        raise ValueError(f"share must be in (0, 1], got {share}")
    values = _checked(order)
    k = math.floor(share * values.size + _EPS)
    return float(values[:k].sum() / values.sum())


def times_to_discovery(order: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Each relevant record's time to discovery: its 1-based position / N."""
    values = _checked(order)
    return (np.flatnonzero(values) + 1) / values.size


def average_time_to_discovery(order: npt.ArrayLike) -> float:
    """ATD: the mean time to discovery over the relevant records (Ferdinands et al.)."""
    return float(times_to_discovery(order).mean())


@dataclass(frozen=True)
class ScreeningMetrics:
    """WSS@95, RRF@10 and ATD of one reading order, with its size."""

    records: int
    relevant: int
    wss95: float
    rrf10: float
    atd: float
    records_to_95: int


def screening_metrics(order: npt.ArrayLike) -> ScreeningMetrics:
    """WSS@95, RRF@10, ATD and records read to 95% recall of one reading order."""
    values = _checked(order)
    return ScreeningMetrics(
        records=int(values.size),
        relevant=int(values.sum()),
        wss95=wss(values, 0.95),
        rrf10=rrf(values, 0.10),
        atd=average_time_to_discovery(values),
        records_to_95=records_to_recall(values, 0.95),
    )
