"""scripts/db_inspect.py and scripts/query_tags.py against a real database."""

from __future__ import annotations

import importlib.util
import io

import pytest

from tests.helpers import PROJECT_ROOT, query


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tagged_db(sql_db) -> str:
    query(
        sql_db,
        """
        INSERT INTO "user" (email, hashed_password) VALUES ('a@example.com', 'h');
        INSERT INTO media_file (user_id, filename, storage_path, file_size, content_type)
            SELECT id, 'standup.wav', '/m/1', 1, 'audio/wav' FROM "user";
        INSERT INTO file_tag (media_file_id, tag_id)
            SELECT mf.id, t.id FROM media_file mf, tag t WHERE t.name = 'Meeting';
        """,
    )
    return sql_db


def _run(module, argv):
    out, err = io.StringIO(), io.StringIO()
    return module.main(argv, out, err), out.getvalue(), err.getvalue()


def test_db_inspect_shows_tables_rows_revision_and_hidden_password(tagged_db):
    """The report lists every table with its row count, the revision at head, no password."""
    url = tagged_db.replace("postgres@", "postgres:topsecret@")
    code, out, _ = _run(_load("db_inspect"), ["--url", url])
    assert code == 0
    assert "topsecret" not in out and "***" in out
    assert "0002_add_speaker_fields (head 0002_add_speaker_fields; at head)" in out
    rows = {line.split()[0]: int(line.split()[1]) for line in out.splitlines()[4:] if line.strip()}
    assert rows["tag"] == 4 and rows["media_file"] == 1 and rows["summary_prompt"] == 2
    assert len(rows) == 15  # 14 tables and alembic_version


def test_query_tags_counts_files_per_tag(tagged_db):
    """Each tag with the number of files carrying it, most used first."""
    code, out, _ = _run(_load("query_tags"), ["--url", tagged_db])
    assert code == 0
    assert out.splitlines()[0].split() == ["Meeting", "1"]


def test_query_tags_lists_files_of_a_tag_case_insensitively(tagged_db):
    """--tag matches names regardless of case, as the unique index does."""
    code, out, _ = _run(_load("query_tags"), ["--url", tagged_db, "--tag", "meeting"])
    assert code == 0
    assert "1 file(s) tagged 'meeting'" in out and "standup.wav" in out


def test_query_tags_lists_orphans(tagged_db):
    """--orphans names the tags no file uses."""
    code, out, _ = _run(_load("query_tags"), ["--url", tagged_db, "--orphans"])
    assert "3 tag(s) on no file: Interview, Lecture, Podcast" in out


def test_hostile_tag_name_is_a_bound_parameter(tagged_db):
    """A tag name that is SQL is only ever a value: the tag table survives."""
    code, out, _ = _run(_load("query_tags"), ["--url", tagged_db, "--tag", "x'; DROP TABLE tag;--"])
    assert code == 1 and "no tag named" in out
    code, out, _ = _run(_load("query_tags"), ["--url", tagged_db])
    assert code == 0 and "Meeting" in out
