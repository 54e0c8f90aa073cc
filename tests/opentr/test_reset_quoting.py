"""Hostile passwords and database names go through reset, backup and restore intact and unseen."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from psycopg2 import sql
from sqlalchemy.engine import make_url

from opentr.target import data_dir
from schemaparity.pg.connect import admin_connection, drop_database
from schemaparity.pg.urls import with_database
from tests.helpers import query
from tests.opentr.helpers import old_copies_dropped, run_cli

PASSWORD = "p@ss%w:rd/x?y#z"
HOSTILE_NAME = 'x"; DROP TABLE tag;--'


def _server_log(server_url: str) -> Path | None:
    """The embedded test server's log (`<data dir>/postgres.log`), when the suite runs on one."""
    if os.environ.get("SCHEMAPARITY_SERVER_URL"):
        return None
    (data_directory,) = query(server_url, "SHOW data_directory")[0]
    log = Path(data_directory).parent / "postgres.log"
    return log if log.is_file() else None


@pytest.fixture
def role_url(databases, monkeypatch, tmp_path) -> str:
    """A CREATEDB role whose password holds @, %, :, / and ?, as the target's user; dropped afterwards."""
    role = f"pw_{uuid.uuid4().hex[:8]}"
    with admin_connection(databases.server_url) as admin, admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD %s").format(sql.Identifier(role)), (PASSWORD,))
    parsed = make_url(databases.server_url).set(username=role, password=PASSWORD, database=f"{role}_db")
    url = parsed.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("APP_ENV", "development")
    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path / "data"))
    yield url
    old_copies_dropped(url)
    with admin_connection(databases.server_url) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datdba = to_regrole(%s)", (role,))
        for (name,) in cursor.fetchall():
            cursor.execute(sql.SQL("ALTER DATABASE {} IS_TEMPLATE false").format(sql.Identifier(name)))
            drop_database(admin, name)
        cursor.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_password_with_reserved_characters_works_and_never_shows(role_url, databases):
    """Reset, seed, backup and restore all connect with the password, and no output or log shows it."""
    log = _server_log(databases.server_url)
    log_before = log.stat().st_size if log else 0
    outputs = []
    for argv in (["reset", "dev"], ["reset", "dev", "--seed-demo", "--yes"], ["migrate", "--backup"]):
        code, out, err = run_cli(argv)
        assert code == 0, err
        outputs.append(out + err)
    (dump,) = (data_dir() / "backups").glob("*.dump")
    code, out, err = run_cli(["restore", str(dump), "--yes"])
    assert code == 0, err
    outputs.append(out + err)
    assert query(role_url, "SELECT count(*) FROM media_file") == [(3,)]
    escaped = role_url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    logged = log.read_bytes()[log_before:].decode(errors="replace") if log else ""
    for secret in (PASSWORD, escaped, "p@ss"):
        assert not any(secret in text for text in [*outputs, logged]), secret


def test_hostile_database_name_is_quoted_everywhere(databases, sql_db, monkeypatch, tmp_path):
    """A database named `x"; DROP TABLE tag;--` is reset, backed up and restored under that exact name only."""
    query(sql_db, "INSERT INTO tag (name) VALUES ('Elsewhere') RETURNING id")
    before = query(sql_db, "SELECT count(*) FROM tag")
    url = with_database(databases.server_url, HOSTILE_NAME)
    databases.created.append(HOSTILE_NAME)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("APP_ENV", "development")
    monkeypatch.setenv("OPENTR_DATA_DIR", str(tmp_path / "data"))
    for argv in (["reset", "dev"], ["reset", "dev", "--seed-demo", "--yes"], ["migrate", "--backup"]):
        code, out, err = run_cli(argv)
        assert code == 0, err
    (dump,) = (data_dir() / "backups").glob("x___DROP_TABLE_tag_--*.dump")
    code, out, err = run_cli(["restore", str(dump), "--yes"])
    assert code == 0, err
    assert query(url, "SELECT current_database(), count(*) FROM tag") == [(HOSTILE_NAME, 4)]
    assert query(url, "SELECT count(*) FROM media_file") == [(3,)]
    assert query(sql_db, "SELECT count(*) FROM tag") == before
    old_copies_dropped(url)  # by a psql of its own, the name quoted there too
    assert query(url, "SELECT count(*) FROM pg_database WHERE starts_with(datname, 'x\"')") == [(1,)]


def test_another_roles_template_is_not_cloned(role_url, databases, monkeypatch):
    """A clone's tables belong to the template's owner, so a role never clones another role's template."""
    monkeypatch.setenv("DATABASE_URL", databases.create("superuser"))
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    monkeypatch.setenv("DATABASE_URL", role_url)
    code, out, err = run_cli(["reset", "dev"])
    assert code == 0, err
    owner = make_url(databases.server_url).username
    assert f"belongs to role {owner}; not used" in out
    role = make_url(role_url).username
    assert query(role_url, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'") == [(role,)]
