"""The job queue in the study's PostgreSQL database: procrastinate's schema, jobs and status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from studykit.db import Database
from studykit.db.urls import safe_url
from studykit.errors import DatabaseError, InputError

if TYPE_CHECKING:
    import procrastinate

TASK = "studykit.mine_repository"
QUEUE = "studykit-mining"
_SCHEMA_LOCK = 7_100_001
_STALLED_LOCK = 7_100_002
STATUSES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborted")


def require_postgres(db: Database, what: str) -> None:
    """Refuse a database that is not PostgreSQL: the queue lives in PostgreSQL alone."""
    if db.engine.dialect.name != "postgresql":
        raise InputError(
            f"{what} needs a PostgreSQL study database (this study uses "
            f"{db.engine.dialect.name}): give --db postgresql://USER@HOST/DB or set "
            "[study] database"
        )


def conninfo(url: URL) -> str:
    """The libpq connection string of a study database URL (for procrastinate's connector)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_schema(db: Database) -> bool:
    """Create procrastinate's tables in the study database unless there; True if created.

    Concurrent callers (several workers starting at once) are serialised by an advisory lock,
    so the schema is applied once.
    """
    from procrastinate.schema import SchemaManager

    try:
        with db.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar():
                return False
            conn.connection.cursor().execute(SchemaManager.get_schema())
            return True
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise DatabaseError(
            f"cannot create the job queue's tables in {safe_url(db.url)}: {reason}"
        ) from None


@contextmanager
def opened_app(db: Database) -> Iterator[procrastinate.App]:
    """A procrastinate app on the study database, opened for deferring and listing jobs."""
    import procrastinate

    app = procrastinate.App(connector=procrastinate.SyncPsycopgConnector(conninfo=conninfo(db.url)))
    try:
        app.open()
    except procrastinate.exceptions.ConnectorException as exc:
        raise DatabaseError(f"cannot reach the job queue in {safe_url(db.url)}: {exc}") from None
    try:
        yield app
    finally:
        app.close()


@dataclass(frozen=True)
class MiningJob:
    """What a worker needs to mine one repository as the study that queued it says."""

    repository: str
    api: str
    api_url: str
    review_comments: bool
    scope: dict[str, Any]
    part: str = ""
    """Empty for the whole repository; a range's or timeline chunk's checkpoint key
    (`issues@2`, `timeline@3`); `follow-up`."""

    def arguments(self) -> dict[str, Any]:
        """The job's JSON arguments."""
        return {
            "repository": self.repository,
            "api": self.api,
            "api_url": self.api_url,
            "review_comments": self.review_comments,
            "scope": self.scope,
            "part": self.part,
        }

    @property
    def label(self) -> str:
        """The repository, and the range or follow-up the job mines of it."""
        return f"{self.repository} {self.part}" if self.part else self.repository

    @property
    def lock(self) -> str:
        """procrastinate's lock: one job at a time per range or chunk, and per repository
        otherwise."""
        return self.label if "@" in self.part else self.repository


@dataclass
class Enqueued:
    """What `enqueue` did: job ids per repository, and repositories already waiting."""

    queued: dict[str, int] = field(default_factory=dict)
    """Job ids by job label (MiningJob.label)."""
    waiting: list[str] = field(default_factory=list)


def enqueue(db: Database, jobs: Sequence[MiningJob]) -> Enqueued:
    """Queue the jobs; a job whose repository (or range) has one still waiting is not queued
    again.

    Jobs of one repository never run at the same time (procrastinate's `lock`), so a
    repository queued while a worker mines it is mined again after, incrementally; the range
    jobs of a repository (studykit.workers.ranges) lock their range alone, and run at once.
    """
    import procrastinate

    require_postgres(db, "studykit mine --enqueue")
    ensure_schema(db)
    result = Enqueued()
    with opened_app(db) as app:
        for job in jobs:
            deferrer = app.configure_task(TASK, queue=QUEUE, lock=job.lock, queueing_lock=job.lock)
            try:
                result.queued[job.label] = deferrer.defer(**job.arguments())
            except procrastinate.exceptions.AlreadyEnqueued:
                result.waiting.append(job.label)
    return result


@dataclass(frozen=True)
class JobRow:
    """One mining job as `--status` shows it."""

    id: int
    repository: str
    status: str
    attempts: int
    part: str = ""

    @property
    def label(self) -> str:
        """The repository, and the range or follow-up the job mines of it."""
        return f"{self.repository} {self.part}" if self.part else self.repository

    @property
    def retries(self) -> int:
        """Times the job was put back after its worker died (procrastinate counts each end)."""
        return self.attempts - (self.status in ("succeeded", "failed", "aborted"))


def jobs(db: Database) -> list[JobRow]:
    """Every mining job in the queue, oldest first (none if the queue was never created)."""
    require_postgres(db, "studykit mine --status")
    with db.engine.begin() as conn:
        if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
            return []
        found = conn.execute(
            text(
                "SELECT id, args ->> 'repository', status::text, attempts, "
                "coalesce(args ->> 'part', '') "
                "FROM procrastinate_jobs WHERE task_name = :task ORDER BY id"
            ),
            {"task": TASK},
        ).all()
    return [JobRow(int(i), str(r), str(s), int(a), str(p)) for i, r, s, a, p in found]


def counts(rows: Sequence[JobRow]) -> Counter[str]:
    """Jobs per status."""
    return Counter(row.status for row in rows)


def unfinished(db: Database) -> int:
    """Mining jobs waiting or running."""
    with db.engine.begin() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM procrastinate_jobs "
                    "WHERE task_name = :task AND status IN ('todo', 'doing')"
                ),
                {"task": TASK},
            ).scalar_one()
        )


def retry_stalled(db: Database, seconds: float) -> list[int]:
    """Put back in the queue the running jobs of workers silent for `seconds` (killed, cut off).

    procrastinate's `get_stalled_jobs` and `retry_job`, as one statement under an advisory
    lock: a job another worker has meanwhile taken up again is not stalled any more, and is
    left alone.
    """
    with db.engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _STALLED_LOCK})
        stalled = conn.execute(
            text(
                "SELECT job.id FROM procrastinate_jobs job "
                "LEFT JOIN procrastinate_workers worker ON worker.id = job.worker_id "
                "WHERE job.status = 'doing' AND job.task_name = :task AND (worker.id IS NULL "
                "OR worker.last_heartbeat < NOW() - make_interval(secs => :seconds))"
            ),
            {"task": TASK, "seconds": seconds},
        ).scalars()
        ids = [int(i) for i in stalled]
        for job_id in ids:
            conn.execute(
                text("SELECT procrastinate_retry_job_v2(:id, NOW(), NULL, NULL, NULL)"),
                {"id": job_id},
            )
    return ids
