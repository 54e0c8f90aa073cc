"""The schema written three times (init_db.sql, the models, the revisions) is one schema.

Until the parity engine lands, the comparison is `pg_dump --schema-only` of the three
built databases, normalised, plus the reference rows. A drift test shows the check bites.
"""

from __future__ import annotations

import difflib
import re
import subprocess

import pytest
from sqlalchemy import create_engine

from app.models import Base
from schemaparity.embedded import pg_bin
from schemaparity.pgclient import libpq_env
from schemaparity.sqlfile import run_sql_file
from tests.helpers import INIT_SQL, migrate

REFERENCE_ROWS = (
    "SELECT name FROM tag ORDER BY name",
    "SELECT uuid, name, prompt_text, is_system, is_default, user_id FROM summary_prompt ORDER BY uuid",
)


def schema_dump(url: str) -> str:
    """The schema as pg_dump renders it, without alembic_version and the dump's own noise.

    Column position is not part of the schema (a revision can only append columns), so
    the lines inside each CREATE TABLE are sorted.
    """
    dump = subprocess.run(
        [str(pg_bin("pg_dump")), "--schema-only", "--no-owner", "--exclude-table=alembic_version"],
        env=libpq_env(url),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line for line in dump.splitlines() if line and not line.startswith("--")]
    lines = [line for line in lines if not re.match(r"\\(un)?restrict ", line)]
    return "\n".join(_sort_table_bodies(lines))


def _sort_table_bodies(lines: list[str]) -> list[str]:
    result: list[str] = []
    body: list[str] | None = None
    for line in lines:
        if body is not None and line.startswith(")"):
            result.extend(sorted(entry.rstrip(",") for entry in body))
            body = None
        if body is not None:
            body.append(line)
        else:
            result.append(line)
        if line.startswith("CREATE TABLE "):
            body = []
    return result


def reference_rows(url: str) -> list[list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [list(connection.exec_driver_sql(query)) for query in REFERENCE_ROWS]
    finally:
        engine.dispose()


def build_models(url: str) -> None:
    engine = create_engine(url)
    try:
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def built(session_databases) -> dict[str, str]:
    urls = {name: session_databases.create(name) for name in ("sql", "models", "migrations")}
    run_sql_file(urls["sql"], INIT_SQL)
    build_models(urls["models"])
    migrate(urls["migrations"], "head")
    return urls


def _diff(a: str, b: str, names: tuple[str, str]) -> str:
    return "\n".join(difflib.unified_diff(a.splitlines(), b.splitlines(), *names, lineterm="", n=1))


@pytest.mark.parametrize("other", ["models", "migrations"])
def test_source_has_the_same_schema_as_init_db_sql(built, other):
    """init_db.sql, the ORM models and `alembic upgrade head` give identical pg_dump output."""
    expected, actual = schema_dump(built["sql"]), schema_dump(built[other])
    assert expected == actual, _diff(expected, actual, ("init_db.sql", other))


@pytest.mark.parametrize("other", ["models", "migrations"])
def test_source_has_the_same_reference_rows(built, other):
    """Default tags and system prompts are the same rows in every source."""
    assert reference_rows(built[other]) == reference_rows(built["sql"])


def test_dump_comparison_catches_a_changed_column(built, databases, tmp_path):
    """The comparison is not vacuous: one changed varchar length in a copy shows up by name."""
    mutated = tmp_path / "init_db.sql"
    original = INIT_SQL.read_text()
    assert "language varchar(16)," in original
    mutated.write_text(original.replace("language varchar(16),", "language varchar(32),"))
    url = databases.create("drift")
    run_sql_file(url, mutated)
    diff = _diff(schema_dump(built["sql"]), schema_dump(url), ("init_db.sql", "mutated"))
    assert "+    language character varying(32)" in diff.splitlines()
