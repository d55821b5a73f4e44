"""Multi-label agreement: MASI and Jaccard distances, set-valued alpha and per-code agreement.

MASI follows Passonneau (2006), "Measuring agreement on set-valued items (MASI) for semantic
and pragmatic annotation", LREC: MASI distance = 1 - J * M with M = 1 (identical), 2/3
(subset), 1/3 (overlap), 0 (disjoint). The nltk comparisons need nltk (a test-only
dependency) and are skipped without it.
"""

import importlib.util

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from coding import (
    agreement,
    as_ratings,
    jaccard_distance,
    masi_distance,
    multilabel_alpha,
    per_code_agreement,
)
from coding.distances import set_distance_matrix
from coding.label_sets import parse_label_set

pytestmark = pytest.mark.filterwarnings("ignore::coding.AgreementWarning")

PROPERTY = settings(max_examples=60, derandomize=True, deadline=None)
NEEDS_NLTK = pytest.mark.skipif(
    importlib.util.find_spec("nltk") is None, reason="nltk (test-only dependency) not installed"
)
CODES = ["api", "env", "gpu", "data", "model"]
label_sets = st.frozensets(st.sampled_from(CODES), min_size=1, max_size=4)


@st.composite
def multilabel_ratings(draw: st.DrawFn) -> list[list[frozenset[str] | None]]:
    """Draw items x raters sets of codes, some missing."""
    n_raters = draw(st.integers(2, 5))
    n_items = draw(st.integers(3, 15))
    row = st.lists(st.one_of(st.none(), label_sets), min_size=n_raters, max_size=n_raters)
    return draw(st.lists(row, min_size=n_items, max_size=n_items))


@pytest.mark.parametrize(
    ("first", "second", "masi", "jaccard"),
    [
        ({"a", "b"}, {"a", "b"}, 0.0, 0.0),
        ({"a"}, {"a", "b"}, 1 - 1 / 2 * 2 / 3, 1 / 2),
        ({"a", "b"}, {"b", "c"}, 1 - 1 / 3 * 1 / 3, 2 / 3),
        ({"a"}, {"b"}, 1.0, 1.0),
        (set(), set(), 0.0, 0.0),
    ],
)
def test_distances_follow_passonneau(
    first: set[str], second: set[str], masi: float, jaccard: float
) -> None:
    """MASI = 1 - J * M with M = 1, 2/3, 1/3, 0; Jaccard = 1 - J."""
    assert masi_distance(first, second) == pytest.approx(masi)
    assert jaccard_distance(first, second) == pytest.approx(jaccard)


@NEEDS_NLTK
@PROPERTY
@given(label_sets, label_sets)
def test_distances_equal_nltk(first: frozenset[str], second: frozenset[str]) -> None:
    """MASI and Jaccard equal nltk.metrics.distance (skipped without nltk)."""
    from nltk.metrics import distance

    assert masi_distance(first, second) == pytest.approx(distance.masi_distance(first, second))
    assert jaccard_distance(first, second) == pytest.approx(
        distance.jaccard_distance(first, second)
    )


@PROPERTY
@given(st.lists(label_sets, min_size=1, max_size=8, unique=True))
def test_distance_matrix_equals_the_scalar_functions(sets: list[frozenset[str]]) -> None:
    """The vectorised matrix equals the scalar distances pairwise."""
    for name, scalar in (("masi", masi_distance), ("jaccard", jaccard_distance)):
        matrix = set_distance_matrix(sets, name)
        expected = [[scalar(a, b) for b in sets] for a in sets]
        assert np.allclose(matrix, expected)


def varied(ratings: list[list[frozenset[str] | None]]) -> bool:
    """Return whether pairable items hold at least two different sets."""
    pairable = [row for row in ratings if sum(cell is not None for cell in row) >= 2]
    return len({cell for row in pairable for cell in row if cell is not None}) >= 2


@PROPERTY
@given(multilabel_ratings(), st.sampled_from(["masi", "jaccard"]))
def test_set_alpha_equals_krippendorff_package_with_a_set_metric(
    ratings: list[list[frozenset[str] | None]], distance: str
) -> None:
    """Set-valued alpha equals krippendorff.alpha given the same distances as a metric."""
    assume(varied(ratings))
    sets = sorted({cell for row in ratings for cell in row if cell is not None}, key=sorted)
    index = {labels: position for position, labels in enumerate(sets)}
    scalar = masi_distance if distance == "masi" else jaccard_distance
    table = np.array([[scalar(a, b) for b in sets] for a in sets])
    coded = np.array([[np.nan if cell is None else index[cell] for cell in row] for row in ratings])
    expected = krippendorff.alpha(
        reliability_data=coded.T,
        value_domain=np.arange(len(sets)),
        level_of_measurement=lambda v1, v2, i1, i2, n_v, dtype: table[i1, i2],
    )
    data = pd.DataFrame(ratings, dtype=object)
    result = multilabel_alpha(data, distance=distance, confidence=None)
    assert result.estimate == pytest.approx(expected, abs=1e-10)


