"""Counting the statements a piece of code sends: the test and the bench that prove a listing
costs the same number of round trips whatever its page size (no N+1)."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine


class StatementCount:
    """`with StatementCount(engine) as counted: ...` then `counted.count`, `counted.statements`.

    Every cursor execution through the engine counts once (an executemany too); COPY sent
    on the driver connection does not pass SQLAlchemy and is not counted.
    """

    def __init__(self, engine: Engine | AsyncEngine):
        self.engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
        self.statements: list[str] = []

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __enter__(self) -> StatementCount:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc_info: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)
