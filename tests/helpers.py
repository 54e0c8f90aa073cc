"""Helpers every test package shares (fixtures live in conftest.py); nothing of the application."""

from __future__ import annotations

from pathlib import Path

from schemaparity.pg.connect import connect

PROJECT_ROOT = Path(__file__).resolve().parents[1]
INIT_SQL = PROJECT_ROOT / "database" / "init_db.sql"
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
PYPROJECT = PROJECT_ROOT / "pyproject.toml"
CASES = Path(__file__).resolve().parent / "cases"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUMMARY = "summary"  # a test's `record_property` key for lines the run prints at its end (from any worker)


def as_in_the_foreground() -> None:
    """`preexec_fn` of a child a test sends Ctrl-C: SIGINT reaches it as in a terminal's foreground, even
    when the suite itself was started in the background (a shell's `&` ignores SIGINT, and children
    inherit that)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def query(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    """Run one statement (or several) in autocommit; the rows of the last, if it returns any."""
    conn = connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement, params or None)
            return cursor.fetchall() if cursor.description else []
    finally:
        conn.close()


def migrate(url: str, revision: str, *, down: bool = False, alembic_ini: Path = ALEMBIC_INI) -> None:
    """`alembic upgrade|downgrade revision` on `url` through a handed-in connection."""
    from schemaparity.pg.migrate import run_alembic

    run_alembic("downgrade" if down else "upgrade", revision, url, alembic_ini)


def second_server(major_unlike: str | None = None) -> str | None:
    """The machine's own PostgreSQL on 127.0.0.1:5432 when one answers (never required), optionally only
    when its major version differs from the server behind `major_unlike`."""
    from schemaparity.pg.connect import server_major

    url = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
    try:
        major = server_major(url)
    except Exception:
        return None
    if major_unlike is not None and major == server_major(major_unlike):
        return None
    return url
