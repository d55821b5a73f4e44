"""Report outputs `rounds` (items labelled per coding round, split by a field or code) and
`shares` (the share of items given one code, across several yes/no-like dimensions)."""

from __future__ import annotations

import pandas as pd

from analysis import figures
from studykit.db.reads import consensus
from studykit.errors import StudykitError
from studykit.labelling.agreement import natural_rounds
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData
from studykit.tabulate.names import Name
from studykit.tabulate.outside_codes import outside_codes


def _consensus(data: ReportData) -> pd.DataFrame:
    return consensus(data.db, columns=["item_id", "dimension", "code", "round"])


def build_rounds(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Items with a label on `dimension` per round, one column per value of `by`, and a total."""

    if spec.dimension is None:
        raise StudykitError(f"report output {spec.name!r} (rounds) needs a dimension")
    dimension = data.resolve(spec, spec.dimension, only="dimension").name
    labels = _consensus(data)
    labelled = labels[labels["dimension"] == dimension][["item_id", "round"]]
    if labelled.empty:
        raise StudykitError(f"report output {spec.name!r}: no labels of {dimension!r}")
    labelled = labelled.drop_duplicates("item_id")
    by = data.resolve(spec, spec.by) if spec.by is not None else None
    if by is None:
        table = labelled.groupby("round").size().to_frame("items")
    else:
        values = _values(by, labels, data.items).rename(columns={"value": by.name})
        merged = labelled.merge(values, on="item_id", how="left").fillna({by.name: "(none)"})
        table = pd.crosstab(merged["round"], merged[by.name])
        table.columns = [data.code_labels().get(str(c), str(c)) for c in table.columns]
    table = table.reindex(natural_rounds(pd.Series(table.index)))
    table.index.name = "round"
    by_text = f" by {by.name.replace('_', ' ')}" if by else ""
    caption = spec.title or f"Items labelled on {dimension.replace('_', ' ')} per round{by_text}"
    facts = _outside(data, by, labels)
    if as_figure:
        figure = figures.plot_stacked_bars(table, width=spec.width)
        return Built(caption, figure=figure, facts=facts)
    table["total"] = table.sum(axis=1)
    totals = table.sum(axis=0).to_frame("all").T
    shown = pd.concat([table, totals]).reset_index(names="round")
    return Built(caption, table=shown, facts=facts)


def _outside(data: ReportData, by: Name | None, labels: pd.DataFrame) -> list[str]:
    """A line on the codes of a `by` dimension that the codebook does not know, if any."""
    if by is None or not by.is_dimension or by.name not in data.codebook.names():
        return []
    known = data.codebook.dimension(by.name).names()
    note = outside_codes(labels, by.name, known).note("shown as written")
    return [note] if note else []


def _values(name: Name, labels: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """item_id and `value`: the item field, or the dimension's consensus code."""
    if not name.is_dimension:
        return items[["item_id", name.key]].rename(columns={name.key: "value"}).dropna()
    codes = labels[labels["dimension"] == name.name][["item_id", "code"]]
    return codes.rename(columns={"code": "value"}).drop_duplicates("item_id")


def build_shares(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Per dimension of `dimensions`: how many of the items labelled on any of them got `code`."""

    if not spec.dimensions or spec.code is None:
        raise StudykitError(f"report output {spec.name!r} (shares) needs dimensions and a code")
    dimensions = [data.resolve(spec, d, only="dimension").name for d in spec.dimensions]
    labels = _consensus(data)
    labels = labels[labels["dimension"].isin(dimensions)]
    among = labels["item_id"].nunique()
    if among == 0:
        raise StudykitError(f"report output {spec.name!r}: no labels on those dimensions")
    rows = []
    for name in dimensions:
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
