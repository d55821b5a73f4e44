"""The progress bar of a long command: on stderr, and gone when the work is done."""

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from studykit.cli.app import err


def progress_bar(label: str, last: ProgressColumn | None = None) -> Progress:
    """A transient bar on stderr: the label, the bar, done of total, then `last` (time elapsed)."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        last or TimeElapsedColumn(),
        console=err,
        transient=True,
    )
