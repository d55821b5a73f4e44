"""Requests, points and seconds to mine a stand-in corpus: studykit's REST and GraphQL paths
against Perceval's GitHub backend and against the fewest requests each API needs.

Run on demand (not part of the test suite), from the repository root:

    python3 -m venv /tmp/perceval && /tmp/perceval/bin/pip install perceval   # once
    PERCEVAL=/tmp/perceval/bin/perceval .venv/bin/python benchmarks/bench_mining.py

(Perceval pins python-dateutil<3, which studykit's environment does not allow, hence its own
venv; `.venv/bin/perceval` is used if present.) It starts the GitHub stand-in of the tests
on 127.0.0.1 with a generated corpus (2 repositories, 1,200 issues, 240 pull requests, 6,000
comments), mines it with `studykit mine --api rest`, `studykit mine --api graphql` and
`perceval github --category issue` (one run per repository, as Perceval works), counts the
HTTP requests and GraphQL points at the stand-in, then repeats each with nothing changed. The
table is printed and written to benchmarks/results/mining.md.
"""

from __future__ import annotations

import math
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
from tests.support.differential import assert_graphql_truth, assert_same_rows  # noqa: E402
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
    points: int = 0


def measure(standin: StandIn, tool: str, what: str, commands: list[list[str]], env: dict) -> Run:
    standin.reset_counts()
    spent = standin.points_spent
    started = time.monotonic()
    for command in commands:
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    seconds = time.monotonic() - started
    not_modified = sum(1 for _, status in standin.log if status == 304)
    points = standin.points_spent - spent
    kinds = Counter(standin.kinds)
    return Run(tool, what, standin.requests, not_modified, seconds, kinds, points)


def perceval_program() -> str:
    """Perceval's command: $PERCEVAL, else the one in this venv."""
    program = os.environ.get("PERCEVAL") or shutil.which("perceval", path=str(BIN))
    if not program:
        raise SystemExit("Perceval is not installed: see this file's docstring")
    return program


def new_study(work: Path, name: str, api: str) -> Path:
    """A study made by `studykit init`, listing the corpus's repositories, mining via `api`."""
    manifest = work / name / "study.toml"
    init = [str(BIN / "studykit"), "init", str(manifest.parent)]
    if subprocess.run(init, capture_output=True, check=False).returncode != 0:
        raise SystemExit("studykit init failed")
    names = ", ".join(f'"{r}"' for r in REPOSITORIES)
    text = manifest.read_text().replace("repositories = []", f"repositories = [{names}]")
    manifest.write_text(text.replace("[github]\n", f'[github]\napi = "{api}"\n', 1))
    return manifest


