"""The simulation: seeded and deterministic, ranks separable texts first, random near zero."""

import numpy as np
import pandas as pd
import pytest

from analysis.screening.active import rank_unscreened
from analysis.screening.features import text_features
from analysis.screening.metrics import screening_metrics
from analysis.screening.report import simulation_table
from analysis.screening.simulation import draw_priors, model_run, random_run, simulate


def corpus(n: int = 150, relevant_every: int = 6) -> tuple[list[str], np.ndarray]:
    """Texts where relevant ones share words ("crash", "nan loss") that the others lack."""
    rng = np.random.default_rng(7)
    filler = ["docs", "question", "install", "readme", "feature", "how", "to", "use", "api"]
    texts, labels = [], []
    for i in range(n):
        words = list(rng.choice(filler, 6))
        relevant = i % relevant_every == 0
        if relevant:
            words += ["training", "crash", "nan", "loss"]
        texts.append(" ".join(words) + f" item{i}")
        labels.append(int(relevant))
    return texts, np.array(labels)


TEXTS, LABELS = corpus()
FEATURES = text_features(TEXTS)


@pytest.mark.parametrize("model", ["lr", "nb", "svm"])
def test_a_model_finds_separable_relevant_texts_first(model: str) -> None:
    run = model_run(FEATURES, LABELS, model=model, seed=3)
    found = screening_metrics(LABELS[run.order])
    # 24 relevant left after the prior one, 139 records: a perfect order reads 23 for 95%.
    assert found.relevant == int(LABELS.sum()) - 1
    assert found.records_to_95 == 23
    assert found.wss95 == pytest.approx((139 - 23) / 139 - 0.05)


def test_runs_leave_the_priors_out_and_read_every_other_record_once() -> None:
    run = model_run(FEATURES, LABELS, seed=1, prior_relevant=2, prior_irrelevant=5)
    assert len(run.priors) == 7 and LABELS[run.priors].sum() == 2
    assert sorted([*run.priors, *run.order]) == list(range(len(LABELS)))
    baseline = random_run(LABELS, seed=1, prior_relevant=2, prior_irrelevant=5)
    assert set(baseline.priors) == set(run.priors)
    assert sorted(baseline.order) == sorted(run.order)


def test_the_simulation_is_deterministic_and_seeds_differ() -> None:
    first = simulate(FEATURES, LABELS, model="nb", seeds=[0, 1, 2])
    again = simulate(FEATURES, LABELS, model="nb", seeds=[0, 1, 2])
    pd.testing.assert_frame_equal(first.runs, again.runs)
    pd.testing.assert_frame_equal(first.curves, again.curves)
    random = first.runs[first.runs["method"] == "random"]
    assert random["atd"].nunique() == 3
    assert draw_priors(LABELS, 1, 10, 0).tolist() != draw_priors(LABELS, 1, 10, 1).tolist()


def test_summary_and_table_give_mean_and_spread_per_method() -> None:
    result = simulate(FEATURES, LABELS, model="lr", seeds=[0, 1, 2, 3])
    summary = result.summary().set_index("method")
    random = result.runs[result.runs["method"] == "random"]["wss95"]
    assert summary.loc["random", "wss95_mean"] == pytest.approx(random.mean())
    assert summary.loc["random", "wss95_sd"] == pytest.approx(random.std(ddof=1))
    assert summary.loc["lr", "wss95_mean"] > summary.loc["random", "wss95_mean"]
    table = simulation_table(result)
    assert list(table["method"]) == ["lr", "random"]
    assert table.loc[0, "WSS@95"].startswith(f"{summary.loc['lr', 'wss95_mean']:.3f} ± ")
    curve = result.curves[(result.curves["method"] == "lr") & (result.curves["seed"] == 0)]
    assert curve["read"].tolist() == list(range(1, result.records + 1))
    assert curve["recall"].iloc[-1] == 1.0


def test_ranking_falls_back_to_a_seeded_random_order_with_one_class() -> None:
    ranking = rank_unscreened(FEATURES, [1, 2], [0, 0], seed=5)
    assert not ranking.by_model
    assert (
        ranking.order.tolist() == rank_unscreened(FEATURES, [1, 2], [0, 0], seed=5).order.tolist()
    )
    assert 1 not in ranking.order and len(ranking.order) == len(LABELS) - 2
    ranked = rank_unscreened(FEATURES, [0, 1, 2], [1, 0, 0])
    assert ranked.by_model and list(ranked.scores) == sorted(ranked.scores, reverse=True)


@pytest.mark.parametrize(
    ("labels", "message"),
    [([1, 0, 0, 0], "too few"), ([1, 1, 0], "fewer than 10"), ([1, 2, 0], "0 \\(irrelevant\\)")],
)
def test_unusable_labels_are_refused(labels: list[int], message: str) -> None:
    features = text_features([f"t{i}" for i in range(len(labels))])
    with pytest.raises(ValueError, match=message):
        simulate(features, labels, seeds=[0])
