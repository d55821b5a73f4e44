"""When to stop screening: how many relevant records remain, estimated from random draws.

Method: the items served at random are a simple random sample of the unscreened records at
the time; the share of them found relevant, with its Clopper-Pearson interval, times the
records still unscreened estimates the relevant records left. The stopping rule: stop when the
last `run` model-served decisions were all irrelevant and the estimated recall's lower bound
reaches the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import beta

METHOD = "random-sample estimate (Clopper-Pearson)"


@dataclass(frozen=True)
class Remaining:
    """Relevant records left unscreened: estimate and interval, and the recall they imply."""

    method: str
    sampled: int
    sampled_relevant: int
    unscreened: int
    found: int
    estimate: float | None
    low: float | None
    high: float | None
    confidence: float

    def recall(self) -> tuple[float | None, float | None, float | None]:
        """Estimated recall so far (point, low, high): found / (found + remaining)."""
        if self.estimate is None or self.low is None or self.high is None:
            return None, None, None

        def share(left: float) -> float:
            return self.found / (self.found + left) if self.found + left > 0 else 1.0

        return share(self.estimate), share(self.high), share(self.low)


def clopper_pearson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The exact binomial interval of k successes in n trials."""
    if n < 1 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n >= 1, got k={k}, n={n}")
    alpha = 1.0 - confidence
    low = 0.0 if k == 0 else float(beta.ppf(alpha / 2, k, n - k + 1))
    high = 1.0 if k == n else float(beta.ppf(1 - alpha / 2, k + 1, n - k))
    return low, high


def remaining_relevant(
    sampled: int, sampled_relevant: int, unscreened: int, found: int, confidence: float = 0.95
) -> Remaining:
    """Estimate the relevant records left from `sampled` random draws (None with no draws)."""
    if sampled == 0:
        return Remaining(METHOD, 0, 0, unscreened, found, None, None, None, confidence)
    low, high = clopper_pearson(sampled_relevant, sampled, confidence)
    share = sampled_relevant / sampled
    return Remaining(
        METHOD,
        sampled,
        sampled_relevant,
        unscreened,
        found,
        share * unscreened,
        low * unscreened,
        high * unscreened,
        confidence,
    )


def trailing_irrelevant(decisions: Sequence[int]) -> int:
    """How many of the last decisions (0/1, in order) were irrelevant in a row."""
    count = 0
    for decision in reversed(decisions):
        if decision:
            break
        count += 1
    return count


@dataclass(frozen=True)
class StopAdvice:
    """Whether to stop, and the rule with the numbers it was applied to."""

    stop: bool
    rule: str
    reason: str


def stop_advice(
    remaining: Remaining, model_run: int, *, run: int = 50, target: float = 0.95
) -> StopAdvice:
    """Stop when `run` model-served irrelevant decisions in a row and recall low >= target."""
    rule = (
        f"stop after {run} consecutive irrelevant model-served items when the "
        f"{remaining.confidence:.0%} lower bound of the estimated recall is at least {target:.0%}"
    )
    low = remaining.recall()[1]
    if low is None:
        return StopAdvice(False, rule, "no items served at random yet: nothing to estimate from")
    reasons = []
    if model_run < run:
        reasons.append(f"only {model_run} consecutive irrelevant model-served items")
    if low < target:
        reasons.append(f"recall lower bound {low:.1%}")
    if reasons:
        return StopAdvice(False, rule, "; ".join(reasons))
    return StopAdvice(True, rule, f"{model_run} irrelevant in a row, recall lower bound {low:.1%}")
