"""Which database the operator commands work on.

`DATABASE_URL` (environment or `.env`) wins; without it, the development database
lives in the embedded server under `data/`, started on demand.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from app.core.config import Settings, get_settings
from schemaparity.embedded import EmbeddedServer

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEV_DATABASE = "opentranscribe"


def data_dir() -> Path:
    """Where local state lives (`OPENTR_DATA_DIR`, default `<project>/data`)."""
    return Path(os.environ.get("OPENTR_DATA_DIR", PROJECT_ROOT / "data")).resolve()


def shown_path(path: Path) -> str:
    """A path as the commands print it: relative to the project when inside it."""
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def dev_server() -> EmbeddedServer:
    return EmbeddedServer(data_dir())


def resolve_database_url(
    *, start: bool = True, settings: Settings | None = None, say: Callable[[str], None] | None = None
) -> str:
    """The target URL; starts the embedded server when it is the target and `start` is set.

    `say` hears about a server start (the commands print it).
    """
    configured = (settings or get_settings()).DATABASE_URL
    if configured:
        return configured
    server = dev_server()
    if start:
        if server.ensure_running() and say:
            say(f"started embedded PostgreSQL on 127.0.0.1:{server.port} ({shown_path(server.pgdata)})")
    elif server.port is None:
        return f"postgresql+psycopg2://postgres@127.0.0.1/{DEV_DATABASE}"
    return server.url(DEV_DATABASE)


def database_name(url: str) -> str:
    name = make_url(url).database
    if not name:
        raise ValueError("the database URL names no database")
    return name
