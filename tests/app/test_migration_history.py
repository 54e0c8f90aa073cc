"""The revision history, checked the way production runs it.

pytest-alembic's built-in tests (one head, upgrade from empty, models match the
migrated DDL, each revision downgrades) run on a scratch database of the session's
server; the parity engine then proves each revision's round trip rebuilds the same
schema, rows survive upgrades and downgrades, and the revision files keep the rules
of `opentr.revision_checks`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_alembic.plugin.fixtures import alembic_runner  # noqa: F401 -- the plugin itself is disabled
from pytest_alembic.tests import (  # noqa: F401 -- pytest-alembic's built-in tests, collected from this module
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from app.reference import REFERENCE_TABLES
from opentr.revision_checks import check_revision_file, check_revision_files
from schemaparity.build import snapshot_url
from schemaparity.config import load_config
from schemaparity.diff import diff
from schemaparity.pg.migrate import alembic_config as project_alembic_config
from schemaparity.pg.migrate import script_directory
from schemaparity.render import render_text
from schemaparity.result import CheckResult, SourceOutcome
from schemaparity.snapshot import Snapshot, SnapshotOptions
from tests.helpers import ALEMBIC_INI, PYPROJECT, migrate, query

DATA_TABLES = tuple(reference.table for reference in REFERENCE_TABLES)
KEEP = load_config(PYPROJECT).data_keep_columns
SCRIPTS = list(reversed(list(script_directory(ALEMBIC_INI).walk_revisions())))
REVISIONS = [script.revision for script in SCRIPTS]

# Representative rows, loaded just before the revision they are keyed by runs (so in the
# schema of the revision before it). A new revision adds an entry: rows that exercise
# what it changes, in every table that exists before it.
ROWS_BEFORE = {
    "0002_add_speaker_fields": """
    INSERT INTO "user" (id, uuid, email, hashed_password, full_name, role, is_active, created_at, updated_at) VALUES
        (1001, 'a0000000-0000-4000-8000-000000000001', 'Ada@Example.com', '$argon2id$v=19$m=65536$c2FsdA$aGFzaA',
         'Ada Lovelace', 'admin', true, '2026-01-02 03:04:05+00', '2026-01-03 04:05:06+00'),
        (1002, 'a0000000-0000-4000-8000-000000000002', 'grace@example.com', 'h', NULL, 'user', false,
         '2026-01-04 00:00:00+00', '2026-01-04 00:00:00+00');
    INSERT INTO media_file (id, uuid, user_id, filename, storage_path, file_size, content_type, duration, language,
                            status, error_message, metadata, checksum, uploaded_at, completed_at, created_at,
                            updated_at) VALUES
        (2001, 'b0000000-0000-4000-8000-000000000001', 1001, 'Grüße — 会议.mp3', 'u/1001/2001.mp3', 9876543210,
         'audio/mpeg', 3600.25, 'de', 'completed', NULL, '{"source": {"app": "recorder", "v": [1, 2]}}',
         repeat('ab', 32), '2026-01-05 10:00:00+00', '2026-01-05 11:00:00+00', '2026-01-05 10:00:00+00',
         '2026-01-05 11:00:00+00'),
        (2002, 'b0000000-0000-4000-8000-000000000002', 1002, 'broken.wav', 'u/1002/2002.wav', 0, 'audio/wav', NULL,
         NULL, 'error', 'decoder: unexpected end of stream', '{}', NULL, '2026-01-06 00:00:00+00', NULL,
         '2026-01-06 00:00:00+00', '2026-01-06 00:00:00+00');
    INSERT INTO speaker_profile (id, uuid, user_id, name, description, created_at, updated_at) VALUES
        (3001, 'c0000000-0000-4000-8000-000000000001', 1001, 'Charles Babbage', 'Analytical engine',
         '2026-01-07 00:00:00+00', '2026-01-08 00:00:00+00');
    INSERT INTO speaker (id, uuid, media_file_id, profile_id, label, created_at, updated_at) VALUES
        (4001, 'd0000000-0000-4000-8000-000000000001', 2001, 3001, 'SPEAKER_00', '2026-01-05 11:00:00+00',
         '2026-01-05 11:30:00+00'),
        (4002, 'd0000000-0000-4000-8000-000000000002', 2001, NULL, 'SPEAKER_01', '2026-01-05 11:00:00+00',
         '2026-01-05 11:00:00+00');
    INSERT INTO transcript_segment (id, media_file_id, speaker_id, start_time, end_time, text, confidence,
                                    created_at, updated_at) VALUES
        (5001, 2001, 4001, 0, 4.5, 'Guten Morgen, 各位.', 0.875, '2026-01-05 11:00:00+00', '2026-01-05 11:00:00+00'),
        (5002, 2001, 4002, 4.5, 9.25, 'It''s "quoted", a \\ and a' || chr(9) || 'tab.', NULL, '2026-01-05 11:00:00+00',
         '2026-01-05 11:00:00+00'),
        (5003, 2001, NULL, 9.25, 9.25, '[music]', 0.5, '2026-01-05 11:00:00+00', '2026-01-05 11:00:00+00');
    INSERT INTO tag (name, created_at) VALUES ('Board meeting', '2026-01-09 00:00:00+00');
    INSERT INTO file_tag (media_file_id, tag_id, created_at)
        SELECT 2001, id, '2026-01-09 00:00:00+00' FROM tag WHERE name IN ('Board meeting', 'Meeting');
    INSERT INTO comment (id, uuid, media_file_id, user_id, text, timestamp, created_at, updated_at) VALUES
        (6001, 'e0000000-0000-4000-8000-000000000001', 2001, 1002, 'Check the figures at 1:02', 62.5,
         '2026-01-10 00:00:00+00', '2026-01-11 00:00:00+00'),
        (6002, 'e0000000-0000-4000-8000-000000000002', 2001, 1001, 'x', NULL, '2026-01-10 00:00:00+00',
         '2026-01-10 00:00:00+00');
    INSERT INTO task (id, user_id, media_file_id, task_type, status, progress, result, error_message, completed_at,
                      created_at, updated_at) VALUES
        ('celery-7f3e', 1001, 2001, 'transcription', 'completed', 1, '{"segments": 3}', NULL,
         '2026-01-05 11:00:00+00', '2026-01-05 10:00:00+00', '2026-01-05 11:00:00+00'),
        ('celery-8a1b', 1002, NULL, 'summarization', 'failed', 0.25, NULL, 'LLM timeout', NULL,
         '2026-01-06 00:00:00+00', '2026-01-06 00:05:00+00');
    INSERT INTO analytics (id, media_file_id, speaker_stats, sentiment, keywords, computed_at) VALUES
        (7001, 2001, '{"SPEAKER_00": {"seconds": 4.5}}', '{"overall": -0.1}', '{budget,"Q1, Q2",Grüße}',
         '2026-01-05 12:00:00+00');
    INSERT INTO collection (id, uuid, user_id, name, description, is_public, created_at, updated_at) VALUES
        (8001, 'f0000000-0000-4000-8000-000000000001', 1001, 'Board', NULL, true, '2026-01-12 00:00:00+00',
         '2026-01-12 00:00:00+00');
    INSERT INTO collection_member (collection_id, media_file_id, added_at) VALUES
        (8001, 2001, '2026-01-12 00:00:00+00'), (8001, 2002, '2026-01-13 00:00:00+00');
    INSERT INTO summary_prompt (id, uuid, name, prompt_text, is_system, is_default, user_id, created_at,
                                updated_at) VALUES
        (9001, 'f1000000-0000-4000-8000-000000000001', 'Minutes', 'Write minutes.', false, true, 1001,
         '2026-01-14 00:00:00+00', '2026-01-14 00:00:00+00');
    INSERT INTO user_setting (id, user_id, key, value, created_at, updated_at) VALUES
        (9101, 1001, 'theme', 'dark', '2026-01-15 00:00:00+00', '2026-01-15 00:00:00+00'),
        (9102, 1002, 'language', NULL, '2026-01-15 00:00:00+00', '2026-01-15 00:00:00+00');
    """,
}

# Columns whose existing values a revision's upgrade changes on purpose, with the reason.
TRANSFORMED_BY_UPGRADE: dict[str, dict[tuple[str, str], str]] = {}

# After each revision's upgrade: a query for the rows its backfill got wrong (expected none).
BACKFILL_VIOLATIONS = {
    "0002_add_speaker_fields": """
        SELECT id, label, display_name, verified, confidence, suggested_name FROM speaker
        WHERE display_name IS DISTINCT FROM label OR verified OR confidence IS NOT NULL OR suggested_name IS NOT NULL
    """,
}

PRIMARY_KEYS = """
    SELECT c.relname, array_agg(a.attname::text ORDER BY k.position)
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
    LEFT JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'alembic_version'
    GROUP BY c.relname
