"""The application engine under load and after lost connections: pool limits, timeouts, pre-ping."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import get_settings
from app.db.session_utils import session_scope
from app.db.sessions import make_engine
from schemaparity.pg.connect import connect

POOL_SIZE, MAX_OVERFLOW, POOL_TIMEOUT = 2, 1, 1


def _engine_with(url: str, **settings: str) -> Engine:
    """`make_engine(url)` built under the given settings (environment variables), restored afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in settings.items():
            patch.setenv(name, value)
        get_settings.cache_clear()
        try:
            return make_engine(url)
        finally:
            get_settings.cache_clear()  # the next reader sees the restored environment


@pytest.fixture
def small_pool(sql_db) -> Iterator[Engine]:
    engine = _engine_with(
        sql_db, DB_POOL_SIZE=str(POOL_SIZE), DB_MAX_OVERFLOW=str(MAX_OVERFLOW), DB_POOL_TIMEOUT=str(POOL_TIMEOUT)
    )
    yield engine
    engine.dispose()


@pytest.fixture
def pre_ping_engine(sql_db) -> Iterator[Engine]:
    engine = _engine_with(sql_db, DB_POOL_PRE_PING="true")
    yield engine
    engine.dispose()


def _backend_pid(session: Session) -> int:
    return session.scalar(text("SELECT pg_backend_pid()"))


def _terminate(url: str, pids: list[int]) -> None:
    """End the given backends from a separate admin connection and wait until they are gone."""
    admin = connect(url)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (pids,))
            assert cursor.fetchall() == [(True,)] * len(pids)
            deadline = time.monotonic() + 5
            while True:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s::int[])", (pids,))
                if cursor.fetchone() == (0,):
                    return
                if time.monotonic() > deadline:
                    pytest.fail(f"backends {pids} still alive 5s after pg_terminate_backend")
                time.sleep(0.05)
    finally:
        admin.close()


def _hold_pooled_connections(factory, count: int) -> list[int]:
    """Check out `count` connections at once (so the pool keeps that many), return their backend pids."""
    sessions = [factory() for _ in range(count)]
    try:
        return [_backend_pid(session) for session in sessions]
    finally:
        for session in sessions:
            session.close()


def test_an_exhausted_pool_fails_within_the_pool_timeout_and_recovers(small_pool):
    """With pool_size + max_overflow sessions in a transaction, one more times out after DB_POOL_TIMEOUT."""
    factory = sessionmaker(bind=small_pool)
    held = [factory() for _ in range(POOL_SIZE + MAX_OVERFLOW)]
    try:
        for session in held:
            session.execute(text("SELECT 1"))  # each holds a connection in an open transaction
        assert small_pool.pool.checkedout() == POOL_SIZE + MAX_OVERFLOW
        started = time.monotonic()
        with pytest.raises(exc.TimeoutError):
            with session_scope(factory) as extra:
                extra.execute(text("SELECT 1"))
        elapsed = time.monotonic() - started
    finally:
        for session in held:
            session.close()
    assert POOL_TIMEOUT * 0.9 <= elapsed < 5
    assert small_pool.pool.checkedout() == 0
    with session_scope(factory) as session:
        assert session.scalar(text("SELECT 1")) == 1


def test_sessions_survive_terminated_pool_connections_through_pre_ping(pre_ping_engine, sql_db):
    """After pg_terminate_backend of every pooled connection, the next session_scope() works on fresh ones."""
    factory = sessionmaker(bind=pre_ping_engine)
    killed = _hold_pooled_connections(factory, 2)
    assert pre_ping_engine.pool.checkedin() == 2
    _terminate(sql_db, killed)
    with session_scope(factory) as first, session_scope(factory) as second:
        pids = [_backend_pid(first), _backend_pid(second)]
    assert not set(pids) & set(killed)
    assert pre_ping_engine.pool.checkedout() == 0


def test_without_pre_ping_a_terminated_pool_connection_fails_the_next_session(sql_db):
    """The control: with DB_POOL_PRE_PING=false the same termination reaches the caller as an error."""
    engine = _engine_with(sql_db, DB_POOL_PRE_PING="false")
    try:
        factory = sessionmaker(bind=engine)
        _terminate(sql_db, _hold_pooled_connections(factory, 1))
        with pytest.raises(exc.OperationalError):
            with session_scope(factory) as session:
                session.execute(text("SELECT 1"))
        assert engine.pool.checkedout() == 0
    finally:
        engine.dispose()
