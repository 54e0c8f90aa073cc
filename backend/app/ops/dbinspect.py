"""`./opentr.sh inspect` (and scripts/db_inspect.py): what a database holds.

Tables with rows and sizes, the revision against head, the target with its password
hidden. The target is --url, else DATABASE_URL, else the embedded development database.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

import psycopg2
from psycopg2 import sql

from app.core.config import hide_password
from app.db.migrations import script_directory
from app.ops.target import resolve_database_url
from schemaparity.messages import first_line
from schemaparity.pgclient import connect_kwargs
from schemaparity.sources import stamped_revisions

TABLES = """
    SELECT c.relname, pg_total_relation_size(c.oid)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
"""


def alembic_head() -> str:
    return ", ".join(script_directory().get_heads()) or "(no revisions)"


def current_revision(cursor) -> str:
    return ", ".join(stamped_revisions(cursor)) or "(not stamped)"


def inspect_database(url: str, out: TextIO) -> None:
    print(f"target:   {hide_password(url)}", file=out)
    with psycopg2.connect(**connect_kwargs(url)) as connection, connection.cursor() as cursor:
        revision, head = current_revision(cursor), alembic_head()
        state = "at head" if revision == head else "NOT at head"
        print(f"revision: {revision} (head {head}; {state})", file=out)
        cursor.execute(TABLES)
        tables = cursor.fetchall()
        print(f"\n{'table':<24} {'rows':>10} {'size':>10}", file=out)
        for name, size in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
            print(f"{name:<24} {cursor.fetchone()[0]:>10} {_human(size):>10}", file=out)
    connection.close()


def _human(size: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(prog="inspect", description="Show tables, rows, sizes and the revision.")
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the embedded dev database)")
    args = parser.parse_args(argv)
    try:
        inspect_database(args.url or resolve_database_url(), out)
    except psycopg2.Error as error:
        print(f"error: {first_line(str(error))}", file=err)
        return 1
    return 0
