"""`studykit check`: recompute each number a paper reports ([[checks]]) and compare.

Queries are declarative: a share of items with some codes, a count of items, a number of
distinct field values, an agreement coefficient, or agreement pooled the way a paper pooled it.
Conditions (`where`) name a dimension (its consensus codes) or an item field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from coding.codebook import Codebook
from coding.label_map import normalise_label
from studykit.db import reads
from studykit.db.reads import item_fields
from studykit.errors import StudykitError
from studykit.labelling.agreement import pooled_kappa, study_agreement
from studykit.labelling.codebooks import study_codebook_or_none
from studykit.replication.specs import CheckSpec
from studykit.study import Study
from studykit.tabulate.names import Name, Names, Only


@dataclass(frozen=True)
class CheckResult:
    """One reported number beside the reproduced one."""

    name: str
    reported: str
    reproduced: str
    equal: bool


@dataclass
class CheckData:
    """What the checks query: consensus labels with their round, item fields, codings."""

    study: Study
    codebook: Codebook | None
    labels: pd.DataFrame
    items: pd.DataFrame
    codings: pd.DataFrame
    names: Names
    notes: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, study: Study, codebook: Codebook | None) -> CheckData:
        """Read consensus, codings and items once for all checks."""
        labels = reads.consensus(study, columns=["item_id", "dimension", "code", "round"])
        codings = reads.codings(study)
        items = item_fields(study.db)
        dimensions = {*(codebook.names() if codebook else []), *labels["dimension"]}
        names = Names.of(dimensions | set(codings["dimension"]), items)
        return cls(study, codebook, labels, names.analysis_items(items), codings, names)

    def resolve(self, spec: CheckSpec, text: str, only: Only = None) -> Name:
        """A dimension or field a check names, resolved as every command resolves names."""
        name = self.names.resolve(text, where=f"check {spec.name!r}", only=only)
        if name.describe() not in self.notes:
            self.notes.append(name.describe())
        return name

    def codes(self, dimension: str, values: list[str]) -> set[str]:
        """The codes meant by `values` (codes or labels, any case and spacing)."""
        wanted = {normalise_label(v) for v in values}
        if self.codebook is not None and dimension in self.codebook.names():
            dim = self.codebook.dimension(dimension)
            wanted |= {normalise_label(r) for v in values if (r := dim.resolve(v)) is not None}
        return wanted

    def labelled(self, dimension: str, round: str | None) -> pd.DataFrame:
        """Consensus labels of a dimension (of one round), codes normalised."""
        frame = self.labels[self.labels["dimension"] == dimension]
        if round is not None:
            frame = frame[frame["round"].astype(str) == round]
        return frame.assign(code=frame["code"].map(normalise_label))

    def rated(self, dimension: str, round: str | None) -> set[str]:
        """Items with a rater's label on a dimension (of one round)."""
        frame = self.codings[self.codings["dimension"] == dimension]
        if round is not None:
            frame = frame[frame["round"].astype(str) == round]
        return set(frame["item_id"])

    def coded_items(self, spec: CheckSpec, dimension: str) -> tuple[set[str], str]:
        """Items labelled on a dimension: final labels, else rater labels (and a note saying so)."""
        final = set(self.labelled(dimension, spec.round)["item_id"])
        if final:
            return final, ""
        rated = self.rated(dimension, spec.round)
        if not rated:
            in_round = f" in round {spec.round}" if spec.round is not None else ""
            raise StudykitError(
                f"check {spec.name!r}: no item has a label on {dimension!r}{in_round}"
            )
        return rated, f"items with rater labels: {dimension} has no final labels"

    def final_labels(self, spec: CheckSpec, dimension: str, why: str) -> pd.DataFrame:
        """Consensus labels of a dimension; refuse one that has rater labels only."""
        found = self.labelled(dimension, spec.round)
        if found.empty and self.rated(dimension, spec.round):
            raise StudykitError(
                f"check {spec.name!r}: {dimension!r} has rater labels but no final labels, so "
                f"{why} is ambiguous (raters may differ): run `studykit consensus` or import "
                "the final labels"
            )
        if found.empty:
            in_round = f" in round {spec.round}" if spec.round is not None else ""
            raise StudykitError(
                f"check {spec.name!r}: no item has a label on {dimension!r}{in_round}"
            )
        return found

    def matching(self, spec: CheckSpec) -> tuple[set[str], list[str]]:
        """Items meeting every `where` condition (and labelled on the dimension, if any).

        Also returns notes on what was counted where a dimension has rater labels only.
        """
        chosen = set(self.items["item_id"])
        notes: list[str] = []
        for key, value in spec.where.items():
            values = value if isinstance(value, list) else [value]
            name = self.resolve(spec, key)
            if name.is_dimension:
                found = self.final_labels(spec, name.name, f"which items are {key} = {value}")
                chosen &= set(found[found["code"].isin(self.codes(name.name, values))]["item_id"])
            else:
                column = self.items[name.key]
                field_values = column.map(lambda v: normalise_label(str(v)) if v else None)
                wanted = {normalise_label(v) for v in values}
                chosen &= set(self.items[field_values.isin(wanted)]["item_id"])
        if spec.dimension is not None:
            items, note = self.coded_items(
                spec, self.resolve(spec, spec.dimension, "dimension").name
            )
            chosen &= items
            notes += [note] if note else []
        if spec.dimensions and spec.measure == "count":
            labelled: set[str] = set()
            for text in spec.dimensions:
                items, note = self.coded_items(spec, self.resolve(spec, text, "dimension").name)
                labelled |= items
                notes += [note] if note else []
            chosen &= labelled
        return chosen, notes


