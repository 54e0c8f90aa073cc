"""A spare clone of the template, made in the background after a reset, so that the next reset renames it.

CREATE DATABASE copies every file of its template: at 1000 tables that is most of a warm
reset. After each reset, a detached process clones the template once more under
`<target>__spare`, created closed to connections (so nothing can change it) and
commented with the template it copies. The next reset renames it into place instead of
cloning, when it is still closed, still ours and still a copy of the current template;
otherwise it is dropped and the reset clones as before. The maker works under the swap
lock and only while the target exists, so it never races a reset, a restore or a test
that drops the target. `OPENTR_SPARE=0` stops spares being made.
"""

from __future__ import annotations

import os
import sys

from psycopg2 import sql

from opentr.swap import server_lock, side_name, start_detached
from schemaparity.pg.connect import (
    admin_connection,
    create_database,
    database_exists,
    drop_database,
    rename_database,
)
from schemaparity.pg.urls import database_name

SPARE_SUFFIX = "__spare"
SPARE_ENV = "OPENTR_SPARE"
URL_ENV = "OPENTR_SPARE_URL"  # the maker's target, passed in its environment: a URL may hold a password


def spare_name(target: str) -> str:
    return side_name(target, SPARE_SUFFIX)


def marker(template: str) -> str:
    return f"spare clone of {template}"


def claim_spare(admin, target: str, side: str, template: str) -> bool:
    """Rename a usable spare of `target` to `side`, opened to connections; True when there was one.
    A spare that is not usable (opened, a copy of another template) is dropped; another role's is left."""
    spare = spare_name(target)
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT NOT datallowconn AND shobj_description(oid, 'pg_database') IS NOT DISTINCT FROM %s,"
            " pg_get_userbyid(datdba) = current_user FROM pg_database WHERE datname = %s",
            (marker(template), spare),
        )
        row = cursor.fetchone()
        if row is None or not row[1]:
            return False
        if not row[0]:
            drop_database(admin, spare)
            return False
        cursor.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(spare)))
        cursor.execute(sql.SQL("COMMENT ON DATABASE {} IS NULL").format(sql.Identifier(spare)))
    rename_database(admin, spare, side)
    return True


def make_spare(admin, target: str, template: str) -> bool:
    """Clone `template` as `target`'s spare, unless the target is gone or a spare exists (call under the
    swap lock); True when one was made."""
    spare = spare_name(target)
    if not database_exists(admin, target) or database_exists(admin, spare):
        return False
    create_database(admin, spare, template=template, closed=True)
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("COMMENT ON DATABASE {} IS %s").format(sql.Identifier(spare)), (marker(template),))
    return True


def spares_enabled() -> bool:
    return os.environ.get(SPARE_ENV, "1") not in ("0", "false", "no")


def make_spare_later(url: str, template: str) -> None:
    """Start the maker, detached (see `start_detached`): its end is nobody's concern."""
    if not spares_enabled():
        return
    start_detached([sys.executable, "-m", "opentr.spare", template], {**os.environ, URL_ENV: url})


def main(argv: list[str]) -> int:
    url = os.environ[URL_ENV]
    with admin_connection(url) as admin, server_lock(admin, lambda _: None):
        make_spare(admin, database_name(url), argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
