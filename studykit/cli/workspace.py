"""The serve command: the coding workspace in the browser."""

from typing import Annotated

import typer

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, open_study
from studykit.cli.model_order import (
    CountOption,
    OrderOption,
    ScreeningDimensionOption,
    SuggestionsOption,
    model_order,
)


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
    suggestions: SuggestionsOption = None,
    order: OrderOption = "id",
    dimension: ScreeningDimensionOption = None,
    count: CountOption = 100,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Open the coding workspace: raters code in the browser, blind; the coordinator follows
    progress and agreement, closes the round and records consensus.

    Prints one sign-in link per rater of [coding] raters and one for the coordinator, each with
    a new random secret (valid until the server stops; never stored). Press Ctrl+C to stop.
    --suggestions D shows a dimension's suggested codes only after the rater's own choice.
    """
    import uvicorn

    from studykit.workspace.serve import prepare, sign_in_links

    opened = open_study(study, db)
    served = prepare(
        opened,
        round=round,
        kind=kind,
        suggestions=suggestions or (),
        order=model_order(opened, order, dimension, count),
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
