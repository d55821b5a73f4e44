"""`studykit screen simulate` on a study: the table, the files, and refusals in one line."""

from pathlib import Path

from typer.testing import CliRunner

from studykit.cli import app
from tests.support.screening_study import screening_study

runner = CliRunner()


def test_simulate_prints_the_table_and_writes_table_runs_and_figure(tmp_path: Path) -> None:
    manifest = screening_study(tmp_path)
    out = tmp_path / "out"
    args = ["screen", "simulate", "-d", "relevant", "--seeds", "3", "--model", "nb"]
    result = runner.invoke(app, [*args, "--study", str(manifest), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "109 records, 19 relevant (codes yes)" in result.stdout
    assert "WSS@95" in result.stdout and "random" in result.stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "screening-relevant-nb-runs.csv",
        "screening-relevant-nb.md",
        "screening-relevant-nb.pdf",
        "screening-relevant-nb.png",
        "screening-relevant-nb.svg",
    ]
    runs = (out / "screening-relevant-nb-runs.csv").read_text().splitlines()
    assert len(runs) == 1 + 2 * 3
    again = tmp_path / "again"
    rerun = runner.invoke(app, [*args, "--study", str(manifest), "-o", str(again)])
    assert rerun.exit_code == 0
    for name in ("screening-relevant-nb-runs.csv", "screening-relevant-nb.md"):
        assert (out / name).read_bytes() == (again / name).read_bytes()


def test_an_unknown_relevant_code_and_a_bad_prior_end_in_one_line(tmp_path: Path) -> None:
    manifest = screening_study(tmp_path)
    base = ["screen", "simulate", "-d", "relevant", "--study", str(manifest), "--seeds", "1"]
    result = runner.invoke(app, [*base, "--relevant", "maybe"])
    assert result.exit_code == 2
    assert "--relevant maybe is not among its decisions' codes (no, yes)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = runner.invoke(app, [*base, "--prior", "1"])
    assert result.exit_code == 2 and "RELEVANT,IRRELEVANT" in result.stderr
    result = runner.invoke(app, [*base, "-d", "missing"])
    assert result.exit_code == 2 and "no decisions in dimension 'missing'" in result.stderr
