"""The linear models that rank records and suggest codes: lr, nb, svm."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
from sklearn.base import ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC

ModelName = Literal["lr", "nb", "svm"]
MODELS: tuple[ModelName, ...] = ("lr", "nb", "svm")
MODEL_TITLES: dict[str, str] = {
    "lr": "logistic regression (balanced class weights)",
    "nb": "multinomial naive Bayes",
    "svm": "linear SVM (balanced class weights)",
}


def make_model(name: str, seed: int = 0, *, binary: bool = True) -> ClassifierMixin:
    """A new, unfitted classifier called `name` (lr, nb or svm), seeded where it draws.

    Binary logistic regression uses liblinear on the dual problem: the same optimum, reached
    about four times faster while there are fewer decisions than features (screening: a
    thousand decisions, a few hundred thousand n-grams); with more than two codes, lbfgs
    (multinomial).
    """
    if name == "lr":
        if binary:
            return LogisticRegression(
                C=10.0,
                class_weight="balanced",
                solver="liblinear",
                dual=True,
                max_iter=1000,
                random_state=seed,
            )
        return LogisticRegression(
            C=10.0, class_weight="balanced", solver="lbfgs", max_iter=1000, random_state=seed
        )
    if name == "nb":
        return MultinomialNB(alpha=0.05)
    if name == "svm":
        return LinearSVC(C=1.0, class_weight="balanced", random_state=seed)
    raise ValueError(f"unknown model {name!r}: choose lr, nb or svm")


def relevance_scores(model: ClassifierMixin, features: object) -> npt.NDArray[np.float64]:
    """A fitted binary model's score for class 1 (higher: more likely relevant)."""
    if hasattr(model, "predict_proba"):
        classes = list(model.classes_)
        return np.asarray(model.predict_proba(features))[:, classes.index(1)]
    return np.asarray(model.decision_function(features), dtype=float)
