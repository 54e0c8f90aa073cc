"""What a database holds: the rows beyond the reference data, and a summary after a reset or restore.

Reference rows (`app.reference`) are not a user's data: a freshly reset database holds
only them, and replacing it loses nothing. Each query reads the catalog once, whatever
the number of tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from psycopg2 import sql

from app.reference import REFERENCE_TABLES, ReferenceTable
from opentr.marker import MARKER_TABLE
from schemaparity.messages import first_line
from schemaparity.pg.connect import connection

NOT_DATA = ("alembic_version", MARKER_TABLE)

_CATALOG_COUNTS = """
    SELECT
      (SELECT count(*) FROM pg_tables
         WHERE schemaname = 'public' AND tablename <> ALL(%s)),
      (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND t.typtype = 'e'),
      (SELECT count(*) FROM pg_views WHERE schemaname = 'public'),
      (SELECT array_agg(tablename::text) FROM pg_tables WHERE schemaname = 'public'),
      to_regclass('public.alembic_version') IS NOT NULL
"""


@dataclass(frozen=True)
class SchemaSummary:
    tables: int
    enums: int
    views: int
    reference_rows: int
    revision: str | None

    def __str__(self) -> str:
        return (
            f"tables {self.tables}, enum types {self.enums}, views {self.views}, "
            f"reference rows {self.reference_rows}, revision {self.revision or '(none)'}"
        )


def summarize(url: str) -> SchemaSummary:
    """Count what a database holds, to print after a reset or a restore."""
    with connection(url) as conn, conn.cursor() as cursor:
        cursor.execute(_CATALOG_COUNTS, (list(NOT_DATA),))
        tables, enums, views, names, has_version = cursor.fetchone()
        present = [reference for reference in REFERENCE_TABLES if reference.table in (names or [])]
        references = 0
        if present:
            counts = sql.SQL(" + ").join(
                sql.SQL("(SELECT count(*) FROM {} WHERE NOT ({}))").format(
                    sql.Identifier(reference.table), beyond_reference(reference)
                )
                for reference in present
            )
            cursor.execute(sql.SQL("SELECT {}").format(counts))
            references = cursor.fetchone()[0]
        revision = None
        if has_version:
            cursor.execute("SELECT max(version_num) FROM alembic_version")
            revision = cursor.fetchone()[0]
    return SchemaSummary(tables, enums, views, references, revision)


def tables_with_data(cursor) -> tuple[str, ...]:
    """Tables holding rows beyond the reference data, in one query over the tables that have any pages
    (a table without pages holds no row; a partitioned one has none, its partitions are read: at 1000
    empty tables this is 10 ms, not 300)."""
    cursor.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        " AND pg_relation_size(c.oid) > 0 ORDER BY 1, 2"
    )
    references = {reference.table: reference for reference in REFERENCE_TABLES}
    checks = []
    for schema, table in cursor.fetchall():
        public = schema == "public"
        if public and table in NOT_DATA:
            continue
        rows = sql.SQL("SELECT 1 FROM {}").format(sql.Identifier(schema, table))
        if public and table in references:
            rows = sql.SQL("{} WHERE {}").format(rows, beyond_reference(references[table]))
        label = table if public else f"{schema}.{table}"
        checks.append(sql.SQL("SELECT {} WHERE EXISTS ({})").format(sql.Literal(label), rows))
    if not checks:
        return ()
    try:
        cursor.execute(sql.SQL(" UNION ALL ").join(checks))
    except Exception as error:  # cannot tell (permissions, another schema): assume there is data
        return (f"some tables (could not read them: {first_line(str(error))})",)
    return tuple(sorted(label for (label,) in cursor.fetchall()))


def beyond_reference(reference: ReferenceTable) -> sql.Composable:
    """The condition that picks a table's rows other than its reference rows."""
    key = sql.Identifier(reference.key)
    column = sql.SQL("lower({})").format(key) if reference.fold_case else sql.SQL("{}::text").format(key)
    return sql.SQL("{} <> ALL({})").format(column, sql.Literal(reference.key_values))
