"""Schema objects the ORM cannot declare: extensions, the trigger function, triggers,
the view, their comments, and the reference rows.

They are attached to `Base.metadata` as DDL events, so `metadata.create_all()` builds
the same schema as `database/init_db.sql`.
"""

from __future__ import annotations

from sqlalchemy import DDL, MetaData, Table, event

from app.reference import REFERENCE_TABLES

EXTENSIONS = ("citext", "pg_trgm")

SET_UPDATED_AT_FUNCTION = """CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$"""

MEDIA_FILE_OVERVIEW_VIEW = """CREATE VIEW media_file_overview AS
SELECT
    mf.id AS media_file_id,
    mf.user_id,
    mf.filename,
    mf.status,
    (SELECT count(*) FROM transcript_segment ts WHERE ts.media_file_id = mf.id) AS segment_count,
    (SELECT count(*) FROM speaker s WHERE s.media_file_id = mf.id) AS speaker_count
FROM media_file mf"""


def _trigger_ddl(table: Table) -> DDL:
    return DDL(
        f'CREATE TRIGGER {table.name}_set_updated_at BEFORE UPDATE ON "{table.name}" '
        "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
    )


def _seed_reference_rows(target: MetaData, connection, **kw) -> None:
    for reference in REFERENCE_TABLES:
        connection.execute(target.tables[reference.table].insert(), list(reference.rows))


def attach_schema_ddl(metadata: MetaData) -> None:
    """Register the non-table DDL on `metadata`; call once, after every model is imported."""
    for name in EXTENSIONS:
        event.listen(metadata, "before_create", DDL(f"CREATE EXTENSION IF NOT EXISTS {name}"))
    event.listen(metadata, "before_create", DDL(SET_UPDATED_AT_FUNCTION))
    event.listen(
        metadata,
        "before_create",
        DDL("COMMENT ON FUNCTION set_updated_at() IS 'Trigger function: stamps updated_at on every UPDATE.'"),
    )
    for table in metadata.sorted_tables:
        if "updated_at" in table.c:
            event.listen(metadata, "after_create", _trigger_ddl(table))
    event.listen(metadata, "after_create", DDL(MEDIA_FILE_OVERVIEW_VIEW))
    event.listen(
        metadata,
        "after_create",
        DDL("COMMENT ON VIEW media_file_overview IS 'One row per media file with its segment and speaker counts.'"),
    )
    event.listen(metadata, "after_create", _seed_reference_rows)
    event.listen(metadata, "before_drop", DDL("DROP VIEW IF EXISTS media_file_overview"))
    event.listen(metadata, "after_drop", DDL("DROP FUNCTION IF EXISTS set_updated_at()"))