"""

LEFTOVER_TYPES = """
    SELECT format_type(t.oid, NULL) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      AND t.typname NOT IN ('alembic_version', '_alembic_version')
"""

Rows = dict[str, dict[tuple, dict[str, Any]]]  # table -> primary key -> row


@pytest.fixture
def alembic_config():
    """pytest-alembic runs our alembic.ini and env.py, as production does."""
    return project_alembic_config(ALEMBIC_INI)


@pytest.fixture
def alembic_engine(databases) -> Iterator[Connection]:
    """A connection, not an engine: env.py takes it from config.attributes["connection"] and
    Alembic only accepts a Connection there (pytest-alembic hands in whatever this yields)."""
    engine = create_engine(databases.create("history"))
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


@pytest.fixture
def url(databases) -> str:
    return databases.create("history")


@pytest.mark.parametrize("revision", REVISIONS)
def test_revision_round_trip_rebuilds_the_same_schema(url, revision):
    """`upgrade r; downgrade r-1; upgrade r` must give the schema and reference rows of `upgrade r`."""
    script = next(s for s in SCRIPTS if s.revision == revision)
    migrate(url, revision)
    upgraded = snapshot(url)
    migrate(url, script.down_revision or "base", down=True)
    migrate(url, revision)
    report = schema_differences({"upgrade": upgraded, "round trip": snapshot(url)})
    assert not report, report


def test_downgrade_to_base_leaves_an_empty_database(url, databases):
    """`downgrade base` removes every table, type, function, sequence, view and extension it made."""
    migrate(url, "head")
    migrate(url, "base", down=True)
    report = schema_differences({"empty database": snapshot(databases.create("history")), "downgraded": snapshot(url)})
    assert not report, report
    assert query(url, LEFTOVER_TYPES) == []
    assert query(url, "SELECT count(*) FROM alembic_version") == [(0,)]


def test_every_revision_after_the_first_has_rows_loaded_before_it():
    """Each revision runs on representative rows, so a data-losing upgrade cannot pass on empty tables."""
    assert sorted(set(REVISIONS[1:]) - set(ROWS_BEFORE)) == []
    assert set(ROWS_BEFORE) <= set(REVISIONS)


def test_each_upgrade_keeps_every_existing_row(url):
    """Rows loaded before each revision are still there after it, same values, backfills as documented."""
    problems = upgrade_step_by_step(url, REVISIONS, load_rows=True)
    assert not problems, "\n".join(problems)
    empty = sorted(table for table, rows in table_rows(url).items() if not rows)
    assert empty == [], f"the representative rows leave these tables empty: {empty}"


def test_rows_survive_downgrade_to_the_first_revision_and_back(url):
    """head -> first revision -> head keeps every row; only the columns the revisions drop lose their values."""
    assert not upgrade_step_by_step(url, REVISIONS, load_rows=True)
    at_head = table_rows(url)
    migrate(url, REVISIONS[0], down=True)
    problems = kept_rows_problems(at_head, table_rows(url), {}, f"downgrade to {REVISIONS[0]}")
    problems += upgrade_step_by_step(url, REVISIONS[1:], load_rows=False)
    assert not problems, "\n".join(problems)


def test_revision_files_pass_the_hygiene_checks():
    """Ids fit alembic_version, docstrings say what and why, no catalog-probing conditional DDL."""
    problems = check_revision_files([Path(script.path) for script in SCRIPTS])
    assert not problems, "\n".join(map(str, problems))


def test_hygiene_flags_a_revision_id_longer_than_32_characters(tmp_path):
    """alembic_version.version_num is varchar(32): a longer id fails only when the revision is stamped."""
    path = sample_revision(tmp_path, revision="0003_add_a_very_long_descriptive_name")
    assert [(p.rule, "37 characters" in p.message) for p in check_revision_file(path)] == [("revision-id", True)]


@pytest.mark.parametrize(
    "docstring",
    [
        None,
        '"""Add a column."""',
        '"""Add a column.\n\nRevision ID: 0003_x\nRevises: 0002_add_speaker_fields\nCreate Date: 2026-12-01\n"""',
    ],
    ids=["missing", "one line", "alembic template"],
)
def test_hygiene_flags_a_docstring_without_the_why(tmp_path, docstring):
    """A revision must say what it does and why; Alembic's bare template does not."""
    path = sample_revision(tmp_path, docstring=docstring)
    assert [p.rule for p in check_revision_file(path)] == ["docstring"]


