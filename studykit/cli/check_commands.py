"""The check command: the numbers a paper reports beside the reproduced ones."""

import typer
from rich.table import Table
from rich.text import Text

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, open_study, out


def check(study: StudyOption = DEFAULT_STUDY, db: DbOption = None) -> None:
    """Recompute the [[checks]] numbers of the manifest; exit 1 if one differs."""
    from studykit.checks import run_checks

    opened = open_study(study, db)
    results = run_checks(opened)
    table = Table("check", "paper reports", "reproduced", "", title=opened.manifest.study.name)
    for result in results:
        mark = Text("equal", "green") if result.equal else Text("DIFFERS", "bold red")
        table.add_row(result.name, result.reported, result.reproduced, mark)
    out.print(table)
    differ = sum(not r.equal for r in results)
    out.print(f"{len(results) - differ} of {len(results)} reported numbers reproduced.")
    if differ:
        raise typer.Exit(1)
