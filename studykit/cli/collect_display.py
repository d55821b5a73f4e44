"""What live mining shows: pages fetched per repository, and a countdown bar for every wait."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class MiningDisplay:
    """Rich progress for `studykit mine`: one line per repository, one bar per wait."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:.0f}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> MiningDisplay:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def page(self, repository: str, resource: str) -> None:
        """Count a stored page of a repository."""
        if repository not in self.tasks:
            self.tasks[repository] = self.progress.add_task(repository, total=None)
        task = self.tasks[repository]
        self.progress.update(task, advance=1, description=f"{repository}: {resource} pages")

    def sleep(self, seconds: float, reason: str) -> None:
        """Wait `seconds`, saying why and showing a bar that counts down."""
        if seconds >= 1:
            self.progress.console.print(Text(reason, "yellow"), soft_wrap=True)
        task = self.progress.add_task(f"[yellow]{escape(reason)}", total=seconds)
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            time.sleep(min(0.1, left))
            self.progress.update(task, completed=seconds - max(left, 0))
        self.progress.remove_task(task)
