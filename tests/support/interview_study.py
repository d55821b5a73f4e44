"""The example's interviews and survey as a study in a test's folder, and the CLI to run on it."""

import shutil
from pathlib import Path

from typer.testing import CliRunner

from studykit.cli import app
from tests.support.paths import EXAMPLE

runner = CliRunner()
MANIFEST = """
[study]
name = "interviews"
[coding]
raters = ["alice", "bob"]
sheets = "sheets"
[interviews]
participants = "interviews/participants.csv"
roster = "interviews/roster.csv"
transcripts = ["interviews/P01.vtt", "interviews/P02.srt", "interviews/P03.docx",
               "interviews/P04.txt", "interviews/P05.md", "interviews/P06.vtt"]
codebook = "interviews/codebook.yaml"
[survey]
responses = "survey/responses.csv"
groups = ["What is your current role?"]
likert = ["How much do you agree with the following statements? [*"]
open_ended = ["What is the hardest part*", "Which tool or feature*"]
compare = ["Researcher", "ML engineer"]
[report]
output = "report"
[[report.figures]]
name = "saturation"
kind = "saturation"
[[report.figures]]
name = "cooccurrence"
kind = "cooccurrence"
[[report.figures]]
name = "likert"
kind = "likert"
[[report.tables]]
name = "themes"
kind = "participants_by_theme"
[[report.tables]]
name = "quotes"
kind = "quotes"
[[report.tables]]
name = "groups"
kind = "likert_comparison"
"""


def run(study: Path, db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--study", str(study), "--db", db])
    return result.exit_code, result.stdout + result.stderr


def make_study(tmp_path: Path) -> Path:
    """The example's interviews and survey copied beside a manifest that names them."""
    shutil.copytree(EXAMPLE / "interviews", tmp_path / "interviews")
    shutil.copytree(EXAMPLE / "survey", tmp_path / "survey")
    manifest = tmp_path / "study.toml"
    manifest.write_text(MANIFEST)
    return manifest
