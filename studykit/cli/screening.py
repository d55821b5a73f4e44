"""`studykit screen simulate|next|status` and `studykit suggest`: assisted screening and codes."""

from pathlib import Path
from typing import Annotated, Literal

import typer

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, new_app, open_study, out

screen_app = new_app(
    "Assisted screening: rank items by a model trained on the decisions so far, estimate what "
    "is left, and simulate on fully screened data whether the model helps."
)

ModelOption = Annotated[
    Literal["lr", "nb", "svm"],
    typer.Option(help="lr: logistic regression, nb: naive Bayes, svm: linear SVM."),
]
DimensionOption = Annotated[
    str, typer.Option("--dimension", "-d", help="The screening dimension (e.g. relevant).")
]
RelevantOption = Annotated[
    list[str] | None,
    typer.Option(
        "--relevant",
        help="A code that means relevant (repeat for several); default: the yes/relevant "
        "code of a two-code dimension.",
    ),
]


def _prior(text: str) -> tuple[int, int]:
    """'1,10' as (1, 10)."""
    from studykit.errors import InputError

    parts = text.split(",")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise InputError(f"--prior {text!r}: write RELEVANT,IRRELEVANT counts, e.g. 1,10")
    return int(parts[0]), int(parts[1])


@screen_app.command("simulate")
def simulate(
    dimension: DimensionOption,
    relevant: RelevantOption = None,
    model: ModelOption = "lr",
    seeds: Annotated[
        int, typer.Option(help="Runs, seeded 0..N-1; random order gets the same.")
    ] = 15,
    prior: Annotated[
        str, typer.Option(help="Prior knowledge per run: RELEVANT,IRRELEVANT records.")
    ] = "1,10",
    batch: Annotated[int, typer.Option(help="Decisions between retrainings.")] = 1,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Directory for the table, runs CSV and figure."),
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Replay a fully screened dimension in the model's order and in random order (ASReview).

    Prints WSS@95, RRF@10, average time to discovery and records read to 95% recall, mean ±
    sd [min, max] over the seeds, for the model and for random reading; with --output writes
    the table (Markdown), every run (CSV) and the recall curves (PNG, PDF, SVG).
    """
    from rich.progress import Progress

    from studykit.cli.output import emit
    from studykit.screening.simulation import simulate_study

    opened = open_study(study, db)
    with Progress(transient=True) as bar:
        task = bar.add_task(f"simulating {seeds} seeds", total=seeds)
        report = simulate_study(
            opened.db,
            dimension,
            relevant=relevant or (),
            model=model,
            seeds=seeds,
            prior=_prior(prior),
            batch=batch,
            output=output,
            progress=lambda: bar.advance(task),
            cache=opened.manifest.cache,
        )
    sim = report.simulation
    out.print(
        f"{dimension}: {sim.records:,} records, {sim.relevant} relevant "
        f"(codes {', '.join(report.relevant_codes)}), priors {sim.prior_relevant} relevant + "
        f"{sim.prior_irrelevant} irrelevant left out of the metrics"
    )
    emit(report.table, "table", None)
    for path in report.written:
        out.print(f"wrote {path}")


@screen_app.command("next")
def next_items(
    dimension: DimensionOption,
    count: Annotated[int, typer.Option("-n", help="How many items to serve.")] = 20,
    rater: Annotated[str | None, typer.Option(help="The rater they are served to.")] = None,
    random_share: Annotated[
        float, typer.Option(help="Share of the places given to items drawn at random.")
    ] = 0.1,
    relevant: RelevantOption = None,
    model: ModelOption = "lr",
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """The unscreened items the model, retrained on every decision so far, ranks most relevant.

    Decisions are the codings of the dimension (any rater; relevant if any rater says so). A
    share of the places goes to items drawn at random, which `screen status` needs for its
    estimate; each served item is recorded with whether the model or chance picked it.
    """
    from studykit.cli.output import emit
    from studykit.screening.serving import serve_next

    opened = open_study(study, db)
    served = serve_next(
        opened.db,
        dimension,
        count=count,
        rater=rater,
        random_share=random_share,
        model=model,
        relevant=relevant or (),
        cache=opened.manifest.cache,
    )
    if not served.by_model:
        out.print("no model yet (decisions of both kinds are needed): items drawn at random")
    emit(served.items, "table", None)


@screen_app.command("status")
def status(
    dimension: DimensionOption,
    relevant: RelevantOption = None,
    run: Annotated[
        int, typer.Option(help="Consecutive irrelevant model-served items the rule needs.")
    ] = 50,
    target: Annotated[float, typer.Option(help="Recall the rule aims at.")] = 0.95,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """How many relevant items remain (method and interval named) and whether to stop."""
    from studykit.screening.serving import screening_status

    state = screening_status(
        open_study(study, db).db, dimension, relevant=relevant or (), run=run, target=target
    )
    left = state.remaining
    out.print(
        f"{dimension}: {state.screened} of {state.items} items screened, {state.found} relevant; "
        f"served by the model {state.served_model}, at random {state.served_random}"
    )
    if left.estimate is None:
        out.print(f"relevant left: no estimate ({left.method} needs items served at random)")
    else:
        point, low, high = left.recall()
        out.print(
            f"relevant left among {left.unscreened} unscreened: {left.estimate:.1f} "
            f"({left.confidence:.0%} interval {left.low:.1f} to {left.high:.1f}; {left.method}, "
            f"{left.sampled_relevant} of {left.sampled} random items relevant); "
            f"estimated recall {point:.1%} ({low:.1%} to {high:.1%})"
        )
    verdict = "stop" if state.advice.stop else "keep screening"
    out.print(f"advice: {verdict} ({state.advice.reason}); rule: {state.advice.rule}")


suggest_app = new_app(
    "Code suggestions: a calibrated model trained on the consensus labels so far proposes codes "
    "for the uncoded items (written to a file, never stored as codings); `suggest evaluate` "
    "measures them first."
)


@suggest_app.callback(invoke_without_command=True)
def suggest(
    ctx: typer.Context,
    dimension: Annotated[
        str | None, typer.Option("--dimension", "-d", help="The dimension to suggest codes of.")
    ] = None,
    model: ModelOption = "lr",
    top: Annotated[int, typer.Option(help="Codes per item.")] = 3,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the suggestions as CSV.")
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Per uncoded item, the top codes with calibrated probabilities (CalibratedClassifierCV)."""
    if ctx.invoked_subcommand is not None:
        return
    from studykit.cli.app import warn
    from studykit.cli.output import emit
    from studykit.errors import InputError
    from studykit.screening.suggestions import suggest_codes

    if dimension is None:
        raise InputError("suggest needs --dimension D (or: studykit suggest evaluate -d D)")
    opened = open_study(study, db)
    cache = opened.manifest.cache
    result = suggest_codes(opened.db, dimension, model=model, k=top, cache=cache)
    out.print(
        f"{dimension}: trained on {result.trained_on} consensus labels; "
        f"{result.table['item_id'].nunique()} uncoded items"
    )
    if result.left_out:
        listed = ", ".join(f"{c!r} ({n})" for c, n in result.left_out.items())
        warn(f"codes with a single labelled item, left out of the model: {listed}")
    emit(result.table, "csv" if output else "table", output)


@suggest_app.command("evaluate")
def evaluate(
    dimension: DimensionOption,
    model: ModelOption = "lr",
    group: Annotated[
        str, typer.Option(help="Item field whose values are held out one at a time.")
    ] = "repository",
    per_code: Annotated[bool, typer.Option("--per-code", help="Per-code precision/recall.")] = True,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Cross-validated quality (leave one repository out) beside the majority-class baseline.

    Accuracy, macro-F1, top-3 accuracy, per-code precision and recall, a learning curve (50,
    100, 200, 400 labels), and Krippendorff's alpha / Cohen's kappa of the model's out-of-fold
    labels against the consensus, beside the human raters' agreement per round.
    """
    from studykit.cli.app import warn
    from studykit.cli.output import emit
    from studykit.screening.suggestions import evaluate_suggestions

    quality = evaluate_suggestions(open_study(study, db).db, dimension, model=model, group=group)
    result = quality.evaluation
    out.print(
        f"{dimension}: {len(result.predictions)} consensus labels, leave one {group} out "
        f"({result.groups} groups)"
    )
    if result.left_out:
        listed = ", ".join(f"{c!r}" for c in result.left_out)
        warn(f"codes seen once in some training fold, left out there: {listed}")
    emit(result.summary, "table", None)
    if per_code:
        emit(result.per_code, "table", None)
    out.print("learning curve (labels each fold trains on):")
    emit(result.learning_curve, "table", None)
    columns = ["who", "coefficient", "estimate", "ci_low", "ci_high", "n_items"]
    emit(quality.agreement[columns], "table", None)
