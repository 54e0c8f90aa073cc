"""`./opentr.sh check`, `stamp` and `status`: the parity engine on this project's databases."""

from __future__ import annotations

import pytest

from schemaparity.check import run_check
from schemaparity.pg.connect import server_major
from schemaparity.pg.servers import SERVER_URL_ENV
from schemaparity.sources import LiveSource, MigrationsSource
from tests.helpers import ALEMBIC_INI, migrate, query, second_server
from tests.opentr.helpers import run_cli

HEAD = "0002_add_speaker_fields"


@pytest.fixture(autouse=True)
def scratch_server(server_url, monkeypatch):
    monkeypatch.setenv(SERVER_URL_ENV, server_url)
    monkeypatch.setenv("APP_ENV", "development")


@pytest.fixture
def unstamped(databases, monkeypatch) -> str:
    """A database at head whose alembic_version was lost (as after a hand-made copy)."""
    url = databases.create("live")
    migrate(url, "head")
    query(url, "DELETE FROM alembic_version")
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_check_proves_the_project_identical():
    """The project's three sources and its Pydantic schemas agree: exit 0."""
    code, out, err = run_cli(["check"])
    assert code == 0, out + err
    assert out.startswith("identical: sql, models, migrations")


def test_check_json_is_the_documented_document():
    """--format json passes through to the engine and yields its versioned document."""
    code, out, _ = run_cli(["check", "--format", "json", "--only", "sql,migrations"])
    assert code == 0 and '"result": "identical"' in out and '"version": 1' in out


def test_stamp_stamps_a_database_whose_schema_is_head(unstamped):
    """A database identical to head gets stamped at head."""
    code, out, err = run_cli(["stamp"])
    assert code == 0, out + err
    assert f"at {HEAD}" in out
    assert query(unstamped, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_stamp_refuses_a_drifted_database_and_names_the_difference(unstamped):
    """A live schema that differs from head is not stamped: exit 2 and the object is named."""
    query(unstamped, "ALTER TABLE tag ADD COLUMN color text")
    code, out, _ = run_cli(["stamp"])
    assert code == 2
    assert "tag.color" in out and "not stamped" in out
    assert query(unstamped, "SELECT count(*) FROM alembic_version") == [(0,)]


def test_stamp_force_stamps_anyway_and_says_so(unstamped):
    """--force stamps a drifted database, after printing what differs."""
    query(unstamped, "ALTER TABLE tag ADD COLUMN color text")
    code, out, _ = run_cli(["stamp", "--force"])
    assert code == 0
    assert "tag.color" in out and "--force" in out
    assert query(unstamped, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_status_shows_revision_head_pending_and_schema_drift(databases, monkeypatch):
    """A database at 0001 is one revision behind: status names the pending one and the drift."""
    url = databases.create("status").replace("postgres@", "postgres:hunter2@")
    migrate(url, "0001_initial")
    monkeypatch.setenv("DATABASE_URL", url)
    code, out, _ = run_cli(["status"])
    assert code == 2
    assert "revision: 0001_initial" in out and f"head:     {HEAD}" in out and f"pending:  {HEAD}" in out
    assert "schema:   differs from head" in out and "speaker.display_name" in out
    assert "hunter2" not in out


def test_status_of_a_database_at_head(unstamped):
    """After stamping, nothing is pending and the schema matches."""
    assert run_cli(["stamp"])[0] == 0
    code, out, _ = run_cli(["status"])
    assert "pending:  none" in out and "schema:   matches head" in out


def test_live_database_on_another_major_version_is_refused_not_misreported(databases, server_url):
    """Catalogs of two majors differ by construction: the check says so instead of listing false drift."""
    second = second_server(major_unlike=server_url)
    if second is None:
        pytest.skip("needs a second PostgreSQL major version on 127.0.0.1:5432")
    live = databases.create("live")  # on the session's server
    migrate(live, "head")
    result = run_check([MigrationsSource(ALEMBIC_INI), LiveSource(live)], second)
    assert result.exit_code == 1 and not result.differences
    assert f"runs PostgreSQL {server_major(server_url)}" in result.errors[0]
    assert "SCHEMAPARITY_SERVER_URL" in result.errors[0]


def test_stamp_accepts_rows_that_users_added_to_the_reference_tables(unstamped):
    """A tag a user made is data, not drift: the live reference rows need only hold the reference rows."""
    query(unstamped, "INSERT INTO tag (name) VALUES ('Made by a user')")
    code, out, err = run_cli(["stamp"])
    assert code == 0, out + err
    assert query(unstamped, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_a_changed_reference_row_is_still_drift_in_a_live_database(unstamped):
    """The subset rule never hides a reference row that is missing or changed."""
    query(unstamped, "UPDATE tag SET name = 'Meetings' WHERE name = 'Meeting'")
    code, out, _ = run_cli(["stamp"])
    assert code == 2 and "rows of tag" in out
