"""A technique comparison of the stored runs, with the manifest's [techniques] settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pandas as pd

from analysis.multiple_testing import Correction
from analysis.techniques import (
    RunTest,
    TechniqueTable,
    compare_runs,
    default_test,
    technique_summary,
    technique_table,
)
from studykit.db import Database
from studykit.errors import StudykitError
from studykit.manifest import TechniquesSection
from studykit.techniques.reads import StoredRuns, stored_runs

CORRECTIONS: dict[str, Correction] = {"holm": "holm", "bh": "fdr_bh", "none": "none"}


@dataclass(frozen=True)
class TechniqueResults:
    """Per subject and technique, per technique, and the paper table."""

    runs: StoredRuns
    settings: TechniquesSection
    comparison: pd.DataFrame
    summary: pd.DataFrame

    def table(
        self, *, decimals: int = 3, caption: str | None = None, label: str | None = None
    ) -> TechniqueTable:
        """The paper table: mean (sd) per technique, bold and dagger marks."""
        return technique_table(
            self.comparison,
            groups=self.runs.groups,
            decimals=decimals,
            caption=caption,
            label=label,
        )

    def facts(self) -> list[str]:
        """Headline sentences: per technique, on how many subjects it beats the reference."""
        subjects = len(self.comparison[list(self.runs.groups)].drop_duplicates())
        parts = []
        for row in self.summary.to_dict("records"):
            median = float(row["median_ratio"])
            ratio = "" if median != median else f", median improvement ratio {median:.2f}"
            parts.append(f"{row['technique']} {row['better_than_reference']}{ratio}")
        return [
            f"{self.runs.metric}: techniques significantly better than {self.settings.reference} "
            f"on how many of {subjects} subjects: {'; '.join(parts)}."
        ]


def technique_results(
    db: Database, section: TechniquesSection, *, metric: str | None = None, **overrides: object
) -> TechniqueResults:
    """Compare the stored runs of `metric` ([techniques] metric, or the only one) with the
    section's settings, any of which `overrides` replaces (None leaves it)."""
    settings = section.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    runs = stored_runs(db, metric or settings.metric)
    if settings.test is None:  # success/failure runs get fisher or mcnemar, others rank tests
        chosen = default_test(runs.frame["value"], paired=settings.paired)
        settings = settings.model_copy(update={"test": chosen})
    if settings.reference is None:
        raise StudykitError(
            "a technique comparison needs a reference (e.g. the faulty model): "
            "--reference NAME or [techniques] reference"
        )
    try:
        comparison = compare_runs(
            runs.frame,
            reference=settings.reference,
            target=settings.target,
            baseline=settings.baseline,
            higher_is_better=runs.higher_is_better,
            test=cast(RunTest, settings.test),
            paired=settings.paired,
            correction=CORRECTIONS[settings.correction],
            alpha=settings.alpha,
            groups=runs.groups,
        )
    except ValueError as exc:
        raise StudykitError(f"runs of {runs.metric!r}: {exc}") from None
    return TechniqueResults(runs, settings, comparison, technique_summary(comparison))
