"""Build beside, then swap: the one way the operator commands replace a database.

The replacement is filled under a side name and renamed into place only when it is
complete, so a failure at any step before the swap leaves the old database as it was.
A session-level advisory lock on the server's maintenance database serialises these
swaps (and the template builds), so two resets at once cannot interleave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from app.ops.target import database_name
from schemaparity.pgclient import create_database, drop_database, rename_database, with_database

MAX_IDENTIFIER = 63
LOCK_KEY = 0x6F70656E7472  # "opentr" in ASCII: one key for every swap on a server


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
    admin,
    url: str,
    suffix: str,
    *,
    template: str | None,
    fill: Callable[[str], None],
) -> None:
    """Create a side database from `template`, `fill(side_url)` it, then swap it in for `url`'s.

    Call under `server_lock`. `DROP DATABASE ... WITH (FORCE)` ends the sessions still
    connected to the old database just before the rename.
    """
    target = database_name(url)
    side = side_name(target, suffix)
    drop_database(admin, side)
    create_database(admin, side, template=template)
    try:
        fill(with_database(url, side))
    except BaseException:
        drop_database(admin, side)
        raise
    drop_database(admin, target)
    rename_database(admin, side, target)
