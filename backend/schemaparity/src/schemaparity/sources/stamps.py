"""The revision a database is stamped with (alembic_version), read without Alembic."""

from __future__ import annotations

from schemaparity.pg.connect import connection


def read_stamp(url: str) -> str | None:
    """The revision in alembic_version, or None when there is none (or more than one)."""
    with connection(url) as conn, conn.cursor() as cursor:
        return single_stamp(stamped_revisions(cursor))


def stamped_revisions(cursor) -> tuple[str, ...]:
    """Every revision in alembic_version; none when the table does not exist."""
    cursor.execute("SELECT to_regclass('alembic_version') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return ()
    cursor.execute("SELECT version_num FROM alembic_version ORDER BY version_num")
    return tuple(revision for (revision,) in cursor.fetchall())


def single_stamp(revisions: tuple[str, ...]) -> str | None:
    return revisions[0] if len(revisions) == 1 else None


def stamp_of(cursor) -> str | None:
    """The stamped revision; "" when alembic_version holds none (or several), None when it does not exist."""
    cursor.execute("SELECT to_regclass('alembic_version') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return None
    return single_stamp(stamped_revisions(cursor)) or ""
