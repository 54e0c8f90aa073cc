"""Guards for the commands that replace a whole database (`reset dev`, `restore`).

The checks run before anything changes, least intrusive first: the environment, then
the URL's text (no DNS, no connection), then the server's catalog and a read-only look
inside the target; the commands run that last one under the swap lock, so what it saw
still holds when the swap comes. A refusal raises `ResetRefused`, which the CLI turns
into one line and exit 3.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TextIO

import psycopg2
from psycopg2 import sql
from sqlalchemy.engine import make_url

from app.core.config import AppEnv, Settings, hide_password
from app.ops.marker import MARKER_TABLE, PRODUCTION, read_environment
from app.ops.target import database_name
from schemaparity.messages import first_line
from schemaparity.pgclient import admin_connection, connect_kwargs, database_exists

NOT_DATA = {"alembic_version", MARKER_TABLE}
SEED_MODULE = Path(__file__).resolve().parents[1] / "models" / "seed.py"
READ_ONLY = "-c default_transaction_read_only=on"


class ResetRefused(Exception):
    """The command would be unsafe; nothing was executed against the target."""


@dataclass(frozen=True)
class TargetContents:
    environment: str | None
    tables_with_rows: tuple[str, ...]


def refuse_in_production(settings: Settings, command: str) -> None:
    if settings.APP_ENV is AppEnv.production:
        raise ResetRefused(f"APP_ENV is production; {command} never runs there")


def refuse_remote(url: str, *, allow_remote: bool) -> None:
    remote = remote_hosts(url)
    if remote and not allow_remote:
        raise ResetRefused(f"{', '.join(remote)} is not this machine; pass --allow-remote to replace a database there")


def refuse_to_lose_data(url: str, *, yes: bool, out: TextIO) -> None:
    """Raise `ResetRefused` if the target is marked production, or holds data and it is not confirmed."""
    contents = inspect_target(url)
    if contents is None:
        return
    name = database_name(url)
    if contents.environment == PRODUCTION:
        raise ResetRefused(f"database {name} is marked production ({MARKER_TABLE}.environment); it is never replaced")
    if not contents.tables_with_rows or yes:
        return
    holds = f"database {name} holds data (rows in {', '.join(contents.tables_with_rows)})"
    if not sys.stdin.isatty():
        raise ResetRefused(f"{holds} and stdin is not a terminal; pass --yes to replace it")
    print(f"{holds}\n  target: {hide_password(url)}", file=out)
    out.write("replace it? [y/N] ")
    out.flush()
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise ResetRefused("not confirmed; nothing was changed")


def remote_hosts(url: str) -> list[str]:
    """The hosts `url` points at that are not this machine, judged from the text alone."""
    parsed = make_url(url)
    given = [parsed.host or "", *_query_values(parsed.query, "host"), *_query_values(parsed.query, "hostaddr")]
    if not any(given):  # libpq falls back to the environment, then to the local socket
        given = [os.environ.get("PGHOST", ""), os.environ.get("PGHOSTADDR", "")]
    hosts = [host.strip() for value in given for host in value.split(",") if host.strip()]
    return [host for host in hosts if not _is_local(host)]


def inspect_target(url: str) -> TargetContents | None:
    """What the target holds, read in a read-only session; None when it does not exist."""
    with admin_connection(url) as admin:
        if not database_exists(admin, database_name(url)):
            return None
    connection = psycopg2.connect(**{**connect_kwargs(url), "options": READ_ONLY})
    try:
        with connection.cursor() as cursor:
            return TargetContents(read_environment(cursor), _tables_with_rows(cursor))
    finally:
        connection.close()


def _tables_with_rows(cursor) -> tuple[str, ...]:
    """Tables holding rows beyond the reference data, in one query."""
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    )
    beyond_reference = _beyond_reference_rows()
    checks = []
    for schema, table in cursor.fetchall():
        public = schema == "public"
        if public and table in NOT_DATA:
            continue
        rows = sql.SQL("SELECT 1 FROM {}").format(sql.Identifier(schema, table))
        if public and table in beyond_reference:
            rows = sql.SQL("{} WHERE {}").format(rows, beyond_reference[table])
        label = table if public else f"{schema}.{table}"
        checks.append(sql.SQL("SELECT {} WHERE EXISTS ({})").format(sql.Literal(label), rows))
    if not checks:
        return ()
    try:
        cursor.execute(sql.SQL(" UNION ALL ").join(checks))
    except psycopg2.Error as error:  # cannot tell (permissions, another schema): assume there is data
        return (f"some tables (could not read them: {first_line(str(error))})",)
    return tuple(sorted(label for (label,) in cursor.fetchall()))


@cache
def _beyond_reference_rows() -> dict[str, sql.Composable]:
    """Per seed table, the condition that picks rows other than the reference rows.

    The reference values come from `app/models/seed.py` loaded on its own: importing it
    through the `app.models` package would load the ORM and every model, which takes
    longer than the rest of a warm reset.
    """
    spec = importlib.util.spec_from_file_location("_opentr_reference_rows", SEED_MODULE)
    seed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seed)
    return {
        "tag": sql.SQL("lower(name) <> ALL({})").format(sql.Literal([name.lower() for name in seed.DEFAULT_TAGS])),
        "summary_prompt": sql.SQL("NOT (is_system AND uuid = ANY({}::uuid[]))").format(
            sql.Literal([str(prompt["uuid"]) for prompt in seed.SYSTEM_PROMPTS])
        ),
    }


def _query_values(query, key: str) -> list[str]:
    value = query.get(key, ())
    return [value] if isinstance(value, str) else list(value)


def _is_local(host: str) -> bool:
    """localhost, a loopback address, or a Unix socket (a directory, or an abstract `@name`)."""
    if host.startswith(("/", "@")) or host.lower() == "localhost":
        return True
    for candidate in (host, host.rsplit(":", 1)[0]):
        try:
            return ipaddress.ip_address(candidate.strip("[]")).is_loopback
        except ValueError:
            continue
    return False
