"""Helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import io

import psycopg2

from app.db.migrations import run_alembic
from app.ops.target import PROJECT_ROOT
from schemaparity.pgclient import connect_kwargs

INIT_SQL = PROJECT_ROOT / "database" / "init_db.sql"


def migrate(url: str, revision: str, *, down: bool = False) -> None:
    """`alembic upgrade|downgrade revision` on `url` through a handed-in connection."""
    run_alembic("downgrade" if down else "upgrade", revision, url)


def query(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    """Run one statement (or several) in autocommit; the rows of the last, if it returns any."""
    connection = psycopg2.connect(**connect_kwargs(url))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement, params or None)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.close()


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`./opentr.sh ARGV` in-process: exit code, stdout, stderr."""
    from app.ops.cli import run

    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()
