"""Plain psycopg2 connections: every one with a connect timeout, identifiers always quoted."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
from psycopg2 import sql

from schemaparity.pg.urls import connect_kwargs

MAINTENANCE_DATABASE = "postgres"
SESSIONS_GONE_WAIT_S = 0.2  # twice the sleep it spares: a session still there then is a live one
_CLIENT_SESSIONS = (
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
)


def connect(url: str, database: str | None = None, **options):
    """A psycopg2 connection to `url` (or another database on its server), timing out as configured."""
    return psycopg2.connect(**{**connect_kwargs(url, database), **options})


@contextmanager
def connection(url: str, database: str | None = None, *, readonly: bool = False) -> Iterator:
    """A connection that is always closed; `readonly` sessions cannot write."""
    conn = connect(url, database)
    try:
        if readonly:
            conn.set_session(readonly=True)
        yield conn
    finally:
        conn.close()


def open_admin(url: str) -> psycopg2.extensions.connection:
    """An autocommit connection to the server's `postgres` database, for CREATE/DROP DATABASE; the caller closes it."""
    conn = connect(url, MAINTENANCE_DATABASE)
    conn.autocommit = True
    return conn


@contextmanager
def admin_connection(url: str) -> Iterator[psycopg2.extensions.connection]:
    """An admin connection (see `open_admin`) that is always closed."""
    conn = open_admin(url)
    try:
        yield conn
    finally:
        conn.close()


def connection_problem(error: Exception) -> str | None:
    """One line for a failed connection (a timeout names the setting), or None when `error` is not one."""
    from schemaparity.messages import first_line
    from schemaparity.pg.urls import CONNECT_TIMEOUT_ENV, connect_timeout

    if not isinstance(error, psycopg2.OperationalError):
        return None
    message = first_line(str(error)) or type(error).__name__
    if "timeout expired" in message:
        where = message.split('"')[1] if message.count('"') >= 2 else "the server"
        return (
            f"no PostgreSQL answered at {where} within {connect_timeout()}s ({CONNECT_TIMEOUT_ENV}): "
            "is the server up, and is that port PostgreSQL's?"
        )
    return message


def server_major(url: str) -> int:
    """The major version of the server behind `url` (15, 18, ...)."""
    with connection(url) as conn:
        return conn.server_version // 10000


def database_exists(conn, name: str) -> bool:
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return cursor.fetchone() is not None


def drop_database(conn, name: str) -> None:
    """Drop `name` if it exists, ending the sessions connected to it.

    A session that was just closed (a build's, a snapshot's) lingers on the server for a
    millisecond or so while its process exits, and DROP DATABASE that finds one sleeps a
    tenth of a second before it looks again. Waiting here for the client sessions to be
    gone, polled finely and for at most SESSIONS_GONE_WAIT_S, spares that sleep on most
    drops; sessions that stay are ended by the DROP itself, as before."""
    with conn.cursor() as cursor:
        deadline = time.monotonic() + SESSIONS_GONE_WAIT_S
        cursor.execute(_CLIENT_SESSIONS, (name,))
        while cursor.fetchone()[0] and time.monotonic() < deadline:
            time.sleep(0.001)
            cursor.execute(_CLIENT_SESSIONS, (name,))
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_database(conn, name: str, template: str | None = None, *, closed: bool = False) -> None:
    """CREATE DATABASE (`closed`: allowing no connections), by file copy on a server without fsync
    (PostgreSQL 15 and newer).

    The default strategy writes the whole template through the WAL: on such a server that
    costs about four times the CPU of copying the files, while the checkpoints a file copy
    forces are nearly free there. A durable server keeps the default, which spares the
    other users of a shared server those checkpoints."""
    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
    if closed:
        query = sql.SQL("{} ALLOW_CONNECTIONS false").format(query)
    with conn.cursor() as cursor:
        if conn.server_version >= 150000:
            cursor.execute("SELECT current_setting('fsync') = 'off'")
            if cursor.fetchone()[0]:
                query = sql.SQL("{} STRATEGY FILE_COPY").format(query)
        cursor.execute(query)


def rename_database(conn, old: str, new: str) -> None:
    with conn.cursor() as cursor:
        cursor.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new)))
