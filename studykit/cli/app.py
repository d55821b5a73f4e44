"""The `studykit` command: one Typer app; user errors end in one line and exit code 2."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

if TYPE_CHECKING:
    from studykit.study import Study

from coding.errors import CodingInputError
from mining.errors import MiningInputError
from studykit.cli.help_format import AsWritten, StudykitCommand
from studykit.errors import StudykitError

USER_ERRORS: tuple[type[Exception], ...] = (StudykitError, MiningInputError, CodingInputError)

# Text prints as written: no rich markup ("[github]" stays) and no emoji codes; style a part
# with rich.text.Text (see `warn`).
err = Console(stderr=True, markup=False, emoji=False)
out = Console(markup=False, emoji=False)


def warn(message: str) -> None:
    """Print "warning: <message>" on stderr, the message as written."""
    err.print(Text.assemble(("warning:", "yellow"), " ", message), highlight=False)


class StudykitGroup(AsWritten, TyperGroup):
    """A command group that turns user errors into a one-line message and exit code 2."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command, reporting user errors without a traceback."""
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            err.print(
                Text.assemble(("studykit: error:", "bold red"), " ", str(exc)),
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(2) from None


class StudykitTyper(typer.Typer):
    """A Typer app whose commands are StudykitCommands (help as written)."""

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Any:
        """Register a command, as a StudykitCommand unless `cls` says otherwise."""
        return super().command(name, cls=cls or StudykitCommand, **kwargs)


def new_app(help_text: str) -> typer.Typer:
    """A Typer app or sub-app with studykit's error handling and help settings."""
    return StudykitTyper(
        cls=StudykitGroup,
        help=help_text,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        rich_markup_mode="rich",
    )


StudyOption = Annotated[
    Path,
    typer.Option(
        "--study",
        "-s",
        help="The study manifest.",
        envvar="STUDYKIT_STUDY",
        show_default=True,
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL, overriding the manifest's (sqlite:///file.sqlite, postgresql://...).",
        envvar="STUDYKIT_DB",
    ),
]
DEFAULT_STUDY = Path("study.toml")
TableFormat = Literal["table", "csv", "json", "latex", "markdown"]
Level = Literal["nominal", "ordinal", "interval", "ratio"]


def open_study(study: Path, db: str | None) -> "Study":
    """Open the study named on the command line."""
    from studykit.study import Study

    return Study.open(study, db=db)


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")]
RoundOption = Annotated[str, typer.Option("--round", "-r", help="Coding round.")]
