"""Warnings about what silently inflates agreement: identical columns and pooled dimensions.

The scenario mirrors a published study that computed kappa over one vector per rater pooling
every dimension of a round and a row-index column (it reported 0.458/0.794/0.699).
"""

import numpy as np
import pandas as pd
import pytest

from coding import (
    InflatedAgreementWarning,
    agreement,
    check_inflation,
    check_pooled_dimensions,
    check_stacked_codes,
    cohen_kappa,
    pooling_effect,
)

DIMENSIONS = {
    "symptom": ["crash", "hang", "wrong_output", "slow", "oom"],
    "cause": ["api", "env", "data", "model"],
    "fix": ["config", "code", "upgrade"],
}


def rater_sheets(n_items: int = 40, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Return two raters' sheets: a row index, item ids, a round column and three dimensions."""
    rng = np.random.default_rng(seed)
    sheets = {}
    truth = {name: rng.choice(codes, size=n_items) for name, codes in DIMENSIONS.items()}
    for rater in ("ann", "bob"):
        sheet = pd.DataFrame(
            {
                "Unnamed: 0": range(n_items),
                "item_id": [f"owner/repo#{number}" for number in range(n_items)],
                "rater": rater,
                "round": "1",
            }
        )
        for name, codes in DIMENSIONS.items():
            noise = rng.random(n_items) < 0.5
            sheet[name] = np.where(noise, rng.choice(codes, size=n_items), truth[name])
        sheets[rater] = sheet
    return sheets


def pooled_vector(sheets: dict[str, pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Return the long data of one vector per rater that concatenates ``columns``."""
    rows = []
    for rater, sheet in sheets.items():
        for column in columns:
            for position, cell in enumerate(sheet[column]):
                rows.append({"item": f"{column}:{position}", "rater": rater, "value": cell})
    return pd.DataFrame(rows)


def long_by_dimension(sheets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the codings in long form with a dimension column."""
    rows = [
        {"item": item, "rater": rater, "dimension": name, "value": value}
        for rater, sheet in sheets.items()
        for name in DIMENSIONS
        for item, value in zip(sheet["item_id"], sheet[name], strict=True)
    ]
    return pd.DataFrame(rows)


def test_check_inflation_flags_the_row_index_and_constant_columns() -> None:
    """Columns identical across raters on every item are flagged; coded dimensions are not."""
    sheets = rater_sheets()
    with pytest.warns(InflatedAgreementWarning):
        messages = check_inflation(sheets, item="item_id")
    assert len(messages) == 2
    assert messages[0].startswith("column 'Unnamed: 0': all 2 raters have identical values")
    assert "like a row index or an item id" in messages[0]
    assert messages[1].startswith("column 'round'")
    assert "the same value '1' on every item" in messages[1]


def test_check_inflation_can_be_limited_to_the_pooled_columns() -> None:
    """columns= restricts the check to the columns one means to pool."""
    sheets = rater_sheets()
    assert check_inflation(sheets, item="item_id", columns=list(DIMENSIONS)) == []
    with pytest.warns(InflatedAgreementWarning):
        messages = check_inflation(sheets, columns=["Unnamed: 0", "symptom"])
    assert len(messages) == 1


def test_check_inflation_refuses_bad_input() -> None:
    """Too few sheets, non-frames, repeated items, no shared item or column: clear errors."""
    sheets = rater_sheets(n_items=5)
    with pytest.raises(ValueError, match="two or more"):
        check_inflation({"ann": sheets["ann"]})
    with pytest.raises(TypeError, match="not a DataFrame"):
        check_inflation({"ann": sheets["ann"], "bob": [1, 2]})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="repeats items"):
        check_inflation({"ann": sheets["ann"], "bob": pd.concat([sheets["bob"]] * 2)})
    shifted = sheets["bob"].assign(item_id=lambda frame: frame["item_id"] + "x")
    with pytest.raises(ValueError, match="share no item"):
        check_inflation({"ann": sheets["ann"], "bob": shifted}, item="item_id")
    with pytest.raises(ValueError, match="not in every sheet"):
        check_inflation(sheets, columns=["severity"])


def test_pooling_dimensions_and_the_index_inflates_kappa() -> None:
    """Pooled kappa exceeds every dimension's own kappa; the checks say why."""
    sheets = rater_sheets()
    per_dimension = [
        cohen_kappa(
            pd.DataFrame({rater: sheet[name] for rater, sheet in sheets.items()}), confidence=None
        ).estimate
        for name in DIMENSIONS
    ]
    pooled = pooled_vector(sheets, ["Unnamed: 0", *DIMENSIONS])
    pooled_kappa = cohen_kappa(pooled, confidence=None).estimate
    assert pooled_kappa > max(per_dimension) + 0.2
    with pytest.warns(InflatedAgreementWarning):
        messages = check_stacked_codes(pooled)
    assert any(message.startswith("values mix numbers") for message in messages)
    assert any("looks like an identifier or row index" in message for message in messages)
    assert any("fall into 3 groups" in message for message in messages)


def test_stacked_dimensions_without_an_index_are_detected() -> None:
    """Dimensions stacked into one vector: the disjoint code groups are reported."""
    sheets = rater_sheets()
    pooled = pooled_vector(sheets, list(DIMENSIONS))
    with pytest.warns(InflatedAgreementWarning, match="fall into 3 groups"):
        table = agreement(pooled)
    assert any("stacked into one vector" in message for message in table.attrs["warnings"])


def test_pooling_effect_reports_each_dimension_and_the_pool() -> None:
    """pooling_effect gives one row per dimension and one for the pooled vector."""
    data = long_by_dimension(rater_sheets())
    effect = pooling_effect(data)
    assert effect["dimension"].tolist() == [*DIMENSIONS, "(pooled)"]
    assert effect["n_items"].tolist() == [40, 40, 40, 120]
    pooled = effect.set_index("dimension").loc["(pooled)"]
    assert pooled["kappa"] > effect["kappa"].iloc[:3].max()


def test_check_pooled_dimensions_per_dimension() -> None:
    """Clean dimensions pass; a 'dimension' that holds a pooled vector is flagged."""
    data = long_by_dimension(rater_sheets())
    assert check_pooled_dimensions(data) == []
    pooled = pooled_vector(rater_sheets(), list(DIMENSIONS)).assign(dimension="round_1")
    with pytest.warns(InflatedAgreementWarning):
        messages = check_pooled_dimensions(pd.concat([data, pooled]))
    assert len(messages) == 1
    assert messages[0].startswith("dimension 'round_1': the codes fall into 3 groups")
    with pytest.raises(ValueError, match="need columns"):
        check_pooled_dimensions(data, dimension="round")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("noise", [0.2, 0.5])
def test_no_false_alarm_on_one_genuine_dimension(seed: int, noise: float) -> None:
    """A single dimension with moderate or high agreement raises no inflation warning."""
    rng = np.random.default_rng(seed)
    codes = DIMENSIONS["symptom"]
    truth = rng.choice(codes, size=60)
    data = pd.DataFrame(
        {
            rater: np.where(rng.random(60) < noise, rng.choice(codes, size=60), truth)
            for rater in ("ann", "bob", "cy")
        }
    )
    assert check_stacked_codes(data) == []


def test_check_pooled_dimensions_accepts_multilabel_codings() -> None:
    """A multi-label dimension with one row per code is read as sets, not refused."""
    codings = pd.DataFrame(
        {
            "item_id": ["i1", "i1", "i1", "i2", "i2", "i1", "i1", "i2", "i2"],
            "rater": ["ann", "ann", "bob", "ann", "bob", "ann", "bob", "ann", "bob"],
            "dimension": ["cause"] * 5 + ["fix"] * 4,
            "code": ["api", "env", "api", "gpu", "gpu", "code", "code", "config", "code"],
        }
    )
    assert check_pooled_dimensions(codings, item="item_id", value="code") == []
