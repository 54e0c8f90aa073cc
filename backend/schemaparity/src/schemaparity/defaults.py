"""Constant defaults compare by value, in the column's type: `0.0` and `'0'::double precision`,
`'{}'::jsonb` and `'{}'`, `'user'::user_role` and `'user'` are one default.

PostgreSQL keeps a default as the expression it was given, so two spellings of one
constant render differently. The snapshot evaluates every constant default of a
database, cast to its column's type, in one read-only query (`default_value`); the diff
then compares the values and shows the expressions as written. Expressions that call a
function (`now()`, `nextval(...)`) keep their rendered comparison; no default at all
counts as NULL.
"""

from __future__ import annotations

import re

from psycopg2 import sql

_STRING = re.compile(r"'(?:[^']|'')*'")
_CAST = re.compile(
    r'::\s*(?:"[^"]+"|[A-Za-z_][\w.]*)(?:\s+(?:precision|varying|with(?:out)?\s+time\s+zone))*'
    r"(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s*\[\])*"
)
_CALL = re.compile(r"[A-Za-z_][\w.]*\s*\(")
NULL = "NULL"


def is_constant(expression: str | None) -> bool:
    """True for a literal, possibly cast (and for no default at all)."""
    if expression is None:
        return True
    return not _CALL.search(_CAST.sub("", _STRING.sub("''", expression)))


def default_value(details: dict) -> str | None:
    """The value a column's default gives, as text (NULL for none); None when it is not a constant."""
    if details.get("default") is None:
        return NULL
    return details.get("default_value")


def evaluate_constant_defaults(cursor, defaults: list[tuple[str, str]]) -> list[str | None]:
    """The text value of each (expression, type), evaluated in the database behind `cursor`; None where it
    does not evaluate. One query for all; one savepoint each only if that query fails."""
    if not defaults:
        return []
    typed = [sql.SQL("CAST(({}) AS {})::text").format(sql.SQL(expr), sql.SQL(type_)) for expr, type_ in defaults]
    try:
        return [NULL if value is None else value for value in _select(cursor, typed)]
    except Exception:
        values = []
        for expression in typed:
            try:
                (value,) = _select(cursor, [expression])
                values.append(NULL if value is None else value)
            except Exception:
                values.append(None)
        return values


def _select(cursor, expressions: list[sql.Composable]) -> tuple:
    cursor.execute("SAVEPOINT schemaparity_defaults")
    try:
        cursor.execute(sql.SQL("SELECT {}").format(sql.SQL(", ").join(expressions)))
        row = cursor.fetchone()
    except Exception:
        cursor.execute("ROLLBACK TO SAVEPOINT schemaparity_defaults")
        raise
    cursor.execute("RELEASE SAVEPOINT schemaparity_defaults")
    return row
