"""Bring the database schema to the newest revision when the application starts."""

from __future__ import annotations

import io
import sys
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


def alembic_config(
    connection=None, *, alembic_ini: Path = ALEMBIC_INI, configure_logging: bool = False, quiet: bool = False
):
    """An Alembic configuration (this project's by default); a connection, when given, goes to env.py.

    `configure_logging` lets alembic.ini's logging show progress; `quiet` swallows what
    Alembic prints to stdout (its `--sql` output goes to `config.output_buffer` anyway).
    """
    from alembic.config import Config

    config = Config(str(alembic_ini), stdout=io.StringIO() if quiet else sys.stdout)
    config.attributes["configure_logging"] = configure_logging
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory(alembic_ini: Path = ALEMBIC_INI):
    """The revisions of `alembic_ini` (this project's by default)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(alembic_ini=alembic_ini))


def run_alembic(
    command_name: str,
    revision: str,
    url: str | None = None,
    *,
    alembic_ini: Path = ALEMBIC_INI,
    configure_logging: bool = False,
) -> None:
    """`alembic <command_name> <revision>` (upgrade, downgrade, stamp) on `url`, or the settings' target.

    With a URL the command runs on a connection handed to env.py, which takes the
    migration lock; `configure_logging` lets alembic.ini's logging show its progress.
    """
    from alembic import command

    run = getattr(command, command_name)
    if url is None:
        run(alembic_config(alembic_ini=alembic_ini, configure_logging=configure_logging), revision)
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            run(alembic_config(connection, alembic_ini=alembic_ini, configure_logging=configure_logging), revision)
            connection.commit()
    finally:
        engine.dispose()
