"""Build beside, then swap: the one way the operator commands replace a database.

The replacement is filled under a side name; only when it is complete do two renames
in one transaction put it in place (`target` → `target__old`, side → `target`), so the
target name always resolves to a complete database, even when the process is killed at
any point. The old database is dropped afterwards, out of the user's way. A session-level advisory lock on the
server's maintenance database serialises these swaps (and the template builds); whoever
holds it may remove what a killed run left behind, and says so.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg2
from psycopg2 import sql

from schemaparity.pg.clients import psql
from schemaparity.pg.connect import (
    MAINTENANCE_DATABASE,
    admin_connection,
    create_database,
    database_exists,
    drop_database,
    rename_database,
)
from schemaparity.pg.urls import database_name, libpq_env, with_database

MAX_IDENTIFIER = 63
LOCK_KEY = 0x6F70656E7472  # "opentr" in ASCII: one key for every swap on a server
BUILD_SUFFIX, RESTORE_SUFFIX, OLD_SUFFIX = "__building", "__restoring", "__old"
SIDE_SUFFIXES = (BUILD_SUFFIX, RESTORE_SUFFIX)
SWAP_ATTEMPTS = 50
OBJECT_IN_USE = "55006"


@contextmanager
def server_lock(admin, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the swap lock on `admin` (a maintenance connection); waits, saying so, when it is taken."""
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))
        if not cursor.fetchone()[0]:
            say("  waiting for another reset or restore on this server to finish...")
            cursor.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    try:
        yield
    finally:
        with admin.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))


def side_name(target: str, suffix: str) -> str:
    """`target` plus `suffix`, cut to PostgreSQL's 63-byte identifier limit."""
    keep = MAX_IDENTIFIER - len(suffix.encode())
    return target.encode()[:keep].decode(errors="ignore") + suffix


def replace_database(
    admin, url: str, suffix: str, *, template: str | None, fill: Callable[[str], None], spare: bool = False
) -> bool:
    """Create a side database from `template`, `fill(side_url)` it, then swap it in for `url`'s.

    Call under `server_lock`. A failure before the swap drops the side database and
    leaves the target as it was. With `spare`, the side database is the template's spare
    clone when there is a usable one, and a new spare is made in the background after the
    swap (see `opentr.spare`); True when the spare was used.
    """
    from opentr.spare import claim_spare, make_spare_later

    target = database_name(url)
    side = side_name(target, suffix)
    drop_database(admin, side)
    spare = spare and template is not None
    spared = spare and claim_spare(admin, target, side, template)
    if not spared:
        create_database(admin, side, template=template)
    try:
        fill(with_database(url, side))
    except BaseException:
        drop_database(admin, side)
        raise
    old = side_name(target, OLD_SUFFIX)
    drop_database(admin, old)
    if database_exists(admin, target):
        _swap(admin, target, side, old)
        drop_later(admin, url, old)
    else:
        rename_database(admin, side, target)
    if spare:
        make_spare_later(url, template)
    return spared


def drop_later(admin, url: str, name: str) -> None:
    """Drop `name` in a detached psql, so that the user does not wait for it (a big database takes a while).

    Should that psql never finish, the next reset or restore drops the leftover itself,
    before its own swap, and any command repairs it (see `repair_leftovers`).
    """
    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)).as_string(admin)
    start_detached([str(psql()), "-X", "-q", "-c", statement], libpq_env(with_database(url, MAINTENANCE_DATABASE)))


def start_detached(command: list[str], env: dict[str, str]) -> None:
    """Start `command` in a session of its own, with no terminal: the user does not wait for it, a
    Ctrl-C after the command returned does not reach it, and what it says goes nowhere."""
    subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def repair_leftovers(admin, target: str, say: Callable[[str], None]) -> None:
    """Put right what a killed reset, restore or template build of `target` left (call under `server_lock`)."""
    from opentr.template import drop_half_built

    for name in drop_half_built(admin):
        say(f"  dropped {name}, a template build a killed run left")
    old = side_name(target, OLD_SUFFIX)
    if not database_exists(admin, target) and database_exists(admin, old):
        rename_database(admin, old, target)
        say(f"  {target} was missing after a killed run: put {old} back in its place")
    for suffix in (OLD_SUFFIX, *SIDE_SUFFIXES):
        leftover = side_name(target, suffix)
        if database_exists(admin, leftover):
            drop_database(admin, leftover)
            say(f"  dropped {leftover}, left by a killed run")


def repair_if_idle(url: str, say: Callable[[str], None]) -> None:
    """`repair_leftovers` for `url`'s database when no reset or restore is running (never waits)."""
    target = database_name(url)
    with admin_connection(url) as admin, admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_database WHERE datname = ANY(%s)",
            ([side_name(target, suffix) for suffix in (OLD_SUFFIX, *SIDE_SUFFIXES)],),
        )
        if not cursor.fetchone()[0]:
            return
        cursor.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))
        if not cursor.fetchone()[0]:
            return
        try:
            repair_leftovers(admin, target, say)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))


def _swap(admin, target: str, side: str, old: str) -> None:
    """Both renames in one transaction, retried while sessions on the target are being ended."""
    for attempt in range(SWAP_ATTEMPTS):
        _end_sessions(admin, target)
        admin.autocommit = False
        try:
            rename_database(admin, target, old)
            rename_database(admin, side, target)
            admin.commit()
            return
        except psycopg2.Error as error:
            admin.rollback()
            if error.pgcode != OBJECT_IN_USE or attempt == SWAP_ATTEMPTS - 1:
                raise
            time.sleep(0.02)
        finally:
            admin.autocommit = True


def _end_sessions(admin, name: str) -> None:
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
