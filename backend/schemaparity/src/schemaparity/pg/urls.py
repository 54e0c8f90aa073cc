"""Database URLs: parsed without SQLAlchemy, rendered with the password hidden.

The URL form is SQLAlchemy's (`postgresql+psycopg2://user:password@host:port/db?key=value`),
so the same string works for `create_engine`, psql and psycopg2. Parsing it here keeps
the commands that only connect (reset, status, the embedded server) free of SQLAlchemy's
import cost, and gives one place where a password is kept out of what is printed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

PSYCOPG2_SCHEME = "postgresql+psycopg2"
PLAIN_SCHEMES = ("postgresql", "postgres")
POSTGRES_SCHEMES = (*PLAIN_SCHEMES, "pgsql")
HIDDEN = "***"
CONNECT_TIMEOUT_ENV = "PGCONNECT_TIMEOUT"  # libpq's own setting; every connection of ours honours it
DEFAULT_CONNECT_TIMEOUT = 10
APPLICATION_NAME_ENV = "PGAPPNAME"  # libpq's too: who is connected, as pg_stat_activity shows it
DEFAULT_APPLICATION_NAME = "schemaparity"


class UrlError(ValueError):
    """A database URL that cannot be used; the message never repeats the URL (it may hold a secret)."""


@dataclass(frozen=True)
class PgUrl:
    scheme: str
    username: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    database: str | None = None
    query: tuple[tuple[str, str], ...] = ()

    @property
    def dialect(self) -> str:
        return self.scheme.split("+", 1)[0]

    def render(self, *, hide_password: bool = True) -> str:
        userinfo = ""
        if self.username is not None:
            userinfo = quote(self.username, safe="")
            if self.password is not None:
                userinfo += ":" + (HIDDEN if hide_password else quote(self.password, safe=""))
            userinfo += "@"
        host = f"[{self.host}]" if self.host and ":" in self.host else (self.host or "")
        port = f":{self.port}" if self.port is not None else ""
        database = "/" + quote(self.database, safe="") if self.database is not None else ""
        query = "?" + urlencode(self.query) if self.query else ""
        return f"{self.scheme}://{userinfo}{host}{port}{database}{query}"

    def set(self, **changes) -> PgUrl:
        return replace(self, **changes)

    def query_values(self, key: str) -> list[str]:
        return [value for name, value in self.query if name == key]


def parse_url(url: str) -> PgUrl:
    """Parse a database URL; raises `UrlError` (without echoing the URL) when it is not one."""
    if "://" not in url:
        raise UrlError("not a database URL (expected postgresql://user@host:port/database)")
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise UrlError("the database URL's port is not a number") from None
    return PgUrl(
        scheme=parts.scheme,
        username=unquote(parts.username) if parts.username is not None else None,
        password=unquote(parts.password) if parts.password is not None else None,
        host=parts.hostname or None,
        port=port,
        database=unquote(parts.path[1:]) if len(parts.path) > 1 else None,
        query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
    )


def postgres_url(url: str) -> PgUrl:
    """`url` parsed, refusing any database but PostgreSQL by name (a mysql:// URL is not tried)."""
    parsed = parse_url(url)
    if parsed.dialect not in POSTGRES_SCHEMES:
        raise UrlError(f"{parsed.dialect}:// is not PostgreSQL; this needs a postgresql:// URL")
    return parsed


def hide_password(url: str) -> str:
    """The URL as it may be printed: password replaced by `***` (an unparsable one is never echoed)."""
    try:
        return parse_url(url).render(hide_password=True)
    except (UrlError, ValueError):
        return "(unparsable database URL)"


def with_psycopg2(url: str) -> str:
    """A plain `postgresql://` URL names psycopg2 (SQLAlchemy 2.1 would pick psycopg 3)."""
    scheme, sep, rest = url.partition("://")
    return f"{PSYCOPG2_SCHEME}://{rest}" if sep and scheme in PLAIN_SCHEMES else url


def with_database(url: str, database: str) -> str:
    """The same server and role, connected to another database (psycopg2 named as the driver)."""
    return with_psycopg2(parse_url(url).set(database=database).render(hide_password=False))


def database_name(url: str) -> str:
    name = parse_url(url).database
    if not name:
        raise UrlError("the database URL names no database")
    return name


def connect_timeout() -> int:
    """Seconds a connection attempt may take (`PGCONNECT_TIMEOUT`, default 10)."""
    value = os.environ.get(CONNECT_TIMEOUT_ENV, "")
    return int(value) if value.strip().isdigit() and int(value) > 0 else DEFAULT_CONNECT_TIMEOUT


def connect_kwargs(url: str, database: str | None = None) -> dict:
    """psycopg2 keyword arguments for `url`, with a connect timeout (no string formatting of secrets)."""
    parsed = postgres_url(url)
    kwargs = {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "dbname": database or parsed.database,
        "connect_timeout": connect_timeout(),
        "application_name": os.environ.get(APPLICATION_NAME_ENV) or DEFAULT_APPLICATION_NAME,
        **dict(parsed.query),
    }
    return {key: value for key, value in kwargs.items() if value is not None}


def libpq_env(url: str) -> dict[str, str]:
    """Environment for a libpq program (psql, pg_dump) connecting to `url`.

    The password travels in PGPASSWORD, never on a command line where `ps` shows it.
    """
    parsed = postgres_url(url)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    query = dict(parsed.query)
    settings = {
        "PGHOST": parsed.host or query.get("host", ""),
        "PGPORT": str(parsed.port or query.get("port", "")),
        "PGUSER": parsed.username or query.get("user", ""),
        "PGPASSWORD": parsed.password or "",
        "PGDATABASE": parsed.database or "",
        "PGSSLMODE": query.get("sslmode", ""),
        CONNECT_TIMEOUT_ENV: str(connect_timeout()),
    }
    env.update({key: value for key, value in settings.items() if value})
    return env
