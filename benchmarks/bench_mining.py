"""Requests and seconds to mine a stand-in corpus: studykit against Perceval's GitHub backend.

Run on demand (not part of the test suite), from the repository root:

    .venv/bin/pip install perceval        # once
    .venv/bin/python benchmarks/bench_mining.py

It starts the GitHub stand-in of the tests on 127.0.0.1 with a generated corpus (2
repositories, 1,200 issues, 240 pull requests, 6,000 comments), mines it with `studykit mine`
and with `perceval github --category issue` (one run per repository, as Perceval works),
counts the HTTP requests at the stand-in, then repeats both with nothing changed. The table is
printed and written to benchmarks/results/mining.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studykit.study import Study  # noqa: E402
from tests.support import corpus as gen  # noqa: E402
from tests.support.mining import assert_matches_truth  # noqa: E402
from tests.support.standin import Behaviour, StandIn, serving  # noqa: E402

REPOSITORIES = ("dl-bench/detector", "dl-bench/segmenter")
TOKEN = "ghp_benchmarkTOKEN000000000000000000000"
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results" / "mining.md"


@dataclass
class Run:
    """One measured run: who, what, how many requests (of which 304), seconds, by endpoint."""

    tool: str
    what: str
    requests: int
    not_modified: int
    seconds: float
    kinds: Counter[str]


def measure(standin: StandIn, tool: str, what: str, commands: list[list[str]], env: dict) -> Run:
    standin.reset_counts()
    started = time.monotonic()
    for command in commands:
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    seconds = time.monotonic() - started
    not_modified = sum(1 for _, status in standin.log if status == 304)
    return Run(tool, what, standin.requests, not_modified, seconds, Counter(standin.kinds))


def main() -> None:
    if shutil.which("perceval", path=str(BIN)) is None:
        raise SystemExit("Perceval is not installed: .venv/bin/pip install perceval")
    corpus = gen.make_corpus(REPOSITORIES, issues=600, pulls=120, comments=3000, seed=2024)
    work = Path(tempfile.mkdtemp(prefix="bench-mining-"))
    manifest = work / "study" / "study.toml"
    init = [str(BIN / "studykit"), "init", str(manifest.parent)]
    made = subprocess.run(init, capture_output=True, check=False)
    if made.returncode != 0:
        raise SystemExit("studykit init failed")
    names = ", ".join(f'"{r}"' for r in REPOSITORIES)
    text = manifest.read_text().replace("repositories = []", f"repositories = [{names}]")
    manifest.write_text(text)
    env = {**os.environ, "GITHUB_TOKEN": TOKEN, "HOME": str(work)}
    runs = []
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        env["GITHUB_API_URL"] = standin.url
        studykit = [[str(BIN / "studykit"), "mine", "--study", str(manifest)]]
        options = ["--category", "issue", "--enterprise-url", standin.url, "-t", TOKEN]
        options += ["--no-archive", "-o", os.devnull]
        perceval = [
            [str(BIN / "perceval"), "github", *repo.split("/"), *options] for repo in REPOSITORIES
        ]
        latest = max(i["updated_at"] for r in corpus.repos.values() for i in r.issues.values())
        after = (datetime.fromisoformat(latest) + timedelta(seconds=1)).isoformat()
        perceval_again = [[*command, "--from-date", after] for command in perceval]
        help_only = [[str(BIN / "studykit"), "--help"]]
        startup = measure(standin, "studykit", "start-up only", help_only, env)
        runs.append(measure(standin, "studykit", "first mine", studykit, env))
        runs.append(measure(standin, "studykit", "re-run, nothing new", studykit, env))
        runs.append(measure(standin, "studykit", "re-run again, nothing new", studykit, env))
        runs.append(measure(standin, "Perceval", "first fetch", perceval, env))
        runs.append(measure(standin, "Perceval", "re-run from last date", perceval_again, env))
    study = Study.open(manifest)
    assert_matches_truth(study.db, corpus)
    study.close()
    report = render(runs, startup.seconds, corpus)
    print(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


def render(runs: list[Run], startup: float, corpus: gen.Corpus) -> str:
    first = {r.tool: r for r in runs if r.what.startswith("first")}
    ratio = first["Perceval"].requests / first["studykit"].requests
    timelines = first["studykit"].kinds["issues/{n}/timeline"]
    listings = first["studykit"].requests - timelines
    issues = sum(len(r.issues) - len(r.pulls) for r in corpus.repos.values())
    pulls = sum(len(r.pulls) for r in corpus.repos.values())
    comments = sum(len(r.comments) for r in corpus.repos.values())
    events = sum(len(r.events) for r in corpus.repos.values())
    lines = [
        "# Mining benchmark: studykit against Perceval",
        "",
        f"Corpus (GitHub stand-in on 127.0.0.1, tests/support/standin.py): {len(corpus.repos)} "
        f"repositories, {issues} issues, {pulls} pull requests, {comments} comments, "
        f"{events} issue events; 15% of issues and 8% of comments have reactions. Both tools "
        "get 100 items per page and one token with an unlimited rate. The studykit study is "
        "the one `studykit init` writes (its [filter] decides which closed issues may need a "
        "timeline); Perceval's re-run starts a second after the newest item.",
        "",
        "| tool | run | HTTP requests | of which 304 | seconds | requests per repository |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in runs:
        lines.append(
            f"| {r.tool} | {r.what} | {r.requests} | {r.not_modified} | {r.seconds:.1f} "
            f"| {r.requests / len(corpus.repos):.1f} |"
        )
    lines += [
        "",
        f"Perceval needs {ratio:.1f} times the requests of studykit for the same corpus "
        f"(studykit: {first['studykit'].requests / first['Perceval'].requests:.3f} of Perceval's)."
        f" studykit's seconds include {startup:.1f} s of command start-up. Of studykit's "
        f"requests, {timelines} fetch issue timelines (closed issues in the study's scope that "
        "nothing else links to a fix; Perceval fetches no timelines): without them studykit "
        f"spends {listings}, {first['Perceval'].requests / listings:.1f} times fewer than "
        "Perceval.",
        "",
        "Requests by endpoint:",
        "",
    ]
    for r in runs:
        if r.what.startswith("first"):
            kinds = ", ".join(f"{k} {n}" for k, n in r.kinds.most_common())
            lines.append(f"- {r.tool}, {r.what}: {kinds}")
    lines += [
        "",
        "studykit stores issues, pull requests (and their details), comments, issue events and "
        "the timelines it needs for fix links; Perceval's `issue` category stores issues and "
        "pull requests as issues, with comments, reactions and user profiles.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
