"""`./opentr.sh reset dev` and friends, called as plain functions with a real server."""

from __future__ import annotations

from schemaparity.pg.urls import database_name
from tests.helpers import query
from tests.opentr.helpers import old_copies_dropped, run_cli

HEAD = "0002_add_speaker_fields"


def test_reset_dev_builds_the_full_schema_stamped_at_head(target_url):
    """A reset database has the 14 tables, 4 enums, the view, the seed rows, and is at head."""
    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, err
    assert "tables 14, enum types 4, views 1, reference rows 6, revision 0002_add_speaker_fields" in out
    tables = query(target_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    assert [t for (t,) in tables if t != "alembic_version"] == sorted(
        [
            "analytics",
            "collection",
            "collection_member",
            "comment",
            "file_tag",
            "media_file",
            "speaker",
            "speaker_profile",
            "summary_prompt",
            "tag",
            "task",
            "transcript_segment",
            "user",
            "user_setting",
        ]
    )
    enums = query(target_url, "SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY 1")
    assert [e for (e,) in enums] == ["file_status", "task_status", "task_type", "user_role"]
    assert query(target_url, "SELECT viewname FROM pg_views WHERE schemaname = 'public'") == [("media_file_overview",)]
    assert query(target_url, "SELECT name FROM tag ORDER BY id") == [
        ("Meeting",),
        ("Interview",),
        ("Lecture",),
        ("Podcast",),
    ]
    assert query(target_url, "SELECT count(*) FROM summary_prompt WHERE is_system") == [(2,)]
    assert query(target_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_reset_replaces_existing_data(target_url):
    """A second reset starts from scratch: rows added in between are gone."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    query(target_url, "INSERT INTO tag (name) VALUES ('Scratch') RETURNING id")
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    assert query(target_url, "SELECT count(*) FROM tag WHERE name = 'Scratch'") == [(0,)]


def test_broken_sql_file_leaves_old_database_untouched(target_url, tmp_path, monkeypatch):
    """A failing init_db.sql reports file:line and PostgreSQL's message; the old data survives."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    old_copies_dropped(target_url)
    query(target_url, "INSERT INTO tag (name) VALUES ('Keep me') RETURNING id")
    broken = tmp_path / "database" / "init_db.sql"
    broken.parent.mkdir()
    broken.write_text("CREATE TABLE ok (id int);\n\nINSERT INTO\n  missing_table VALUES (1);\n")
    monkeypatch.setattr("opentr.target.INIT_SQL", broken)
    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 1
    assert f'{broken}:4: relation "missing_table" does not exist' in err
    assert "statement: INSERT INTO" in err
    assert query(target_url, "SELECT count(*) FROM tag WHERE name = 'Keep me'") == [(1,)]
    leftovers = query(target_url, f"SELECT datname FROM pg_database WHERE datname LIKE '{database_name(target_url)}%'")
    assert leftovers == [(database_name(target_url),)]
    assert (
        query(
            target_url,
            "SELECT datname FROM pg_database WHERE datname = %s",
            (f"{database_name(target_url)}__building",),
        )
        == []
    )


def test_reset_refuses_in_production(target_url, monkeypatch):
    """APP_ENV=production stops reset before it touches anything (exit 3)."""
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    query(target_url, "INSERT INTO tag (name) VALUES ('Keep me') RETURNING id")
    monkeypatch.setenv("APP_ENV", "production")
    code, _, err = run_cli(["reset", "dev", "--yes"])
    assert code == 3
    assert err == "refused: APP_ENV is production; reset dev never runs there\n"
    assert query(target_url, "SELECT count(*) FROM tag WHERE name = 'Keep me'") == [(1,)]


def test_migrate_brings_an_empty_database_to_head(target_url):
    """`migrate` runs every revision on an empty database."""
    code, out, err = run_cli(["migrate"])
    assert code == 0, err
    assert query(target_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_unknown_command_prints_help_and_exits_2():
    """A typo gets the command list, not a traceback."""
    code, out, err = run_cli(["rest", "dev"])
    assert code == 2
    assert "unknown command 'rest'" in err and "reset dev" in err


def test_password_is_hidden_in_output(databases, monkeypatch):
    """The target is printed with its password masked."""
    url = databases.create("pw").replace("postgres@", "postgres:s3cr%40t@")
    monkeypatch.setenv("DATABASE_URL", url)
    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, err  # trust auth ignores the password; the URL still carries one
    assert "s3cr" not in out + err and "***" in out