@NEEDS_NLTK
@PROPERTY
@given(multilabel_ratings())
def test_masi_alpha_equals_nltk_annotation_task(ratings: list[list[frozenset[str] | None]]) -> None:
    """MASI alpha equals nltk's AnnotationTask(distance=masi_distance).alpha()."""
    from nltk.metrics import agreement as agreement_module
    from nltk.metrics import distance

    assume(varied(ratings))
    triples = [
        (str(rater), str(item), cell)
        for item, row in enumerate(ratings)
        for rater, cell in enumerate(row)
        if cell is not None
    ]
    task = agreement_module.AnnotationTask(data=triples, distance=distance.masi_distance)
    result = multilabel_alpha(pd.DataFrame(ratings, dtype=object), confidence=None)
    assert result.estimate == pytest.approx(task.alpha(), abs=1e-10)


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("api; env", frozenset({"api", "env"})),
        ("env", frozenset({"env"})),
        (" ;api;; ", frozenset({"api"})),
        ({"gpu", "api"}, frozenset({"api", "gpu"})),
        (["data", " model "], frozenset({"data", "model"})),
        (3, frozenset({3})),
        ("", None),
        (";", None),
        (None, None),
        (float("nan"), None),
        (frozenset(), None),
    ],
)
def test_multilabel_values_are_parsed(raw: object, parsed: frozenset[str] | None) -> None:
    """Sets, lists and ';'-separated strings become frozensets; empty ones are missing."""
    assert parse_label_set(raw) == parsed


def test_agreement_detects_multilabel_data() -> None:
    """';'-separated values give exact-match percent agreement and MASI/Jaccard alpha."""
    data = pd.DataFrame(
        {
            "item": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
            "rater": ["a", "b"] * 5,
            "value": [
                "api;env",
                "api",
                "gpu",
                "gpu",
                "data",
                "data;model",
                "env",
                "env",
                "api",
                "gpu",
            ],
        }
    )
    table = agreement(data)
    assert table["coefficient"].tolist() == [
        "percent_agreement",
        "krippendorff_alpha",
        "krippendorff_alpha",
    ]
    assert table["variant"].tolist() == ["exact set match", "masi", "jaccard"]
    assert table.loc[0, "estimate"] == pytest.approx(2 / 5)
    assert table["ci_method"].tolist() == ["gwet_2014", *["bootstrap_percentile"] * 2]


def test_per_code_agreement_multilabel_equals_sklearn_on_binarised_codes() -> None:
    """Each code's kappa equals sklearn's kappa of its present/absent vectors."""
    rng = np.random.default_rng(0)
    first = [
        frozenset(rng.choice(CODES, size=rng.integers(1, 3), replace=False)) for _ in range(40)
    ]
    second = [
        labels if rng.random() < 0.6 else frozenset(rng.choice(CODES, size=1)) for labels in first
    ]
    data = pd.DataFrame({"a": first, "b": second})
    table = per_code_agreement(data, categories=CODES, n_boot=200).set_index("code")
    assert list(table.index) == CODES
    for code in CODES:
        present_a = [code in labels for labels in first]
        present_b = [code in labels for labels in second]
        assert table.loc[code, "kappa"] == pytest.approx(cohen_kappa_score(present_a, present_b))
        assert table.loc[code, "n_ratings"] == sum(present_a) + sum(present_b)
        disagreements = sum(x != y for x, y in zip(present_a, present_b, strict=True))
        assert table.loc[code, "n_disagreements"] == disagreements
    assert (table["kappa_coefficient"] == "cohen_kappa").all()


def test_per_code_agreement_one_vs_rest_for_single_label() -> None:
    """Single-label codes are binarised one-vs-rest; unused codes get NaN with a note."""
    data = pd.DataFrame(
        {
            "a": ["api", "env", "gpu", "api", "env", "api"],
            "b": ["api", "gpu", "gpu", "api", "env", "env"],
            "c": ["api", "env", "gpu", "env", "env", "api"],
        }
    )
    table = per_code_agreement(data, categories=["api", "env", "gpu", "data"], n_boot=200)
    rows = table.set_index("code")
    assert (rows["kappa_coefficient"] == "fleiss_kappa").all()
    assert rows.loc["gpu", "n_items_coded"] == 2
    assert np.isnan(rows.loc["data", "kappa"])
    assert "no variation" in rows.loc["data", "note"]
    assert any("code 'data'" in message for message in table.attrs["warnings"])
    ratings = as_ratings(data)
    assert list(ratings.categories) == ["api", "env", "gpu"]


def test_codings_with_one_row_per_code_are_merged_into_sets() -> None:
    """Long codings with one row per code (multi_label=True) become one set per rating."""
    codings = pd.DataFrame(
        {
            "item_id": ["i1", "i1", "i1", "i2", "i2", "i3", "i3", "i3"],
            "rater": ["ann", "ann", "bob", "ann", "bob", "ann", "bob", "bob"],
            "code": ["api", "env", "api", "gpu", "gpu", "data", "data", "model"],
        }
    )
    ratings = as_ratings(codings, item="item_id", value="code", multi_label=True)
    frame = ratings.to_frame()
    assert frame.loc["i1", "ann"] == frozenset({"api", "env"})
    assert frame.loc["i3", "bob"] == frozenset({"data", "model"})
    with pytest.raises(ValueError, match="pass multi_label=True"):
        as_ratings(codings, item="item_id", value="code")
    result = multilabel_alpha(codings, item="item_id", value="code", confidence=None)
    assert result.n_pairable == 3
