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
