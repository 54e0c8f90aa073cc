"""Constant defaults compare by value, in the column's type: `0.0` and `'0'::double precision`,
`'{}'::jsonb` and `'{}'`, `'user'::user_role` and `'user'` are one default.

PostgreSQL keeps a default as the expression it was given, so two spellings of one
constant render differently. Each source's constant default is evaluated, cast to its
column's type, in that source's own database (read only, one query per source);
expressions that call a function (`now()`, `nextval(...)`) keep their rendered
comparison, and no default at all counts as NULL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from psycopg2 import sql

from schemaparity.diff import Difference
from schemaparity.pg.connect import connection
from schemaparity.snapshot import Snapshot

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
    bare = _CAST.sub("", _STRING.sub("''", expression))
    return not _CALL.search(bare)


def settle_constant_defaults(
    differences: Sequence[Difference], urls: Mapping[str, str], snapshots: Mapping[str, Snapshot]
) -> list[Difference]:
    """`differences` less the default differences whose constants are one value in every source."""
    candidates = [
        d
        for d in differences
        if d.kind == "column" and d.attribute == "default" and all(is_constant(value) for _, value in d.values)
    ]
    if not candidates:
        return list(differences)
    values = _evaluate(candidates, urls, snapshots)
    equal = {id(d) for d in candidates if len({values.get((source, id(d))) for source, _ in d.values} - {None}) == 1}
    return [d for d in differences if id(d) not in equal]


def _evaluate(candidates: Sequence[Difference], urls, snapshots) -> dict[tuple[str, int], str]:
    """(source, difference) -> the default's value as text (NULL for none); absent where it cannot be told."""
    found: dict[tuple[str, int], str] = {}
    for source in {source for d in candidates for source, _ in d.values}:
        wanted = [(d, dict(d.values)[source]) for d in candidates]
        if source not in urls:
            continue
        expressions = []
        for difference, expression in wanted:
            column = snapshots[source].by_key.get(difference.key)
            if column is None:
                break
            typed = sql.SQL("CAST(({}) AS {})::text").format(
                sql.SQL(expression or "NULL"), sql.SQL(column.detail("type"))
            )
            expressions.append(typed)
        else:
            try:
                with connection(urls[source], readonly=True) as conn, conn.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = '5s'")
                    cursor.execute(sql.SQL("SELECT {}").format(sql.SQL(", ").join(expressions)))
                    row = cursor.fetchone()
            except Exception:  # an expression that does not evaluate keeps its rendered comparison
                continue
            for (difference, _), value in zip(wanted, row, strict=True):
                found[(source, id(difference))] = NULL if value is None else value
    return found
