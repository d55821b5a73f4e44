"""Thematic saturation: new codes per successive interview and Guest et al.'s stopping rule.

Guest, Namey and Chen (2020, PLOS ONE 15(5): e0232076): the codes of the first `base`
interviews are the base; a run of the next `run` interviews adds new information, measured as
its new codes over the base's codes; saturation is reached when that ratio is at or below the
`threshold` (e.g. 5%). Runs slide one interview at a time; the saturation point is the number
of interviews before the first run that stays at or below the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis._checks import require_columns


def new_codes_curve(labels: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Per interview in `order`: its codes, the codes not seen before, and the running total."""
    require_columns(labels, ["participant_id", "code"], name="labels")
    seen: set[str] = set()
    rows = []
    for position, interview in enumerate(order, start=1):
        codes = set(labels.loc[labels["participant_id"] == interview, "code"])
        new = codes - seen
        seen |= codes
        rows.append(
            {
                "position": position,
                "participant_id": interview,
                "codes": len(codes),
                "new_codes": len(new),
                "cumulative": len(seen),
                "new": ";".join(sorted(new)),
            }
        )
    return pd.DataFrame(
        rows, columns=["position", "participant_id", "codes", "new_codes", "cumulative", "new"]
    )


@dataclass(frozen=True)
class Saturation:
    """Guest et al.'s assessment: the settings, every run, and where saturation was reached."""

    base: int
    run: int
    threshold: float
    base_codes: int
    runs: pd.DataFrame
    saturated_at: int | None

    def summary(self) -> str:
        """One sentence for a report."""
        rule = f"base {self.base}, run {self.run}, new information <= {100 * self.threshold:g}%"
        if self.saturated_at is None:
            return f"Saturation not reached ({rule})."
        return (
            f"Saturation reached after {self.saturated_at} interviews ({rule}; "
            f"{self.base_codes} codes in the base)."
        )


def guest_saturation(
    curve: pd.DataFrame, *, base: int = 4, run: int = 2, threshold: float = 0.05
) -> Saturation:
    """Apply the base size / run length / new-information threshold rule to a new-codes curve."""
    require_columns(curve, ["position", "participant_id", "new_codes"], name="curve")
    if base < 1 or run < 1 or not 0 <= threshold < 1:
        raise ValueError("base and run must be >= 1 and 0 <= threshold < 1")
    new = curve.sort_values("position")["new_codes"].to_list()
    base_codes = int(sum(new[:base]))
    rows = []
    for start in range(base, len(new) - run + 1):
        added = int(sum(new[start : start + run]))
        ratio = added / base_codes if base_codes else float("nan")
        rows.append(
            {
                "run_start": start + 1,
                "run_end": start + run,
                "new_codes": added,
                "new_information": ratio,
                "saturated": bool(base_codes and ratio <= threshold),
            }
        )
    runs = pd.DataFrame(
        rows, columns=["run_start", "run_end", "new_codes", "new_information", "saturated"]
    )
    hits = runs[runs["saturated"]]
    saturated_at = int(hits["run_start"].iloc[0]) - 1 if not hits.empty else None
    return Saturation(base, run, threshold, base_codes, runs, saturated_at)
