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
from studykit.cli.techniques import IMPORT_EXAMPLE, analyze_techniques, import_runs
from studykit.cli.workers import gather, worker
from studykit.cli.workspace import serve

app = new_app(
    "studykit: mine DL defect reports, code them with a codebook, measure agreement, "
    "and regenerate a study's figures and tables with one command."
)
# Listed in this order by `studykit --help`: the commands, then the command groups.
COMMANDS = (
    init, export, mine, worker, gather, sample, clone, link, disagreements, consensus, agree,
    report, check, serve
)  # fmt: skip
GROUPS = {
    "db": db_app,
    "codebook": codebook_app,
    "sheets": sheets_app,
    "analyze": analyze_app,
    "import": import_app,
    "screen": screen_app,
    "suggest": suggest_app,
}
for command in COMMANDS:
    app.command()(command)
for name, group in GROUPS.items():
    app.add_typer(group, name=name)
analyze_app.command("interviews")(analyze_interviews)
analyze_app.command("survey")(analyze_survey)
analyze_app.command("techniques")(analyze_techniques)
import_app.command("runs", epilog=IMPORT_EXAMPLE)(import_runs)


def main() -> None:
    """Run the studykit command line."""
    app()
