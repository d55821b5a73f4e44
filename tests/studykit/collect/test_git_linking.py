"""`studykit clone` and `studykit link` on git repositories the test creates, PyDriller included."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit.cli import app
from studykit.collect.live import mine_live
from studykit.study import Study
from tests.support import corpus as gen
from tests.support.mining import QUICK, TOKEN, files_containing, write_study
from tests.support.standin import Behaviour, serving

ALPHA = "lab/alpha"
FILLERS = 40


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-05-01T12:00:00+02:00"}
    env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"]
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def commit(repo: Path, message: str, files: dict[str, str]) -> str:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def make_history(repo: Path, fixes: tuple[int, int, int]) -> dict[str, str]:
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "dev@example.org")
    git(repo, "config", "user.name", "Dev")
    shas = {
        "init": commit(repo, "Initial model", {"models/net.py": "a\nb\nc\n", "README.md": "x\n"})
    }
    for n in range(FILLERS):
        commit(repo, f"Tune batch size {n} (see #{n})", {"train.py": f"bs = {n}\n"})
    shas["direct"] = commit(
        repo,
        f"Avoid NaN in the loss\n\nFixes #{fixes[0]}",
        {
            "models/net.py": "a\nB\nc\nd\n",
            "configs/base.yaml": "lr: 0.1\n",
            "tests/test_net.py": "ok\n",
        },
    )
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, "Resize inputs in the loader", {"data/loader.py": "resize\n"})
    git(repo, "checkout", "-q", "main")
    commit(repo, "Pin torch", {"requirements.txt": "torch==2.1\n"})
    git(
        repo,
        "merge",
        "-q",
        "--no-ff",
        "feature",
        "-m",
        f"Merge pull request #77\n\nCloses #{fixes[1]}",
    )
    shas["merge"] = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "abandoned")
    shas["unmerged"] = commit(repo, f"fixes #{fixes[2]}", {"train.py": "never merged\n"})
    git(repo, "checkout", "-q", "main")
    return shas


def recording_git(folder: Path) -> Path:
    """A `git` that logs its arguments, then runs the real git."""
    folder.mkdir()
    log = folder / "calls.log"
    script = folder / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec {shutil.which("git")} "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


@pytest.fixture
def mined_study(tmp_path: Path) -> tuple[Path, gen.Corpus]:
    corpus = gen.make_corpus([ALPHA], issues=20, pulls=5, comments=20, seed=4)
    manifest = write_study(tmp_path / "study", [ALPHA])
    study = Study.open(manifest)
    with serving(corpus, Behaviour()) as standin:
        mine_live(study, [ALPHA], api_url=standin.url, tokens=[TOKEN], policy=QUICK)
    study.close()
    return manifest, corpus


def test_clone_then_link_scans_two_git_logs_and_opens_only_linked_commits(
    tmp_path: Path, mined_study: tuple[Path, gen.Corpus], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, corpus = mined_study
    repo = corpus.repos[ALPHA]
    issues = [n for n in sorted(repo.issues) if n not in repo.pulls]
    fixes = (issues[0], issues[1], issues[2])
    shas = make_history(tmp_path / "src" / "lab__alpha", fixes)
    log = recording_git(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    runner = CliRunner()
    source = f"{tmp_path / 'src'}/{{owner}}__{{name}}"
    cloned = runner.invoke(app, ["clone", "--study", str(manifest), "--from", source])
    assert cloned.exit_code == 0, cloned.output
    assert "lab/alpha: cloned" in cloned.stdout
    again = runner.invoke(app, ["clone", "--study", str(manifest), "--from", source])
    assert "lab/alpha: updated" in again.stdout
    log.write_text("")

    linked = runner.invoke(app, ["link", "--study", str(manifest)])
    assert linked.exit_code == 0, linked.output
    calls = log.read_text().splitlines()
    assert sum(" log " in f" {c} " for c in calls) <= 2, calls
    assert sum("diff-tree" in c for c in calls) == 2, calls
    assert not [c for c in calls if "rev-list" in c], calls

    study = Study.open(manifest)
    links = study.db.read("fix_links")
    by_message = links[links["evidence"] == "commit_message"]
    assert sorted(zip(by_message["issue_number"], by_message["target"], strict=True)) == sorted(
        [(fixes[0], shas["direct"]), (fixes[1], shas["merge"])]
    )
    files = study.db.read("commit_files")
    direct = files[files["sha"] == shas["direct"]].set_index("path")
    assert direct.loc["models/net.py", ["added_lines", "deleted_lines"]].tolist() == [2, 1]
    assert direct["component"].to_dict() == {
        "configs/base.yaml": "configuration",
        "models/net.py": "model",
        "tests/test_net.py": "tests",
    }
    merged = files[files["sha"] == shas["merge"]]
    assert merged[["path", "component", "change_type"]].values.tolist() == [
        ["data/loader.py", "data_pipeline", "add"]
    ]
    analysed = set(files["sha"])
    assert analysed == {shas["direct"], shas["merge"]}
    commits = study.db.read("commits").set_index("sha")
    assert commits.loc[shas["direct"], "authored_at"] == "2024-05-01T10:00:00Z"
    assert commits.loc[shas["direct"], "html_url"].endswith(f"/lab/alpha/commit/{shas['direct']}")
    missing = sum(1 for link in repo.links if link[2] == "commit")
    assert f"{missing} linked commits are in no local mirror" in linked.stderr
    assert not files_containing(tmp_path / "study", TOKEN)
    study.close()


def test_require_fix_samples_only_linked_issues(
    mined_study: tuple[Path, gen.Corpus],
) -> None:
    manifest, corpus = mined_study
    runner = CliRunner()
    text = manifest.read_text().replace("[github]", "[filter]\nrequire_fix = true\n[github]")
    manifest.write_text(text)
    early = runner.invoke(app, ["sample", "--study", str(manifest)])
    assert early.exit_code == 2 and "run `studykit link` first" in early.stderr
    assert runner.invoke(app, ["link", "--study", str(manifest)]).exit_code == 0
    drawn = runner.invoke(app, ["sample", "--study", str(manifest), "--size", "all"])
    assert drawn.exit_code == 0, drawn.output
    study = Study.open(manifest)
    sampled = {int(i.rsplit("#", 1)[1]) for i in study.db.read("items")["id"]}
    expected = {link[1] for link in gen.expected_links(corpus)}
    assert sampled == expected
    study.close()
