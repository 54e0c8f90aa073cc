"""`reset dev`: rebuild the development database from `database/init_db.sql`.

The new database is built beside the old one under a temporary name and swapped in
only when the whole file loaded; a broken SQL file leaves the old database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg2

from app.ops.target import database_name, with_database
from schemaparity.pgclient import admin_connection, connect_kwargs, create_database, drop_database, rename_database
from schemaparity.sqlfile import run_sql_file

BUILD_SUFFIX = "__building"
MAX_IDENTIFIER = 63


class ResetRefused(Exception):
    """The reset would be unsafe; nothing was executed against the target."""


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


def reset_database(url: str, sql_path: Path) -> SchemaSummary:
    """Build `sql_path` into a fresh database and swap it in place of the one `url` names."""
    target = database_name(url)
    building = f"{target[: MAX_IDENTIFIER - len(BUILD_SUFFIX)]}{BUILD_SUFFIX}"
    with admin_connection(url) as admin:
        drop_database(admin, building)
        create_database(admin, building)
    try:
        run_sql_file(with_database(url, building), sql_path)
    except BaseException:
        with admin_connection(url) as admin:
            drop_database(admin, building)
        raise
    with admin_connection(url) as admin:
        drop_database(admin, target)
        rename_database(admin, building, target)
    return summarize(url)


def summarize(url: str) -> SchemaSummary:
    """Count what a database holds, to print after a reset."""
    query = """
        SELECT
          (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'),
          (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname = 'public' AND t.typtype = 'e'),
          (SELECT count(*) FROM pg_views WHERE schemaname = 'public'),
          (SELECT count(*) FROM tag) + (SELECT count(*) FROM summary_prompt WHERE is_system),
          (SELECT max(version_num) FROM alembic_version)
    """
    with psycopg2.connect(**connect_kwargs(url)) as connection, connection.cursor() as cursor:
        cursor.execute(query)
        tables, enums, views, seeds, revision = cursor.fetchone()
    connection.close()
    return SchemaSummary(tables, enums, views, seeds, revision)