def run_checks(study: Study) -> list[CheckResult]:
    """Every [[checks]] entry of the manifest, recomputed from the study database."""
    return checked(study)[0]


def checked(study: Study) -> tuple[list[CheckResult], list[str]]:
    """Every [[checks]] entry recomputed, and which dimension or field each name was taken as."""

    if not study.manifest.checks:
        raise StudykitError(f"{study.manifest.path}: the manifest has no [[checks]]")
    data = CheckData.read(study, study_codebook_or_none(study))
    return [_run(spec, data) for spec in study.manifest.checks], data.notes


def _run(spec: CheckSpec, data: CheckData) -> CheckResult:
    if spec.measure == "share":
        return _share(spec, data)
    if spec.measure == "count":
        found, notes = data.matching(spec)
        return _counted(spec, len(found), notes)
    if spec.measure == "distinct":
        if spec.field is None:
            raise StudykitError(f"check {spec.name!r}: 'distinct' needs a field")
        column = data.resolve(spec, spec.field, "field").key
        found, notes = data.matching(spec)
        chosen = data.items[data.items["item_id"].isin(found)]
        return _counted(spec, int(chosen[column].dropna().nunique()), notes)
    if spec.measure == "dimensions":
        return _counted(spec, _dimensions_over(spec, data))
    value = _agreement(spec, data) if spec.measure == "agreement" else _pooled(spec, data)
    return _valued(spec, value)


def _share(spec: CheckSpec, data: CheckData) -> CheckResult:
    if spec.dimension is None or not spec.codes:
        raise StudykitError(f"check {spec.name!r}: a share needs a dimension and codes")
    dimension = data.resolve(spec, spec.dimension, "dimension").name
    found = data.final_labels(spec, dimension, "a share of its codes")
    among, _ = data.matching(spec)
    hits = found[
        found["code"].isin(data.codes(dimension, spec.codes)) & found["item_id"].isin(among)
    ]
    count, of = hits["item_id"].nunique(), len(among)
    percent = 100 * count / of if of else float("nan")
    decimals = _printed_decimals(spec.percent)
    equal = (
        (spec.count is None or spec.count == count)
        and (spec.of is None or spec.of == of)
        and (
            spec.percent is None or _rounded(percent, decimals) == _rounded(spec.percent, decimals)
        )
    )
    shown = f"{percent:.{max(decimals, 1)}f}% ({count} of {of})"
    return CheckResult(spec.name, spec.reported or _reported(spec), shown, equal)


