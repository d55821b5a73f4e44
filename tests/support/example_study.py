"""The example study loaded into a database of the test's choosing, as `make demo` loads it."""

from typer.testing import CliRunner

from studykit.study import Study
from tests.support.paths import EXAMPLE

runner = CliRunner()


def load_example(url: str) -> Study:
    """Run the example's stages (as `make demo` does, without the report) into `url`."""
    from studykit.cli import app

    study = ["--study", str(EXAMPLE / "study.toml"), "--db", url]
    codings = EXAMPLE / "codings"
    steps = [
        ["mine", "--replay", str(EXAMPLE / "archive")],
        ["sample"],
        [
            "sheets",
            "import",
            "--codebook",
            str(EXAMPLE / "codebook-v1.yaml"),
            *map(str, sorted((codings / "round-1").glob("*.csv"))),
        ],
        ["sheets", "import", *map(str, sorted((codings / "round-2").glob("*.csv")))],
        ["consensus", "--round", "2", "--adjudication", str(codings / "adjudication-round-2.csv")],
    ]
    for step in steps:
        result = runner.invoke(app, [*step, *study])
        assert result.exit_code == 0, (step, result.stderr)
    return Study.open(EXAMPLE / "study.toml", db=url)
