"""Shared fixtures: paths of the example study, and databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

POSTGRES_ENV = "STUDYKIT_TEST_POSTGRES_URL"


@pytest.fixture(scope="session", autouse=True)
def _fixed_clock() -> Iterator[None]:
    """Stored timestamps come from SOURCE_DATE_EPOCH so that runs compare equal."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    yield
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL of a new SQLite file."""
    return f"sqlite:///{tmp_path / 'study.sqlite'}"


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    reason = f"no PostgreSQL server: set {POSTGRES_ENV}=postgresql://user:pw@host/db to run"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests: {reason} (.ci/run sets it)")
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL of a new, empty PostgreSQL database, dropped after the test."""
    admin = make_url(_postgres_admin_url()).set(drivername="postgresql+psycopg")
    name = f"studykit_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL at {admin.render_as_string()} is not usable: {exc}")
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(engine, name)
        engine.dispose()


def _drop_database(engine: Engine, name: str, attempts: int = 20) -> None:
    """Drop a test database; an autovacuum worker still in it (which a role without
    pg_signal_backend cannot end) finishes within moments, so a refusal is retried."""
    for attempt in range(attempts):
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except (OperationalError, ProgrammingError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.25)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A new empty database on each backend in turn."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")