def _printed_decimals(percent: float | None) -> int:
    """How many decimals the paper printed: none for `30`, one for `72.8` (or `30.0`)."""
    if percent is None or isinstance(percent, int):
        return 0
    exponent = Decimal(str(percent)).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _dimensions_over(spec: CheckSpec, data: CheckData) -> int:
    """How many of `dimensions` have `codes` on at least `at_least` of the items (any labelled)."""
    if not spec.dimensions or not spec.codes:
        raise StudykitError(f"check {spec.name!r}: 'dimensions' needs dimensions and codes")
    among, _ = data.matching(spec)
    dimensions = [data.resolve(spec, d, "dimension").name for d in spec.dimensions]
    frames = {d: data.final_labels(spec, d, "which items have its codes") for d in dimensions}
    among &= set().union(*(set(f["item_id"]) for f in frames.values()))
    if not among:
        raise StudykitError(f"check {spec.name!r}: no item is labelled on those dimensions")
    found = 0
    for dimension, frame in frames.items():
        hits = frame[frame["code"].isin(data.codes(dimension, spec.codes))]
        found += len(set(hits["item_id"]) & among) >= spec.at_least * len(among)
    return found


def _counted(spec: CheckSpec, found: int, notes: list[str] | None = None) -> CheckResult:
    if spec.count is None:
        raise StudykitError(f"check {spec.name!r}: give the reported count")
    shown = f"{found} ({'; '.join(notes)})" if notes else str(found)
    return CheckResult(spec.name, spec.reported or str(spec.count), shown, found == spec.count)


def _valued(spec: CheckSpec, value: float) -> CheckResult:
    if spec.value is None:
        raise StudykitError(f"check {spec.name!r}: give the reported value")
    shown = f"{value:.{spec.decimals}f}"
    equal = _rounded(value, spec.decimals) == _rounded(spec.value, spec.decimals)
    return CheckResult(spec.name, spec.reported or f"{spec.value}", shown, equal)


def _reported(spec: CheckSpec) -> str:
    parts = [f"{spec.percent:g}%" if spec.percent is not None else ""]
    if spec.count is not None:
        parts.append(f"({spec.count}" + (f" of {spec.of})" if spec.of is not None else ")"))
    return " ".join(p for p in parts if p)


def _rounded(value: float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _agreement(spec: CheckSpec, data: CheckData) -> float:

    if spec.dimension is None or spec.round is None or data.codebook is None:
        raise StudykitError(f"check {spec.name!r}: agreement needs a codebook, dimension and round")
    table, _ = study_agreement(
        data.codings,
        data.codebook,
        dimensions=[data.resolve(spec, spec.dimension, "dimension").name],
        rounds=[spec.round],
        n_boot=1,
    )
    chosen = table[
        (table["coefficient"] == spec.coefficient)
        & table["variant"].isin(["unweighted", "nominal"])
    ]
    if chosen.empty:
        raise StudykitError(f"check {spec.name!r}: no {spec.coefficient} for {spec.dimension}")
    return float(chosen["estimate"].iloc[0])


def _pooled(spec: CheckSpec, data: CheckData) -> float:
    if spec.round is None or not spec.dimensions:
        raise StudykitError(f"check {spec.name!r}: pooled agreement needs a round and dimensions")
    return pooled_kappa(
        data.codings,
        round=spec.round,
        dimensions=[data.resolve(spec, d, "dimension").name for d in spec.dimensions],
        lowercase=spec.lowercase,
    )
