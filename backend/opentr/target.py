"""Where the operator commands work: the project's folder, its local state, the target database.

`DATABASE_URL` (environment or `.env`) wins; without it, the development database
lives in the embedded server under `data/`, started on demand.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from schemaparity.pg.embedded import EmbeddedServer

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = PROJECT_ROOT / "pyproject.toml"
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
INIT_SQL = PROJECT_ROOT / "database" / "init_db.sql"
DEMO_SQL = PROJECT_ROOT / "database" / "demo_data.sql"
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


def scratch_server() -> EmbeddedServer:
    """The server of the parity check's and the revision's scratch databases, beside the development one.

    It holds nothing anyone keeps, so it runs without durability and, where there is
    room, in memory (/dev/shm): there three scratch databases are created side by side
    in about 15 ms, where the durable development server on this disk takes 0.3 s for
    each. Its folder is named after this user and this project's data folder, so every
    command finds it: once made, it is kept whatever room is left (a second server would
    start elsewhere, and `db stop` would not find the first); one that another user made
    is never used."""
    tag = hashlib.sha256(str(data_dir()).encode()).hexdigest()[:12]
    folder = MEMORY / f"opentr-scratch-{os.getuid()}-{tag}"
    ours = folder.is_dir() and folder.stat().st_uid == os.getuid()
    if ours or (not folder.exists() and _roomy(MEMORY)):
        return EmbeddedServer(folder, durable=False)
    return EmbeddedServer(data_dir() / "scratch", durable=False)


MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 512 * 1024 * 1024  # a cluster, its WAL and a few scratch databases, with room to spare


def _roomy(folder: Path) -> bool:
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return os.access(folder, os.W_OK) and found.f_bavail * found.f_frsize >= MEMORY_NEEDED


def resolve_database_url(configured: str | None, *, say: Callable[[str], None] | None = None) -> str:
    """The target URL: `configured` (DATABASE_URL) or the embedded development database, started on demand.

    `say` hears about a server start (the commands print it).
    """
    if configured:
        return configured
    server = dev_server()
    if server.ensure_running() and say:
        say(f"started embedded PostgreSQL on 127.0.0.1:{server.port} ({shown_path(server.pgdata)})")
    return server.url(DEV_DATABASE)
