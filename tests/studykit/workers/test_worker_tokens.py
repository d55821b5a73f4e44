"""`studykit worker --tokens NAME` reads tokens from the environment and never repeats a token
given by mistake in its place."""

import pytest

from studykit.errors import InputError
from studykit.workers.worker import worker_tokens


def test_tokens_come_from_the_named_variable() -> None:
    environ = {"MY_TOKENS": " ghp_aaa , ghp_bbb ,"}
    assert worker_tokens("MY_TOKENS", environ) == ["ghp_aaa", "ghp_bbb"]
    assert worker_tokens("UNSET", environ) == []


@pytest.mark.parametrize(
    "given",
    ["ghp_0123456789abcdefSECRET", "github_pat_11SECRET_xyz", "ghp_one,ghp_two", "my token"],
)
def test_a_token_in_place_of_a_name_is_refused_without_repeating_it(given: str) -> None:
    with pytest.raises(InputError) as refused:
        worker_tokens(given, {})
    assert "SECRET" not in str(refused.value) and given not in str(refused.value)
    assert "NAME of an environment variable" in str(refused.value)
