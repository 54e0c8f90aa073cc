"""The revisions: 0002's backfill, downgrades that keep data, and a clean way back to base."""

from __future__ import annotations

import pytest

from tests.helpers import migrate, query

SPEAKERS_AT_0001 = """
    INSERT INTO "user" (email, hashed_password) VALUES ('m@example.com', 'h');
    INSERT INTO media_file (user_id, filename, storage_path, file_size, content_type)
        SELECT id, 'talk.mp3', '/m/talk', 1, 'audio/mpeg' FROM "user";
    INSERT INTO speaker (media_file_id, label) SELECT id, 'SPEAKER_00' FROM media_file;
    INSERT INTO speaker (media_file_id, label) SELECT id, 'SPEAKER_01' FROM media_file;
    INSERT INTO transcript_segment (media_file_id, speaker_id, start_time, end_time, text)
        SELECT media_file_id, id, 0, 1, 'hello' FROM speaker WHERE label = 'SPEAKER_00';
    SELECT 1
"""


@pytest.fixture
def at_0001(databases) -> str:
    url = databases.create("mig")
    migrate(url, "0001_initial")
    query(url, SPEAKERS_AT_0001)
    return url


def test_0002_backfills_display_name_from_label(at_0001):
    """Existing speakers get their label as display name, unverified, on upgrade."""
    migrate(at_0001, "0002_add_speaker_fields")
    rows = query(at_0001, "SELECT label, display_name, verified, confidence FROM speaker ORDER BY label")
    assert rows == [("SPEAKER_00", "SPEAKER_00", False, None), ("SPEAKER_01", "SPEAKER_01", False, None)]


def test_0002_downgrade_keeps_the_other_data(at_0001):
    """Going back to 0001 removes only 0002's columns: speakers, segments and files stay."""
    before = query(at_0001, "SELECT id, media_file_id, label, created_at FROM speaker ORDER BY id")
    migrate(at_0001, "head")
    query(at_0001, "UPDATE speaker SET display_name = 'Ada', verified = true, confidence = 0.9; SELECT 1")
    migrate(at_0001, "0001_initial", down=True)
    assert query(at_0001, "SELECT id, media_file_id, label, created_at FROM speaker ORDER BY id") == before
    assert query(at_0001, "SELECT count(*) FROM transcript_segment WHERE speaker_id IS NOT NULL") == [(1,)]
    columns = query(at_0001, "SELECT column_name FROM information_schema.columns WHERE table_name = 'speaker'")
    assert not {"display_name", "verified", "confidence", "suggested_name"} & {c for (c,) in columns}


def test_downgrade_to_base_leaves_nothing_behind(databases):
    """`downgrade base` removes every table, type, function, view, sequence and extension."""
    url = databases.create("base")
    migrate(url, "head")
    migrate(url, "base", down=True)
    leftovers = query(
        url,
        """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relname NOT LIKE 'alembic_version%'
        UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = 'public' AND t.typname NOT LIKE '%alembic_version%'
        UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'
        UNION ALL SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'
        """,
    )
    assert leftovers == []
    assert query(url, "SELECT count(*) FROM alembic_version") == [(0,)]
