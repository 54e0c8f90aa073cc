"""Bring the database schema to the newest revision when the application starts."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, pool

ALEMBIC_INI = Path(__file__).resolve().parents[3] / "alembic.ini"


def run_migrations(url: str | None = None) -> None:
    """`alembic upgrade head` on `url` (default: the settings' target), under the migration lock.

    Call it at start-up (for example in a FastAPI lifespan, before serving requests) so
    that every deployment brings its database up to date without a separate step and
    never serves with an older schema than its code expects. This is safe with N
    replicas starting at once: it goes through `alembic/env.py`, which takes the
    PostgreSQL advisory lock of `app.db.migration_lock` before reading
    `alembic_version`, so one replica applies each revision while the others wait and
    then find the database at head. A replica that cannot get the lock within
    `MIGRATION_LOCK_TIMEOUT` seconds raises `MigrationLockTimeout` and should not
    start; a failing revision raises and leaves the database at the previous revision.
    """
    run_alembic("upgrade", "head", url)


def run_alembic(command_name: str, revision: str, url: str | None = None, *, configure_logging: bool = False) -> None:
    """`alembic <command_name> <revision>` (upgrade, downgrade, stamp) on `url`, or the settings' target.

    With a URL the command runs on a connection handed to env.py, which takes the
    migration lock; `configure_logging` lets alembic.ini's logging show its progress.
    """
    from alembic.config import Config

    from alembic import command

    config = Config(str(ALEMBIC_INI))
    config.attributes["configure_logging"] = configure_logging
    run = getattr(command, command_name)
    if url is None:
        run(config, revision)
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            run(config, revision)
            connection.commit()
    finally:
        engine.dispose()
