"""Alembic environment: one URL source (the application settings), one connection.

A caller that already holds a connection (`./opentr.sh migrate`, the test suite, the
parity check) hands it in through `config.attributes["connection"]`; otherwise the URL
is `DATABASE_URL` (environment or `.env`). Without either, `alembic` says how to get one.

Online, the migrations run under `app.db.migration_lock` (a PostgreSQL advisory lock
on a second connection to the same database, waited for up to
`MIGRATION_LOCK_TIMEOUT` seconds), taken before Alembic reads `alembic_version`: of
N processes upgrading at once, one applies each revision and the others then find
the database at head. Each revision runs in its own transaction, so a failing one
leaves the database at the previous revision. Offline (`--sql`) takes no lock.
"""

from __future__ import annotations

import logging
from logging.config import fileConfig

from alembic.util import CommandError
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import Connection

from alembic import context
from app.models import Base

config = context.config
if (
    config.config_file_name
    and config.attributes.get("configure_logging", True)
    and config.file_config.has_section("formatters")
):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
log = logging.getLogger("alembic.env")

target_metadata = Base.metadata


def _configure(connection: Connection | None = None, **kwargs) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        transaction_per_migration=True,
        compare_type=True,
        compare_server_default=True,
        **kwargs,
    )


def _light_settings():
    """The timeouts and the lock's wait, read without pydantic-settings (0.15 s to import) when nothing else
    is needed: offline, or on a connection handed in (a parity check's build, `./opentr.sh migrate`). A
    standalone `alembic upgrade` reads the application's Settings, DATABASE_URL as the application does."""
    from app.core.environment import migration_settings

    return migration_settings()


def _session_timeouts(settings) -> tuple[str, ...]:
    """lock_timeout and statement_timeout for the migration session (values validated by either reader)."""
    return (
        f"SET lock_timeout = '{settings.MIGRATION_DDL_LOCK_TIMEOUT}'",
        f"SET statement_timeout = '{settings.MIGRATION_STATEMENT_TIMEOUT}'",
    )


def run_migrations_offline() -> None:
    """Render SQL (`alembic upgrade --sql`) without a database: PostgreSQL's dialect is all it needs."""
    _configure(dialect_name="postgresql", literal_binds=True, dialect_opts={"paramstyle": "named"})
    for statement in _session_timeouts(_light_settings()):
        context.execute(statement)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection, settings) -> None:
    for statement in _session_timeouts(settings):
        connection.exec_driver_sql(statement)
    connection.commit()  # session settings only; each revision then runs in its own transaction
    try:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()  # reads alembic_version first: only ever under the lock
    finally:
        if not connection.invalidated:
            connection.rollback()
            connection.exec_driver_sql("RESET lock_timeout")
            connection.exec_driver_sql("RESET statement_timeout")
            connection.commit()


def run_migrations_online() -> None:
    from app.db.migration_lock import migration_lock

    handed_in = config.attributes.get("connection")
    if handed_in is not None:
        # The lock takes its own connection from the same engine. Hand in a connection
        # with no transaction open: a caller's own transaction would commit after the
        # lock is released, and another migrator could read the old revision meanwhile.
        settings = _light_settings()
        with migration_lock(handed_in.engine, settings.MIGRATION_LOCK_TIMEOUT):
            _run(handed_in, settings)
        return

    from app.core.config import get_settings, hide_password

    settings = get_settings()
    timeout = settings.MIGRATION_LOCK_TIMEOUT

    url = settings.DATABASE_URL
    if not url:
        raise CommandError(
            "DATABASE_URL is not set: set it (environment or .env), or run `./opentr.sh migrate`, "
            "which migrates the embedded development database"
        )
    log.info("Migrating %s", hide_password(url))
    engine = create_engine(url, poolclass=pool.NullPool, connect_args={"connect_timeout": settings.PGCONNECT_TIMEOUT})
    try:
        with migration_lock(engine, timeout), engine.connect() as connection:
            _run(connection, settings)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
