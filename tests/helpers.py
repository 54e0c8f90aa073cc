"""Helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from sqlalchemy import create_engine

from app.ops.target import PROJECT_ROOT

INIT_SQL = PROJECT_ROOT / "database" / "init_db.sql"
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


def alembic_config(connection=None):
    """An Alembic config for this project, optionally on a handed-in connection."""
    from alembic.config import Config

    config = Config(str(ALEMBIC_INI))
    config.attributes["configure_logging"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(url: str, revision: str, *, down: bool = False) -> None:
    """`alembic upgrade|downgrade revision` on `url` through a handed-in connection."""
    from alembic import command

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            config = alembic_config(connection)
            (command.downgrade if down else command.upgrade)(config, revision)
            connection.commit()
    finally:
        engine.dispose()
