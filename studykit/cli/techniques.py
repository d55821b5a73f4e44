"""`studykit import runs` and `studykit analyze techniques`: repair and testing benchmarks."""

from pathlib import Path
from typing import Annotated, Literal

import typer

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    FormatOption,
    OutputOption,
    StudyOption,
    err,
    open_study,
    out,
)

IMPORT_EXAMPLE = """Examples:

  studykit import runs results/ --better higher --metric test_accuracy \\
    --pattern '(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\\d+)/trials\\.csv$' \\
    --value test_accuracy --at-max val_accuracy

  studykit import runs scores.xlsx --better lower --metric loss \\
    --columns technique=Tool --columns subject=Model --columns run=Seed --columns value=Loss

  studykit import runs    # what [techniques] names: runs, pattern, value, at_max, better

    [techniques]
    runs = "benchmark/runs"
    pattern = '(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\\d+)/trials\\.csv$'
    value = "test_accuracy"
    at_max = "val_accuracy"
    better = "higher"
"""


def import_runs(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Per-run result files or folders of them; or long tables. "
            "Default: [techniques] runs."
        ),
    ] = None,
    better: Annotated[
        Literal["higher", "lower"] | None,
        typer.Option(
            help="Whether a higher or a lower value of the metric is better "
            "(default: [techniques] better)."
        ),
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option(
            help="The metric's name (default: the --value column, else [techniques] metric, "
            "else the value column)."
        ),
    ] = None,
    pattern: Annotated[
        str | None,
        typer.Option(
            help="A regular expression searched in each file's path; its named groups technique, "
            "subject, run (and any others, e.g. budget) give the run's factors. Folders are "
            "searched for the files it matches. Default: [techniques] pattern."
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Option(help="The column that holds the run's value (default: [techniques] value)."),
    ] = None,
    at_max: Annotated[
        str | None,
        typer.Option(help="Take --value at the row where this column is largest."),
    ] = None,
    at_min: Annotated[
        str | None,
        typer.Option(help="Take --value at the row where this column is smallest."),
    ] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            help="Long tables: KEY=COLUMN for technique, subject, run, value (default: columns "
            "of those names); other keys are further factors. Repeat the option."
        ),
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="The XLSX sheet to read.")] = None,
    replace: Annotated[
        bool, typer.Option(help="Replace the runs of this metric the study already holds.")
    ] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """One value per run of each technique on each subject, from per-run result files whose
    paths carry the factors (a Ray-Tune-like folder: one CSV of trials per run), or from long
    tables (technique, subject, run, value).

    A file is reduced to one value: the --value column (which must hold one value), or the
    --value column at the row where the --at-max / --at-min column is best (e.g. the test score
    of the best validation trial). The reference (faulty model), target (developer's fix) and
    baseline are techniques like any other; [techniques] in the manifest names them.

    With no files, [techniques] runs (relative to the manifest) are read, with its pattern,
    value, at_max/at_min, columns, sheet and better; an option given here overrides its key
    (--pattern or --columns replace the manifest's way of reading as a whole).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from studykit.techniques.importing import import_runs as run
    from studykit.techniques.importing import read_runs, run_source

    opened = open_study(study, db)
    source = run_source(
        opened.manifest,
        files or [],
        better=better,
        metric=metric,
        pattern=pattern,
        value=value,
        at_max=at_max,
        at_min=at_min,
        columns=columns or [],
        sheet=sheet,
    )
    with Progress(
        TextColumn("runs"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("", total=None)
        results = read_runs(
            source.paths,
            pattern=source.pattern,
            reduction=source.reduction,
            columns=source.columns,
            sheet=source.sheet,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    summary = run(
        opened,
        results,
        metric=source.metric,
        higher_is_better=source.higher_is_better,
        replace=replace,
    )
    for note in summary.notes:
        err.print(f"note: {note}", highlight=False, soft_wrap=True)
    factors = f" (further factors: {', '.join(summary.factors)})" if summary.factors else ""
    replaced = f"; replaced {summary.replaced} stored run(s)" if summary.replaced else ""
    direction = "higher" if source.higher_is_better else "lower"
    out.print(
        f"Imported {summary.runs} runs of {summary.metric!r} ({direction} is better): "
        f"{len(summary.techniques)} techniques ({', '.join(summary.techniques)}) on "
        f"{summary.subjects} subjects{factors}{replaced}.",
        highlight=False,
        soft_wrap=True,
    )


def analyze_techniques(
    table: Annotated[
        Literal["comparison", "summary", "paper"],
        typer.Argument(
            help="comparison (per subject and technique), summary (per technique) or paper "
            "(mean and sd per technique; bold: better than the reference, dagger: than the "
            "baseline)."
        ),
    ] = "summary",
    metric: Annotated[str | None, typer.Option(help="Default: [techniques] metric.")] = None,
    reference: Annotated[
        str | None, typer.Option(help="The reference technique, e.g. the faulty model.")
    ] = None,
    target: Annotated[
        str | None, typer.Option(help="The target of the improvement ratio, e.g. the fix.")
    ] = None,
    baseline: Annotated[str | None, typer.Option(help="The baseline, e.g. random.")] = None,
    test: Annotated[
        Literal["mann-whitney", "wilcoxon", "fisher", "mcnemar"] | None,
        typer.Option(
            help="mann-whitney, wilcoxon (paired runs), fisher (success/failure), mcnemar "
            "(paired success/failure). Default: [techniques] test, else by the runs: fisher for "
            "0/1 values, mann-whitney for others (mcnemar, wilcoxon when --paired)."
        ),
    ] = None,
    paired: Annotated[
        bool | None,
        typer.Option(
            "--paired/--independent",
            help="Run i of every technique shares its seed (default: [techniques] paired).",
        ),
    ] = None,
    correction: Annotated[
        Literal["holm", "bh", "none"] | None, typer.Option(help="p-value correction.")
    ] = None,
    alpha: Annotated[float | None, typer.Option(help="Significance level.")] = None,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Which technique improves which subject, significantly: per subject and technique the
    runs' n, mean, sd, median, improvement ratio ((technique - reference) / (target -
    reference), oriented by the metric's direction), the test and Vargha-Delaney A12 (with Hess
    and Kromrey's magnitude) against the reference and the baseline, corrected p-values.
    Options default to the manifest's [techniques]."""
    from studykit.cli.output import emit
    from studykit.techniques.results import technique_results

    opened = open_study(study, db)
    results = technique_results(
        opened.db,
        opened.manifest.techniques,
        metric=metric,
        reference=reference,
        target=target,
        baseline=baseline,
        test=test,
        paired=paired,
        correction=correction,
        alpha=alpha,
    )
    if table == "comparison":
        emit(results.comparison, fmt, output)
    elif table == "summary":
        emit(results.summary, fmt, output)
    elif fmt in ("markdown", "latex"):
        paper = results.table(caption=f"{results.runs.metric} per subject and technique")
        text = paper.markdown if fmt == "markdown" else paper.latex
        if output is None:
            print(text, end="")
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
            out.print(f"Wrote {output}")
    else:
        emit(results.table().frame, fmt, output)
