"""The studykit command line."""

from studykit.cli.agreement_commands import agree
from studykit.cli.analysis_commands import analyze_app
from studykit.cli.app import new_app
from studykit.cli.check_commands import check
from studykit.cli.codebook_commands import codebook_app
from studykit.cli.coding_commands import consensus, disagreements, sheets_app
from studykit.cli.import_commands import import_app
from studykit.cli.interview_commands import analyze_interviews, analyze_survey
from studykit.cli.mining_commands import clone, link, mine, sample
from studykit.cli.report_commands import report
from studykit.cli.setup_commands import db_app, export, init

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
analyze_app.command("interviews")(analyze_interviews)
analyze_app.command("survey")(analyze_survey)


def main() -> None:
    """Run the studykit command line."""
    app()
