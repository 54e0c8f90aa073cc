"""Identifiers and literals of generated SQL, quoted as PostgreSQL's own quote_ident() and quote_literal() do.

The keywords that need quoting are read from the server (`pg_get_keywords()`), once per
plan; a name is left bare only when it is lower case, plain and not such a keyword, so
the revision reads like hand-written SQL and is still exact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_PLAIN = re.compile(r"^[a-z_][a-z0-9_$]*$")


@dataclass(frozen=True)
class Names:
    keywords: frozenset[str]

    @classmethod
    def of(cls, cursor) -> Names:
        cursor.execute("SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'")
        return cls(frozenset(word for (word,) in cursor.fetchall()))

    def ident(self, name: str) -> str:
        if _PLAIN.match(name) and name not in self.keywords:
            return name
        return '"' + name.replace('"', '""') + '"'

    def qualified(self, schema: str | None, name: str) -> str:
        """`name` alone in public (as pg_catalog renders the default schema), `schema.name` elsewhere."""
        if schema in (None, "public"):
            return self.ident(name)
        return f"{self.ident(schema)}.{self.ident(name)}"


def literal(value: Any) -> str:
    """A SQL literal for a JSON value of a row (NULL, booleans, numbers, text, and JSON as text)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return "'" + text.replace("'", "''") + "'"
