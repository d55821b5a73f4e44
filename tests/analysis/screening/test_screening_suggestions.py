"""Code suggestions: calibrated top-k, grouped evaluation checked against scikit-learn."""

import numpy as np
import pytest
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    precision_recall_fscore_support,
    top_k_accuracy_score,
)

from analysis.screening.evaluation import (
    accuracy,
    evaluate_grouped,
    macro_f1,
    per_code,
    top_k_accuracy,
)
from analysis.screening.features import text_features
from analysis.screening.suggestions import fit_suggester, top_codes

WORDS = {
    "api": ["attribute", "removed", "deprecated", "module"],
    "shape": ["dimension", "mismatch", "tensor", "reshape"],
    "gpu": ["cuda", "memory", "device", "driver"],
    "loss": ["nan", "diverge", "gradient", "exploding"],
}


def corpus(n: int = 160) -> tuple[list[str], list[str], list[str]]:
    """Texts whose code shows in two of its four words plus noise, in 4 repositories."""
    rng = np.random.default_rng(3)
    codes = list(WORDS)
    texts, labels, groups = [], [], []
    for i in range(n):
        code = codes[i % 4] if i % 9 else codes[(i + 1) % 4]
        words = list(rng.choice(WORDS[code], 2)) + list(rng.choice(WORDS[codes[i % 3]], 1))
        words += list(rng.choice(["please", "help", "error", "model", "train"], 3))
        texts.append(" ".join(words))
        labels.append(code)
        groups.append(f"repo{i % 4}")
    return texts, labels, groups


TEXTS, CODES, GROUPS = corpus()
FEATURES = text_features(TEXTS)


def test_our_metrics_match_sklearn() -> None:
    rng = np.random.default_rng(0)
    codes = ["a", "b", "c", "d"]
    truth = list(rng.choice(codes, 200))
    predicted = list(rng.choice(codes[:3], 200))
    proba = rng.dirichlet(np.ones(4), 200)
    assert accuracy(truth, predicted) == pytest.approx(accuracy_score(truth, predicted))
    assert macro_f1(truth, predicted) == pytest.approx(
        f1_score(truth, predicted, average="macro", zero_division=0)
    )
    assert top_k_accuracy(truth, proba, codes, 3) == pytest.approx(
        top_k_accuracy_score(truth, proba, k=3, labels=codes)
    )
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=codes, zero_division=0
    )
    table = per_code(truth, predicted)
    assert table["code"].tolist() == codes
    assert table["precision"].to_numpy() == pytest.approx(precision)
    assert table["recall"].to_numpy() == pytest.approx(recall)
    assert table["f1"].to_numpy() == pytest.approx(f1)
    assert table["support"].tolist() == support.tolist()


def test_top_codes_are_calibrated_probabilities_best_first() -> None:
    suggester = fit_suggester(FEATURES[:120], CODES[:120])
    ids = [f"i{i}" for i in range(120, 160)]
    table = top_codes(suggester, FEATURES[120:], ids)
    assert len(table) == 3 * 40 and table["rank"].tolist()[:3] == [1, 2, 3]
    proba = suggester.model.predict_proba(FEATURES[120:])
    assert proba.sum(axis=1) == pytest.approx(np.ones(40))
    first = table[table["rank"] == 1]
    assert first["probability"].to_numpy() == pytest.approx(proba.max(axis=1))
    assert (
        table.groupby("item_id")["probability"].apply(lambda p: p.is_monotonic_decreasing)
    ).all()
    # These texts carry their code's words: the top code is right far more often than chance.
    assert accuracy(CODES[120:], first["code"].tolist()) > 0.6


def test_a_code_seen_once_is_left_out_and_named() -> None:
    codes = [*CODES[:60], "rare"]
    suggester = fit_suggester(FEATURES[:61], codes)
    assert suggester.left_out == {"rare": 1}
    assert "rare" not in suggester.codes


def test_grouped_evaluation_matches_sklearn_and_holds_each_group_out() -> None:
    result = evaluate_grouped(FEATURES, CODES, GROUPS, sizes=(50, 100, 400))
    pred = result.predictions
    model = result.summary.iloc[0]
    assert model["accuracy"] == pytest.approx(accuracy_score(pred["code"], pred["predicted"]))
    assert model["macro_f1"] == pytest.approx(
        f1_score(pred["code"], pred["predicted"], average="macro", zero_division=0)
    )
    baseline = result.summary.iloc[1]
    assert baseline["method"] == "majority class"
    assert model["accuracy"] > baseline["accuracy"]
    # The predictions for repo0 come from a model that never saw repo0.
    held = np.array(GROUPS) == "repo0"
    alone = fit_suggester(FEATURES[~held], np.array(CODES)[~held])
    expected = np.asarray(alone.codes)[alone.probabilities(FEATURES[held]).argmax(axis=1)]
    assert pred.loc[held, "predicted"].tolist() == expected.tolist()
    assert result.groups == 4
    # 400 labels is more than any fold trains on (120): left out of the curve.
    assert result.learning_curve["labels"].tolist() == [50, 100]


def test_one_group_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2 groups"):
        evaluate_grouped(FEATURES, CODES, ["one"] * len(CODES))
