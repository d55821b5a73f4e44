"""`studykit import`: bring participants, transcripts, REFI-QDA projects and surveys in."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, new_app, open_study, out, warn
from studykit.cli.replication import import_items, import_labels, import_package_command

import_app = new_app(
    "Import data into the study database: participants, transcripts, QDA, surveys; items and "
    "labels of a replication package (without a command: the manifest's [[imports]] and "
    "[survey])."
)
import_app.callback(invoke_without_command=True, no_args_is_help=False)(import_package_command)
import_app.command("labels")(import_labels)
import_app.command("items")(import_items)

RedactOption = Annotated[
    bool,
    typer.Option(help="Replace flagged personal data by [name], [e-mail], [url], [phone]."),
]


@import_app.command("participants")
def import_participants(
    file: Annotated[
        Path | None, typer.Argument(help="participants.csv (default: [interviews] participants).")
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Participants with role, experience_years, org_size, domain; pseudonymous ids only."""
    from studykit.interviews.importing import import_participants as run

    count = run(open_study(study, db), file)
    out.print(f"Imported {count} participant(s).")


@import_app.command("transcripts")
def import_transcripts(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Transcripts (.txt .md .docx .vtt .srt); default: the manifest's."),
    ] = None,
    participant: Annotated[
        str | None, typer.Option(help="Whose interview it is (default: the file name, e.g. P01).")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="The speaker label that is the participant.")
    ] = None,
    redact: RedactOption = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Split transcripts into speaker turns (segments) and check them for personal data."""
    from studykit.interviews.importing import import_transcripts as run

    summaries = run(
        open_study(study, db),
        files or [],
        participant=participant,
        speaker=speaker,
        redact_found=redact,
    )
    state = "redacted" if redact else "flagged"
    table = Table("transcript", "participant", "format", "segments", "items", "personal data")
    for s in summaries:
        found = "none" if s.findings.empty else f"{len(s.findings)} {state}"
        table.add_row(
            s.transcript_id, s.participant_id, s.format, str(s.segments), str(s.items), found
        )
    out.print(table)
    for s in summaries:
        for finding in s.findings.itertuples():
            out.print(f"{state}: {finding.segment_id} {finding.kind}", highlight=False)
    if any(not s.findings.empty for s in summaries) and not redact:
        warn(
            "flagged segments are not exported until you re-import with --redact or fix the files."
        )


@import_app.command("qdpx")
def import_qdpx(
    file: Annotated[Path, typer.Argument(help="A REFI-QDA project (.qdpx).")],
    round: Annotated[
        str | None,
        typer.Option("--round", "-r", help="Coding round (default: [interviews] round)."),
    ] = None,
    redact: RedactOption = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Codings per coder from ATLAS.ti, NVivo, MAXQDA or QualCoder, onto transcript segments."""
    from studykit.interviews.importing import import_qdpx as run

    summary = run(open_study(study, db), file, round=round, redact_found=redact)
    new = (
        f"; new transcripts: {', '.join(summary.new_transcripts)}"
        if summary.new_transcripts
        else ""
    )
    skipped = (
        f"; {summary.skipped} coding(s) on interviewer turns left out" if summary.skipped else ""
    )
    out.print(
        f"Imported {summary.codings} codings by {', '.join(summary.coders)} on "
        f"{summary.sources} source(s){new}{skipped}."
    )


@import_app.command("survey")
def import_survey(
    file: Annotated[
        Path | None, typer.Argument(help="Survey export CSV (default: [survey] responses).")
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """A Google Forms / Qualtrics / LimeSurvey CSV export, mapped by [survey] in the manifest."""
    from studykit.survey.importing import import_survey as run

    summary = run(open_study(study, db), file)
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.questions.items()))
    out.print(
        f"Imported {summary.respondents} respondents ({kinds} questions); "
        f"{summary.open_items} open answers are items of kind survey_answer."
    )
