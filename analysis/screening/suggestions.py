"""Code suggestions: a calibrated linear model on the labels so far, top-k codes per item.

Calibration: scikit-learn's CalibratedClassifierCV (sigmoid) with as many folds as the rarest
code allows (2 to 3). Codes with a single labelled item cannot be calibrated: they are left
out of training and named in `Suggester.left_out`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV

from analysis.screening.models import make_model


@dataclass(frozen=True)
class Suggester:
    """A fitted calibrated model, its codes, and the codes too rare to train on."""

    model: CalibratedClassifierCV
    codes: list[str]
    left_out: dict[str, int]

    def probabilities(self, features: object) -> npt.NDArray[np.float64]:
        """Calibrated probabilities, one column per code of `codes`."""
        return np.asarray(self.model.predict_proba(features), dtype=float)


def fit_suggester(
    features: object, codes: Sequence[str] | npt.ArrayLike, *, model: str = "lr", seed: int = 0
) -> Suggester:
    """Fit a calibrated `model` on (features, codes); codes seen only once are left out."""
    labels = pd.Series(list(np.asarray(codes)), dtype=str)
    counts = labels.value_counts()
    rare = {str(c): int(n) for c, n in counts[counts < 2].sort_index().items()}
    keep = ~labels.isin(rare).to_numpy()
    kept = labels[keep]
    if kept.nunique() < 2:
        raise ValueError(
            f"{kept.nunique()} code(s) with at least 2 labelled items: a model needs 2 or more"
        )
    folds = int(min(3, kept.value_counts().min()))
    calibrated = CalibratedClassifierCV(
        make_model(model, seed, binary=kept.nunique() == 2), method="sigmoid", cv=folds
    )
    with warnings.catch_warnings():
        # Small training sets (a learning curve's 50 labels) have many codes per item: fine.
        warnings.filterwarnings("ignore", message="The number of unique classes is greater")
        calibrated.fit(features[keep], kept.to_numpy())  # type: ignore[index]
    return Suggester(calibrated, [str(c) for c in calibrated.classes_], rare)


def top_codes(
    suggester: Suggester, features: object, item_ids: Sequence[str], k: int = 3
) -> pd.DataFrame:
    """item_id, rank, code, probability: each item's k most probable codes, best first."""
    proba = suggester.probabilities(features)
    best = np.argsort(-proba, axis=1, kind="stable")[:, :k]
    rows = [
        {"item_id": item, "rank": rank + 1, "code": suggester.codes[j], "probability": proba[i, j]}
        for i, item in enumerate(item_ids)
        for rank, j in enumerate(best[i])
    ]
    return pd.DataFrame(rows, columns=["item_id", "rank", "code", "probability"])
