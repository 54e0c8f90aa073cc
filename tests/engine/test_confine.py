"""Confinement: in a build, every connection goes to the scratch database or is refused; outside, nothing changes."""

from __future__ import annotations

import logging
import logging.config
import socket
import sys
import threading

import psycopg2
import pytest
from sqlalchemy import create_engine, engine_from_config, pool, text

from schemaparity.confine import ConfinementError, confined
from schemaparity.pg.urls import database_name, parse_url
from tests.helpers import query


@pytest.fixture
def scratch(databases) -> str:
    return databases.create("scratch")


@pytest.fixture
def elsewhere_db(databases) -> str:
    """A real database the build must never reach."""
    url = databases.create("elsewhere")
    query(url, "CREATE TABLE marker (id int)")
    return url


def current_database(conn) -> str:
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        return cursor.fetchone()[0]


def test_a_direct_psycopg2_connection_goes_to_the_scratch_database(scratch, elsewhere_db):
    """host/dbname of another database (here a real one) are replaced, and the redirection is noted."""
    target = parse_url(elsewhere_db)
    with confined(scratch) as confinement:
        conn = psycopg2.connect(host=target.host, port=target.port, user=target.username, dbname=target.database)
        try:
            assert current_database(conn) == database_name(scratch)
        finally:
            conn.close()
    where = f"{target.username}@{target.host}:{target.port}/{target.database}"
    assert confinement.redirected == [f"a connection to {where} was redirected to the scratch database"]


def test_a_dsn_naming_a_host_that_does_not_resolve_is_redirected(scratch):
    with confined(scratch):
        conn = psycopg2.connect("host=db.invalid dbname=production user=app connect_timeout=1")
        try:
            assert current_database(conn) == database_name(scratch)
        finally:
            conn.close()


def test_an_engine_made_before_the_build_connects_to_the_scratch_database(scratch, elsewhere_db):
    """A project module may have created its engine at import: its connections are redirected too."""
    engine = create_engine(elsewhere_db, poolclass=pool.NullPool)
    try:
        with confined(scratch), engine.connect() as connection:
            assert connection.scalar(text("SELECT current_database()")) == database_name(scratch)
        with engine.connect() as connection:  # outside the build, the engine is the project's again
            assert connection.scalar(text("SELECT current_database()")) == database_name(elsewhere_db)
    finally:
        engine.dispose()


def test_engine_from_config_with_a_driver_that_is_not_installed_still_builds(scratch, monkeypatch):
    """SQLAlchemy 2.1 reads postgresql:// as psycopg 3; where it is not installed (hidden here: a project may
    install only psycopg2), the build uses psycopg2 and says so."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now fails as if it were absent
    with confined(scratch) as confinement:
        engine = engine_from_config({"sqlalchemy.url": "postgresql://app:pw@db.invalid/app"}, poolclass=pool.NullPool)
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT current_database()")) == database_name(scratch)
        engine.dispose()
    assert any("not installed here: that engine used psycopg2" in note for note in confinement.redirected)


def test_other_threads_are_not_confined(scratch, elsewhere_db):
    """While one thread builds, another thread's connection goes where it says."""
    seen: list[str] = []
    entered, done = threading.Event(), threading.Event()

    def build() -> None:
        with confined(scratch):
            entered.set()
            done.wait(timeout=60)

    builder = threading.Thread(target=build)
    builder.start()
    try:
        assert entered.wait(timeout=60)
        conn = psycopg2.connect(**{"host": parse_url(elsewhere_db).host, "port": parse_url(elsewhere_db).port,
                                   "user": "postgres", "dbname": database_name(elsewhere_db)})  # fmt: skip
        seen.append(current_database(conn))
        conn.close()
    finally:
        done.set()
        builder.join()
    assert seen == [database_name(elsewhere_db)]


def test_a_python_socket_to_another_address_is_refused(scratch):
    """A pure-Python driver or an HTTP call cannot leave the build: the connection is refused."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        with (
            confined(scratch) as confinement,
            pytest.raises(ConfinementError, match="refused a connection to 127.0.0.1"),
        ):
            socket.create_connection(listener.getsockname(), timeout=5)
        assert confinement.refused == [f"127.0.0.1:{listener.getsockname()[1]}"]
        socket.create_connection(listener.getsockname(), timeout=5).close()  # outside, it connects
    finally:
        listener.close()


def test_no_database_at_all_refuses_every_connection():
    """The checks that need no database (the Pydantic schemas) run confined to none."""
    with confined(None) as confinement, pytest.raises(ConfinementError):
        psycopg2.connect(host="127.0.0.1", dbname="anything")
    assert confinement.refused


def test_logging_configuration_and_output_stay_in_the_build_log(scratch, capsys):
    """basicConfig is ignored; log records and prints go to the build's log, not the report (warnings: see
    test_foreign_projects, where no test runner records them first)."""
    logger = logging.getLogger("alembic.runtime.migration")
    with confined(scratch) as confinement:
        logging.basicConfig(level=logging.DEBUG, stream=sys.stdout)
        logger.info("Running upgrade a -> b, the revision at work")
        print("a project print")
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err == ""
    assert "INFO [alembic.runtime.migration] Running upgrade a -> b, the revision at work" in confinement.log
    assert "a project print" in confinement.log
    assert not logging.getLogger().handlers or all(h.level != logging.DEBUG for h in logging.getLogger().handlers)
