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

    served = serve_next(
        open_study(study, db).db,
        dimension,
        count=count,
        rater=rater,
        random_share=random_share,
        model=model,
        relevant=relevant or (),
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
