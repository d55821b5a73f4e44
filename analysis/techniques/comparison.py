"""Per subject and technique: spread of the runs, improvement ratio, tests and A12 against the
reference (e.g. the faulty model) and against a baseline (e.g. random search).

`runs` is long: one row per technique x subject x run with columns `technique`, `subject`,
`run` and `value` (any further factor columns named in `groups` split subjects further).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis._checks import require_columns
from analysis.multiple_testing import Correction, adjust_pvalues
from analysis.techniques.effect import hess_kromrey_magnitude, oriented_a12
from analysis.techniques.two_sample import RunTest, check_test, compare_two, default_test

RUN_COLUMNS = ("technique", "subject", "run", "value")


def shown(value: object) -> str:
    """A value for a message: text quoted, numbers as numbers (3, not np.int64(3))."""
    return repr(value) if isinstance(value, str) else str(value)


@dataclass(frozen=True)
class Roles:
    """Which techniques are the reference, the target and the baseline."""

    reference: str
    target: str | None = None
    baseline: str | None = None

    def of(self, technique: str) -> str:
        """'reference', 'target', 'baseline' or 'technique'."""
        for role in ("reference", "target", "baseline"):
            if getattr(self, role) == technique:
                return role
        return "technique"


def checked_runs(runs: pd.DataFrame, groups: tuple[str, ...] = ("subject",)) -> pd.DataFrame:
    """The runs with numeric values; refuses missing columns, NaN values and repeated runs."""
    require_columns(runs, [*RUN_COLUMNS, *groups], name="runs")
    keys = ["technique", *groups, "run"]
    repeated = runs.duplicated(subset=keys)
    if repeated.any():
        first = runs.loc[repeated, keys].iloc[0]
        named = ", ".join(f"{k} {shown(first[k])}" for k in keys)
        raise ValueError(f"runs has several rows for {named}")
    values = pd.to_numeric(runs["value"], errors="coerce")
    if values.isna().any():
        bad = runs.loc[values.isna(), keys].iloc[0]
        raise ValueError(
            f"runs has no number for {', '.join(f'{k} {shown(bad[k])}' for k in keys)}"
        )
    return runs.assign(value=values.astype(float))


def _roles_present(data: pd.DataFrame, roles: Roles) -> None:
    techniques = set(data["technique"])
    for role in ("reference", "target", "baseline"):
        name = getattr(roles, role)
        if name is not None and name not in techniques:
            listed = ", ".join(sorted(map(str, techniques)))
            raise ValueError(f"the {role} {name!r} is not a technique in the runs ({listed})")


def improvement_ratio(
    value: float, reference: float, target: float, *, higher_is_better: bool = True
) -> float:
    """(value - reference) / |target - reference|, negated when lower is better: 1 reaches the
    target, 0 is no change, < 0 is worse than the reference; NaN when target = reference."""
    gap = abs(target - reference)
    if gap == 0 or np.isnan(gap):
        return float("nan")
    sign = 1.0 if higher_is_better else -1.0
    return float(sign * (value - reference) / gap)


def _describe(values: pd.Series) -> dict[str, float | int]:
    return {
        "n": int(values.size),
        "mean": float(values.mean()),
        "sd": float(values.std(ddof=1)) if values.size > 1 else float("nan"),
        "median": float(values.median()),
    }


def _against(
    mine: pd.Series, theirs: pd.Series, test: RunTest, higher: bool, where: str
) -> dict[str, object]:
    result = compare_two(mine, theirs, test, where=where)
    a12 = oriented_a12(mine.to_numpy(), theirs.to_numpy(), higher_is_better=higher)
    return {
        "test": result.test,
        "statistic": result.statistic,
        "pvalue": result.pvalue,
        "a12": a12,
        "magnitude": hess_kromrey_magnitude(a12),
    }


def _corrected(
    rows: pd.DataFrame, other: str, correction: Correction, alpha: float
) -> pd.DataFrame:
    """Correct one family of tests (all subjects and techniques against `other`)."""
    columns = [f"{name}_{other}" for name in ("pvalue", "p_adjusted", "better")]
    tested = rows[f"pvalue_{other}"].notna()
    frame = rows.assign(**{c: np.nan for c in columns[1:]})
    if not tested.any():
        return frame.assign(**{columns[2]: False})
    family = adjust_pvalues(
        rows.loc[tested, [f"pvalue_{other}"]], column=columns[0], method=correction, alpha=alpha
    )
    frame.loc[tested, columns[1]] = family["p_adjusted"].to_numpy()
    better = family["reject"].to_numpy() & (rows.loc[tested, f"a12_{other}"].to_numpy() > 0.5)
    frame[columns[2]] = False
    frame.loc[tested, columns[2]] = better
    frame[columns[2]] = frame[columns[2]].astype(bool)
    return frame


def compare_runs(
    runs: pd.DataFrame,
    *,
    reference: str,
    target: str | None = None,
    baseline: str | None = None,
    higher_is_better: bool = True,
    test: RunTest | None = None,
    paired: bool = False,
    correction: Correction = "holm",
    alpha: float = 0.05,
    groups: tuple[str, ...] = ("subject",),
) -> pd.DataFrame:
    """One row per subject (`groups`) and technique: n, mean, sd, median, improvement ratio.

    Against the reference and against the baseline (columns suffixed _reference, _baseline):
    test, statistic, p-value, A12 (> 0.5: this technique is better, by the metric's direction)
    with Hess & Kromrey's magnitude, the p-value corrected over all subjects and techniques of
    that comparison, and `better` (corrected p <= alpha and A12 > 0.5). The reference and the
    target are described, not tested; the baseline is tested against the reference. `paired`
    says run i of every technique shares its seed; wilcoxon and mcnemar need it. With no `test`,
    success/failure runs (values 0 and 1) get fisher (mcnemar if paired), others mann-whitney
    (wilcoxon if paired).
    """
    data = checked_runs(runs, groups)
    test = test or default_test(data["value"], paired=paired)
    check_test(test, paired=paired)
    roles = Roles(reference, target, baseline)
    _roles_present(data, roles)
    rows: list[dict[str, object]] = []
    for key, subject in data.groupby(list(groups), sort=True):
        key = key if isinstance(key, tuple) else (key,)
        values = {str(t): s.set_index("run")["value"] for t, s in subject.groupby("technique")}
        named = dict(zip(groups, key, strict=True))
        where = " ".join(f"{k} {shown(v)}" for k, v in named.items())
        for role in ("reference", "target", "baseline"):
            name = getattr(roles, role)
            if name is not None and name not in values:
                raise ValueError(f"{where} has no runs of the {role} {name!r}")
        ref = values.get(reference)
        goal = values.get(target) if target is not None else None
        for technique in sorted(values):
            mine = values[technique]
            role = roles.of(technique)
            row: dict[str, object] = {**named, "technique": technique, "role": role}
            row.update(_describe(mine))
            row["ratio"] = (
                improvement_ratio(
                    float(mine.mean()),
                    float(ref.mean()),
                    float(goal.mean()),
                    higher_is_better=higher_is_better,
                )
                if ref is not None and goal is not None
                else float("nan")
            )
            for other, theirs in (("reference", ref), ("baseline", values.get(baseline or ""))):
                testable = role not in ("reference", "target") and role != other
                if theirs is None or not testable:
                    continue
                label = f"{where}: {technique!r} against {other} {getattr(roles, other)!r}"
                found = _against(mine, theirs, test, higher_is_better, label)
                row.update({f"{k}_{other}": v for k, v in found.items()})
            rows.append(row)
    frame = pd.DataFrame(rows)
    for other in ("reference", "baseline"):
        for name in ("statistic", "pvalue", "a12"):
            if f"{name}_{other}" not in frame:
                frame[f"{name}_{other}"] = np.nan
        for name in ("test", "magnitude"):
            if f"{name}_{other}" not in frame:
                frame[f"{name}_{other}"] = None
        frame = _corrected(frame, other, correction, alpha)
    order = [*groups, "technique", "role", "n", "mean", "sd", "median", "ratio"]
    for other in ("reference", "baseline"):
        order += [
            f"{name}_{other}"
            for name in ("test", "statistic", "pvalue", "p_adjusted", "a12", "magnitude", "better")
        ]
    return frame[order]
