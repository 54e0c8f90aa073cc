"""The advisory lock that lets only one process at a time migrate a database.

N replicas may run `alembic upgrade head` at once. Each takes this session-level
PostgreSQL advisory lock before Alembic reads `alembic_version`, so the first applies
the revisions and the others, once they get the lock, read the new revision and have
nothing left to do. The lock lives on a dedicated autocommit connection, separate from
the one running the migrations: the migrations' transactions (and a failed one's
rollback) never touch it, and it can always be released. It is released on every exit
path; a migrator that dies (even by SIGKILL) loses its connection, and PostgreSQL drops
a session-level lock with its session, so no lock outlives its holder.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from alembic.util import CommandError
from sqlalchemy import create_engine, pool, text
from sqlalchemy.engine import URL, Connection, Engine

log = logging.getLogger(__name__)

# A fixed key for this project's migrations: the first 8 bytes of
# sha256(b"opentranscribe:alembic-migrations") with the sign bit cleared. Advisory lock
# keys are per database, so migrations of different databases never wait for each other.
MIGRATION_LOCK_KEY = 1544619357753206317
POLL_INTERVAL = 0.2  # seconds between two pg_try_advisory_lock attempts


class MigrationLockTimeout(CommandError):
    """Another migrator held the lock for longer than the timeout.

    A `CommandError`, so the `alembic` command prints it as one `FAILED:` line.
    """


@contextmanager
def migration_lock(
    engine_or_url: Engine | URL | str, timeout: float, *, key: int = MIGRATION_LOCK_KEY
) -> Iterator[Connection]:
    """Hold the migration lock for the body; raise `MigrationLockTimeout` after `timeout` seconds.

    Yields the dedicated connection that holds the lock (the migrations must use another).
    """
    own_engine = not isinstance(engine_or_url, Engine)
    engine = create_engine(engine_or_url, poolclass=pool.NullPool) if own_engine else engine_or_url
    try:
        with engine.connect() as connection:
            # Autocommit: an open transaction here could be ended by
            # idle_in_transaction_session_timeout, and the lock with it.
            connection.execution_options(isolation_level="AUTOCOMMIT")
            _acquire(connection, key, timeout)
            try:
                yield connection
            finally:
                _release(connection, key)
    finally:
        if own_engine:
            engine.dispose()


def _acquire(connection: Connection, key: int, timeout: float) -> None:
    started = time.monotonic()
    deadline = started + timeout
    waiting = False
    while not connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}):
        holder = lock_holder(connection, key)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise MigrationLockTimeout(
                f"could not get the migration lock within {timeout:g}s: "
                f"another migrator holds it (pid {holder if holder is not None else 'unknown'})"
            )
        if not waiting:
            log.info("waiting up to %gs for the migration lock held by pid %s", timeout, holder)
            waiting = True
        time.sleep(min(POLL_INTERVAL, remaining))
    if waiting:
        log.info("got the migration lock after %.1fs", time.monotonic() - started)


def _release(connection: Connection, key: int) -> None:
    """Unlock; if that fails, discard the connection so that a pool never keeps the lock."""
    try:
        released = connection.scalar(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
    except Exception:  # the connection is broken; its session, and the lock, are gone or going
        released = False
    if not released:
        log.warning("the migration lock was not held at the end (lost connection?); discarding the connection")
        connection.invalidate()


def lock_holder(connection: Connection, key: int = MIGRATION_LOCK_KEY) -> int | None:
    """The pid of the backend holding the lock on the connection's database, if any."""
    # A bigint advisory key shows in pg_locks as classid (high 32 bits), objid (low 32 bits), objsubid 1.
    return connection.scalar(
        text(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1"
        ),
        {"high": (key >> 32) & 0xFFFFFFFF, "low": key & 0xFFFFFFFF},
    )
