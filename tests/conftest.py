"""Shared fixtures: one real PostgreSQL server per test session, scratch databases on it.

The server is `SCHEMAPARITY_SERVER_URL` when set (a role that may CREATE DATABASE),
otherwise a throwaway embedded PostgreSQL in a temporary directory, so the suite
never touches the developer's own database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from schemaparity.embedded import EmbeddedServer
from schemaparity.pgclient import admin_connection, create_database, drop_database, with_database, with_psycopg2
from schemaparity.sqlfile import run_sql_file
from tests.helpers import INIT_SQL


@pytest.fixture(scope="session")
def server_url(tmp_path_factory) -> Iterator[str]:
    configured = os.environ.get("SCHEMAPARITY_SERVER_URL")
    if configured:
        yield with_psycopg2(configured)
        return
    server = EmbeddedServer(tmp_path_factory.mktemp("embedded-pg"))
    server.ensure_running()
    try:
        yield server.url()
    finally:
        server.stop()


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
        with admin_connection(self.server_url) as admin:
            for name in reversed(self.created):
                drop_database(admin, name)
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


@pytest.fixture
def engine(sql_db) -> Iterator[Engine]:
    engine = create_engine(sql_db)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine) -> Callable[[], Session]:
    return sessionmaker(bind=engine, autoflush=False)


@pytest.fixture
def db(session_factory) -> Iterator[Session]:
    session = session_factory()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def target_url(databases, monkeypatch) -> str:
    """An empty scratch database, made the commands' target through DATABASE_URL."""
    url = databases.create("reset")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("APP_ENV", "development")
    return url
