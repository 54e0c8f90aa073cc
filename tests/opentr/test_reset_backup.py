"""`migrate --backup`, `restore FILE` and `reset dev --seed-demo` on a real server."""

from __future__ import annotations

from pathlib import Path

import pytest

from opentr.marker import MARKER_TABLE
from schemaparity.pg.urls import database_name
from tests.helpers import query
from tests.opentr.helpers import run_cli

DEMO_COUNTS = (
    'SELECT (SELECT count(*) FROM "user"), (SELECT count(*) FROM media_file), '
    "(SELECT count(*) FROM speaker), (SELECT count(*) FROM transcript_segment), (SELECT count(*) FROM file_tag)"
)


@pytest.fixture
def backups(tmp_path, monkeypatch) -> Path:
    """Where `migrate --backup` writes (`OPENTR_DATA_DIR` points at a temporary directory)."""
    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "backups"


def _backup(backups: Path) -> Path:
    code, out, err = run_cli(["migrate", "--backup"])
    assert code == 0, err
    (dump,) = backups.glob("*.dump")
    assert f"to {dump} (" in out and "KiB)" in out
    return dump


def test_seed_demo_loads_a_user_with_files_speakers_segments_and_tags(target_url):
    """--seed-demo gives a database to try the app with; the reference rows stay as they are."""
    code, out, err = run_cli(["reset", "dev", "--seed-demo", "--yes"])
    assert code == 0, err
    assert "loaded demo data from database/demo_data.sql" in out
    assert query(target_url, DEMO_COUNTS) == [(1, 3, 4, 6, 4)]
    assert query(target_url, "SELECT count(*) FROM tag") == [(4,)]
    overview = query(target_url, "SELECT filename, segment_count, speaker_count FROM media_file_overview ORDER BY 1")
    assert overview == [("lecture-intro.mp4", 0, 0), ("podcast-episode-12.m4a", 3, 2), ("weekly-standup.mp3", 3, 2)]


def test_backup_then_restore_round_trips_rows(target_url, backups):
    """A dump written by `migrate --backup` brings back every row after a reset wiped them."""
    assert run_cli(["reset", "dev", "--seed-demo", "--yes"])[0] == 0
    query(target_url, "INSERT INTO tag (name) VALUES ('Only in the backup') RETURNING id")
    dump = _backup(backups)
    assert dump.name.startswith(f"{database_name(target_url)}-") and dump.name.endswith("Z.dump")
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    assert query(target_url, DEMO_COUNTS) == [(0, 0, 0, 0, 0)]
    code, out, err = run_cli(["restore", str(dump), "--yes"])
    assert code == 0, err
    assert "tables 14, enum types 4, views 1" in out
    assert query(target_url, DEMO_COUNTS) == [(1, 3, 4, 6, 4)]
    assert query(target_url, "SELECT count(*) FROM tag WHERE name = 'Only in the backup'") == [(1,)]
    assert query(target_url, "SELECT datname FROM pg_database WHERE datname LIKE '%\\_\\_restoring'") == []


def test_restore_is_guarded_like_reset(target_url, backups):
    """Without --yes and a terminal, restore refuses (exit 3) a target holding data and changes nothing."""
    assert run_cli(["reset", "dev", "--seed-demo", "--yes"])[0] == 0
    dump = _backup(backups)
    query(target_url, "INSERT INTO tag (name) VALUES ('Added after the backup') RETURNING id")
    code, _, err = run_cli(["restore", str(dump)])
    assert code == 3
    assert "pass --yes" in err
    assert query(target_url, "SELECT count(*) FROM tag WHERE name = 'Added after the backup'") == [(1,)]


def test_a_broken_dump_leaves_the_database_untouched(target_url, tmp_path):
    """pg_restore failing is one line (exit 1); the side database is dropped and the old one stays."""
    assert run_cli(["reset", "dev", "--seed-demo", "--yes"])[0] == 0
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP this is not an archive")
    code, _, err = run_cli(["restore", str(broken), "--yes"])
    assert code == 1
    assert err.startswith("error: pg_restore ") and "cannot read broken.dump" in err
    assert err.endswith("; nothing was changed\n")
    assert query(target_url, DEMO_COUNTS) == [(1, 3, 4, 6, 4)]
    assert query(target_url, "SELECT datname FROM pg_database WHERE datname LIKE '%\\_\\_restoring'") == []


def test_restoring_a_production_dump_drops_its_marker(target_url, backups, databases, monkeypatch):
    """A production dump restored on a development target is no longer marked production."""
    monkeypatch.setenv("APP_ENV", "production")
    assert run_cli(["migrate"])[0] == 0
    dump = _backup(backups)
    monkeypatch.setenv("APP_ENV", "development")
    copy = databases.create("copy")
    monkeypatch.setenv("DATABASE_URL", copy)
    code, out, err = run_cli(["restore", str(dump)])
    assert code == 0, err
    assert "removed the dump's production marker (opentr_metadata)" in out
    assert query(copy, f"SELECT count(*) FROM {MARKER_TABLE}") == [(0,)]
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
