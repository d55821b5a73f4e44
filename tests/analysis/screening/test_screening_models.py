"""The models' class balance: naive Bayes gives every class the same total weight, as lr/svm do."""

import numpy as np
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.naive_bayes import MultinomialNB

from analysis.screening.models import make_model

# 1 relevant and 5 irrelevant records over 3 words (counts).
X = np.array(
    [
        [3, 0, 1],
        [0, 2, 1],
        [1, 2, 0],
        [0, 1, 1],
        [0, 3, 0],
        [1, 1, 1],
    ],
    dtype=float,
)
Y = np.array([1, 0, 0, 0, 0, 0])


def test_nb_weighs_both_classes_the_same_in_total() -> None:
    model = make_model("nb").fit(X, Y)
    # balanced: n / (2 n_c) per record, 6 / 2 = 3 for the relevant one, 6 / 10 for the others
    assert model.class_count_.tolist() == pytest.approx([3.0, 3.0])
    irrelevant = 0.6 * X[1:].sum(axis=0)
    relevant = 3.0 * X[0]
    assert model.feature_count_ == pytest.approx(np.vstack([irrelevant, relevant]))


def test_nb_word_probabilities_follow_the_weighted_counts_smoothed_by_hand() -> None:
    model = make_model("nb").fit(X, Y)
    alpha = 0.05
    irrelevant = 0.6 * X[1:].sum(axis=0) + alpha
    relevant = 3.0 * X[0] + alpha
    expected = np.log(np.vstack([irrelevant / irrelevant.sum(), relevant / relevant.sum()]))
    assert model.feature_log_prob_ == pytest.approx(expected)
    unweighted = MultinomialNB(alpha=alpha).fit(X, Y)
    # the balance changes the relevant class's smoothing, not only the prior
    assert not np.allclose(unweighted.feature_log_prob_[1], model.feature_log_prob_[1])


def test_nb_balances_several_classes_and_multiplies_given_weights() -> None:
    y = np.array([0, 0, 0, 1, 1, 2])
    model = make_model("nb", binary=False).fit(X, y)
    assert model.class_count_.tolist() == pytest.approx([2.0, 2.0, 2.0])
    given = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 3.0])
    again = make_model("nb", binary=False).fit(X, y, sample_weight=given)
    assert again.class_count_.tolist() == pytest.approx([2.0, 2.0, 6.0])


def test_nb_still_calibrates_as_a_scikit_learn_estimator() -> None:
    x = np.vstack([X, X, X])
    y = np.tile(Y, 3)
    calibrated = CalibratedClassifierCV(make_model("nb"), method="sigmoid", cv=3).fit(x, y)
    probabilities = calibrated.predict_proba(x)
    assert probabilities.shape == (18, 2)
    assert probabilities.sum(axis=1) == pytest.approx(np.ones(18))
