"""COPY ... FROM STDIN through the session's own driver connection, in its transaction.

Rows are encoded once, in PostgreSQL's text format, 64 KiB at a time, whichever driver
sends them (psycopg2's `copy_expert` for `Session`, psycopg 3's async `copy()` for
`AsyncSession`): memory stays flat however many rows a worker streams in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING

import psycopg.sql
import psycopg2.sql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.repositories.plan import Copy

CHUNK_SIZE = 1 << 16
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class CopyText:
    """Rows as COPY text-format chunks: an iterator for psycopg 3, a `read()` for psycopg2; counts rows."""

    def __init__(self, rows: Iterable[tuple]):
        self.count = 0
        self._chunks = self._encode(rows)

    def _encode(self, rows: Iterable[tuple]) -> Iterator[str]:
        lines: list[str] = []
        size = 0
        for row in rows:
            line = "\t".join("\\N" if value is None else str(value).translate(_ESCAPES) for value in row) + "\n"
            lines.append(line)
            size += len(line)
            self.count += 1
            if size >= CHUNK_SIZE:
                yield "".join(lines)
                lines, size = [], 0
        if lines:
            yield "".join(lines)

    def __iter__(self) -> Iterator[str]:
        return self._chunks

    def read(self, size: int = -1) -> str:
        return next(self._chunks, "")


def copy_statement(sql: ModuleType, copy: Copy):
    """`COPY "table" ("a", "b") FROM STDIN`, composed by the driver's own `sql` module."""
    columns = sql.SQL(", ").join(sql.Identifier(column) for column in copy.columns)
    return sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(copy.table), columns)


def copy_sync(session: Session, copy: Copy) -> int:
    """COPY on the psycopg2 connection under `session`; the number of rows sent."""
    driver = session.connection().connection.dbapi_connection
    text = CopyText(copy.rows)
    with driver.cursor() as cursor:
        cursor.copy_expert(copy_statement(psycopg2.sql, copy), text, size=CHUNK_SIZE)
    return text.count


async def copy_async(session: AsyncSession, copy: Copy) -> int:
    """COPY on the psycopg 3 connection under `session`; the number of rows sent."""
    raw = await (await session.connection()).get_raw_connection()
    text = CopyText(copy.rows)
    async with raw.driver_connection.cursor() as cursor, cursor.copy(copy_statement(psycopg.sql, copy)) as stream:
        for chunk in text:
            await stream.write(chunk)
    return text.count
