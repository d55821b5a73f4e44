"""The studykit command line: one command module per feature.

Each command imports what it runs inside its function: that lazy loading keeps
`studykit --help` fast. With the package's own lazy exports (studykit/__init__.py) it is
the only place where studykit imports inside functions."""

from studykit.cli.agreement import agree
from studykit.cli.analysis import analyze_app
from studykit.cli.app import new_app
from studykit.cli.checks import check
from studykit.cli.codebooks import codebook_app
from studykit.cli.collect import clone, link, mine, sample
from studykit.cli.db import db_app, export, init
from studykit.cli.importing import import_app
from studykit.cli.interviews import analyze_interviews
from studykit.cli.labelling import consensus, disagreements, sheets_app
from studykit.cli.report import report
from studykit.cli.screening import screen_app, suggest_app
from studykit.cli.survey import analyze_survey

app = new_app(
    "studykit: mine DL defect reports, code them with a codebook, measure agreement, "
    "and regenerate a study's figures and tables with one command."
)
app.command()(init)
app.add_typer(db_app, name="db")
app.command()(export)
app.command()(mine)
app.command()(sample)
app.command()(clone)
app.command()(link)
app.add_typer(codebook_app, name="codebook")
app.add_typer(sheets_app, name="sheets")
app.command()(disagreements)
app.command()(consensus)
app.command()(agree)
app.command()(report)
app.command()(check)
app.add_typer(analyze_app, name="analyze")
app.add_typer(import_app, name="import")
app.add_typer(screen_app, name="screen")
app.add_typer(suggest_app, name="suggest")
analyze_app.command("interviews")(analyze_interviews)
analyze_app.command("survey")(analyze_survey)


def main() -> None:
    """Run the studykit command line."""
    app()
