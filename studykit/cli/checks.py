"""The check command: the numbers a paper reports beside the reproduced ones."""

import typer
from rich.table import Table
from rich.text import Text

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, open_study, out


def check(study: StudyOption = DEFAULT_STUDY, db: DbOption = None) -> None:
    """Recompute the [[checks]] numbers of the manifest; exit 1 if one differs.

    Names are dimensions (their consensus labels) or item fields; write dimension:NAME or
    field:NAME when a name is both. A count on a dimension with rater labels only counts the
    items raters labelled, and says so.
    """
    from studykit.replication.checks import checked

    opened = open_study(study, db)
    results, notes = checked(opened)
    table = Table("check", "paper reports", "reproduced", "", title=opened.manifest.study.name)
    for result in results:
        mark = Text("equal", "green") if result.equal else Text("DIFFERS", "bold red")
        table.add_row(result.name, result.reported, result.reproduced, mark)
    out.print(table)
    for note in notes:
        out.print(note, markup=False, highlight=False, soft_wrap=True)
    differ = sum(not r.equal for r in results)
    out.print(f"{len(results) - differ} of {len(results)} reported numbers reproduced.")
    if differ:
        raise typer.Exit(1)
