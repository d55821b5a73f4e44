"""The serve command: the coding workspace in the browser."""

from typing import Annotated, Literal

import typer

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, open_study


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; loopback unless you name another.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    round: Annotated[
        str | None,
        typer.Option(
            "--round",
            "-r",
            help="Round to code (default: the last of [coding] rounds, else the highest coded).",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Code all items of this kind (segment, survey_answer), not the sample."),
    ] = None,
    suggestions: Annotated[
        list[str] | None,
        typer.Option(
            "--suggestions",
            help="Show a model's top 3 codes of dimension D (trained on the consensus so far), "
            "each only after the rater has chosen their own; off by default. Every coding "
            "records whether a suggestion was in view. Repeatable.",
        ),
    ] = None,
    order: Annotated[
        Literal["id", "model"],
        typer.Option(
            help="id: the sample by id. model: a queue of the next --count unscreened items of "
            "the screening --dimension in the order `screen next` serves them (each recorded)."
        ),
    ] = "id",
    dimension: Annotated[
        str | None,
        typer.Option("--dimension", "-d", help="The screening dimension (--order model)."),
    ] = None,
    count: Annotated[
        int, typer.Option("--count", "-n", help="Queue length (--order model).")
    ] = 100,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Open the coding workspace: raters code in the browser, blind; the coordinator follows
    progress and agreement, closes the round and records consensus.

    Prints one sign-in link per rater of [coding] raters and one for the coordinator, each with
    a new random secret (valid until the server stops; never stored). Press Ctrl+C to stop.
    """
    import uvicorn

    from studykit.labelling.sheet_order import ModelOrder
    from studykit.workspace.serve import prepare, sign_in_links

    if (order == "model") != (dimension is not None):
        raise typer.BadParameter("--order model and --dimension D go together")
    opened = open_study(study, db)
    cache = opened.manifest.resolve(opened.manifest.study.cache)
    served = prepare(
        opened,
        round=round,
        kind=kind,
        suggestions=suggestions or (),
        order=ModelOrder(dimension, count, cache=cache) if dimension is not None else None,
    )
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    typer.echo(
        f"studykit workspace: round {served.round.name}, {len(served.round.items):,} item(s), "
        f"codebook {served.round.codebook.name!r} (version {served.round.codebook.version})"
    )
    suggesting = served.app.state.suggestions.dimensions
    if suggesting:
        typer.echo(
            f"Code suggestions for {', '.join(suggesting)}: each shown only after the rater's "
            "own choice; every coding records whether one was in view."
        )
    typer.echo("Sign-in links (give each person only their own; new links on every start):")
    for person, link in sign_in_links(served, f"http://{shown}:{port}"):
        typer.echo(f"  {person}: {link}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(
            f"Listening on {host}: anyone who can reach this port and has a link can sign in."
        )
    uvicorn.run(served.app, host=host, port=port, access_log=False, log_level="warning")