@pytest.mark.parametrize(
    "statement",
    [
        'op.execute("DROP INDEX IF EXISTS speaker_x_idx")',
        'op.execute("ALTER TABLE speaker ADD COLUMN if not exists x text")',
        'op.create_index("speaker_x_idx", "speaker", ["x"], if_not_exists=True)',
        "enum_type.create(op.get_bind(), checkfirst=True)",
        'assert sa.inspect(op.get_bind()).has_table("speaker")',
        'op.execute("DO $$ BEGIN PERFORM 1 FROM pg_catalog.pg_class; END $$")',
        'op.execute("SELECT 1 FROM information_schema.columns")',
        "op.execute(\"SELECT to_regclass('speaker')\")",
    ],
)
def test_hygiene_flags_conditional_ddl(tmp_path, statement):
    """A revision states what it does: guessing at the catalog hides drift the parity check should see."""
    path = sample_revision(tmp_path, body=statement)
    assert [p.rule for p in check_revision_file(path)] == ["conditional-ddl"]


def test_hygiene_allows_probes_named_in_docstring_and_comments(tmp_path):
    """Explaining why a revision does not use IF EXISTS is not using it."""
    docstring = '"""Add speaker.x.\n\nNo IF EXISTS or has_table: the parity check catches drift."""'
    path = sample_revision(tmp_path, docstring=docstring, body="pass  # not DROP ... IF EXISTS")
    assert check_revision_file(path) == []


