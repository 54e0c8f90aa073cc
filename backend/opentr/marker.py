"""The environment marker: a production database says so itself, like Rails' ar_internal_metadata.

`migrate` under `APP_ENV=production` writes `environment = production` into the
key/value table `opentr_metadata`; `reset dev` and `restore` refuse any database that
carries it, whatever `APP_ENV` says on the machine that runs them. The table is not part
of the schema (not in init_db.sql, the models or the revisions), so a parity check of a
live database must leave it out.
"""

from __future__ import annotations

from psycopg2 import sql

from schemaparity.pg.connect import connection

MARKER_TABLE = "opentr_metadata"
PRODUCTION = "production"

_TABLE = sql.Identifier("public", MARKER_TABLE)


def write_environment(url: str, environment: str) -> None:
    """Create the marker table if missing and set its `environment` key."""
    with connection(url) as conn, conn.cursor() as cursor:
        cursor.execute(
            sql.SQL(
                "CREATE TABLE IF NOT EXISTS {} (key text PRIMARY KEY, value text NOT NULL,"
                " updated_at timestamptz NOT NULL DEFAULT now())"
            ).format(_TABLE)
        )
        cursor.execute(
            sql.SQL(
                "INSERT INTO {} (key, value) VALUES ('environment', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()"
            ).format(_TABLE),
            (environment,),
        )
        conn.commit()


def read_environment(cursor) -> str | None:
    """The `environment` the database is marked with, if any (read-only)."""
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", (f"public.{MARKER_TABLE}",))
    if not cursor.fetchone()[0]:
        return None
    cursor.execute(sql.SQL("SELECT value FROM {} WHERE key = 'environment'").format(_TABLE))
    row = cursor.fetchone()
    return row[0] if row else None


def clear_production(url: str) -> bool:
    """Remove a production marker a restored dump brought along; True when there was one.

    A copy restored on a guarded (non-production) target is not production, and keeping
    the marker would make the next reset of this development database refuse.
    """
    with connection(url) as conn, conn.cursor() as cursor:
        cleared = read_environment(cursor) == PRODUCTION
        if cleared:
            cursor.execute(sql.SQL("DELETE FROM {} WHERE key = 'environment'").format(_TABLE))
        conn.commit()
    return cleared
