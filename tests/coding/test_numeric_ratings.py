"""Interval and ratio agreement refuses infinite ratings instead of computing with them."""

import numpy as np
import pandas as pd
import pytest

from coding import agreement, krippendorff_alpha


@pytest.mark.parametrize("level", ["interval", "ratio"])
def test_an_infinite_rating_is_refused(level: str) -> None:
    wide = pd.DataFrame({"a": [1.0, 2.0, np.inf, 4.0], "b": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(ValueError, match="must be finite numbers, got \\[inf\\]"):
        agreement(wide, level=level, n_boot=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        krippendorff_alpha(wide.to_numpy(), level=level)  # type: ignore[arg-type]


def test_an_infinite_rating_still_has_an_order() -> None:
    wide = pd.DataFrame({"a": [1.0, 2.0, np.inf, 4.0], "b": [1.0, 2.0, np.inf, 4.0]})
    assert krippendorff_alpha(wide.to_numpy(), level="ordinal").estimate == 1.0
