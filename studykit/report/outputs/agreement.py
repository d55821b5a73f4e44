"""Report outputs `agreement` (per round and dimension) and `agreement_per_code`."""

from __future__ import annotations

import pandas as pd

from analysis import figures
from analysis.figures.agreement import coefficient_label
from studykit.errors import StudykitError
from studykit.labelling.agreement import natural_rounds, study_agreement, study_per_code
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData, dimension_of, field_title
from studykit.tabulate.outside_codes import outside_codes

AGREEMENT_SHOWN = ("cohen_kappa", "fleiss_kappa", "krippendorff_alpha")
NOT_CODED = "not coded"


def build_agreement(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Inter-rater agreement per round and dimension (kappa or Fleiss, and alpha)."""
    rounds = [spec.round] if spec.round else None
    dims = [dimension_of(spec, data)] if spec.dimension else None
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
    name = dimension_of(spec, data)
    round_name = spec.round or natural_rounds(data.rater_codings(spec)["round"])[-1]
    per_code = study_per_code(data.codings, data.codebook, dimension=name, round=round_name)
    facts = _rated_outside(data, [name])
    caption = (
        spec.title
        or f"Per-code agreement on {field_title(data, name).lower()} (round {round_name})"
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
