"""A worker: takes mining jobs from the study's queue and mines each repository with its tokens.

Each job runs the same resumable miner as `studykit mine`: a page's rows and its checkpoint are
stored in one transaction, so a job taken up again after its worker died (SIGKILL, power cut,
lost network) goes on from the last stored page, and upserts by primary key store no row twice.
A worker's heartbeat goes to the database every few seconds; every worker puts back in the
queue the jobs of a worker silent for `stalled_after` seconds. Workers on one machine share its
archive (the queue keeps them off each other's repositories, and a repository's ranges write
sub-folders of their own); a plain `studykit mine` of that archive is refused while they run.
A range job (studykit.workers.ranges) walks its range only, and the last one of a repository
to finish queues the follow-up job, which merges the range checkpoints and runs the rest; if
more timelines are to fetch than the threshold, it queues them as chunk jobs instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mining.client import FetchPolicy, GitHubClient, Sleep
from mining.errors import FetchError, TokensRefused
from mining.miner import RepositoryMiner, RepositoryReport
from mining.run_lock import mining_run
from studykit.collect.live import fetch_policy, make_miner
from studykit.collect.sampling import issue_filter
from studykit.collect.sink import DatabaseSink
from studykit.errors import InputError
from studykit.manifest import FilterSection
from studykit.study import Study
from studykit.workers import queue, ranges
from studykit.workers.budgets import record_budgets

_BUDGET_EVERY = 1.0
"""Seconds between two writes of a job's token budgets (and one at its end)."""


class MiningJobFailed(Exception):
    """A job's repository failed permanently (the miner's message, free of tokens)."""


class WorkerUnfit(Exception):
    """This worker cannot mine (its tokens are refused or missing): its job goes back."""


@dataclass(frozen=True)
class WorkerSettings:
    """How a worker runs: its tokens (and the variable they came from), jobs at once, patience."""

    tokens: Sequence[str]
    source: str
    concurrency: int = 1
    stalled_after: float = 30.0
    until_done: bool = False
    policy: FetchPolicy | None = None


TOKEN_PREFIXES = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")
"""How GitHub's tokens begin: such a --tokens value is a token given by mistake, not a name."""


