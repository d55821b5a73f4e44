"""The one entry of every single-coefficient function: validate the ratings, compute, warn.

A coefficient module writes only its mathematics, as a function of prepared ``Ratings``; the
public function with the keywords every coefficient shares (``confidence``, ``weights`` where it
has them, and the ``RatingKeys`` of ``as_ratings``: ``item``, ``rater``, ``value``, ``form``,
``categories``) is made here, so the signatures, the ``as_ratings`` set-up and the emitted
warnings are the same everywhere.
"""

import inspect
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar, Unpack

from coding.agreement_warnings import emit
from coding.estimate import Estimate
from coding.ratings import RatingData, RatingKeys, Ratings, as_ratings

W = TypeVar("W", bound=str)
W_contra = TypeVar("W_contra", bound=str, contravariant=True)


class Coefficient(Protocol):
    """A coefficient of nominal ratings: data and the shared keywords in, an Estimate out."""

    def __call__(
        self,
        data: RatingData,
        *,
        confidence: float | None = 0.95,
        **keys: Unpack[RatingKeys],
    ) -> Estimate:
        """Return the coefficient of `data` with its interval."""


class WeightedCoefficient(Protocol, Generic[W_contra]):
    """A coefficient with agreement weights, otherwise called like ``Coefficient``."""

    def __call__(
        self,
        data: RatingData,
        *,
        weights: W_contra = ...,
        confidence: float | None = 0.95,
        **keys: Unpack[RatingKeys],
    ) -> Estimate:
        """Return the coefficient of `data` with these weights, with its interval."""


def coefficient(core: Callable[[Ratings, float | None], Estimate], doc: str) -> Coefficient:
    """The public function of a coefficient computed by `core(ratings, confidence)`."""

    def run(
        data: RatingData,
        *,
        confidence: float | None = 0.95,
        **keys: Unpack[RatingKeys],
    ) -> Estimate:
        ratings = as_ratings(data, **keys)
        return _emitted(core(ratings, confidence))

    return _named(run, core, doc)


def weighted_coefficient(
    core: Callable[[Ratings, W, float | None], Estimate], doc: str
) -> WeightedCoefficient[W]:
    """The public function of `core(ratings, weights, confidence)`; weights default as core's."""
    declared = inspect.signature(core).parameters["weights"]
    default = declared.default

    def run(
        data: RatingData,
        *,
        weights: W = default,
        confidence: float | None = 0.95,
        **keys: Unpack[RatingKeys],
    ) -> Estimate:
        ratings = as_ratings(data, **keys)
        return _emitted(core(ratings, weights, confidence))

    shown = inspect.signature(run)
    run.__signature__ = shown.replace(  # type: ignore[attr-defined]
        parameters=[
            p.replace(annotation=declared.annotation) if p.name == "weights" else p
            for p in shown.parameters.values()
        ]
    )
    return _named(run, core, doc)


def _emitted(estimate: Estimate) -> Estimate:
    """Issue the estimate's warnings once, and return it."""
    emit(estimate.warnings)
    return estimate


F = TypeVar("F", bound=Callable[..., Estimate])


def _named(run: F, core: Callable[..., Estimate], doc: str) -> F:
    """Give `run` the public name (the core's without its leading underscore) and docstring."""
    name = core.__name__.lstrip("_")
    run.__name__ = run.__qualname__ = name
    run.__module__ = core.__module__
    run.__doc__ = doc
    return run
