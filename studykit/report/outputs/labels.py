"""Report outputs of consensus labels: distribution, stacked bars, cross-tabs, timeline."""

from __future__ import annotations

import analysis
from analysis import figures
from studykit.errors import StudykitError
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData, dimension_of, field_title
from studykit.tabulate.names import DIMENSION_PREFIX
from studykit.tabulate.tables import check_crosstab


def _where(spec: OutputSpec) -> str:
    return f"report output {spec.name!r}"


def _outside_facts(notes: list[str]) -> list[str]:
    return [n for n in notes if "outside the codebook" in n]


def build_distribution(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Counts and shares of a dimension's codes (with sub-codes), optionally per group."""
    if spec.dimension is None:
        raise StudykitError(f"report output {spec.name!r} ({spec.kind}) needs a dimension")
    dist, dim, notes = data.tables.distribution(spec.dimension, spec.by, where=_where(spec))
    title = spec.title or dim.title
    top = dist[dist["depth"] == 0] if spec.by is None else None
    facts = []
    if top is not None and not top.empty:
        lead = top.sort_values(["count", "code"], ascending=[False, True]).iloc[0]
        facts.append(
            f"The most frequent {dim.title.lower()} is "
            f"{dim.labels().get(lead['code'], lead['code'])}: "
            f"{int(lead['count'])} of {int(lead['n'])} items "
            f"({100 * lead['proportion']:.1f}%, 95% CI {100 * lead['ci_low']:.1f}-"
            f"{100 * lead['ci_high']:.1f}%)."
        )
    facts += _outside_facts(notes)
    caption = f"{title}{_by(spec, data)}"
    if as_figure:
        if spec.by is None:
            fig = figures.plot_distribution(
                dist, labels=dim.labels(), order=dim.names(), width=spec.width, xlabel="Items (%)"
            )
        else:
            table, _ = data.tables.crosstab(
                spec.by, f"{DIMENSION_PREFIX}{dim.name}", _where(spec), codebook_order=False
            )
            fig = figures.plot_stacked_bars(table, labels=data.code_labels(), width=spec.width)
        return Built(caption, figure=fig, facts=facts, notes=notes)
    table = analysis.distribution_table(dist, labels=dim.labels(), header=dim.title)
    return Built(caption, table=table, facts=facts, notes=notes)


def _by(spec: OutputSpec, data: ReportData) -> str:
    return f" by {field_title(data, spec.by).lower()}" if spec.by else ""


def build_stacked(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """A dimension's top-level codes per group (e.g. per repository), as row percentages."""
    name = dimension_of(spec, data)
    if spec.by is None:
        raise StudykitError(f"report output {spec.name!r} (stacked) needs `by`")
    table, notes = data.tables.crosstab(
        spec.by, f"{DIMENSION_PREFIX}{name}", _where(spec), codebook_order=False
    )
    caption = spec.title or f"{field_title(data, name)} by {field_title(data, spec.by).lower()}"
    facts = _outside_facts(notes)
    if as_figure:
        fig = figures.plot_stacked_bars(table, labels=data.code_labels(), width=spec.width)
        return Built(caption, figure=fig, facts=facts, notes=notes)
    shown = analysis.crosstab_table(table, labels=data.code_labels())
    return Built(caption, table=shown, facts=facts, notes=notes)


def build_crosstab(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """A cross-tab of two fields with its test, Cramér's V and marked residuals."""
    if spec.rows is None or spec.columns is None:
        raise StudykitError(f"report output {spec.name!r} (crosstab) needs rows and columns")
    table, notes = data.tables.crosstab(spec.rows, spec.columns, _where(spec))
    check_crosstab(table, _where(spec))
    result = analysis.association(table)
    caption = spec.title or (
        f"{field_title(data, spec.rows)} by {field_title(data, spec.columns).lower()}"
    )
    facts = [f"{caption}: {result.summary()}.", *_outside_facts(notes)]
    if as_figure:
        fig = figures.plot_crosstab_heatmap(
            result,
            labels=data.code_labels(),
            ylabel=field_title(data, spec.rows),
            xlabel=field_title(data, spec.columns),
            width=spec.width,
        )
        return Built(caption, figure=fig, facts=facts, notes=notes)
    return Built(
        caption,
        table=analysis.crosstab_table(result, labels=data.code_labels()),
        facts=facts,
        notes=notes,
    )


def build_timeline(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Items created per month, per repository (or per `by`)."""
    by = data.resolve(spec, spec.by or "repository", only="field").key
    if data.items["created_at"].isna().all():
        raise StudykitError(f"report output {spec.name!r} (timeline): no item has a created_at")
    caption = spec.title or f"Items over time per {field_title(data, by).lower()}"
    if as_figure:
        fig = figures.plot_issues_over_time(data.items, by=by, width=spec.width)
        return Built(caption, figure=fig)
    counts = analysis.issue_counts(data.items, by=by)
    return Built(caption, table=counts.reset_index())
