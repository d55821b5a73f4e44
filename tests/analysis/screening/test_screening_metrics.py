"""Screening metrics against hand-computed examples and scikit-learn's recall and precision."""

import numpy as np
import pytest
from sklearn.metrics import precision_score, recall_score

from analysis.screening.metrics import (
    average_time_to_discovery,
    recall_curve,
    records_to_recall,
    rrf,
    screening_metrics,
    times_to_discovery,
    wss,
)

# 10 records, relevant at positions 1, 3 and 10 (P = 3).
ORDER = [1, 0, 1, 0, 0, 0, 0, 0, 0, 1]


def test_recall_curve_by_hand() -> None:
    expected = [1, 1, 2, 2, 2, 2, 2, 2, 2, 3]
    assert recall_curve(ORDER) == pytest.approx(np.array(expected) / 3)


def test_wss_by_hand() -> None:
    # 95% of 3 relevant needs ceil(2.85) = 3 found: all 10 records read; (10-10)/10 - 0.05.
    assert records_to_recall(ORDER, 0.95) == 10
    assert wss(ORDER, 0.95) == pytest.approx(-0.05)
    # 60% needs ceil(1.8) = 2 found: 3 records read; (10-3)/10 - 0.4 = 0.3.
    assert records_to_recall(ORDER, 0.6) == 3
    assert wss(ORDER, 0.6) == pytest.approx(0.3)


def test_wss_of_a_perfect_order_where_r_times_p_is_whole() -> None:
    # 20 relevant first among 100: 95% is 19 found after 19 read; 81/100 - 0.05 = 0.76.
    order = [1] * 20 + [0] * 80
    assert records_to_recall(order, 0.95) == 19
    assert wss(order, 0.95) == pytest.approx(0.76)


def test_rrf_by_hand() -> None:
    # 10% of 10 records is 1 record read, holding 1 of 3 relevant; 50% is 5 records, 2 of 3.
    assert rrf(ORDER, 0.10) == pytest.approx(1 / 3)
    assert rrf(ORDER, 0.50) == pytest.approx(2 / 3)
    # 10% of 25 records is floor(2.5) = 2 records.
    assert rrf([0, 1, 1] + [0] * 21 + [1], 0.10) == pytest.approx(1 / 3)


def test_time_to_discovery_by_hand() -> None:
    assert times_to_discovery(ORDER) == pytest.approx([0.1, 0.3, 1.0])
    assert average_time_to_discovery(ORDER) == pytest.approx(1.4 / 3)


def test_summary_matches_the_single_metrics() -> None:
    found = screening_metrics(ORDER)
    assert (found.records, found.relevant, found.records_to_95) == (10, 3, 10)
    assert (found.wss95, found.rrf10, found.atd) == (wss(ORDER), rrf(ORDER), 1.4 / 3)


@pytest.mark.parametrize("seed", range(5))
def test_recall_after_n_is_sklearns_recall_of_reading_the_first_n(seed: int) -> None:
    rng = np.random.default_rng(seed)
    order = (rng.random(200) < 0.15).astype(int)
    order[rng.integers(200)] = 1
    curve = recall_curve(order)
    for n in (1, 7, 20, 95, 200):
        read = (np.arange(200) < n).astype(int)
        assert curve[n - 1] == pytest.approx(recall_score(order, read))
        # precision of the first n read is relevant found / n
        assert curve[n - 1] * order.sum() / n == pytest.approx(precision_score(order, read))


def test_wss_of_random_orders_matches_its_expectation() -> None:
    # In a random order the k-th of P relevant among N sits on average at k (N + 1) / (P + 1);
    # k = ceil(0.95 * 40) = 38 of 40 in 1,000: E[WSS@95] = (1000 - 38 * 1001 / 41) / 1000 - 0.05.
    rng = np.random.default_rng(1)
    labels = np.array([1] * 40 + [0] * 960)
    values = [wss(rng.permutation(labels)) for _ in range(400)]
    expected = (1000 - 38 * 1001 / 41) / 1000 - 0.05
    assert float(np.mean(values)) == pytest.approx(expected, abs=0.008)


@pytest.mark.parametrize("bad", [[], [0, 0, 0], [0, 2, 1], [[1, 0]]])
def test_bad_orders_are_refused(bad: list[object]) -> None:
    with pytest.raises(ValueError):
        recall_curve(bad)


def test_bad_recall_and_share_are_refused() -> None:
    with pytest.raises(ValueError, match="recall"):
        wss(ORDER, 0.0)
    with pytest.raises(ValueError, match="share"):
        rrf(ORDER, 1.5)


def test_clopper_pearson_matches_statsmodels() -> None:
    from statsmodels.stats.proportion import proportion_confint

    from analysis.screening.stopping import clopper_pearson

    for k, n in [(0, 20), (3, 40), (20, 20), (7, 11)]:
        expected = proportion_confint(k, n, alpha=0.05, method="beta")
        assert clopper_pearson(k, n) == pytest.approx(expected)


def test_remaining_estimate_and_stop_advice_by_hand() -> None:
    from analysis.screening.stopping import remaining_relevant, stop_advice, trailing_irrelevant

    # 2 of 40 random draws relevant, 1,000 unscreened, 95 found: 50 left, recall 95/145.
    left = remaining_relevant(40, 2, 1000, 95)
    assert left.estimate == pytest.approx(50.0)
    assert left.recall()[0] == pytest.approx(95 / 145)
    assert not stop_advice(left, 80).stop
    assert trailing_irrelevant([1, 0, 1, 0, 0, 0]) == 3
    none_left = remaining_relevant(300, 0, 100, 95)
    # 0 of 300: upper bound 1 - 0.025^(1/300) = 1.22% of 100 unscreened, recall >= 98.7%.
    assert none_left.high == pytest.approx(100 * (1 - 0.025 ** (1 / 300)))
    assert stop_advice(none_left, 60).stop
    assert not stop_advice(none_left, 10).stop
    assert not stop_advice(remaining_relevant(0, 0, 100, 5), 99).stop
