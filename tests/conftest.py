"""Shared fixtures: one real PostgreSQL server per test session, scratch databases on it.

The server is `SCHEMAPARITY_SERVER_URL` when set (a role that may CREATE DATABASE),
otherwise a throwaway embedded PostgreSQL in a temporary directory, so the suite
never touches the developer's own database. Nothing here imports the application:
the engine's tests run without it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemaparity.cache import CACHE_DIR_ENV
from schemaparity.pg.connect import admin_connection, create_database, drop_database
from schemaparity.pg.embedded import EmbeddedServer
from schemaparity.pg.psql import run_sql_file
from schemaparity.pg.servers import configured_server
from schemaparity.pg.urls import with_database
from tests.helpers import INIT_SQL, SUMMARY


def pytest_terminal_summary(terminalreporter) -> None:
    """The summaries tests recorded (a worker's own output never reaches the terminal), in test order."""
    reports = [report for key in ("passed", "failed") for report in terminalreporter.stats.get(key, ())]
    summaries = sorted(
        (report.nodeid, value)
        for report in reports
        if report.when == "call"
        for name, value in report.user_properties
        if name == SUMMARY
    )
    if summaries:
        terminalreporter.section("summaries")
        for _, value in summaries:
            terminalreporter.write_line(value)


@pytest.fixture(scope="session", autouse=True)
def snapshot_cache(tmp_path_factory) -> Iterator[Path]:
    """The suite's own snapshot cache (never the developer's): a source no test changed is built once,
    by whichever worker needs it first (entries are written whole, so the workers share one folder)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / "snapshot-cache"
    folder.mkdir(exist_ok=True)
    saved = os.environ.get(CACHE_DIR_ENV)
    os.environ[CACHE_DIR_ENV] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop(CACHE_DIR_ENV, None)
    else:
        os.environ[CACHE_DIR_ENV] = saved


MEMORY = Path("/dev/shm")
MEMORY_PREFIX = "opentr-test-pg-"


def _server_folder(tmp_path_factory) -> Path:
    """In memory when the machine has a tmpfs with room: the suite creates and drops about a thousand
    databases, and on a disk each costs tens of milliseconds of file system work (more with discard)."""
    if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) and shutil.disk_usage(MEMORY).free > 2 * 2**30:
        _reap_killed_runs()
        folder = Path(tempfile.mkdtemp(prefix=MEMORY_PREFIX, dir=MEMORY))
        folder.chmod(0o755)  # the server may run as another user (under root), and must reach its folder
        (folder / "owner.pid").write_text(str(os.getpid()))
        return folder
    return tmp_path_factory.mktemp("embedded-pg")


def _reap_killed_runs() -> None:
    """Stop the servers of test runs that were killed, and give their memory back."""
    for folder in MEMORY.glob(f"{MEMORY_PREFIX}*"):
        try:
            os.kill(int((folder / "owner.pid").read_text()), 0)
            continue  # its run goes on
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue  # not ours to judge
        EmbeddedServer(folder).stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory) -> Iterator[str]:
    configured = configured_server()
    if configured:
        yield configured
        return
    folder = _server_folder(tmp_path_factory)
    server = EmbeddedServer(folder, durable=False)  # every database on it is throwaway
    try:
        server.ensure_running()
        yield server.url()
    finally:
        server.stop()
        if not folder.is_relative_to(tmp_path_factory.getbasetemp()):
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def schemaparity_server_url(server_url) -> str:
    """The engine's pytest plugin builds on the session's server too."""
    return server_url


class Databases:
    """Creates uniquely named scratch databases and drops them all at the end."""

    def __init__(self, server_url: str):
        self.server_url = server_url
        self.created: list[str] = []

    def create(self, prefix: str = "t", template: str | None = None) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with admin_connection(self.server_url) as admin:
            create_database(admin, name, template=template)
        self.created.append(name)
        return with_database(self.server_url, name)

    def drop_all(self) -> None:
        """Drop every database made here, and the side copies a command may have left beside them."""
        with admin_connection(self.server_url) as admin, admin.cursor() as cursor:
            for name in reversed(self.created):
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname = %s OR starts_with(datname, %s)",
                    (name, f"{name}__"),
                )
                for (found,) in cursor.fetchall():
                    drop_database(admin, found)
        self.created.clear()


@pytest.fixture(scope="session")
def session_databases(server_url) -> Iterator[Databases]:
    databases = Databases(server_url)
    yield databases
    databases.drop_all()


@pytest.fixture
def databases(server_url) -> Iterator[Databases]:
    databases = Databases(server_url)
    yield databases
    databases.drop_all()


@pytest.fixture(scope="session")
def sql_template(session_databases) -> str:
    """A database built once from init_db.sql; tests get copies of it."""
    url = session_databases.create("tpl_sql")
    run_sql_file(url, INIT_SQL)
    return url.rsplit("/", 1)[1]


@pytest.fixture
def sql_db(databases, sql_template) -> str:
    """A fresh database holding the schema of init_db.sql (a copy of the template)."""
    return databases.create("sql", template=sql_template)