def worker_tokens(name: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    """The comma-separated tokens in the environment variable `name` (its value, never shown)."""
    if not name.replace("_", "").isalnum() or name.lower().startswith(TOKEN_PREFIXES):
        raise InputError(
            "--tokens takes the NAME of an environment variable that holds the tokens (letters, "
            "digits and _), not a token: what was given is not repeated here"
        )
    return [t.strip() for t in environ.get(name, "").split(",") if t.strip()]


def run_worker(
    study: Study,
    settings: WorkerSettings,
    *,
    on_report: Callable[[RepositoryReport], None],
    sleep: Sleep | None = None,
) -> None:
    """Take mining jobs until stopped (SIGINT, SIGTERM) or, `until_done`, none is left."""
    queue.require_postgres(study.db, "studykit worker")
    queue.ensure_schema(study.db)
    _one_line_logs()
    unfit: dict[str, str] = {}
    with mining_run(study.manifest.resolve(study.manifest.github.archive), shared=True):
        asyncio.run(_serve(study, settings, on_report, sleep, unfit))
    if unfit:
        raise InputError(
            f"{next(iter(unfit.values()))}: this worker stopped, and the job(s) of "
            f"{', '.join(unfit)} are back in the queue"
        )


class _OneLine(logging.Formatter):
    """procrastinate's warnings and errors as one line each, without a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return f"worker: {record.getMessage()}"


def _one_line_logs() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    log = logging.getLogger("procrastinate")
    log.handlers[:] = [handler]
    log.setLevel(logging.WARNING)
    log.propagate = False


async def _serve(
    study: Study,
    settings: WorkerSettings,
    on_report: Callable[[RepositoryReport], None],
    sleep: Sleep | None,
    unfit: dict[str, str],
) -> None:
    import procrastinate
    from procrastinate.worker import Worker

    connector = procrastinate.PsycopgConnector(conninfo=queue.conninfo(study.db.url))
    app = procrastinate.App(connector=connector)
    host = socket.gethostname()

    def mine_repository(**arguments: Any) -> None:
        job = queue.MiningJob(**arguments)
        try:
            report = _mine(study, job, settings, host, sleep)
        except WorkerUnfit as exc:
            unfit[job.repository] = str(exc)
            worker.stop()
            raise
        on_report(replace(report, repository=job.label))
        if report.error:
            raise MiningJobFailed(f"{job.label}: {report.error}")
        if job.part.startswith(ranges.CHUNK_PREFIX):
            ranges.after_chunk(study.db, job)
        elif "@" in job.part:
            ranges.after_range(study.db, job)

    back_in_queue = procrastinate.RetryStrategy(retry_exceptions={WorkerUnfit})
    app.task(name=queue.TASK, queue=queue.QUEUE, retry=back_in_queue)(mine_repository)
    async with app.open_async():
        worker = Worker(
            app,
            queues=[queue.QUEUE],
            name=f"{host}:{os.getpid()}",
            concurrency=settings.concurrency,
            update_heartbeat_interval=max(settings.stalled_after / 4, 0.25),
            stalled_worker_timeout=settings.stalled_after,
            fetch_job_polling_interval=min(settings.stalled_after / 4, 5.0),
        )
        watch = asyncio.create_task(_watch(study, settings, worker))
        watch.add_done_callback(lambda done: done.cancelled() or worker.stop())
        try:
            await worker.run()
        finally:
            watch.cancel()
            (outcome,) = await asyncio.gather(watch, return_exceptions=True)
        if isinstance(outcome, Exception):
            raise outcome


async def _watch(study: Study, settings: WorkerSettings, worker: Any) -> None:
    """Retry stalled jobs now and then; with `until_done`, stop the worker once none is left."""
    every = min(settings.stalled_after / 4, 1.0)
    while True:
        await asyncio.to_thread(queue.retry_stalled, study.db, settings.stalled_after)
        if settings.until_done and await asyncio.to_thread(queue.unfinished, study.db) == 0:
            worker.stop()
            return
        await asyncio.sleep(every)


def _mine(
    study: Study,
    job: queue.MiningJob,
    settings: WorkerSettings,
    host: str,
    sleep: Sleep | None,
) -> RepositoryReport:
    """Mine one job's repository with the worker's tokens, storing the tokens' budgets; raise
    WorkerUnfit if they are refused or missing, keep any other permanent failure in the report."""
    if job.api == "graphql" and not settings.tokens:
        raise WorkerUnfit(f"the GraphQL API needs a token, and {settings.source} has none")
    policy = settings.policy or fetch_policy()
    client = GitHubClient(job.api_url, settings.tokens, policy=policy, sleep=sleep)
    rest = GitHubClient(job.api_url, settings.tokens, policy=policy, sleep=sleep)
    last = [time.monotonic()]

    def note(_repository: str, _resource: str) -> None:
        if time.monotonic() - last[0] >= _BUDGET_EVERY:
            last[0] = time.monotonic()
            record_budgets(study.db, [client, rest], settings.source, host, time.time())

    miner = make_miner(
        "graphql" if job.api == "graphql" else "rest",
        client,
        DatabaseSink(study.db),
        study.manifest.resolve(study.manifest.github.archive),
        job.repository,
        rest=rest,
        scope=issue_filter(FilterSection.model_validate(job.scope)),
        on_page=note,
        review_comments=job.review_comments,
    )
    try:
        if job.part.startswith(ranges.CHUNK_PREFIX) and isinstance(miner, RepositoryMiner):
            return miner.run_timeline_chunk(job.part)
        if "@" in job.part and isinstance(miner, RepositoryMiner):
            return miner.run_range(job.part)
        ranges.merge(study.db, job.repository)
        if job.part != ranges.FOLLOW_UP or not isinstance(miner, RepositoryMiner):
            return miner.run()
        miner.run(timelines=False)
        if ranges.chunk_timelines(study.db, job, miner.pending_timelines()) is None:
            miner.run_timelines()
        return miner.report
    except TokensRefused:
        raise WorkerUnfit(
            f"GitHub refused the token(s) in {settings.source} (401 Bad credentials)"
        ) from None
    except FetchError as exc:
        miner.report.error = str(exc)
        return miner.report
    finally:
        record_budgets(study.db, [client, rest], settings.source, host, time.time())
