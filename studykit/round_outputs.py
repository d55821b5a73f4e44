"""Report outputs `rounds` (items labelled per coding round, split by a field or code) and
`shares` (the share of items given one code, across several yes/no-like dimensions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from studykit.agreement_runs import natural_rounds
from studykit.errors import StudykitError
from studykit.manifest import OutputSpec

if TYPE_CHECKING:
    from studykit.report_outputs import Built, ReportData


def _consensus(data: ReportData) -> pd.DataFrame:
    return data.db.read("consensus")[["item_id", "dimension", "code", "round"]]


def build_rounds(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Items with a label on `dimension` per round, one column per value of `by`, and a total."""
    from analysis import figures
    from studykit.report_outputs import Built

    if spec.dimension is None:
        raise StudykitError(f"report output {spec.name!r} (rounds) needs a dimension")
    labels = _consensus(data)
    labelled = labels[labels["dimension"] == spec.dimension][["item_id", "round"]]
    if labelled.empty:
        raise StudykitError(f"report output {spec.name!r}: no labels of {spec.dimension!r}")
    labelled = labelled.drop_duplicates("item_id")
    if spec.by is None:
        table = labelled.groupby("round").size().to_frame("items")
    else:
        values = _values(spec.by, labels, data.items).rename(columns={"value": spec.by})
        merged = labelled.merge(values, on="item_id", how="left").fillna({spec.by: "(none)"})
        table = pd.crosstab(merged["round"], merged[spec.by])
        table.columns = [data.code_labels().get(str(c), str(c)) for c in table.columns]
    table = table.reindex(natural_rounds(pd.Series(table.index)))
    table.index.name = "round"
    by = f" by {spec.by.replace('_', ' ')}" if spec.by else ""
    caption = spec.title or f"Items labelled on {spec.dimension.replace('_', ' ')} per round{by}"
    if as_figure:
        return Built(caption, figure=figures.plot_stacked_bars(table, width=spec.width))
    table["total"] = table.sum(axis=1)
    totals = table.sum(axis=0).to_frame("all").T
    return Built(caption, table=pd.concat([table, totals]).reset_index(names="round"))


def _values(field: str, labels: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """item_id and `value`: the item field, or the dimension's consensus code."""
    if field in items.columns:
        return items[["item_id", field]].rename(columns={field: "value"}).dropna()
    codes = labels[labels["dimension"] == field][["item_id", "code"]]
    if codes.empty:
        raise StudykitError(f"{field!r} is neither an item field nor a labelled dimension")
    return codes.rename(columns={"code": "value"}).drop_duplicates("item_id")


def build_shares(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Per dimension of `dimensions`: how many of the items labelled on any of them got `code`."""
    from studykit.report_outputs import Built

    if not spec.dimensions or spec.code is None:
        raise StudykitError(f"report output {spec.name!r} (shares) needs dimensions and a code")
    labels = _consensus(data)
    labels = labels[labels["dimension"].isin(spec.dimensions)]
    among = labels["item_id"].nunique()
    if among == 0:
        raise StudykitError(f"report output {spec.name!r}: no labels on those dimensions")
    rows = []
    for name in spec.dimensions:
        dim = data.codebook.dimension(name)
        code = dim.resolve(spec.code) or spec.code
        count = labels[(labels["dimension"] == name) & (labels["code"] == code)]["item_id"]
        rows.append({"dimension": dim.title, "count": count.nunique(), "n": among})
    table = pd.DataFrame(rows).assign(share=lambda f: f["count"] / f["n"])
    table = table.sort_values(["share", "dimension"], ascending=[False, True], ignore_index=True)
    half = int((table["share"] >= 0.5).sum())
    caption = spec.title or f"Share of the {among} items coded {spec.code!r}, per dimension"
    facts = [f"{half} of {len(table)} dimensions have {spec.code!r} on at least half of {among}."]
    if as_figure:
        from analysis import figures

        bars = pd.DataFrame(
            {
                spec.code: table["count"].to_numpy(),
                "other": (table["n"] - table["count"]).to_numpy(),
            },
            index=table["dimension"],
        )
        return Built(caption, figure=figures.plot_stacked_bars(bars, width=spec.width), facts=facts)
    shown = table.assign(share=[f"{s:.0%}" for s in table["share"]])
    return Built(caption, table=shown, facts=facts)


ROUND_BUILDERS: dict[str, Callable[[OutputSpec, ReportData, bool], Built]] = {
    "rounds": build_rounds,
    "shares": build_shares,
}
