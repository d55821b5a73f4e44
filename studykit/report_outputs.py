"""One figure or table of a report, built from the study's data by the analysis stage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from matplotlib.figure import Figure

import analysis
from analysis import figures
from analysis.figures.agreement import coefficient_label
from coding.codebook import Codebook
from studykit.agreement_runs import natural_rounds, study_agreement, study_per_code
from studykit.db import Database
from studykit.errors import StudykitError
from studykit.interview_outputs import INTERVIEW_BUILDERS
from studykit.manifest import OutputSpec
from studykit.names import DIMENSION_PREFIX, FIELD_PREFIX, Name, Only
from studykit.pooling_outputs import POOLING_BUILDERS
from studykit.round_outputs import ROUND_BUILDERS
from studykit.study_data import consensus_labels, item_fields, outside_codes
from studykit.tabulation import StudyTables, check_crosstab

AGREEMENT_SHOWN = ("cohen_kappa", "fleiss_kappa", "krippendorff_alpha")
NOT_CODED = "not coded"
CODING_COLUMNS = ("id", "item_id", "rater", "dimension", "code", "round", "note")


@dataclass
class ReportData:
    """What every output is built from, read once per report."""

    db: Database
    codebook: Codebook
    tables: StudyTables
    agreement: dict[tuple[str | None, str | None], pd.DataFrame] = field(default_factory=dict)

    @classmethod
    def read(cls, db: Database, codebook: Codebook) -> ReportData:
        """Read consensus labels and item fields; a field named like a dimension is `field:NAME`."""
        return cls(db, codebook, StudyTables(codebook, consensus_labels(db), item_fields(db)))

    @property
    def labels(self) -> pd.DataFrame:
        """Consensus labels in long form: item_id, dimension, code."""
        return self.tables.labels

    @property
    def items(self) -> pd.DataFrame:
        """Item fields by item_id, as the analysis stage takes them."""
        return self.tables.items

    @cached_property
    def codings(self) -> pd.DataFrame:
        """The codings an output may need, read when one first does."""
        return self.db.read("codings", columns=CODING_COLUMNS)

    def rater_codings(self, spec: OutputSpec) -> pd.DataFrame:
        """The codings, or an error naming the output when there are none yet."""
        if self.codings.empty:
            raise StudykitError(
                f"report output {spec.name!r} ({spec.kind}) needs rater codings; the study has none"
            )
        return self.codings

    def code_labels(self) -> dict[str, str]:
        """Display labels of every code of every dimension."""
        return {code: label for d in self.codebook.dimensions for code, label in d.labels().items()}

    def resolve(self, spec: OutputSpec, name: str, *, only: Only = None) -> Name:
        """A dimension or field an output names, resolved as every command resolves names."""
        where = f"report output {spec.name!r}"
        return self.tables.names.resolve(name, where=where, only=only)


@dataclass
class Built:
    """A built output: a figure and/or a table, a caption and headline facts."""

    caption: str
    figure: Figure | None = None
    table: pd.DataFrame | None = None
    facts: list[str] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _field_title(data: ReportData, name: str) -> str:
    bare = name.split(":", 1)[1] if name.startswith((DIMENSION_PREFIX, FIELD_PREFIX)) else name
    if not name.startswith(FIELD_PREFIX) and bare in data.codebook.names():
        return data.codebook.dimension(bare).title
    return bare.replace("_", " ").capitalize()


def _where(spec: OutputSpec) -> str:
    return f"report output {spec.name!r}"


def _dimension(spec: OutputSpec, data: ReportData) -> str:
    if spec.dimension is None:
        raise StudykitError(f"report output {spec.name!r} ({spec.kind}) needs a dimension")
    name = data.resolve(spec, spec.dimension, only="dimension").name
    data.codebook.dimension(name)
    return name


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
    return f" by {_field_title(data, spec.by).lower()}" if spec.by else ""


def build_stacked(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """A dimension's top-level codes per group (e.g. per repository), as row percentages."""
    name = _dimension(spec, data)
    if spec.by is None:
        raise StudykitError(f"report output {spec.name!r} (stacked) needs `by`")
    table, notes = data.tables.crosstab(
        spec.by, f"{DIMENSION_PREFIX}{name}", _where(spec), codebook_order=False
    )
    caption = spec.title or f"{_field_title(data, name)} by {_field_title(data, spec.by).lower()}"
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
        f"{_field_title(data, spec.rows)} by {_field_title(data, spec.columns).lower()}"
    )
    facts = [f"{caption}: {result.summary()}.", *_outside_facts(notes)]
    if as_figure:
        fig = figures.plot_crosstab_heatmap(
            result,
            labels=data.code_labels(),
            ylabel=_field_title(data, spec.rows),
            xlabel=_field_title(data, spec.columns),
            width=spec.width,
        )
        return Built(caption, figure=fig, facts=facts, notes=notes)
    return Built(
        caption,
        table=analysis.crosstab_table(result, labels=data.code_labels()),
        facts=facts,
        notes=notes,
    )


