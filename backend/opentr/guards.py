"""Guards for the commands that replace a whole database (`reset dev`, `restore`).

The checks run before anything changes, least intrusive first: the environment, then
the URL's text (no DNS, no connection), then the server's catalog and a read-only look
inside the target; the commands run that last one under the swap lock, so what it saw
still holds when the swap comes. A refusal raises `Refused`, which the CLI turns into
one line and exit 3.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from dataclasses import dataclass
from typing import TextIO

from opentr.contents import tables_with_data
from opentr.errors import Refused
from opentr.marker import MARKER_TABLE, PRODUCTION, read_environment
from schemaparity.pg.connect import admin_connection, connect, database_exists
from schemaparity.pg.urls import database_name, hide_password, parse_url

READ_ONLY = "-c default_transaction_read_only=on"


@dataclass(frozen=True)
class TargetContents:
    environment: str | None
    tables_with_rows: tuple[str, ...]


def replacing_arguments(parser) -> None:
    """The flags of the commands that replace a whole database."""
    parser.add_argument("--yes", action="store_true")
    parser.add_argument("--allow-remote", action="store_true")


def guarded_target(ctx, args, command: str) -> str:
    """The target URL, once the guards that need no connection passed.

    The commands run `refuse_to_lose_data` later, under the swap lock.
    """
    refuse_in_production(ctx.settings.APP_ENV, command)
    url = ctx.target_url(repair=False)
    refuse_remote(url, allow_remote=args.allow_remote)
    return url


def refuse_in_production(app_env: str, command: str) -> None:
    if app_env == PRODUCTION:
        raise Refused(f"APP_ENV is production; {command} never runs there")


def refuse_remote(url: str, *, allow_remote: bool) -> None:
    remote = remote_hosts(url)
    if remote and not allow_remote:
        raise Refused(f"{', '.join(remote)} is not this machine; pass --allow-remote to replace a database there")


def refuse_to_lose_data(url: str, *, yes: bool, out: TextIO) -> None:
    """Raise `Refused` if the target is marked production, or holds data and it is not confirmed."""
    contents = inspect_target(url)
    if contents is None:
        return
    name = database_name(url)
    if contents.environment == PRODUCTION:
        raise Refused(f"database {name} is marked production ({MARKER_TABLE}.environment); it is never replaced")
    if not contents.tables_with_rows or yes:
        return
    holds = f"database {name} holds data (rows in {', '.join(contents.tables_with_rows)})"
    if not sys.stdin.isatty():
        raise Refused(f"{holds} and stdin is not a terminal; pass --yes to replace it")
    print(f"{holds}\n  target: {hide_password(url)}", file=out)
    out.write("replace it? [y/N] ")
    out.flush()
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise Refused("not confirmed; nothing was changed")


def remote_hosts(url: str) -> list[str]:
    """The hosts `url` points at that are not this machine, judged from the text alone."""
    parsed = parse_url(url)
    given = [parsed.host or "", *parsed.query_values("host"), *parsed.query_values("hostaddr")]
    if not any(given):  # libpq falls back to the environment, then to the local socket
        given = [os.environ.get("PGHOST", ""), os.environ.get("PGHOSTADDR", "")]
    hosts = [host.strip() for value in given for host in value.split(",") if host.strip()]
    return [host for host in hosts if not _is_local(host)]


def inspect_target(url: str) -> TargetContents | None:
    """What the target holds, read in a read-only session; None when it does not exist."""
    with admin_connection(url) as admin:
        if not database_exists(admin, database_name(url)):
            return None
    conn = connect(url, options=READ_ONLY)
    try:
        with conn.cursor() as cursor:
            return TargetContents(read_environment(cursor), tables_with_data(cursor))
    finally:
        conn.close()


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
