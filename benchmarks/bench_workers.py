"""Mining throughput with 1, 2 and 4 `studykit worker` processes, each with its own token,
against a GitHub stand-in that limits every token to a few requests a second.

Run on demand (not part of the test suite), from the repository root, with a PostgreSQL
server whose role may create databases:

    STUDYKIT_TEST_POSTGRES_URL=postgresql://USER:PW@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/bench_workers.py

It starts the tests' GitHub stand-in on 127.0.0.1 with a generated corpus (8 repositories,
each token allowed LIMIT requests per WINDOW seconds, as GitHub allows 5,000 an hour), queues
one job per repository with `studykit mine --enqueue` in a new PostgreSQL database, starts N
workers with `--until-done` and measures the seconds from the first worker's start to the last
one's exit, checking each time that the tables hold exactly the corpus. A second table mines
one large repository with 4 workers as one job and in ranges (`--split-above 6`: ranges of
its listings, then chunks of its timelines). The tables are printed and written to
benchmarks/results/workers.md; with `--large-only`, only the second is measured again and
replaces its section there.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studykit.study import Study  # noqa: E402
from studykit.workers import queue  # noqa: E402
from tests.support import corpus as gen  # noqa: E402
from tests.support.mining import FAST, assert_matches_truth, write_study  # noqa: E402
from tests.support.standin import Behaviour, serving  # noqa: E402

REPOSITORIES = tuple(f"dl-bench/model{k}" for k in range(8))
TOKENS = tuple(f"ghp_benchWORKER{k}000000000000000000000" for k in range(4))
LIMIT, WINDOW = 10, 2
STUDYKIT = str(Path(sys.executable).with_name("studykit"))
RESULTS = ROOT / "benchmarks" / "results" / "workers.md"
LARGE_HEADING = "## One large repository in ranges"


def new_database(admin_url: str) -> tuple[str, str]:
    """A new empty PostgreSQL database: (its URL, its name)."""
    admin = make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"studykit_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False), name


def drop_database(admin_url: str, name: str) -> None:
    engine = create_engine(
        make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def measure(
    workers: int,
    corpus: gen.Corpus,
    admin_url: str,
    work: Path,
    split_above: int = 0,
) -> dict[str, float]:
    """Mine the corpus with `workers` workers (its listings cut into ranges above
    `split_above` pages); requests, seconds and the token waits, probing requests apart."""
    url, name = new_database(admin_url)
    behaviour = Behaviour(tokens=TOKENS, limit=LIMIT, window=WINDOW, max_per_page=25)
    repositories = sorted(corpus.repos)
    manifest = write_study(work / f"workers-{workers}-{split_above}", repositories)
    try:
        with serving(corpus, behaviour) as standin:
            env = {**os.environ, **FAST, "GITHUB_API_URL": standin.url, "GITHUB_TOKEN": TOKENS[0]}
            env |= {f"BENCH_TOKENS_{k}": token for k, token in enumerate(TOKENS)}
            where = ["--study", str(manifest), "--db", url]
            enqueue = [STUDYKIT, "mine", "--enqueue", "--split-above", str(split_above), *where]
            queued = subprocess.run(enqueue, env=env, capture_output=True, text=True)
            assert queued.returncode == 0, queued.stderr
            probed = re.search(r"Probed listings with (\d+) request", queued.stdout)
            standin.reset_counts()
            cpu = _children_cpu()
            started = time.monotonic()
            processes = [
                subprocess.Popen(
                    [STUDYKIT, "worker", "--tokens", f"BENCH_TOKENS_{k}", "--until-done", *where],
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for k in range(workers)
            ]
            waited = 0.0
            for process in processes:
                stdout, stderr = process.communicate(timeout=600)
                assert process.returncode == 0, stderr
                waited += sum(float(s) for s in re.findall(r"([0-9.]+) s waited", stdout))
            seconds = time.monotonic() - started
            cpu = _children_cpu() - cpu
            requests = standin.requests
        study = Study.open(manifest, db=url)
        assert_matches_truth(study.db, corpus)
        parts = [job.part for job in queue.jobs(study.db)]
        study.close()
    finally:
        drop_database(admin_url, name)
    return {
        "workers": workers,
        "probes": int(probed.group(1)) if probed else 0,
        "jobs": len(re.findall(r"dl-bench/", queued.stdout.split("Queued", 1)[1].split(".")[0])),
        "chunks": sum(part.startswith("timeline@") for part in parts),
        "requests": requests,
        "seconds": seconds,
        "cpu": cpu,
        "waited": waited,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    admin_url = os.environ.get("STUDYKIT_TEST_POSTGRES_URL")
    if not admin_url:
        sys.exit("set STUDYKIT_TEST_POSTGRES_URL to a PostgreSQL server (see the docstring)")
    if "--large-only" in sys.argv[1:]:
        kept = RESULTS.read_text(encoding="utf-8").split(LARGE_HEADING, 1)[0]
        report = kept + "\n".join(large_section(admin_url))
    else:
        report = "\n".join(workers_section(admin_url) + large_section(admin_url))
    print(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")


def workers_section(admin_url: str) -> list[str]:
    """The table of 1, 2 and 4 workers on 8 repositories, with its notes."""
    load = os.getloadavg()
    corpus = gen.make_corpus(REPOSITORIES, issues=60, pulls=10, comments=120, seed=8)
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as folder:
        runs = [measure(n, corpus, admin_url, Path(folder)) for n in (1, 2, 4)]
    floor = runs[0]["requests"] / (LIMIT / WINDOW)
    lines = [
        "# Mining workers: throughput against a per-token rate limit",
        "",
        f"Stand-in corpus: {len(REPOSITORIES)} repositories, each 60 issues, 10 pull requests, "
        f"120 comments (25 items a page); each worker has its own token, limited to {LIMIT} "
        f"requests per {WINDOW} s window. One token alone needs at least {floor:.0f} s for "
        f"the {runs[0]['requests']} requests. Seconds: first worker started to last exited "
        "(`--until-done`), start-up of the processes included. Every run's tables equal the "
        "corpus.",
        "",
        "| workers | requests | seconds | requests/s | speed-up | CPU s of the workers "
        "| s waited for a rate limit (all workers) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        rate = run["requests"] / run["seconds"]
        speedup = runs[0]["seconds"] / run["seconds"]
        lines.append(
            f"| {run['workers']} | {run['requests']} | {run['seconds']:.1f} | {rate:.1f} "
            f"| {speedup:.2f}x | {run['cpu']:.1f} | {run['waited']:.0f} |"
        )
    lines += [
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; stand-in, workers and PostgreSQL on one host, load "
        f"average {load[0]:.1f} before and {os.getloadavg()[0]:.1f} after (other programs "
        "shared the CPUs). The waits are what each worker's client slept for its token's "
        "window; the rest of the wall time is the workers' start-up, requests and writes, "
        "at the share of a CPU the load leaves them.",
        "",
    ]
    return lines


def large_section(admin_url: str) -> list[str]:
    """The table of one large repository as one job and in ranges and chunks, with its notes."""
    load = os.getloadavg()
    large = gen.make_corpus(["dl-bench/large"], issues=300, pulls=30, comments=900, seed=9)
    with tempfile.TemporaryDirectory(prefix="bench-ranges-") as folder:
        split = [measure(4, large, admin_url, Path(folder), above) for above in (0, 6)]
    lines = [
        LARGE_HEADING,
        "",
        "One repository of 300 issues, 30 pull requests and 900 comments (25 items a page), 4 "
        "workers with a token each, limits as above; `--split-above 6` cuts its issue and "
        "comment listings into ranges of about 6 pages, one job each, and one follow-up job "
        "(events, pull requests, repository) after them, which queues the timelines still to "
        "fetch as chunk jobs of at most 6 issues. Requests exclude the probing, counted apart.",
        "",
        "| --split-above | jobs queued | timeline chunk jobs | probing requests | requests "
        "| seconds | speed-up |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for above, run in zip((0, 6), split, strict=True):
        lines.append(
            f"| {above or 'off'} | {run['jobs']} | {run['chunks']} | {run['probes']} "
            f"| {run['requests']} | {run['seconds']:.1f} "
            f"| {split[0]['seconds'] / run['seconds']:.2f}x |"
        )
    lines += [
        "",
        f"Load average {load[0]:.1f} before and {os.getloadavg()[0]:.1f} after (machine as above).",
        "",
    ]
    return lines


if __name__ == "__main__":
    main()
