"""The statement splitter that turns psql's error line into the failing statement."""

from __future__ import annotations

from schemaparity.pg.psql import split_statements
from tests.helpers import INIT_SQL


def test_splits_on_top_level_semicolons_only():
    """Semicolons in strings, identifiers, comments and dollar quotes do not end a statement."""
    sql = (
        "SELECT 'a;b', \"c;d\";\n"
        "-- a comment; still a comment\n"
        "/* block; /* nested; */ */ SELECT 1;\n"
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;\n"
        "SELECT E'it\\'s;';\n"
    )
    statements = split_statements(sql)
    assert [s.start_line for s in statements] == [1, 3, 4, 5]
    assert statements[2].text.endswith("$body$;")


def test_tracks_first_and_last_line_of_multiline_statements():
    """A statement spanning lines knows both ends (psql reports the last one)."""
    statements = split_statements("\n\nCREATE TABLE t (\n  a int\n);\nSELECT 1;")
    assert [(s.start_line, s.end_line) for s in statements] == [(3, 5), (6, 6)]


def test_init_db_sql_splits_into_whole_statements():
    """Every statement of the canonical file starts with a keyword and ends with a semicolon."""
    statements = split_statements(INIT_SQL.read_text())
    assert len(statements) > 40
    for statement in statements:
        assert statement.text.rstrip().endswith(";"), statement
        assert statement.text.split()[0].upper() in {"CREATE", "COMMENT", "INSERT"}, statement
