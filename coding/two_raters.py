"""The set-up two-rater coefficients share: keep the items both raters rated, and say so."""

from dataclasses import dataclass

from coding.agreement_warnings import AgreementWarning, UnpairableItemsWarning
from coding.estimate import Estimate, join_notes, undefined_estimate
from coding.ratings import NO_PAIR_MESSAGE, Ratings, both_rated, dropped_message


@dataclass(frozen=True)
class BothRated:
    """The items both of two raters rated, with the note and warning about those dropped."""

    ratings: Ratings
    n_items: int
    note: str = ""
    dropped: tuple[AgreementWarning, ...] = ()

    def undefined(
        self,
        coefficient: str,
        variant: str,
        confidence: float | None,
        warnings: tuple[AgreementWarning, ...],
    ) -> Estimate:
        """The all-NaN Estimate for when no item is rated by both raters."""
        return undefined_estimate(
            coefficient,
            variant,
            join_notes(self.note, NO_PAIR_MESSAGE),
            n_items=self.n_items,
            n_raters=2,
            confidence=confidence,
            warnings=warnings,
        )


def rated_by_both(ratings: Ratings, coefficient: str) -> BothRated:
    """The items both of exactly two raters rated; a note and a warning if any were dropped."""
    complete, n_dropped = both_rated(ratings, coefficient)
    if not n_dropped:
        return BothRated(complete, ratings.n_items)
    note = dropped_message(n_dropped, ratings.n_items)
    return BothRated(complete, ratings.n_items, note, (UnpairableItemsWarning(note),))