def build_agreement(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Inter-rater agreement per round and dimension (kappa or Fleiss, and alpha)."""
    rounds = [spec.round] if spec.round else None
    dims = [_dimension(spec, data)] if spec.dimension else None
    key = (dims[0] if dims else None, spec.round)
    if key not in data.agreement:
        data.agreement[key] = study_agreement(
            data.rater_codings(spec), data.codebook, dimensions=dims, rounds=rounds
        )[0]
    table = data.agreement[key]
    shown = table[table["coefficient"].isin(AGREEMENT_SHOWN)]
    shown = shown[~shown["variant"].isin(["linear", "quadratic", "jaccard"])]
    if spec.coefficient is not None:
        shown = table[table["coefficient"] == spec.coefficient]
    caption = spec.title or "Inter-rater agreement per round and dimension"
    facts = _agreement_facts(table) + _rated_outside(
        data, dims or list(pd.unique(table["dimension"]))
    )
    if as_figure:
        coefficient = spec.coefficient or "krippendorff_alpha"
        chosen = table[table["coefficient"] == coefficient]
        if chosen.empty:
            found = ", ".join(pd.unique(table["coefficient"]))
            raise StudykitError(
                f"[report] {spec.name!r}: no {coefficient} in the agreement table "
                f"(it has {found or 'no coefficient'}): choose one with coefficient = ..."
            )
        chosen = chosen.drop_duplicates(["dimension", "round"])
        titles = [data.codebook.dimension(d).title for d in chosen["dimension"]]
        frame = chosen.assign(
            code=[f"{t} (round {r})" for t, r in zip(titles, chosen["round"], strict=True)]
        )
        fig = figures.plot_agreement(frame, xlabel=coefficient_label(coefficient), width=spec.width)
        return Built(caption, figure=fig, facts=facts)
    cells = shown.assign(
        value=[
            f"{e:.3f} [{lo:.3f}, {hi:.3f}]"
            for e, lo, hi in zip(shown["estimate"], shown["ci_low"], shown["ci_high"], strict=True)
        ],
        coefficient=shown["coefficient"] + " (" + shown["variant"] + ")",
    )
    pivot = cells.pivot_table(
        index=["dimension", "coefficient"], columns="round", values="value", aggfunc="first"
    )
    pivot = pivot[natural_rounds(pd.Series(pivot.columns))].fillna(NOT_CODED)
    pivot.columns = [f"Round {c}" for c in pivot.columns]
    return Built(caption, table=pivot.reset_index(), facts=facts)


def _agreement_facts(table: pd.DataFrame) -> list[str]:
    alpha = table[table["coefficient"] == "krippendorff_alpha"]
    alpha = alpha[alpha["variant"] != "jaccard"]
    facts = []
    for round_name in natural_rounds(alpha["round"]):
        values = alpha[alpha["round"] == round_name]["estimate"]
        facts.append(
            f"Round {round_name}: Krippendorff's alpha {values.min():.2f} to {values.max():.2f} "
            f"across {len(values)} {'dimension' if len(values) == 1 else 'dimensions'}."
        )
    return facts


def _rated_outside(data: ReportData, dimensions: list[str]) -> list[str]:
    """A line per dimension whose codings hold codes the codebook does not know."""
    notes = []
    for name in dimensions:
        if name in data.codebook.names():
            known = data.codebook.dimension(name).names()
            notes.append(outside_codes(data.codings, name, known).note("in rater codings"))
    return [note for note in notes if note]


def build_agreement_per_code(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Per-code (one-vs-rest) agreement of a dimension in a round: which codes are unclear."""
    name = _dimension(spec, data)
    round_name = spec.round or natural_rounds(data.rater_codings(spec)["round"])[-1]
    per_code = study_per_code(data.codings, data.codebook, dimension=name, round=round_name)
    facts = _rated_outside(data, [name])
    caption = (
        spec.title
        or f"Per-code agreement on {_field_title(data, name).lower()} (round {round_name})"
    )
    alpha = per_code.rename(
        columns={"alpha": "estimate", "alpha_ci_low": "ci_low", "alpha_ci_high": "ci_high"}
    )
    if as_figure:
        used = alpha[alpha["n_ratings"] > 0]
        fig = figures.plot_agreement(
            used, labels=data.codebook.dimension(name).labels(), width=spec.width
        )
        return Built(caption, figure=fig, facts=facts)
    return Built(caption, table=per_code, facts=facts)


def build_timeline(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Items created per month, per repository (or per `by`)."""
    by = data.resolve(spec, spec.by or "repository", only="field").key
    if data.items["created_at"].isna().all():
        raise StudykitError(f"report output {spec.name!r} (timeline): no item has a created_at")
    caption = spec.title or f"Items over time per {_field_title(data, by).lower()}"
    if as_figure:
        fig = figures.plot_issues_over_time(data.items, by=by, width=spec.width)
        return Built(caption, figure=fig)
    counts = analysis.issue_counts(data.items, by=by)
    return Built(caption, table=counts.reset_index())


BUILDERS: dict[str, Callable[[OutputSpec, ReportData, bool], Built]] = {
    "distribution": build_distribution,
    "stacked": build_stacked,
    "crosstab": build_crosstab,
    "agreement": build_agreement,
    "agreement_per_code": build_agreement_per_code,
    "timeline": build_timeline,
    **INTERVIEW_BUILDERS,
    **POOLING_BUILDERS,
    **ROUND_BUILDERS,
}