def main() -> None:
    perceval_bin = perceval_program()
    corpus = gen.make_corpus(REPOSITORIES, issues=600, pulls=120, comments=3000, seed=2024)
    work = Path(tempfile.mkdtemp(prefix="bench-mining-"))
    rest_study, graphql_study = (
        new_study(work, "rest", "rest"),
        new_study(work, "graphql", "graphql"),
    )
    env = {**os.environ, "GITHUB_TOKEN": TOKEN, "HOME": str(work)}
    runs = []
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        env["GITHUB_API_URL"] = standin.url
        rest = [[str(BIN / "studykit"), "mine", "--study", str(rest_study)]]
        graphql = [[str(BIN / "studykit"), "mine", "--study", str(graphql_study)]]
        options = ["--category", "issue", "--enterprise-url", standin.url, "-t", TOKEN]
        options += ["--no-archive", "-o", os.devnull]
        perceval = [[perceval_bin, "github", *repo.split("/"), *options] for repo in REPOSITORIES]
        latest = max(i["updated_at"] for r in corpus.repos.values() for i in r.issues.values())
        after = (datetime.fromisoformat(latest) + timedelta(seconds=1)).isoformat()
        perceval_again = [[*command, "--from-date", after] for command in perceval]
        help_only = [[str(BIN / "studykit"), "--help"]]
        startup = measure(standin, "studykit", "start-up only", help_only, env)
        runs.append(measure(standin, "studykit REST", "first mine", rest, env))
        runs.append(measure(standin, "studykit REST", "re-run, nothing new", rest, env))
        runs.append(measure(standin, "studykit REST", "re-run again, nothing new", rest, env))
        runs.append(measure(standin, "studykit GraphQL", "first mine", graphql, env))
        runs.append(measure(standin, "studykit GraphQL", "re-run, nothing new", graphql, env))
        runs.append(measure(standin, "Perceval", "first fetch", perceval, env))
        runs.append(measure(standin, "Perceval", "re-run from last date", perceval_again, env))
    rest_db, graphql_db = Study.open(rest_study), Study.open(graphql_study)
    assert_matches_truth(rest_db.db, corpus)
    assert_graphql_truth(graphql_db.db, corpus)
    assert_same_rows(graphql_db.db, rest_db.db)
    state = rest_db.db.read("mining_state")
    timelines = state[state["resource"].str.startswith("timeline/")]
    candidates = Counter(timelines["repository"])
    rest_db.close()
    graphql_db.close()
    report = render(runs, startup.seconds, corpus, candidates)
    print(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


def floors(corpus: gen.Corpus, candidates: Counter[str]) -> tuple[int, int]:
    """The fewest requests at 100 a page: REST's repository-level listings (repository,
    issues with pull requests, comments, events, pulls) and GraphQL's pages (issues, pull
    requests, further pages of comments and closing events past 100 on one item, and the
    cross-reference batches of the issues REST asks the timeline of)."""
    rest = graphql = 0
    for repo in corpus.repos.values():
        pages = [len(repo.issues), len(repo.comments), len(repo.events), len(repo.pulls)]
        rest += 1 + sum(math.ceil(n / 100) for n in pages)
        issues = len(repo.issues) - len(repo.pulls)
        graphql += math.ceil(issues / 100) + math.ceil(len(repo.pulls) / 100)
        per_item = Counter(int(c["issue_url"].rsplit("/", 1)[1]) for c in repo.comments.values())
        graphql += sum(math.ceil(n / 100) - 1 for n in per_item.values() if n > 100)
        closing = Counter(
            e["issue"]["number"] for e in repo.events.values() if e["event"] in ("closed", "merged")
        )
        graphql += sum(math.ceil(n / 100) - 1 for n in closing.values() if n > 100)
        graphql += math.ceil(candidates[repo.name] / 100)
    return rest, graphql


def render(runs: list[Run], startup: float, corpus: gen.Corpus, candidates: Counter[str]) -> str:
    first = {r.tool: r for r in runs if r.what.startswith("first")}
    rest, graphql, perceval = first["studykit REST"], first["studykit GraphQL"], first["Perceval"]
    rest_floor, graphql_floor = floors(corpus, candidates)
    timelines = rest.kinds["issues/{n}/timeline"]
    issues = sum(len(r.issues) - len(r.pulls) for r in corpus.repos.values())
    pulls = sum(len(r.pulls) for r in corpus.repos.values())
    comments = sum(len(r.comments) for r in corpus.repos.values())
    events = sum(len(r.events) for r in corpus.repos.values())
    lines = [
        "# Mining benchmark: studykit (REST and GraphQL) against Perceval",
        "",
        f"Corpus (GitHub stand-in on 127.0.0.1, tests/support/standin.py): {len(corpus.repos)} "
        f"repositories, {issues} issues, {pulls} pull requests, {comments} comments, "
        f"{events} issue events; 15% of issues and 8% of comments have reactions. Every tool "
        "gets 100 items per page and one token with an unlimited rate. The studykit studies "
        "are the one `studykit init` writes (its [filter] decides which closed issues may need "
        "a timeline), with `[github] api` set to `rest` or `graphql`; Perceval's re-run starts "
        "a second after the newest item. Both studykit paths stored the same rows (checked: "
        "tests/support/differential.py).",
        "",
        "| tool | run | HTTP requests | of which 304 | GraphQL points | seconds "
        "| requests per repository |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in runs:
        lines.append(
            f"| {r.tool} | {r.what} | {r.requests} | {r.not_modified} | {r.points} "
            f"| {r.seconds:.1f} | {r.requests / len(corpus.repos):.1f} |"
        )
    lines += [
        "",
        "Fewest requests at 100 items a page (computed from the corpus, not measured):",
        "",
        f"- REST repository-level listings (repository, issues, comments, events, pulls): "
        f"{rest_floor}; studykit's REST path sent {rest.requests}, of which {timelines} are "
        "issue timelines (closed issues in scope that nothing else links to a fix).",
        f"- GraphQL pages (issues, pull requests, further pages past 100 comments or closing "
        f"events on one item, and cross-references of the {candidates.total()} issues the REST "
        f"path needs timelines of, 100 a query per repository): {graphql_floor}; "
        "studykit's GraphQL path sent "
        f"{graphql.requests} ({graphql.requests / graphql_floor:.2f} x the floor) for "
        f"{graphql.points} points.",
        f"- GraphQL against REST: {graphql.requests / rest.requests:.3f} of the REST path's "
        f"requests ({rest.requests / graphql.requests:.1f} times fewer); Perceval sends "
        f"{perceval.requests / rest.requests:.1f} times the REST path's and "
        f"{perceval.requests / graphql.requests:.0f} times the GraphQL path's.",
        f"- studykit's seconds include {startup:.1f} s of command start-up; the stand-in "
        "executes GraphQL with graphql-core on GitHub's full schema, slower per request than "
        "GitHub.",
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
        "the timelines it needs for fix links (the GraphQL path: closing and merge events "
        "only, see README); Perceval's `issue` category stores issues and pull requests as "
        "issues, with comments, reactions and user profiles.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
