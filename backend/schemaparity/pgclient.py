"""Plain connections and libpq settings for the operator commands."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
from psycopg2 import sql
from sqlalchemy.engine import make_url

PLAIN_SCHEMES = ("postgresql://", "postgres://")


def with_psycopg2(url: str) -> str:
    """A plain `postgresql://` URL names psycopg2, the one driver installed (SQLAlchemy 2.1 would pick psycopg 3)."""
    for plain in PLAIN_SCHEMES:
        if url.startswith(plain):
            return "postgresql+psycopg2://" + url[len(plain) :]
    return url


def with_database(url: str, database: str) -> str:
    """The same server and role, connected to another database (psycopg2 named as the driver)."""
    return with_psycopg2(make_url(url).set(database=database).render_as_string(hide_password=False))


def hide_password(url: str) -> str:
    """Render a database URL with its password replaced by `***`."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is never echoed back: it may hold a secret
        return "(unparsable database URL)"


def libpq_env(url: str) -> dict[str, str]:
    """Environment for a libpq program (psql, pg_dump) connecting to `url`.

    The password travels in PGPASSWORD, never on a command line where `ps` shows it.
    """
    parsed = make_url(url)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    settings = {
        "PGHOST": parsed.host or "",
        "PGPORT": str(parsed.port or ""),
        "PGUSER": parsed.username or "",
        "PGPASSWORD": parsed.password or "",
        "PGDATABASE": parsed.database or "",
        "PGSSLMODE": str(parsed.query.get("sslmode", "")),
    }
    env.update({key: value for key, value in settings.items() if value})
    return env


def connect_kwargs(url: str, database: str | None = None) -> dict:
    """psycopg2 keyword arguments for `url` (no string formatting of secrets)."""
    parsed = make_url(url)
    kwargs = {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "dbname": database or parsed.database,
        **{key: value for key, value in parsed.query.items() if isinstance(value, str)},
    }
    return {key: value for key, value in kwargs.items() if value is not None}


@contextmanager
def admin_connection(url: str) -> Iterator[psycopg2.extensions.connection]:
    """An autocommit connection to the server's `postgres` database, for CREATE/DROP DATABASE."""
    connection = psycopg2.connect(**connect_kwargs(url, database="postgres"))
    connection.autocommit = True
    try:
        yield connection
    finally:
        connection.close()


def database_exists(connection, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return cursor.fetchone() is not None


def drop_database(connection, name: str) -> None:
    """Drop `name` if it exists, ending the sessions connected to it."""
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_database(connection, name: str, template: str | None = None) -> None:
    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
    with connection.cursor() as cursor:
        cursor.execute(query)


def rename_database(connection, old: str, new: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new)))
