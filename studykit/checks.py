"""`studykit check`: recompute each number a paper reports ([[checks]]) and compare.

Queries are declarative: a share of items with some codes, a count of items, a number of
distinct field values, an agreement coefficient, or agreement pooled the way a paper pooled it.
Conditions (`where`) name a dimension (its consensus codes) or an item field.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from coding.codebook import Codebook
from coding.label_map import normalise_label
from studykit.errors import StudykitError
from studykit.manifest_imports import CheckSpec
from studykit.study import Study
from studykit.study_data import item_fields


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

    @classmethod
    def read(cls, study: Study, codebook: Codebook | None) -> CheckData:
        """Read consensus and items once for all checks."""
        labels = study.db.read("consensus")[["item_id", "dimension", "code", "round"]]
        return cls(study, codebook, labels, item_fields(study.db))

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

    def matching(self, spec: CheckSpec) -> set[str]:
        """Items meeting every `where` condition (and labelled on the dimension, if any)."""
        chosen = set(self.items["item_id"])
        for key, value in spec.where.items():
            values = value if isinstance(value, list) else [value]
            if key in set(self.labels["dimension"]):
                found = self.labelled(key, spec.round)
                chosen &= set(found[found["code"].isin(self.codes(key, values))]["item_id"])
            elif key in self.items.columns:
                field = self.items[key].map(lambda v: normalise_label(str(v)) if v else None)
                wanted = {normalise_label(v) for v in values}
                chosen &= set(self.items[field.isin(wanted)]["item_id"])
            else:
                raise StudykitError(
                    f"check {spec.name!r}: {key!r} is neither a dimension nor a field"
                )
        if spec.dimension is not None:
            chosen &= set(self.labelled(spec.dimension, spec.round)["item_id"])
        if spec.dimensions and spec.measure == "count":
            chosen &= set().union(
                *(set(self.labelled(d, spec.round)["item_id"]) for d in spec.dimensions)
            )
        return chosen


def run_checks(study: Study) -> list[CheckResult]:
    """Every [[checks]] entry of the manifest, recomputed from the study database."""
    from studykit.package_import import study_codebook_or_none

    if not study.manifest.checks:
        raise StudykitError(f"{study.manifest.path}: the manifest has no [[checks]]")
    data = CheckData.read(study, study_codebook_or_none(study))
    return [_run(spec, data) for spec in study.manifest.checks]


def _run(spec: CheckSpec, data: CheckData) -> CheckResult:
    if spec.measure == "share":
        return _share(spec, data)
    if spec.measure == "count":
        found = len(data.matching(spec))
        return _counted(spec, found)
    if spec.measure == "distinct":
        if spec.field is None:
            raise StudykitError(f"check {spec.name!r}: 'distinct' needs a field")
        chosen = data.items[data.items["item_id"].isin(data.matching(spec))]
        return _counted(spec, int(chosen[spec.field].dropna().nunique()))
    if spec.measure == "dimensions":
        return _counted(spec, _dimensions_over(spec, data))
    value = _agreement(spec, data) if spec.measure == "agreement" else _pooled(spec, data)
    return _valued(spec, value)


def _share(spec: CheckSpec, data: CheckData) -> CheckResult:
    if spec.dimension is None or not spec.codes:
        raise StudykitError(f"check {spec.name!r}: a share needs a dimension and codes")
    among = data.matching(spec)
    found = data.labelled(spec.dimension, spec.round)
    hits = found[
        found["code"].isin(data.codes(spec.dimension, spec.codes)) & found["item_id"].isin(among)
    ]
    count, of = hits["item_id"].nunique(), len(among)
    percent = 100 * count / of if of else float("nan")
    equal = (
        (spec.count is None or spec.count == count)
        and (spec.of is None or spec.of == of)
        and (spec.percent is None or _rounded(percent, 0) == Decimal(str(spec.percent)))
    )
    shown = f"{percent:.1f}% ({count} of {of})"
    return CheckResult(spec.name, spec.reported or _reported(spec), shown, equal)


def _dimensions_over(spec: CheckSpec, data: CheckData) -> int:
    """How many of `dimensions` have `codes` on at least `at_least` of the items (any labelled)."""
    if not spec.dimensions or not spec.codes:
        raise StudykitError(f"check {spec.name!r}: 'dimensions' needs dimensions and codes")
    among = data.matching(spec)
    frames = {d: data.labelled(d, spec.round) for d in spec.dimensions}
    among &= set().union(*(set(f["item_id"]) for f in frames.values()))
    if not among:
        raise StudykitError(f"check {spec.name!r}: no item is labelled on those dimensions")
    found = 0
    for dimension, frame in frames.items():
        hits = frame[frame["code"].isin(data.codes(dimension, spec.codes))]
        found += len(set(hits["item_id"]) & among) >= spec.at_least * len(among)
    return found


def _counted(spec: CheckSpec, found: int) -> CheckResult:
    if spec.count is None:
        raise StudykitError(f"check {spec.name!r}: give the reported count")
    return CheckResult(spec.name, spec.reported or str(spec.count), str(found), found == spec.count)


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
    from studykit.agreement_runs import study_agreement

    if spec.dimension is None or spec.round is None or data.codebook is None:
        raise StudykitError(f"check {spec.name!r}: agreement needs a codebook, dimension and round")
    table, _ = study_agreement(
        data.study.db.read("codings"),
        data.codebook,
        dimensions=[spec.dimension],
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
        data.study.db.read("codings"),
        round=spec.round,
        dimensions=spec.dimensions,
        lowercase=spec.lowercase,
    )


def pooled_kappa(
    codings: pd.DataFrame, *, round: str, dimensions: list[str], lowercase: bool = False
) -> float:
    """Cohen's kappa over `dimensions` pooled into one vector per rater, as some papers did.

    Labels are compared as written (the raw text of imported codings), lower-cased if asked.
    """
    from coding import pooling_effect

    frame = codings[(codings["round"] == round) & codings["dimension"].isin(dimensions)]
    if frame.empty:
        raise StudykitError(f"no codings of {', '.join(dimensions)} in round {round!r}")
    value = frame["note"].fillna(frame["code"]).astype(str)
    value = value.str.lower() if lowercase else value
    # compare the texts exactly: the agreement code strips whitespace, opaque tokens keep it
    tokens, _ = pd.factorize(value)
    long = pd.DataFrame(
        {
            "item": frame["item_id"],
            "rater": frame["rater"],
            "dimension": frame["dimension"],
            "value": [f"v{t}" for t in tokens],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        effect = pooling_effect(long)
    return float(effect.loc[effect["dimension"] == "(pooled)", "kappa"].iloc[0])
