"""The example study's bundles: `studykit clone` mirrors them through the manifest's relative
clone_url, `studykit link` finds the fixes the generator made (truth/fix_links.csv) and the
files and lines its fixing commits changed (truth/fix_commits.csv), and the `fixes` report
output is rebuilt byte for byte."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from studykit.cli import app
from studykit.study import Study
from tests.support.paths import EXAMPLE

runner = CliRunner()
FIX_REPORT = """
[report]
output = "fix-report"

[[report.figures]]
name = "fixes"
kind = "fixes"
dimension = "defect_type"
width = "double"

[[report.tables]]
name = "fixes"
kind = "fixes"
"""


def example_copy(folder: Path) -> Path:
    """The example study in `folder`: its manifest copied, its data linked, processed/ new."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in EXAMPLE.iterdir():
        if entry.name not in ("processed", "study.toml"):
            (folder / entry.name).symlink_to(entry)
    shutil.copy(EXAMPLE / "study.toml", folder / "study.toml")
    return folder / "study.toml"


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    manifest = example_copy(tmp_path_factory.mktemp("example-fixes") / "example")
    study = ["--study", str(manifest)]
    codings = EXAMPLE / "codings"
    cli("mine", "--replay", str(EXAMPLE / "archive"), *study)
    cli("clone", *study)
    cli("link", *study)
    cli("sample", *study)
    round1 = sorted(map(str, (codings / "round-1").glob("*.csv")))
    cli("sheets", "import", "--codebook", str(EXAMPLE / "codebook-v1.yaml"), *round1, *study)
    cli("sheets", "import", *sorted(map(str, (codings / "round-2").glob("*.csv"))), *study)
    adjudication = str(codings / "adjudication-round-2.csv")
    cli("consensus", "--round", "2", "--adjudication", adjudication, *study)
    return manifest


def truth_links() -> tuple[set[tuple[str, int, str]], set[tuple[str, int, str, str]]]:
    """(issue repository, number, commit) of every commit fix and (..., PR repository, PR
    number) of every pull request fix the generator made, from truth/fix_links.csv."""
    commits, pulls = set(), set()
    with (EXAMPLE / "truth" / "fix_links.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            repo, number = row["item_id"].split("#")
            if row["fix"] == "commit":
                commits.add((repo, int(number), row["commit_sha"]))
            elif row["fix"] == "pull_request":
                pr_repo, pr_number = row["fixed_by"].split("#")
                pulls.add((repo, int(number), pr_repo, pr_number))
    return commits, pulls


def by_evidence(links: pd.DataFrame, evidence: str) -> set[tuple[object, ...]]:
    rows = links[links["evidence"] == evidence]
    columns = ["repository", "issue_number", "fix_repository", "target"]
    return set(rows[columns].itertuples(index=False, name=None))


def test_link_finds_the_fixes_the_generator_made(linked: Path) -> None:
    study = Study.open(linked)
    links = study.db.read("fix_links")
    commits, pulls = truth_links()
    assert commits and pulls
    assert by_evidence(links, "closed_event") == {(r, n, r, sha) for r, n, sha in commits}
    assert by_evidence(links, "pr_body") == pulls
    merges = study.db.read("pull_requests").set_index(["repository", "number"])
    merge_of = {(r, str(n)): sha for (r, n), sha in merges["merge_commit_sha"].items()}
    closing_merges = {(r, n, pr, merge_of[pr, number]) for r, n, pr, number in pulls}
    mentioned = {
        (r, n, pr, merge_of[pr, number])
        for r, n, pr, number in by_evidence(links, "cross_reference")
    }
    assert by_evidence(links, "pr_merge_commit") == closing_merges | mentioned
    # every closing commit message names an issue the commit (or its PR's squash) fixed
    fixing = {(r, n, r, sha) for r, n, sha in commits} | closing_merges
    assert by_evidence(links, "commit_message") <= fixing
    assert by_evidence(links, "commit_message")


def test_linked_commits_changed_the_files_the_generator_changed(linked: Path) -> None:
    files = Study.open(linked).db.read("commit_files")
    expected = pd.read_csv(EXAMPLE / "truth" / "fix_commits.csv")
    commits, pulls = truth_links()
    merges = Study.open(linked).db.read("pull_requests").set_index(["repository", "number"])
    wanted = {sha for _, _, sha in commits} | {
        merges.loc[(pr, int(number)), "merge_commit_sha"] for _, _, pr, number in pulls
    }
    assert wanted <= set(files["sha"])
    for sha in sorted(wanted):
        mine = files[files["sha"] == sha].set_index("path")
        made = expected[expected["sha"] == sha].set_index("path")
        assert sorted(mine.index) == sorted(made.index), sha
        net = (mine["added_lines"] - mine["deleted_lines"]).sort_index()
        assert net.tolist() == (made["lines_after"] - made["lines_before"]).sort_index().tolist()
    assert files["component"].nunique() >= 6


def test_fixes_report_is_rebuilt_byte_for_byte(linked: Path) -> None:
    manifest = linked.parent / "fixes.toml"
    text = linked.read_text()
    manifest.write_text(text[: text.index("[report]")] + FIX_REPORT)
    assert "2 output(s) built" in " ".join(cli("report", "--study", str(manifest)).split())
    folder = linked.parent / "fix-report"
    first = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert {Path("figures/fixes.png"), Path("tables/fixes.csv")} <= set(first)
    cli("report", "--study", str(manifest), "--force")
    again = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert again == first
    table = pd.read_csv(folder / "tables" / "fixes.csv", dtype=str)
    commits, pulls = truth_links()
    defects = {
        row["item_id"]
        for row in csv.DictReader((EXAMPLE / "truth" / "labels.csv").open(encoding="utf-8"))
    }
    fixed = {f"{r}#{n}" for r, n, _ in commits} | {f"{r}#{n}" for r, n, _, _ in pulls}
    assert table.iloc[-1, 0] == "All"
    assert int(table.iloc[-1]["Fixed items"]) == len(fixed & defects)


def test_a_clone_url_naming_a_missing_bundle_is_one_line_and_exit_2(tmp_path: Path) -> None:
    manifest = example_copy(tmp_path / "example")
    text = manifest.read_text().replace('"repos/{name}.bundle"', '"gone/{name}.bundle"')
    manifest.write_text(text)
    result = runner.invoke(app, ["clone", "--study", str(manifest)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "clone_url" in lines[0] and "gone/yolo-reimpl.bundle" in lines[0]
    assert not (tmp_path / "example" / "processed" / "clones").exists()


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("https://github.com/o/r.git", None),
        ("ssh://git@example.org/o/r.git", None),
        ("git@github.com:o/r.git", None),
        ("example.org:o/r.git", None),
        ("repos/r.bundle", "BASE/repos/r.bundle"),
        ("../mirrors/o__r", "PARENT/mirrors/o__r"),
        ("/srv/git/r.bundle", "/srv/git/r.bundle"),
        ("file:///srv/git/r%20x.bundle", "/srv/git/r x.bundle"),
    ],
)
def test_clone_urls_that_name_local_sources(tmp_path: Path, url: str, local: str | None) -> None:
    from studykit.collect.clones import local_source

    base = tmp_path / "study"
    found = local_source(url, base)
    if local is None:
        assert found is None
    else:
        expected = local.replace("BASE", str(base)).replace("PARENT", str(tmp_path))
        assert found == Path(expected)
