"""Report output `pooling`: agreement per dimension beside agreement pooled as papers pooled it.

A published kappa computed over one vector per rater that stacks every dimension (and, in one
case, a sheet's row index) is not the agreement on any dimension. This table shows, per round,
Cohen's kappa of each dimension, the pooled value over those dimensions, and (when `dimension`
names the imported row-index pseudo-dimension) the pooled value with the index as published.
"""

from __future__ import annotations

import warnings

import pandas as pd

from coding import pooling_effect
from studykit.errors import StudykitError
from studykit.labelling.agreement import natural_rounds, pooled_kappa
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData


def build_pooling(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Per round: kappa per dimension, pooled over dimensions, pooled with the row index."""

    if as_figure:
        raise StudykitError(f"report output {spec.name!r} (pooling) is a table, not a figure")
    codings = data.codings
    coded_dimensions = set(pd.unique(codings["dimension"]))
    dims = [d for d in data.codebook.names() if d in coded_dimensions]
    rows, facts = [], []
    for round_name in natural_rounds(codings["round"]):
        in_round = codings[(codings["round"] == round_name) & codings["dimension"].isin(dims)]
        if in_round["rater"].nunique() != 2:
            continue
        coded = list(dict.fromkeys(in_round["dimension"]))
        long = in_round.rename(columns={"item_id": "item", "code": "value"})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            effect = pooling_effect(long[["item", "rater", "dimension", "value"]])
        row: dict[str, object] = {"round": round_name}
        for name, kappa in zip(effect["dimension"], effect["kappa"], strict=True):
            if name != "(pooled)":
                row[data.codebook.dimension(str(name)).title] = f"{kappa:.3f}"
        pooled = pooled_kappa(codings, round=round_name, dimensions=coded, lowercase=True)
        row["pooled (labels as written, lower-cased)"] = f"{pooled:.3f}"
        if spec.dimension is not None:
            published = pooled_kappa(
                codings,
                round=round_name,
                dimensions=[*coded, spec.dimension],
                lowercase=True,
            )
            row[f"pooled with {spec.dimension} (as published)"] = f"{published:.3f}"
            facts.append(
                f"Round {round_name}: pooled with the row index as published, kappa = "
                f"{published:.3f}; without it {pooled:.3f}; per dimension "
                f"{effect['kappa'].iloc[:-1].min():.2f} to {effect['kappa'].iloc[:-1].max():.2f}."
            )
        rows.append(row)
    if not rows:
        raise StudykitError(f"report output {spec.name!r}: no round was coded by two raters")
    caption = spec.title or "Cohen's kappa per dimension and pooled over dimensions, per round"
    return Built(caption, table=pd.DataFrame(rows).fillna(""), facts=facts)
