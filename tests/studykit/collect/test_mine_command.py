"""`studykit mine` and `studykit sample --size auto` as a researcher types them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mining.sampling import cochran_size
from studykit.cli import app
from studykit.study import Study
from tests.support import corpus as gen
from tests.support.mining import FAST, TOKEN, assert_matches_truth, write_study
from tests.support.standin import Behaviour, serving

ALPHA, BETA = "lab/alpha", "lab/beta"


@pytest.mark.parametrize(
    ("population", "confidence", "margin", "size"),
    [(1000, 0.95, 0.05, 278), (10**9, 0.95, 0.05, 385), (300, 0.99, 0.03, 259), (5, 0.95, 0.05, 5)],
)
def test_cochran_with_finite_population_correction(
    population: int, confidence: float, margin: float, size: int
) -> None:
    assert cochran_size(population, confidence=confidence, margin=margin) == size


def test_mine_reports_a_failed_repository_waits_visibly_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = gen.make_corpus([ALPHA, BETA], issues=12, pulls=3, comments=15)
    corpus.repos[BETA].gone = True
    manifest = write_study(tmp_path / "s", [ALPHA, BETA])
    for name, value in FAST.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GITHUB_TOKEN", f"{TOKEN},{TOKEN}x")
    # request 5 spends the token's window (as another program would): a wait, however slow
    # the machine is (a 6-request window of 1 s alone is not used up on a loaded machine)
    behaviour = Behaviour(tokens=(TOKEN,), limit=6, window=1, faults={5: "exhaust"})
    with serving(corpus, behaviour) as standin:
        monkeypatch.setenv("GITHUB_API_URL", standin.url)
        result = CliRunner().invoke(app, ["mine", "--study", str(manifest)])
    assert result.exit_code == 1, result.output
    assert "lab/beta: GET" in result.stderr and "404 Not Found" in result.stderr
    assert re.search(r"used up: waiting \d s until X-RateLimit-Reset", result.stderr)
    assert "1 of 2 repositories failed" in result.stderr
    assert "lab/alpha: ok: " in result.stdout and "lab/beta: failed: " in result.stdout
    assert TOKEN not in result.output
    study = Study.open(manifest)
    assert_matches_truth(study.db, corpus)
    study.close()


def test_mine_without_repositories_or_with_a_bad_name_is_a_user_error(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = write_study(tmp_path / "empty", [])
    result = runner.invoke(app, ["mine", "--study", str(empty)])
    assert result.exit_code == 2 and "no repositories to mine" in result.stderr
    result = runner.invoke(app, ["mine", "nameless", "--study", str(empty)])
    assert result.exit_code == 2 and "'nameless' is not of the form OWNER/REPO" in result.stderr


def test_sample_size_auto_draws_cochran_and_stores_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = gen.make_corpus([ALPHA, BETA], issues=40, pulls=5, comments=10)
    manifest = write_study(tmp_path / "s", [ALPHA, BETA])
    runner = CliRunner()
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    with serving(corpus, Behaviour()) as standin:
        mined = runner.invoke(app, ["mine", "--study", str(manifest), "--api-url", standin.url])
    assert mined.exit_code == 0, mined.output
    args = ["sample", "--study", str(manifest), "--size", "auto", "--strata", "repository"]
    drawn = runner.invoke(app, [*args, "--seed", "17"])
    assert drawn.exit_code == 0, drawn.output
    study = Study.open(manifest)
    sample = study.db.read("samples").iloc[0]
    assert sample["population"] == 80
    assert sample["size"] == cochran_size(80) == 67
    assert (sample["seed"], sample["strata"], sample["filter"]["size"]) == (
        17,
        "repository",
        "auto",
    )
    first = sorted(study.db.read("items")["id"])
    study.close()
    again = runner.invoke(app, [*args, "--seed", "17", "--replace"])
    assert again.exit_code == 0
    study = Study.open(manifest)
    assert sorted(study.db.read("items")["id"]) == first
    study.close()
