"""After a reset, the template's spare clone is made in the background; the next reset renames it into
place instead of cloning, but only a spare that nobody could have changed and that copies the current
template."""

from __future__ import annotations

import pytest
from psycopg2 import sql

from opentr.spare import SPARE_ENV, marker, spare_name
from opentr.template import template_name
from schemaparity.pg.urls import database_name, with_database
from tests.helpers import INIT_SQL, query
from tests.opentr.helpers import run_cli
from tests.waiting import wait_for


@pytest.fixture
def spares(monkeypatch) -> None:
    monkeypatch.setenv(SPARE_ENV, "1")


def _flags(url: str, name: str) -> tuple | None:
    """(allows connections, comment) of the database `name`, or None while there is none."""
    rows = query(
        url,
        "SELECT datallowconn, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        (name,),
    )
    return rows[0] if rows else None


def _spare(url: str) -> tuple | None:
    """The flags of the target's spare."""
    return _flags(url, spare_name(database_name(url)))


def _closed_spare_of(url: str, template: str) -> None:
    """Wait for the maker: a spare closed to connections, marked with the template it copies (a test ends
    only after it, so that its databases are dropped after the maker is done)."""
    wait_for(lambda: _spare(url) == (False, marker(template)), f"the spare clone of {template}")


def _tables(url: str) -> set[str]:
    return {name for (name,) in query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_the_next_reset_takes_the_spare_made_after_the_last(target_url, spares):
    template = template_name(INIT_SQL)
    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, out + err
    assert "took the spare" not in out
    _closed_spare_of(target_url, template)
    tables = _tables(target_url)

    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, out + err
    assert f"took the spare clone of template {template}" in out
    assert _tables(target_url) == tables and "media_file" in tables
    assert _flags(target_url, database_name(target_url)) == (True, None)
    _closed_spare_of(target_url, template)


def test_a_spare_someone_opened_is_not_used(target_url, spares):
    template = template_name(INIT_SQL)
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    _closed_spare_of(target_url, template)
    spare = spare_name(database_name(target_url))
    query(target_url, sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(spare)))
    query(with_database(target_url, spare), "CREATE TABLE intruder (id int)")

    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, out + err
    assert f"cloned template {template}" in out
    assert "intruder" not in _tables(target_url)
    _closed_spare_of(target_url, template)


def test_a_spare_of_an_older_sql_file_is_not_used(target_url, spares, sql_copy):
    sql_copy.write_text(sql_copy.read_text() + "\n-- a version no other test has built\n")
    old_template = template_name(sql_copy)
    assert run_cli(["reset", "dev", "--yes"])[0] == 0
    _closed_spare_of(target_url, old_template)

    sql_copy.write_text(sql_copy.read_text() + "\nCREATE TABLE added_since (id int);\n")
    code, out, err = run_cli(["reset", "dev", "--yes"])
    assert code == 0, out + err
    assert "took the spare" not in out
    assert "added_since" in _tables(target_url)
    _closed_spare_of(target_url, template_name(sql_copy))
