"""The REST client against the stand-in: retries, limits, conditional requests, permanent errors."""

from __future__ import annotations

import time

import pytest

from mining.client import FetchPolicy, GitHubClient
from mining.errors import FetchError
from tests.support import corpus as gen
from tests.support.mining import TOKEN
from tests.support.standin import FAULTS, Behaviour, serving

REPO = "lab/alpha"
QUICK = FetchPolicy(backoff_base=0.02, attempts=4)


@pytest.fixture(scope="module")
def corpus() -> gen.Corpus:
    return gen.make_corpus([REPO], issues=25, pulls=5, comments=20)


class Waits:
    def __init__(self) -> None:
        self.calls: list[tuple[float, str]] = []

    def __call__(self, seconds: float, reason: str) -> None:
        self.calls.append((seconds, reason))
        time.sleep(seconds)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_transient_fault_is_retried_and_the_page_arrives_whole(
    corpus: gen.Corpus, fault: str
) -> None:
    waits = Waits()
    with serving(corpus, Behaviour(faults={1: fault}, max_per_page=10)) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK, sleep=waits)
        url = client.url(f"/repos/{REPO}/issues", {"state": "all", "per_page": 100})
        response = client.get(url)
    assert response.status == 200 and len(response.body) == 10
    assert set(response.links) == {"next", "last"}
    assert standin.requests == 2 and client.counts.retries == 1
    seconds, reason = waits.calls[0]
    if fault.startswith("secondary"):
        assert seconds == 1 and "secondary rate limit" in reason
    else:
        assert seconds <= QUICK.backoff_base and "retrying" in reason


def test_back_off_grows_and_is_bounded(corpus: gen.Corpus) -> None:
    waits = Waits()
    with serving(corpus, Behaviour(fault_every=1, fault_kinds=("502",))) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK, sleep=waits, seed=1)
        with pytest.raises(FetchError, match=r"gave up after 4 attempts: 502"):
            client.get(client.url(f"/repos/{REPO}"))
    assert standin.requests == 4
    delays = [seconds for seconds, _ in waits.calls]
    assert len(delays) == 3
    for attempt, delay in enumerate(delays):
        step = QUICK.backoff_base * 2**attempt
        assert step / 2 <= delay <= step


def test_primary_limit_waits_until_the_reset_and_says_so(corpus: gen.Corpus) -> None:
    waits = Waits()
    with serving(corpus, Behaviour(tokens=(TOKEN,), limit=3, window=1)) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK, sleep=waits)
        started = time.monotonic()
        for _ in range(5):
            assert client.get(client.url(f"/repos/{REPO}")).status == 200
        elapsed = time.monotonic() - started
    assert standin.requests == 5
    assert [status for _, status in standin.log] == [200] * 5
    (seconds, reason), *_ = waits.calls
    assert "X-RateLimit-Reset" in reason and f"{round(seconds + 0.49)} s" in reason
    assert 0.5 <= seconds <= 2.5 and elapsed >= seconds


def test_a_limit_hit_without_warning_waits_too(corpus: gen.Corpus) -> None:
    waits = Waits()
    with serving(corpus, Behaviour(tokens=(TOKEN,), limit=2, window=1)) as standin:
        first = GitHubClient(standin.url, [TOKEN], policy=QUICK, sleep=waits)
        first.get(first.url(f"/repos/{REPO}"))
        first.get(first.url(f"/repos/{REPO}"))
        fresh = GitHubClient(standin.url, [TOKEN], policy=QUICK, sleep=waits)
        assert fresh.get(fresh.url(f"/repos/{REPO}")).status == 200
    assert [status for _, status in standin.log] == [200, 200, 403, 200]
    assert "X-RateLimit-Reset" in waits.calls[0][1]


def test_a_conditional_request_answered_304_costs_no_rate_limit(corpus: gen.Corpus) -> None:
    with serving(corpus, Behaviour(tokens=(TOKEN,), limit=5)) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK)
        url = client.url(f"/repos/{REPO}/issues/events", {"per_page": 100})
        first = client.get(url)
        again = client.get(url, etag=first.etag)
        remaining = standin.windows[TOKEN][0]
    assert first.status == 200 and first.etag
    assert again.status == 304 and again.body is None
    assert remaining == 4
    assert client.counts.not_modified == 1


@pytest.mark.parametrize(
    ("tokens", "path", "expected"),
    [
        ((TOKEN,), "/repos/lab/nothing", r"404 Not Found \(no such repository"),
        (("wrong",), f"/repos/{REPO}", r"401 Bad credentials \(GITHUB_TOKEN is not accepted\)"),
    ],
    ids=["404", "401"],
)
def test_permanent_errors_fail_at_once_without_the_token(
    corpus: gen.Corpus, tokens: tuple[str, ...], path: str, expected: str
) -> None:
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        client = GitHubClient(standin.url, tokens, policy=QUICK)
        with pytest.raises(FetchError, match=expected) as caught:
            client.get(client.url(path))
    assert standin.requests == 1
    assert TOKEN not in str(caught.value) and "wrong" not in str(caught.value)