def sample_revision(
    tmp_path: Path,
    *,
    revision: str = "0003_sample",
    docstring: str | None = '"""Add speaker.x.\n\nWhy: the sample needs a reason."""',
    body: str = "pass",
) -> Path:
    """A revision file in `tmp_path`, good except where the arguments make it bad."""
    lines = [docstring or "", "from alembic import op", "import sqlalchemy as sa", f"revision = {revision!r}"]
    lines += ['down_revision = "0002_add_speaker_fields"', "", "def upgrade():", f"    {body}"]
    path = tmp_path / f"{revision}.py"
    path.write_text("\n".join(lines) + "\n")
    return path


def upgrade_step_by_step(url: str, revisions: list[str], *, load_rows: bool) -> list[str]:
    """Upgrade one revision at a time; every row before a step must be kept by it."""
    problems: list[str] = []
    for revision in revisions:
        if load_rows and revision in ROWS_BEFORE:
            query(url, ROWS_BEFORE[revision])
        before = table_rows(url)
        migrate(url, revision)
        transformed = TRANSFORMED_BY_UPGRADE.get(revision, {})
        problems += kept_rows_problems(before, table_rows(url), transformed, f"upgrade to {revision}")
        if revision in BACKFILL_VIOLATIONS:
            problems += [
                f"upgrade to {revision}: backfill wrong in {row}" for row in query(url, BACKFILL_VIOLATIONS[revision])
            ]
    return problems


def kept_rows_problems(before: Rows, after: Rows, transformed: dict, step: str) -> list[str]:
    """Rows of `before` missing in `after`, or changed in a column both states have (less `transformed`)."""
    problems = []
    for table in sorted(before.keys() & after.keys()):
        columns = _columns(before[table]) & _columns(after[table])
        columns -= {column for (name, column) in transformed if name == table}
        for key, row in sorted(before[table].items()):
            kept = after[table].get(key)
            if kept is None:
                problems.append(f"{step}: {table} row {key} is gone")
                continue
            changed = sorted(c for c in columns if row[c] != kept[c])
            problems += [f"{step}: {table} row {key}: {c} was {row[c]!r}, is {kept[c]!r}" for c in changed]
    return problems


def _columns(rows: dict[tuple, dict[str, Any]]) -> set[str]:
    return set(next(iter(rows.values()))) if rows else set()


def table_rows(url: str) -> Rows:
    """Every row of every table, keyed by primary key, values as `to_jsonb` renders them."""
    rows: Rows = {}
    for table, key_columns in query(url, PRIMARY_KEYS):
        assert None not in key_columns, f"table {table} has no primary key: rows cannot be matched"
        rows[table] = {
            tuple(row[c] for c in key_columns): row for (row,) in query(url, f'SELECT to_jsonb(t) FROM "{table}" AS t')
        }
    return rows


def snapshot(url: str) -> Snapshot:
    return snapshot_url(url, SnapshotOptions(data_tables=DATA_TABLES, data_keep_columns=KEEP))


def schema_differences(snapshots: dict[str, Snapshot]) -> str:
    """The parity engine's text report of the differences, or "" when the snapshots are equal."""
    differences = tuple(diff(snapshots))
    if not differences:
        return ""
    outcomes = tuple(SourceOutcome(name, name, snap) for name, snap in snapshots.items())
    return render_text(CheckResult(outcomes, differences))
