"""Report outputs of a technique comparison ([techniques] and the imported runs).

`techniques`: the paper table (mean and sd per technique; bold: significantly better than the
reference, dagger: than the baseline), or as a figure the A12 heat map against the reference.
`technique_runs`: the runs per subject as box and strip plots, or as a table the summary per
technique.
"""

from __future__ import annotations

import pandas as pd

from analysis.figures.techniques import plot_a12_heatmap, plot_runs
from analysis.techniques.paper import ROLE_ORDER
from studykit.errors import StudykitError
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData
from studykit.techniques.results import TechniqueResults, technique_results

CSV_DECIMALS = 4


def _results(spec: OutputSpec, data: ReportData) -> TechniqueResults:
    try:
        return technique_results(data.db, data.techniques)
    except StudykitError as exc:
        raise StudykitError(f"report output {spec.name!r} ({spec.kind}): {exc}") from None


def _text(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers rounded to CSV_DECIMALS, as text; empty cells empty."""

    def cell(value: object) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, float):
            return f"{value:.{CSV_DECIMALS}f}"
        return str(value)

    return frame.map(cell)


def build_techniques(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """The paper table of the comparison, or the A12 heat map against the reference."""
    results = _results(spec, data)
    metric = results.runs.metric
    settings = results.settings
    if as_figure:
        caption = spec.title or f"{metric}: Vargha-Delaney A12 against {settings.reference}"
        figure = plot_a12_heatmap(results.comparison, groups=results.runs.groups, width=spec.width)
        return Built(caption, figure=figure, facts=results.facts())
    caption = spec.title or (
        f"{metric} per subject and technique over repeated runs ({settings.test}, "
        f"{settings.correction}-corrected, alpha {settings.alpha:g})"
    )
    table = results.table(caption=caption, label=f"tab:{spec.name}")
    return Built(
        caption,
        table=_text(table.frame),
        facts=results.facts(),
        documents={"md": table.markdown, "tex": table.latex},
    )


def build_technique_runs(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Box and strip plots of the runs per subject (double column), or the summary per technique."""
    results = _results(spec, data)
    metric = results.runs.metric
    if not as_figure:
        caption = spec.title or (
            f"{metric}: subjects on which each technique is significantly better than "
            f"{results.settings.reference} and {results.settings.baseline}, improvement ratio"
        )
        return Built(caption, table=_text(results.summary), facts=results.facts())
    roles = results.comparison.drop_duplicates("technique").set_index("technique")["role"]
    order = sorted(roles.index, key=lambda t: (ROLE_ORDER.get(str(roles[t]), 2), str(t)))
    caption = spec.title or f"{metric} of each run, per subject and technique"
    figure = plot_runs(
        results.runs.frame, order=order, groups=results.runs.groups, metric=metric, width="double"
    )
    return Built(caption, figure=figure)
