"""Cross-validated quality of code suggestions, grouped (leave one repository out).

A random split leaks a repository's vocabulary into training; LeaveOneGroupOut keeps every
group's items out of the model that predicts them. Beside the model: the majority-class
baseline (each fold's most frequent training code). Metrics are computed here from the pooled
out-of-fold predictions (tests compare them with scikit-learn's own functions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from sklearn.model_selection import LeaveOneGroupOut

from analysis.screening.suggestions import fit_suggester

LEARNING_SIZES = (50, 100, 200, 400)


def accuracy(truth: npt.ArrayLike, predicted: npt.ArrayLike) -> float:
    """Share of items whose predicted code is the true one."""
    return float(np.mean(np.asarray(truth) == np.asarray(predicted)))


def per_code(truth: npt.ArrayLike, predicted: npt.ArrayLike) -> pd.DataFrame:
    """code, precision, recall, f1, support for every code in truth or prediction (0 if none)."""
    t, p = np.asarray(truth), np.asarray(predicted)
    rows = []
    for code in sorted(set(t) | set(p)):
        hit = int(np.sum((t == code) & (p == code)))
        said, real = int(np.sum(p == code)), int(np.sum(t == code))
        precision = hit / said if said else 0.0
        recall = hit / real if real else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(
            {"code": code, "precision": precision, "recall": recall, "f1": f1, "support": real}
        )
    return pd.DataFrame(rows)


def macro_f1(truth: npt.ArrayLike, predicted: npt.ArrayLike) -> float:
    """Unweighted mean of the per-code F1 over the codes in truth or prediction."""
    return float(per_code(truth, predicted)["f1"].mean())


def top_k_accuracy(
    truth: npt.ArrayLike, proba: npt.NDArray[np.float64], codes: Sequence[str], k: int = 3
) -> float:
    """Share of items whose true code is among the k most probable."""
    best = np.argsort(-proba, axis=1, kind="stable")[:, :k]
    names = np.asarray(codes)[best]
    return float(np.mean([t in row for t, row in zip(np.asarray(truth), names, strict=True)]))


@dataclass(frozen=True)
class Evaluation:
    """Out-of-fold predictions and the quality measures of the model and the baseline."""

    predictions: pd.DataFrame
    summary: pd.DataFrame
    per_code: pd.DataFrame
    learning_curve: pd.DataFrame
    groups: int
    left_out: dict[str, int]


def _fold_predictions(
    features: object,
    codes: npt.NDArray[np.str_],
    train: npt.NDArray[np.int64],
    test: npt.NDArray[np.int64],
    everything: list[str],
    model: str,
    seed: int,
) -> tuple[npt.NDArray[np.float64], dict[str, int]]:
    """Calibrated probabilities for `test` over `everything` (0 for codes not trained on)."""
    suggester = fit_suggester(features[train], codes[train], model=model, seed=seed)  # type: ignore[index]
    proba = np.zeros((len(test), len(everything)))
    fitted = suggester.probabilities(features[test])  # type: ignore[index]
    for j, code in enumerate(suggester.codes):
        proba[:, everything.index(code)] = fitted[:, j]
    return proba, suggester.left_out


def evaluate_grouped(
    features: object,
    codes: Sequence[str],
    groups: Sequence[str],
    *,
    item_ids: Sequence[str] | None = None,
    model: str = "lr",
    seed: int = 0,
    k: int = 3,
    sizes: Sequence[int] = LEARNING_SIZES,
) -> Evaluation:
    """Leave-one-group-out accuracy, macro-F1, top-k accuracy, per-code quality, learning curve."""
    y = np.asarray([str(c) for c in codes])
    g = np.asarray([str(x) for x in groups])
    if len(set(g)) < 2:
        raise ValueError(
            f"{len(set(g))} group(s): leave-one-group-out needs items from at least 2 groups"
        )
    everything = sorted(set(y))
    splits = list(LeaveOneGroupOut().split(np.zeros(len(y)), y, g))
    proba = np.zeros((len(y), len(everything)))
    baseline = np.empty(len(y), dtype=object)
    left_out: dict[str, int] = {}
    for train, test in splits:
        fold, rare = _fold_predictions(features, y, train, test, everything, model, seed)
        proba[test] = fold
        left_out.update(rare)
        baseline[test] = pd.Series(y[train]).value_counts().sort_index().idxmax()
    predicted = np.asarray(everything)[proba.argmax(axis=1)]
    ids = list(item_ids) if item_ids is not None else list(range(len(y)))
    predictions = pd.DataFrame(
        {"item_id": ids, "group": g, "code": y, "predicted": predicted, "baseline": baseline}
    )
    base = baseline.astype(str)
    base_proba = (np.asarray(everything)[None, :] == base[:, None]).astype(float)
    summary = pd.DataFrame(
        [
            {
                "method": f"{model} (calibrated)",
                "accuracy": accuracy(y, predicted),
                "macro_f1": macro_f1(y, predicted),
                f"top{k}_accuracy": top_k_accuracy(y, proba, everything, k),
            },
            {
                "method": "majority class",
                "accuracy": accuracy(y, base),
                "macro_f1": macro_f1(y, base),
                f"top{k}_accuracy": top_k_accuracy(y, base_proba, everything, k),
            },
        ]
    )
    curve = _learning_curve(features, y, splits, everything, sizes, model, seed)
    return Evaluation(predictions, summary, per_code(y, predicted), curve, len(set(g)), left_out)


def _learning_curve(
    features: object,
    y: npt.NDArray[np.str_],
    splits: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]],
    everything: list[str],
    sizes: Sequence[int],
    model: str,
    seed: int,
) -> pd.DataFrame:
    """Accuracy and macro-F1 when each fold trains on a seeded subset of `size` labels."""
    rows = []
    rng = np.random.default_rng(seed)
    for size in sizes:
        if size > min(len(train) for train, _ in splits):
            continue
        predicted = np.empty(len(y), dtype=object)
        for train, test in splits:
            subset = np.sort(rng.choice(train, size, replace=False))
            try:
                proba, _ = _fold_predictions(features, y, subset, test, everything, model, seed)
            except ValueError:
                break
            predicted[test] = np.asarray(everything)[proba.argmax(axis=1)]
        else:
            labels = predicted.astype(str)
            rows.append(
                {"labels": size, "accuracy": accuracy(y, labels), "macro_f1": macro_f1(y, labels)}
            )
    return pd.DataFrame(rows, columns=["labels", "accuracy", "macro_f1"])
