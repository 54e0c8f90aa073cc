"""What a database holds: tables with rows and sizes, the revision against head, the target.

Used by `./opentr.sh inspect` and scripts/db_inspect.py. The target is --url, else
DATABASE_URL, else the embedded development database.
"""

from __future__ import annotations

from typing import TextIO

from psycopg2 import sql

from opentr.target import ALEMBIC_INI
from schemaparity.pg.connect import connection
from schemaparity.pg.migrate import script_directory
from schemaparity.pg.urls import hide_password
from schemaparity.sources import stamped_revisions

TABLES = """
    SELECT c.relname, pg_total_relation_size(c.oid)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
"""


def alembic_head() -> str:
    return ", ".join(script_directory(ALEMBIC_INI).get_heads()) or "(no revisions)"


def current_revision(cursor) -> str:
    return ", ".join(stamped_revisions(cursor)) or "(not stamped)"


def inspect_database(url: str, out: TextIO) -> None:
    print(f"target:   {hide_password(url)}", file=out)
    with connection(url, readonly=True) as conn, conn.cursor() as cursor:
        revision, head = current_revision(cursor), alembic_head()
        state = "at head" if revision == head else "NOT at head"
        print(f"revision: {revision} (head {head}; {state})", file=out)
        cursor.execute(TABLES)
        tables = cursor.fetchall()
        print(f"\n{'table':<24} {'rows':>10} {'size':>10}", file=out)
        for name, size in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
            print(f"{name:<24} {cursor.fetchone()[0]:>10} {_human(size):>10}", file=out)


def _human(size: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
