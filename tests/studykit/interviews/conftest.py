"""Fixtures of the interview tests."""

from pathlib import Path

import pytest

from tests.support.interview_study import make_study


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A study of the example's interviews and survey (no database yet)."""
    return make_study(tmp_path)
