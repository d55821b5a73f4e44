"""Report outputs of interviews: saturation, co-occurrence, participants by theme, quotes."""

from __future__ import annotations

from analysis.figures.cooccurrence import plot_cooccurrence
from analysis.figures.saturation import plot_saturation
from analysis.quotes import quotes_latex, quotes_markdown
from studykit.interviews.results import (
    Interviews,
    cooccurrences,
    participants_by_theme,
    quotes,
    saturation,
    theme_participants,
)
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData, table_only


def build_saturation(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """New codes per successive interview and Guest et al.'s saturation assessment."""

    curve, result = saturation(Interviews.read(data.db))
    caption = spec.title or "New codes per interview (saturation)"
    if as_figure:
        return Built(
            caption,
            figure=plot_saturation(curve, result, width=spec.width),
            facts=[result.summary()],
        )
    return Built(caption, table=curve, facts=[result.summary()])


def build_cooccurrence(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Themes coded on the same segments."""

    interviews = Interviews.read(data.db)
    table = cooccurrences(interviews, level="code" if spec.dimension == "code" else "theme")
    caption = spec.title or "Co-occurrence of themes within interview segments"
    labels = interviews.code_labels()
    if as_figure:
        return Built(caption, figure=plot_cooccurrence(table, labels=labels, width=spec.width))
    shown = table.rename(index=labels, columns=labels).reset_index().rename(columns={"code": ""})
    return Built(caption, table=shown)


def build_participants_by_theme(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """How many participants mentioned each theme, overall and per role (or `by`)."""

    table_only(spec, as_figure)
    interviews = Interviews.read(data.db)
    raw = theme_participants(interviews, by=spec.by or "role")
    caption = spec.title or "Participants who mentioned each theme"
    everyone = [interviews.code_labels()[c] for c in raw.loc[raw["share"] == 1.0, "code"]]
    facts = [
        f"{len(everyone)} of {len(raw)} interview themes came up with every participant"
        + (f": {', '.join(everyone)}." if everyone else ".")
    ]
    return Built(caption, table=participants_by_theme(interviews, raw=raw), facts=facts)


def build_quotes(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Representative quotes per theme with participant ids (Markdown and LaTeX documents)."""

    table_only(spec, as_figure)
    picked = quotes(Interviews.read(data.db))
    documents = {"md": quotes_markdown(picked, level=4), "tex": quotes_latex(picked)}
    caption = spec.title or "Representative quotes per theme"
    return Built(caption, table=picked, documents=documents)
