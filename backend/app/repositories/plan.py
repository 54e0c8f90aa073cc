"""Query construction written once, run by a `Session` or an `AsyncSession`.

A repository method is a *plan*: a generator that yields the steps it needs (a SQLAlchemy
statement, or a `Copy` of rows) and receives each step's result back. It never touches a
session, so one body serves sync callers (each step executed as it comes) and async ones
(each step awaited). Plans compose with `yield from`. An integrity error of any step
reaches the caller as the typed error of `app.repositories.errors`, never raw.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Iterable
from dataclasses import dataclass
from functools import update_wrapper
from typing import Any, Generic, TypeVar

from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from app.repositories.copy import copy_async, copy_sync
from app.repositories.errors import INTEGRITY_ERRORS, translate

T = TypeVar("T")


@dataclass(frozen=True)
class Copy:
    """`COPY table (columns) FROM STDIN` of `rows` (tuples, consumed lazily); its result is the row count."""

    table: str
    columns: tuple[str, ...]
    rows: Iterable[tuple]


Step = Executable | Copy
Plan = Generator[Step, Any, T]
# Rows read into objects the session already holds overwrite them: a plan sees what the database
# holds now, not what the identity map remembers from an earlier statement.
FRESH = {"execution_options": {"populate_existing": True}}


def run_sync(session: Session, plan: Plan[T]) -> T:
    """Drive `plan` on a sync session: each step runs as soon as it is yielded."""

    async def execute(step: Step) -> Result | int:  # never suspends: one send() runs it to the end
        return copy_sync(session, step) if isinstance(step, Copy) else session.execute(step, **FRESH)

    try:
        _drive(plan, execute).send(None)
    except StopIteration as done:
        return done.value
    raise RuntimeError("a sync step suspended")  # unreachable: nothing in execute() awaits


async def run_async(session: AsyncSession, plan: Plan[T]) -> T:
    """Drive `plan` on an async session: each step is awaited (results come back buffered)."""

    async def execute(step: Step) -> Result | int:
        return await (copy_async(session, step) if isinstance(step, Copy) else session.execute(step, **FRESH))

    return await _drive(plan, execute)


async def _drive(plan: Plan[T], execute: Callable[[Step], Awaitable[Result | int]]) -> T:
    """The one loop of both runners: send each step's result back until the plan returns."""
    outcome: Result | int | None = None
    while True:
        try:
            step = plan.send(outcome)
        except StopIteration as done:
            return done.value
        try:
            outcome = await execute(step)
        except INTEGRITY_ERRORS as error:
            raise translate(error) from error


class Planned:
    """Base of repositories and services: the injected session, and the runner that suits it."""

    def __init__(self, session: Session | AsyncSession):
        self.session = session

    def run(self, plan: Plan[T]) -> Any:
        """The plan's value for a `Session`; an awaitable of it for an `AsyncSession`."""
        if isinstance(self.session, AsyncSession):
            return run_async(self.session, plan)
        return run_sync(self.session, plan)


class planned(Generic[T]):
    """Turns a plan-building method into one that runs: `repo.get(1)` is the row (or, on an
    `AsyncSession`, an awaitable of it); `repo.get.plan(1)` is the plan, for `yield from`."""

    def __init__(self, build: Callable[..., Plan[T]]):
        self.build = build
        update_wrapper(self, build)

    def __get__(self, owner: Planned | None, cls: type | None = None) -> Any:
        return self if owner is None else BoundPlan(self.build, owner)


@dataclass(frozen=True)
class BoundPlan(Generic[T]):
    build: Callable[..., Plan[T]]
    owner: Planned

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.owner.run(self.plan(*args, **kwargs))

    def plan(self, *args: Any, **kwargs: Any) -> Plan[T]:
        return self.build(self.owner, *args, **kwargs)
