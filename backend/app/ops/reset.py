"""`reset dev`: rebuild the development database from `database/init_db.sql`.

The new database is a clone of a template cached by the file's hash (built from the
file the first time), made beside the old one and swapped in only when complete; a
broken SQL file or demo data file leaves the old database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg2

from app.ops.marker import MARKER_TABLE
from app.ops.swap import replace_database, server_lock
from app.ops.template import Template, ensure_template
from schemaparity.pgclient import admin_connection, connect_kwargs
from schemaparity.sqlfile import run_sql_file

BUILD_SUFFIX = "__building"

_CATALOG_COUNTS = """
    SELECT
      (SELECT count(*) FROM pg_tables
         WHERE schemaname = 'public' AND tablename NOT IN ('alembic_version', %s)),
      (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND t.typtype = 'e'),
      (SELECT count(*) FROM pg_views WHERE schemaname = 'public'),
      to_regclass('public.tag') IS NOT NULL AND to_regclass('public.summary_prompt') IS NOT NULL,
      to_regclass('public.alembic_version') IS NOT NULL
"""


@dataclass(frozen=True)
class SchemaSummary:
    tables: int
    enums: int
    views: int
    seed_rows: int
    revision: str | None

    def __str__(self) -> str:
        return (
            f"tables {self.tables}, enum types {self.enums}, views {self.views}, "
            f"reference rows {self.seed_rows}, revision {self.revision or '(none)'}"
        )


def reset_database(
    url: str,
    sql_path: Path,
    *,
    demo_path: Path | None,
    check: Callable[[], None],
    say: Callable[[str], None],
) -> tuple[Template, SchemaSummary]:
    """Replace the database `url` names with a fresh copy of `sql_path` (plus `demo_path`'s rows).

    `check` (the guards) and the summary run under the swap lock, so a concurrent reset
    can neither invalidate the check nor end the session reading the summary.
    """
    with admin_connection(url) as admin, server_lock(admin, say):
        check()
        template = ensure_template(admin, url, sql_path)

        def fill(side_url: str) -> None:
            if not template.usable:
                run_sql_file(side_url, sql_path)
            if demo_path is not None:
                run_sql_file(side_url, demo_path)

        replace_database(admin, url, BUILD_SUFFIX, template=template.name if template.usable else None, fill=fill)
        return template, summarize(url)


def summarize(url: str) -> SchemaSummary:
    """Count what a database holds, to print after a reset or a restore."""
    with psycopg2.connect(**connect_kwargs(url)) as connection, connection.cursor() as cursor:
        cursor.execute(_CATALOG_COUNTS, (MARKER_TABLE,))
        tables, enums, views, has_seed_tables, has_version = cursor.fetchone()
        seeds, revision = 0, None
        if has_seed_tables:
            cursor.execute("SELECT (SELECT count(*) FROM tag) + (SELECT count(*) FROM summary_prompt WHERE is_system)")
            seeds = cursor.fetchone()[0]
        if has_version:
            cursor.execute("SELECT max(version_num) FROM alembic_version")
            revision = cursor.fetchone()[0]
    connection.close()
    return SchemaSummary(tables, enums, views, seeds, revision)
