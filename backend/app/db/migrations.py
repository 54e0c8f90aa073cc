"""Bring the database schema to the newest revision when the application starts."""

from __future__ import annotations

from pathlib import Path

ALEMBIC_INI = Path(__file__).resolve().parents[3] / "alembic.ini"


def run_migrations(url: str | None = None) -> None:
    """`alembic upgrade head` on `url` (default: `DATABASE_URL`), under the migration lock.

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
    from alembic.config import Config
    from sqlalchemy import create_engine, pool

    from alembic import command

    config = Config(str(ALEMBIC_INI))
    config.attributes["configure_logging"] = False
    if url is None:
        command.upgrade(config, "head")
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
    finally:
        engine.dispose()
